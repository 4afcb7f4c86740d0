/**
 * Issue #6, section 7: how long from a critical breach to the flag at 0%,
 * inside one tick, and how many GitHub API requests each kind of tick makes.
 *
 * Each round: a rollout at 5% with its state in the repository (Contents
 * API), the flag in a flagd file in the repository, one file gate and one
 * check-run gate. A critical value appears; one `node dist/cli.js rollout
 * tick` process runs, as the cron job would. The clock starts when the
 * process is spawned and stops when the test server has committed the flag
 * file at 0% (polled every millisecond in this process, which hosts the
 * server). Node's own start-up is part of it, as it is in a workflow.
 *
 * Run: npm run bench (or npx vitest run --config bench/rollout/vitest.config.ts)
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { startGitHubServer } from '../../test/github-server';
import { repoRoot } from '../../test/helpers/fixtures';
import { tempProject } from '../../test/helpers/workspace';
import { at, FLAGD_FILE, GITHUB_PLAN as PLAN } from '../../test/rollout/scenarios/support';

const ROUNDS = Number(process.env.ROUNDS ?? 10);
const CLI = join(repoRoot, 'dist', 'cli.js');
const RELEASE = 'be7c4'.padEnd(40, '0');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

it('critical breach to 0%, and GitHub requests per tick', async () => {
  const server = await startGitHubServer();
  const env = { PATH: process.env.PATH, GITHUB_REPOSITORY: 'acme/shop', GITHUB_TOKEN: 'test-write-token', GITHUB_API_URL: server.url, GITHUB_SHA: RELEASE, GITHUB_RUN_ID: '1', GITHUB_EVENT_NAME: 'schedule' };
  const run = (dir: string, args: string[]) =>
    new Promise<{ code: number; ms: number; stdout: string }>((resolve) => {
      const started = performance.now();
      const child = spawn(process.execPath, [CLI, 'rollout', ...args, '--json'], { cwd: dir, env });
      let stdout = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.on('close', (code) => resolve({ code: code ?? -1, ms: performance.now() - started, stdout }));
    });
  const requestsOf = async (dir: string, args: string[]) => {
    const before = server.requests.length;
    const out = await run(dir, args);
    return { ...out, requests: server.requests.slice(before).map((r) => `${r.method} ${r.path.replace(/\/\d+\//, '/ID/')}`) };
  };

  const breach: Array<{ toZeroMs: number; processMs: number; inRunMs: number }> = [];
  let perTick: Record<string, string[]> = {};
  for (let round = 0; round < ROUNDS; round++) {
    server.reset();
    server.state.addRepo('acme', 'shop');
    server.state.putFile('acme', 'shop', 'flags/flags.json', FLAGD_FILE);
    server.state.addCommit('acme', 'shop', RELEASE);
    server.state.addPullRequest('acme', 'shop', { title: 'Checkout v2', head: { ref: 'checkout-v2', sha: RELEASE } });
    await fetch(`${server.url}/repos/acme/shop/check-runs`, {
      method: 'POST',
      headers: { authorization: 'token test-write-token', 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'smoke-tests', head_sha: RELEASE, status: 'completed', conclusion: 'success' }),
    });
    const dir = tempProject({ '.rollgate/rollout.yml': PLAN, 'metrics.json': '{"errorRate": 0.0002}' });
    const start = await requestsOf(dir, ['start', '--ref', RELEASE, '--now', at(0)]);
    const holdAfterChange = await requestsOf(dir, ['tick', '--now', at(10)]);
    const hold = await requestsOf(dir, ['tick', '--now', at(20)]);
    const advance = await requestsOf(dir, ['tick', '--now', at(61)]);
    await run(dir, ['tick', '--now', at(70)]);
    writeFileSync(join(dir, 'metrics.json'), '{"errorRate": 0.2}');

    // The breach: poll the server for the flag commit at 0%.
    const before = server.requests.length;
    let zeroAt = 0;
    const spawned = performance.now();
    const poll = setInterval(() => {
      if (zeroAt) return;
      const put = server.requests.slice(before).find((r) => r.method === 'PUT' && r.path.endsWith('flags%2Fflags.json') && r.status === 200);
      if (put) zeroAt = performance.now();
    }, 1);
    const rollback = await run(dir, ['tick', '--now', at(80)]);
    clearInterval(poll);
    const result = JSON.parse(rollback.stdout);
    if (result.action !== 'rolled-back' || !zeroAt) throw new Error(`round ${round}: expected a rollback with a flag commit, got ${result.action}`);
    breach.push({ toZeroMs: zeroAt - spawned, processMs: rollback.ms, inRunMs: result.flagWrittenAfterMs });
    const rollbackRequests = server.requests.slice(before).map((r) => `${r.method} ${r.path.replace(/\/\d+\//, '/ID/')}`);
    perTick = { start: start.requests, 'hold (first tick after a change)': holdAfterChange.requests, hold: hold.requests, advance: advance.requests, 'rollback (critical)': rollbackRequests };
  }

  const summary = {
    machine: { cpus: cpus().length, model: cpus()[0]?.model, loadavg: loadavg().map((x) => Number(x.toFixed(2))), node: process.version },
    rounds: ROUNDS,
    breachToZeroMs: { median: Math.round(median(breach.map((b) => b.toZeroMs))), max: Math.round(Math.max(...breach.map((b) => b.toZeroMs))), min: Math.round(Math.min(...breach.map((b) => b.toZeroMs))) },
    inRunFlagWrittenMs: { median: median(breach.map((b) => b.inRunMs)) },
    processMs: { median: Math.round(median(breach.map((b) => b.processMs))) },
    requestsPerTick: Object.fromEntries(Object.entries(perTick).map(([kind, list]) => [kind, { count: list.length, requests: list }])),
  };
  mkdirSync(join(repoRoot, 'bench', '.results'), { recursive: true });
  writeFileSync(join(repoRoot, 'bench', '.results', 'rollout.json'), `${JSON.stringify(summary, null, 2)}\n`);
  console.log(JSON.stringify(summary, null, 2));
  console.log(`critical breach → flag at 0%: median ${summary.breachToZeroMs.median} ms (goal < 2000 ms; the old design: < 5 min = 300000 ms, ${(300000 / summary.breachToZeroMs.median).toFixed(0)}× slower)`);
  await server.close();
});
