/**
 * Scans the file list on worker threads, in batches handed out as workers
 * finish, with a watchdog. A regular expression can backtrack for minutes
 * on one line, and a running RegExp cannot be interrupted on its own thread;
 * a worker can be terminated. So every worker beats a heartbeat in shared
 * memory before each file and each pattern, and one that stops beating for
 * `patternTimeoutMs` is terminated and the rule named, in a message that
 * says how to fix it. The whole run is bounded by that one timeout.
 *
 * From source (tests, development) there is no worker bundle, and the scan
 * runs on this thread without the watchdog.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RuleConfig } from '../schema';
import { scanBatch, type BatchResult } from './read-files';

/** A pattern that ran past the timeout on one file; the caller turns it into a UserError at the rule's line. */
export class StuckPatternError extends Error {
  constructor(
    readonly ruleIndex: number,
    readonly rule: RuleConfig,
    readonly file: string,
    readonly seconds: number,
  ) {
    super(`the pattern ${JSON.stringify(rule.pattern)} ran for more than ${seconds} s on ${file} without finishing, so it backtracks catastrophically. Rewrite it without nested or overlapping quantifiers, such as (a+)+ or (\\w|\\d)*, or anchor it to a literal`);
  }
}

export interface PoolOptions {
  root: string;
  files: readonly string[];
  rules: readonly RuleConfig[];
  maxFileSize: number;
  patternTimeoutMs: number;
  /** Default: one per core, at most 4, and fewer for a small tree. */
  threads?: number;
}

const BATCH = 256;
/** Below this many files per thread, starting one costs more than it saves. */
const FILES_PER_THREAD = 1500;

function workerEntry(): string | undefined {
  try {
    const file = join(dirname(fileURLToPath(import.meta.url)), 'legacy-lint-worker', 'index.js');
    return existsSync(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

export async function scanFiles(options: PoolOptions): Promise<BatchResult> {
  const entry = workerEntry();
  if (!entry) return scanBatch(options.root, options.files, options.rules, options.maxFileSize);
  const threads = Math.max(1, Math.min(options.threads ?? Math.min(availableParallelism(), 4), Math.ceil(options.files.length / FILES_PER_THREAD)));
  const { Worker } = await import('node:worker_threads');
  const total: BatchResult = { matches: [], skipped: { binary: 0, large: 0, symlinks: 0, unreadable: 0 }, parseErrors: [] };
  const batches: Array<readonly string[]> = [];
  for (let i = 0; i < options.files.length; i += BATCH) batches.push(options.files.slice(i, i + BATCH));
  const results: BatchResult[] = new Array(batches.length);
  let next = 0;

  await new Promise<void>((resolve, reject) => {
    let running = 0;
    let failed = false;
    const workers: Array<InstanceType<typeof Worker>> = [];
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      clearInterval(watchdog);
      for (const w of workers) void w.terminate();
      reject(error);
    };
    const states: Array<{ slots: Int32Array; batch: number; beat: number; since: number }> = [];
    const watchdog = setInterval(() => {
      const now = Date.now();
      states.forEach((state) => {
        if (state.batch < 0) return;
        const beat = Atomics.load(state.slots, 2);
        if (beat !== state.beat) {
          state.beat = beat;
          state.since = now;
          return;
        }
        if (now - state.since < options.patternTimeoutMs) return;
        const file = batches[state.batch]![Atomics.load(state.slots, 0)] ?? '(unknown file)';
        const ruleIndex = Atomics.load(state.slots, 1);
        const rule = options.rules[ruleIndex];
        fail(rule ? new StuckPatternError(ruleIndex, rule, file, options.patternTimeoutMs / 1000) : new Error(`a scanning worker stalled for ${options.patternTimeoutMs / 1000} s on ${file}`));
      });
    }, Math.min(250, options.patternTimeoutMs / 4));

    const feed = (index: number) => {
      const worker = workers[index]!;
      const state = states[index]!;
      if (next >= batches.length) {
        state.batch = -1;
        worker.postMessage(null);
        return;
      }
      state.batch = next++;
      state.since = Date.now();
      worker.postMessage(batches[state.batch]);
    };
    for (let k = 0; k < threads; k++) {
      const progress = new SharedArrayBuffer(12);
      const worker = new Worker(entry, { workerData: { root: options.root, rules: options.rules, maxFileSize: options.maxFileSize, progress } });
      workers.push(worker);
      states.push({ slots: new Int32Array(progress), batch: -1, beat: 0, since: Date.now() });
      running++;
      worker.on('message', (result: BatchResult) => {
        results[states[k]!.batch] = result;
        feed(k);
      });
      worker.once('error', fail);
      worker.once('exit', (code) => {
        running--;
        if (failed) return;
        if (code !== 0) return fail(new Error(`a scanning worker exited with code ${code}`));
        if (running === 0) {
          clearInterval(watchdog);
          resolve();
        }
      });
      feed(k);
    }
  });

  for (const r of results) {
    total.matches.push(...r.matches);
    total.parseErrors.push(...r.parseErrors);
    for (const key of Object.keys(total.skipped) as Array<keyof BatchResult['skipped']>) total.skipped[key] += r.skipped[key];
  }
  return total;
}
