import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { RunContext } from '../../src/context';
import { silentLogger } from '../../src/context';
import type { GitHubContext } from '../../src/github/context';

/** A throwaway project folder with the given files. */
export function tempProject(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'rollgate-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

export function testContext(cwd: string, github?: GitHubContext, env: Record<string, string> = {}): RunContext {
  return {
    cwd,
    env: { PATH: process.env.PATH, ...env },
    now: () => new Date('2026-11-22T12:00:00Z'),
    log: silentLogger,
    signal: new AbortController().signal,
    ...(github ? { github } : {}),
  };
}
