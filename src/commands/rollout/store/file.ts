/**
 * The state on a local file, for local use, the demo and scripted scenarios.
 * Compare-and-swap through a lock file (O_EXCL) around "re-read, compare,
 * rename": concurrent processes on one machine serialize, and the loser sees
 * a conflict instead of overwriting.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { UserError } from '../../../errors';
import { writeFileAtomic } from '../../../io/atomic-write';
import { parseState, serializeState } from './parse-state';
import { StateConflict, type Loaded, type RolloutStore } from './types';

/** A lock older than this was left by a killed process. */
const STALE_LOCK_MS = 30_000;

function readText(file: string, shown: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code === 'EISDIR' || code === 'EACCES') throw new UserError(`cannot read the rollout state: ${code === 'EISDIR' ? 'it is a folder; give a file path' : 'permission denied'}`, { file: shown });
    throw error;
  }
}

function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

async function withLock<T>(lock: string, body: () => T): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      try {
        if (Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) rmSync(lock, { force: true });
      } catch {
        // Removed by its owner meanwhile: try again.
      }
      if (attempt > 2000) throw new UserError(`the state lock ${lock} has been held for over 10 s; if no rollgate run is active, delete it and run again`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
  try {
    return body();
  } finally {
    rmSync(lock, { force: true });
  }
}

export function fileStore(file: string, displayName: string): RolloutStore {
  return {
    where: `file ${displayName}`,
    async load(): Promise<Loaded> {
      const text = readText(file, displayName);
      return text === null ? { state: null, version: null } : { state: parseState(text, displayName), version: hashOf(text) };
    },
    async save(state, version) {
      const text = serializeState(state);
      return withLock(`${file}.lock`, () => {
        const current = readText(file, displayName);
        const currentVersion = current === null ? null : hashOf(current);
        if (currentVersion !== version) throw new StateConflict(`file ${displayName}`);
        writeFileAtomic(file, text);
        return hashOf(text);
      });
    },
  };
}
