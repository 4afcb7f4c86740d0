/** The flagd-file provider committing through the Contents API of the GitHub test server. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Octokit } from '@octokit/rest';
import { createProvider, ProviderUnavailableError } from '../../../src/commands/rollout/providers';
import { silentLogger } from '../../../src/context';
import { UserError } from '../../../src/errors';
import { createClient } from '../../../src/github/client';
import { startGitHubServer, type GitHubTestServer } from '../../github-server';
import { providerContext, write } from './context';
import { FLAG, asWritten, definitions, evaluate, flagdConfig, keys } from './flagd-fixtures';

const OWNER = 'acme';
const REPO = 'web';
const FILE = 'flags/flags.flagd.json';

let server: GitHubTestServer;
beforeAll(async () => {
  server = await startGitHubServer();
});
afterEach(() => server.reset());
afterAll(() => server.close());

function seed(document: unknown = definitions(), path = FILE) {
  const repo = server.state.addRepo(OWNER, REPO);
  server.state.putFile(OWNER, REPO, path, asWritten(document));
  return repo;
}

function fileOnServer(path = FILE, branch = 'main'): string | undefined {
  const repo = server.state.getRepo(OWNER, REPO)!;
  return server.state.headOf(repo, branch).files.get(path)?.toString('utf8');
}

async function client(token = 'test-write-token'): Promise<Octokit> {
  return createClient({ token, baseUrl: server.url, log: silentLogger, maxRetries: 1, retryBaseMs: 1 });
}

const contentsCalls = () => server.requests.filter((request) => request.path.startsWith(`/repos/${OWNER}/${REPO}/contents/`)).map((r) => `${r.method} ${r.status}`);

describe('flagd-file provider: GitHub Contents API', () => {
  it('commits the edit with the reason in the message, counts its requests, and a repeat makes no commit', async () => {
    seed();
    const provider = await createProvider(flagdConfig(), providerContext({ client: await client() }));
    const outcome = await provider.set(write(5));
    expect(outcome).toMatchObject({ changed: true, githubRequests: 2 });
    expect(outcome.detail).toMatch(/^acme\/web:flags\/flags\.flagd\.json: "new-checkout" fractional on 5 \/ off 95 \(committed [0-9a-f]{7}\); flagd-core: \d+\/10000 keys on/);
    expect(contentsCalls()).toEqual(['GET 200', 'PUT 200']);

    const text = fileOnServer()!;
    expect(JSON.parse(text).flags[FLAG].targeting).toEqual({ fractional: [['on', 5], ['off', 95]] });
    expect(text.endsWith('\n')).toBe(true);
    const put = server.requests.find((request) => request.method === 'PUT');
    expect((put?.body as { message: string }).message).toBe('rollout: new-checkout in production to 5%\n\nstage at 5%\n\nRolled-out ref: refs/tags/v1.4.0');
    const on = evaluate(text, FLAG, keys(10_000).map((targetingKey) => ({ targetingKey }))).filter((v) => v === 'on').length;
    expect(on).toBeGreaterThan(350);
    expect(on).toBeLessThan(650);

    server.requests.length = 0;
    const again = await provider.set(write(5));
    expect(again).toMatchObject({ changed: false, githubRequests: 1 });
    expect(contentsCalls()).toEqual(['GET 200']);
  });

  it('a concurrent commit between read and write is a 409: re-read, re-apply, and keep both edits', async () => {
    seed();
    const github = await client();
    let raced = false;
    github.hook.before('request', (options) => {
      if (options.method !== 'PUT' || raced) return;
      raced = true;
      // Someone turns dark-mode's targeting off while Rollgate is mid-write.
      const edited = definitions();
      delete edited.flags['dark-mode']!.targeting;
      server.state.putFile(OWNER, REPO, FILE, asWritten(edited), { message: 'dark-mode: no targeting' });
    });
    const provider = await createProvider(flagdConfig(), providerContext({ client: github }));
    const outcome = await provider.set(write(10));
    expect(outcome).toMatchObject({ changed: true, githubRequests: 4 });
    expect(contentsCalls()).toEqual(['GET 200', 'PUT 409', 'GET 200', 'PUT 200']);
    const text = JSON.parse(fileOnServer()!);
    expect(text.flags[FLAG].targeting).toEqual({ fractional: [['on', 10], ['off', 90]] });
    expect(text.flags['dark-mode'].targeting).toBeUndefined();
  });

  it('a second conflict in a row gives up without writing: the next tick tries again', async () => {
    seed();
    server.fail({ method: 'PUT', path: /\/contents\//, status: 409, times: 2 });
    const provider = await createProvider(flagdConfig(), providerContext({ client: await client() }));
    const error = await provider.set(write(10)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect((error as Error).message).toBe('acme/web:flags/flags.flagd.json changed again while Rollgate was committing (GitHub answered 409 twice); nothing was written, the next tick tries again');
    expect(fileOnServer()).toBe(asWritten(definitions()));
  });

  it('{environment} paths and a configured branch', async () => {
    const repo = seed(definitions(), 'flags/staging.flagd.json');
    server.state.setBranch(OWNER, REPO, 'flags');
    const provider = await createProvider(flagdConfig({ path: 'flags/{environment}.flagd.json', branch: 'flags' }), providerContext({ client: await client() }));
    const outcome = await provider.set(write(50, 'staging'));
    expect(outcome.detail).toMatch(/^acme\/web:flags\/staging\.flagd\.json@flags: /);
    expect(JSON.parse(fileOnServer('flags/staging.flagd.json', 'flags')!).flags[FLAG].targeting).toEqual({ fractional: [['on', 50], ['off', 50]] });
    expect(fileOnServer('flags/staging.flagd.json', repo.defaultBranch)).toBe(asWritten(definitions()));
  });

  it('a missing file and a read-only token are user errors that say what to fix', async () => {
    const repo = server.state.addRepo(OWNER, REPO);
    const missing = await createProvider(flagdConfig(), providerContext({ client: await client() }));
    await expect(missing.set(write(5))).rejects.toThrow('acme/web:flags/flags.flagd.json does not exist');

    server.state.putFile(OWNER, REPO, FILE, asWritten(definitions()), { branch: repo.defaultBranch });
    const readOnly = await createProvider(flagdConfig(), providerContext({ client: await client('test-fork-token') }));
    const error = await readOnly.set(write(5)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(/^GitHub answered 403 while committing acme\/web:flags\/flags\.flagd\.json: .*The token needs contents: write/);

    const outside = await createProvider(flagdConfig({ path: '../other/flags.json' }), providerContext({ client: await client() }));
    await expect(outside.set(write(5))).rejects.toThrow('provider.path "../other/flags.json" must be inside the repository');
  });
});
