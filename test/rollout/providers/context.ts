/** A ProviderContext for tests: a temp checkout, a fixed clock, no waiting between retries, and the log kept. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { Octokit } from '@octokit/rest';
import type { ProviderContext } from '../../../src/commands/rollout/providers/types';

export const NOW = new Date('2026-11-29T12:00:00.000Z');

export interface TestContext extends ProviderContext {
  warnings: string[];
  sleeps: number[];
}

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A fresh temp folder, removed after the test. */
export function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'rollgate-provider-'));
  folders.push(folder);
  return folder;
}

export function providerContext(options: { cwd?: string; env?: Record<string, string | undefined>; client?: Octokit; owner?: string; repo?: string } = {}): TestContext {
  const warnings: string[] = [];
  const sleeps: number[] = [];
  return {
    cwd: options.cwd ?? tempFolder(),
    signal: new AbortController().signal,
    log: { info() {}, debug() {}, warn: (message) => warnings.push(message) },
    env: options.env ?? {},
    github: options.client
      ? { owner: options.owner ?? 'acme', repo: options.repo ?? 'web', sha: 'a'.repeat(40), eventName: 'workflow_dispatch', serverUrl: 'https://github.com', apiUrl: 'http://127.0.0.1', client: options.client }
      : undefined,
    now: () => NOW,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    warnings,
    sleeps,
  };
}

export const write = (percent: number, environment = 'production', flag = 'new-checkout') => ({
  flag,
  environment,
  percent,
  reason: `stage at ${percent}%`,
  ref: 'refs/tags/v1.4.0',
});
