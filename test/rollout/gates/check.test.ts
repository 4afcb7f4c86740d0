import type { Octokit } from '@octokit/rest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readCheck } from '../../../src/commands/rollout/gates/check';
import type { GateReadContext } from '../../../src/commands/rollout/gates/types';
import { silentLogger } from '../../../src/context';
import { createClient } from '../../../src/github/client';
import type { GitHubContext } from '../../../src/github/context';
import { startGitHubServer, type GitHubTestServer } from '../../github-server';
import { client as rawClient } from '../../github-server/test-support';
import { userError } from './support';

const OWNER = 'acme';
const REPO = 'web';
const RELEASE = 'b'.repeat(40);
const OTHER = 'c'.repeat(40);

let server: GitHubTestServer;
let client: Octokit;
beforeAll(async () => {
  server = await startGitHubServer();
  client = await createClient({ token: 'test-write-token', baseUrl: server.url, log: silentLogger, maxRetries: 1, retryBaseMs: 1 });
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
  server.state.addRepo(OWNER, REPO);
  server.state.addCommit(OWNER, REPO, RELEASE);
  server.state.setBranch(OWNER, REPO, 'release/2.4', OTHER);
});

function github(withClient = true): GitHubContext {
  return { owner: OWNER, repo: REPO, sha: RELEASE, eventName: 'workflow_dispatch', serverUrl: 'https://github.com', apiUrl: server.url, ...(withClient ? { client } : {}) };
}

function context(overrides: Partial<GateReadContext> = {}): GateReadContext {
  return { cwd: '.', signal: new AbortController().signal, log: silentLogger, env: {}, github: github(), ref: RELEASE, ...overrides };
}

type Conclusion = 'success' | 'failure' | 'cancelled' | 'timed_out' | 'action_required' | 'neutral' | 'skipped';

/**
 * A check run as a CI app would post it, through the API. A plain Octokit: the
 * project's client spaces writes a second apart, as GitHub asks of real apps.
 */
async function postRun(name: string, sha: string, result: { conclusion: Conclusion } | { status: 'queued' | 'in_progress' }): Promise<void> {
  await rawClient(server).request('POST /repos/{owner}/{repo}/check-runs', { owner: OWNER, repo: REPO, name, head_sha: sha, ...result });
}


describe('check gate', () => {
  it('reads success as 1, on the rolled-out ref by default', async () => {
    await postRun('ci / test', RELEASE, { conclusion: 'success' });
    expect(await readCheck('tests', { name: 'ci / test' }, context())).toEqual({ observed: 1, query: `check ci / test on ${RELEASE}` });
    const listed = server.requests.find((request) => request.path === `/repos/${OWNER}/${REPO}/commits/${RELEASE}/check-runs`);
    expect(listed?.query).toMatchObject({ check_name: 'ci / test', filter: 'latest' });
  });

  it('reads failure, cancelled, timed_out and action_required as 0', async () => {
    for (const conclusion of ['failure', 'cancelled', 'timed_out', 'action_required'] as const) {
      await postRun(`ci / ${conclusion}`, RELEASE, { conclusion });
      expect(await readCheck('tests', { name: `ci / ${conclusion}` }, context())).toEqual({ observed: 0, query: `check ci / ${conclusion} on ${RELEASE}` });
    }
  });

  it('gives no data for neutral and skipped: neither a pass nor a failure', async () => {
    for (const conclusion of ['neutral', 'skipped'] as const) {
      await postRun(`ci / ${conclusion}`, RELEASE, { conclusion });
      expect(await readCheck('tests', { name: `ci / ${conclusion}` }, context())).toEqual({
        observed: null,
        query: `check ci / ${conclusion} on ${RELEASE}`,
        note: `check run "ci / ${conclusion}" on ${RELEASE} concluded ${conclusion}, neither a pass nor a failure`,
      });
    }
  });

  it('gives no data while the check is missing or still running', async () => {
    await postRun('ci / other', RELEASE, { conclusion: 'success' });
    expect(await readCheck('tests', { name: 'ci / test' }, context())).toMatchObject({ observed: null, note: `no check run named "ci / test" on ${RELEASE} (yet)` });
    await postRun('ci / test', RELEASE, { status: 'in_progress' });
    expect(await readCheck('tests', { name: 'ci / test' }, context())).toMatchObject({ observed: null, note: `check run "ci / test" on ${RELEASE} is in progress` });
  });

  it('reads the latest run of the name: a re-run replaces the earlier result', async () => {
    await postRun('ci / test', RELEASE, { conclusion: 'failure' });
    await postRun('ci / test', RELEASE, { conclusion: 'success' });
    expect(await readCheck('tests', { name: 'ci / test' }, context())).toMatchObject({ observed: 1 });
    await postRun('ci / test', RELEASE, { status: 'queued' });
    expect(await readCheck('tests', { name: 'ci / test' }, context())).toMatchObject({ observed: null, note: `check run "ci / test" on ${RELEASE} is queued` });
  });

  it('reads check.ref when the gate names one (a branch here)', async () => {
    await postRun('ci / test', OTHER, { conclusion: 'failure' });
    await postRun('ci / test', RELEASE, { conclusion: 'success' });
    expect(await readCheck('tests', { name: 'ci / test', ref: 'release/2.4' }, context())).toEqual({ observed: 0, query: 'check ci / test on release/2.4' });
  });

  it('needs a token, and a ref', async () => {
    expect((await userError(readCheck('tests', { name: 'ci / test' }, context({ github: github(false) })))).message).toBe(
      'gate "tests" reads the check run "ci / test" and needs a GitHub token with checks: read (the action\'s token input; on the CLI, GITHUB_TOKEN and GITHUB_REPOSITORY)',
    );
    expect((await userError(readCheck('tests', { name: 'ci / test' }, context({ github: undefined })))).message).toMatch(/needs a GitHub token/);
    expect((await userError(readCheck('tests', { name: 'ci / test' }, context({ ref: null })))).message).toBe(
      'gate "tests": no ref to read the check run "ci / test" on; set check.ref, or start the rollout with --ref',
    );
  });

  it('refuses a ref or a repository GitHub does not know', async () => {
    expect((await userError(readCheck('tests', { name: 'ci / test', ref: 'v9.9.9' }, context()))).message).toMatch(/^gate "tests": acme\/web has no commit, branch or tag "v9\.9\.9" \(422: /);
    const elsewhere = { ...github(), repo: 'missing' };
    expect((await userError(readCheck('tests', { name: 'ci / test' }, context({ github: elsewhere })))).message).toBe(
      "gate \"tests\": acme/missing was not found, or the token cannot read its check runs (404); check GITHUB_REPOSITORY and the token's checks: read permission",
    );
  });

  it('gives no data with a note when GitHub keeps failing', async () => {
    await postRun('ci / test', RELEASE, { conclusion: 'success' });
    server.serverError({ path: `/repos/${OWNER}/${REPO}/commits/${RELEASE}/check-runs`, status: 502, times: 5 });
    const reading = await readCheck('tests', { name: 'ci / test' }, context());
    expect(reading.observed).toBeNull();
    expect(reading.note).toMatch(new RegExp(`^GitHub API: could not list check runs on ${RELEASE}: 502 `));
  });
});
