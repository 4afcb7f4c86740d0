/**
 * The same scenarios with the state in the repository (Contents API,
 * compare-and-swap), stages as deployments, the flag in a flagd file
 * committed through the API, and a check-run gate, against the GitHub API
 * test server. Plus twenty concurrent ticks: exactly one transition.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubServer, type GitHubTestServer } from '../../github-server';
import { cli } from '../../helpers/cli';
import { assertBuilt, distCli, runProcess } from '../../integration/run-dist';
import { tempProject } from '../../helpers/workspace';
import { at, FLAGD_FILE, GITHUB_PLAN as PLAN } from './support';

const RELEASE = 'c0ffee'.padEnd(40, '0');

let server: GitHubTestServer;
beforeAll(async () => {
  server = await startGitHubServer();
});
afterAll(async () => {
  await server.close();
});

function seed() {
  server.reset();
  server.state.addRepo('acme', 'shop');
  server.state.putFile('acme', 'shop', 'flags/flags.json', FLAGD_FILE);
  server.state.addCommit('acme', 'shop', RELEASE);
  const pull = server.state.addPullRequest('acme', 'shop', { title: 'Checkout v2', head: { ref: 'checkout-v2', sha: RELEASE } });
  return pull.number;
}

async function checkRun(conclusion: 'success' | 'failure') {
  const response = await fetch(`${server.url}/repos/acme/shop/check-runs`, {
    method: 'POST',
    headers: { authorization: 'token test-write-token', 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'smoke-tests', head_sha: RELEASE, status: 'completed', conclusion }),
  });
  expect(response.status).toBe(201);
}

function repoFile(path: string): string | undefined {
  const repo = server.state.getRepo('acme', 'shop')!;
  return server.state.headOf(repo, repo.defaultBranch).files.get(path)?.toString('utf8');
}

/** The "on" weight of the flag's fractional split in the committed flagd file. */
function committedPercent(): number | undefined {
  const flag = JSON.parse(repoFile('flags/flags.json')!).flags['checkout-v2'];
  const split = flag.targeting?.fractional as unknown[] | undefined;
  const on = split?.find((entry): entry is [string, number] => Array.isArray(entry) && entry[0] === 'on');
  return on?.[1];
}

function deployments() {
  return [...server.state.deployments.values()].sort((a, b) => a.id - b.id);
}

describe('rollout scenarios on the GitHub backend', () => {
  let dir: string;
  let env: Record<string, string>;
  let pullNumber: number;
  beforeEach(() => {
    pullNumber = seed();
    dir = tempProject({ '.rollgate/rollout.yml': PLAN });
    env = {
      GITHUB_REPOSITORY: 'acme/shop',
      GITHUB_TOKEN: 'test-write-token',
      GITHUB_API_URL: server.url,
      GITHUB_SHA: RELEASE,
      GITHUB_RUN_ID: '4242',
      GITHUB_EVENT_NAME: 'workflow_dispatch',
    };
  });
  const metrics = (errorRate: number) => writeFileSync(join(dir, 'metrics.json'), JSON.stringify({ errorRate }));
  const run = async (action: string, minutes: number, ...extra: string[]) => {
    const out = await cli(['rollout', '--action', action, '--now', at(minutes), '--json', ...extra], { cwd: dir, env });
    return { ...out, result: out.stdout ? JSON.parse(out.stdout) : undefined };
  };

  it('progresses with the state in the repository and one success deployment per stage', async () => {
    metrics(0.0002);
    await checkRun('success');
    const started = await run('start', 0, '--ref', RELEASE);
    expect(started.code, started.stderr).toBe(0);
    expect(committedPercent()).toBe(1);
    const state = JSON.parse(repoFile('.rollgate/state/checkout-v2.json')!);
    expect(state).toMatchObject({ status: 'progressing', stage: 0, ref: RELEASE, commit: RELEASE });

    const held = await run('tick', 30);
    expect(held.result).toMatchObject({ action: 'held', percent: 1 });
    expect(held.result.gates).toEqual([
      expect.objectContaining({ name: 'error-rate', status: 'pass', observed: 0.0002 }),
      expect.objectContaining({ name: 'smoke-tests', status: 'pass', observed: 1 }),
    ]);
    // State GET + PUT and the check gate.
    expect(held.result.githubRequests).toBe(3);
    expect(held.result.flagWrites).toEqual([]);

    const mark = server.requests.length;
    const advanced = await run('tick', 61);
    // State GET + PUT, flag file GET + PUT, deployment + its status: six; the check gate reads one more.
    expect(server.requests.slice(mark).map((r) => `${r.method} ${r.path.replace(/\/\d+\//, '/ID/')}`)).toEqual([
      'GET /repos/acme/shop/contents/.rollgate%2Fstate%2Fcheckout-v2.json',
      `GET /repos/acme/shop/commits/${RELEASE}/check-runs`,
      'PUT /repos/acme/shop/contents/.rollgate%2Fstate%2Fcheckout-v2.json',
      'GET /repos/acme/shop/contents/flags%2Fflags.json',
      'PUT /repos/acme/shop/contents/flags%2Fflags.json',
      'POST /repos/acme/shop/deployments',
      'POST /repos/acme/shop/deployments/ID/statuses',
    ]);
    expect(advanced.result).toMatchObject({ action: 'advanced', percent: 5 });
    expect(advanced.result.githubRequests).toBe(7);
    expect(committedPercent()).toBe(5);
    const completed = await run('tick', 182);
    expect(completed.result).toMatchObject({ action: 'completed', percent: 100, state: 'completed' });
    expect(committedPercent()).toBe(100);

    const all = deployments();
    expect(all.map((d) => [d.environment, d.task, (d.payload as { percent: number }).percent, d.statuses.at(-1)?.state])).toEqual([
      ['production', 'rollout', 1, 'success'],
      ['production', 'rollout', 5, 'success'],
      ['production', 'rollout', 100, 'success'],
    ]);
    expect(all[0]!.statuses.at(-1)).toMatchObject({ logUrl: expect.stringContaining('/acme/shop/actions/runs/4242') });
  });

  it('a hold, missing data and one breach then recovery never move the flag', async () => {
    metrics(0.0002);
    await run('start', 0, '--ref', RELEASE);
    // No check run yet: no data, held without counting.
    const waiting = await run('tick', 10);
    expect(waiting.result).toMatchObject({ action: 'held', consecutiveBreaches: 0 });
    expect(waiting.result.gates[1]).toMatchObject({ name: 'smoke-tests', status: 'no-data' });
    await checkRun('success');
    metrics(0.002);
    expect((await run('tick', 20)).result).toMatchObject({ action: 'held', consecutiveBreaches: 1 });
    metrics(0.0002);
    expect((await run('tick', 30)).result).toMatchObject({ action: 'held', consecutiveBreaches: 0, percent: 1 });
    expect(committedPercent()).toBe(1);
    expect(deployments()).toHaveLength(1);
  });

  it('two breaches roll back: flag at 0%, deployments failure/inactive, a comment on the pull request with the values', async () => {
    metrics(0.0002);
    await checkRun('success');
    await run('start', 0, '--ref', RELEASE);
    await run('tick', 61);
    metrics(0.004);
    await run('tick', 70);
    const rolled = await run('tick', 80);
    expect(rolled.code).toBe(1);
    expect(rolled.result).toMatchObject({ action: 'rolled-back', percent: 0 });
    expect(committedPercent()).toBe(0);
    expect(deployments().map((d) => d.statuses.at(-1)?.state)).toEqual(['inactive', 'failure']);
    const comments = [...server.state.comments.values()].filter((c) => c.issueNumber === pullNumber);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('Rollout of `checkout-v2` rolled back');
    expect(comments[0]!.body).toContain('| error-rate | breach | 0.004 | max 0.001 |');
    expect(rolled.result.github).toContain(`rollback comment on pull request #${pullNumber}`);
  });

  it('a critical value rolls back within one tick, and comments on the commit when no pull request has it', async () => {
    server.reset();
    server.state.addRepo('acme', 'shop');
    server.state.putFile('acme', 'shop', 'flags/flags.json', FLAGD_FILE);
    server.state.addCommit('acme', 'shop', RELEASE);
    metrics(0.0002);
    await checkRun('success');
    await run('start', 0, '--ref', RELEASE);
    metrics(0.2);
    const rolled = await run('tick', 5);
    expect(rolled.result).toMatchObject({ action: 'rolled-back', percent: 0 });
    expect(committedPercent()).toBe(0);
    const comments = [...server.state.commitComments.values()];
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('critical value on error-rate 0.2 (critical 0.01)');
  });

  it('pause, resume and abort through the repository state', async () => {
    metrics(0.0002);
    await checkRun('success');
    await run('start', 0, '--ref', RELEASE);
    expect((await run('pause', 10)).result).toMatchObject({ state: 'paused' });
    expect((await run('tick', 90)).result).toMatchObject({ action: 'none', percent: 1 });
    expect((await run('resume', 95)).result).toMatchObject({ action: 'resumed', nextCheckAfter: at(155) });
    const aborted = await run('abort', 100);
    expect(aborted.result).toMatchObject({ action: 'aborted', percent: 0 });
    expect(committedPercent()).toBe(0);
    expect(deployments().map((d) => d.statuses.at(-1)?.state)).toEqual(['inactive']);
  });

  it('twenty concurrent ticks make exactly one transition, one deployment and one flag commit', async () => {
    metrics(0.0002);
    await checkRun('success');
    await run('start', 0, '--ref', RELEASE);
    const flagCommits = () => server.requests.filter((r) => r.method === 'PUT' && r.path.endsWith('/contents/flags%2Fflags.json') && r.status < 300).length;
    const before = flagCommits();
    // Twenty separate processes (as twenty jobs would be), a second apart, all
    // after the hold: each would advance on its own.
    assertBuilt();
    const results = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const out = await runProcess(process.execPath, [distCli, 'rollout', 'tick', '--now', at(61 + i / 60), '--json'], { PATH: process.env.PATH, ...env }, dir);
        return { ...out, result: out.stdout ? JSON.parse(out.stdout) : undefined };
      }),
    );
    const actions = results.map((r) => r.result?.action);
    expect(results.every((r) => r.code === 0), results.map((r) => r.stderr).join('\n')).toBe(true);
    expect(actions.filter((a) => a === 'advanced')).toHaveLength(1);
    expect(actions.filter((a) => a !== 'advanced' && a !== 'held' && a !== 'none')).toEqual([]);
    expect(deployments()).toHaveLength(2);
    expect(flagCommits() - before).toBe(1);
    expect(committedPercent()).toBe(5);
    const state = JSON.parse(repoFile('.rollgate/state/checkout-v2.json')!);
    expect(state.history.filter((h: { action: string }) => h.action === 'advanced')).toHaveLength(1);
    expect(results.some((r) => r.result.conflicts > 0)).toBe(true);
  }, 60_000);

  it('a raise that lands after a rollback (a racing tick) is undone by the rolling-back run', async () => {
    metrics(0.0002);
    await checkRun('success');
    await run('start', 0, '--ref', RELEASE);
    await run('tick', 61);
    expect(committedPercent()).toBe(5);
    const fivePercent = repoFile('flags/flags.json')!;
    metrics(0.2);
    const rolling = run('tick', 70);
    // Wait for the rollback's flag commit, then land a late write of 5% as a racing advance would.
    const deadline = Date.now() + 20_000;
    while (committedPercent() !== 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(committedPercent()).toBe(0);
    server.state.putFile('acme', 'shop', 'flags/flags.json', fivePercent, { message: 'a racing tick writes 5%' });
    const rolled = await rolling;
    expect(rolled.result).toMatchObject({ action: 'rolled-back', percent: 0 });
    expect(committedPercent()).toBe(0);
    expect(rolled.result.warnings.join('\n')).toContain('a concurrent run raised the flag after this run lowered it; it is back at 0% in production');
  });
});
