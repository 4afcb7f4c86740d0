import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProvider } from '../../../src/commands/rollout/providers';
import type { PercentFileConfig } from '../../../src/commands/rollout/providers/file';
import { providerSchema } from '../../../src/commands/rollout/providers/schema';
import { silentLogger } from '../../../src/context';
import { UserError } from '../../../src/errors';
import { createClient } from '../../../src/github/client';
import { startGitHubServer, type GitHubTestServer } from '../../github-server';
import { providerContext, tempFolder, write } from './context';

const config = (path = 'rollout/percents.json', fields: Record<string, unknown> = {}) => providerSchema.parse({ type: 'file', path, ...fields }) as PercentFileConfig;
const readJson = (cwd: string, path = 'rollout/percents.json') => readFileSync(join(cwd, path), 'utf8');

describe('file provider', () => {
  it('creates the file when there is none, as 2-space JSON with a final newline', async () => {
    const cwd = tempFolder();
    const provider = await createProvider(config(), providerContext({ cwd }));
    const outcome = await provider.set(write(5));
    expect(outcome).toEqual({ changed: true, detail: 'rollout/percents.json: new-checkout.production = 5 (written)', githubRequests: 0 });
    expect(readJson(cwd)).toBe('{\n  "new-checkout": {\n    "production": 5\n  }\n}\n');
    // Atomic write: no temp file left beside it.
    expect(readdirSync(join(cwd, 'rollout'))).toEqual(['percents.json']);
  });

  it('changes one number and keeps every other flag, environment and key; the same percent again is no change', async () => {
    const cwd = tempFolder();
    mkdirSync(join(cwd, 'rollout'));
    const before = { $comment: 'managed by rollgate', 'new-checkout': { staging: 100, production: 1 }, 'dark-mode': { production: 50 } };
    writeFileSync(join(cwd, 'rollout/percents.json'), JSON.stringify(before));
    const provider = await createProvider(config(), providerContext({ cwd }));

    expect((await provider.set(write(25))).changed).toBe(true);
    expect(JSON.parse(readJson(cwd))).toEqual({ ...before, 'new-checkout': { staging: 100, production: 25 } });
    const text = readJson(cwd);
    const again = await provider.set(write(25));
    expect(again).toMatchObject({ changed: false, detail: 'rollout/percents.json: new-checkout.production = 25 (unchanged)' });
    expect(readJson(cwd)).toBe(text);
  });

  it('{environment} in the path gives each environment its file', async () => {
    const cwd = tempFolder();
    const provider = await createProvider(config('flags/{environment}.json'), providerContext({ cwd }));
    await provider.set(write(10, 'eu'));
    await provider.set(write(20, 'us'));
    expect(JSON.parse(readJson(cwd, 'flags/eu.json'))).toEqual({ 'new-checkout': { eu: 10 } });
    expect(JSON.parse(readJson(cwd, 'flags/us.json'))).toEqual({ 'new-checkout': { us: 20 } });
  });

  it('refuses a file of another shape, naming the file and what it expected', async () => {
    const cwd = tempFolder();
    mkdirSync(join(cwd, 'rollout'));
    const provider = await createProvider(config(), providerContext({ cwd }));
    writeFileSync(join(cwd, 'rollout/percents.json'), '[1, 2]');
    await expect(provider.set(write(5))).rejects.toThrow('rollout/percents.json: expected an object { "<flag>": { "<environment>": percent } }, found an array');
    writeFileSync(join(cwd, 'rollout/percents.json'), '{ "new-checkout": 5 }');
    const error = await provider.set(write(5)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe('rollout/percents.json: "new-checkout" must be an object { "<environment>": percent }, found number');
    expect((error as UserError).location).toEqual({ file: 'rollout/percents.json', path: 'new-checkout' });
  });

  describe('through the Contents API', () => {
    let server: GitHubTestServer;
    beforeAll(async () => {
      server = await startGitHubServer();
    });
    afterAll(() => server.close());

    it('creates the file with a commit, then updates it with the blob sha', async () => {
      const repo = server.state.addRepo('acme', 'web');
      const client = await createClient({ token: 'test-write-token', baseUrl: server.url, log: silentLogger, retryBaseMs: 1 });
      const provider = await createProvider(config(), providerContext({ client }));
      const created = await provider.set(write(1));
      expect(created).toMatchObject({ changed: true, githubRequests: 2 });
      expect(created.detail).toMatch(/^acme\/web:rollout\/percents\.json: new-checkout\.production = 1 \(committed [0-9a-f]{7}\)$/);
      await provider.set(write(5));
      const onServer = server.state.headOf(repo, repo.defaultBranch).files.get('rollout/percents.json')!.toString('utf8');
      expect(onServer).toBe('{\n  "new-checkout": {\n    "production": 5\n  }\n}\n');
      expect(server.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['GET 404', 'PUT 201', 'GET 200', 'PUT 200']);
    });
  });
});
