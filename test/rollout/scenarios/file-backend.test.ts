/**
 * The scripted scenarios of the issue, end to end through the CLI on the
 * file backend: a plan, a metrics file the gates read, a flag file the
 * provider writes, and an injected clock (--now).
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli';
import { tempProject } from '../../helpers/workspace';
import { at } from './support';

const PLAN = `
flag: checkout-v2
environment: production
stages:
  - { name: smoke,  percent: 1,  hold: 1h }
  - { name: canary, percent: 5,  hold: 2h }
  - { name: half,   percent: 50, hold: 4h }
  - { name: full,   percent: 100 }
gates:
  - name: error-rate
    file: { path: metrics.json, jsonPath: $.errorRate }
    max: 0.001
  - name: p95-latency
    file: { path: metrics.json, jsonPath: "$.latency.p95" }
    max: 1.0
breaker: { consecutiveBreaches: 2, critical: { error-rate: 0.01 } }
provider: { type: file, path: flags/percent.json }
`;


function project() {
  const dir = tempProject({ '.rollgate/rollout.yml': PLAN });
  const metrics = (errorRate: number | null, p95 = 0.4) => {
    if (errorRate === null) rmSync(join(dir, 'metrics.json'), { force: true });
    else writeFileSync(join(dir, 'metrics.json'), JSON.stringify({ errorRate, latency: { p95 } }));
  };
  const percent = (): number | undefined => {
    const file = join(dir, 'flags/percent.json');
    return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8'))['checkout-v2']?.production : undefined;
  };
  const run = async (action: string, minutes: number, ...extra: string[]) => {
    const out = await cli(['rollout', '--action', action, '--now', at(minutes), '--json', ...extra], { cwd: dir });
    const result = out.stdout ? JSON.parse(out.stdout) : undefined;
    return { ...out, result };
  };
  return { dir, metrics, percent, run };
}

/** A webhook receiver that can be switched to answer 503; collects the bodies it accepted. */
async function webhookReceiver(failing: boolean) {
  const state = { failing, received: [] as Array<{ flag: string; environment: string; percent: number }> };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      if (state.failing) return void res.writeHead(503).end('down');
      state.received.push(JSON.parse(body));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { state, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/flags`, close: () => server.close() };
}

describe('rollout scenarios on the file backend', () => {
  it('progresses through every stage, one stage per elapsed hold, and completes', async () => {
    const p = project();
    p.metrics(0.0002);
    const started = await p.run('start', 0, '--ref', 'v1.4.0');
    expect(started.code, started.stderr).toBe(0);
    expect(started.result).toMatchObject({ state: 'progressing', stage: 'smoke', percent: 1, action: 'started' });
    expect(p.percent()).toBe(1);

    const steps: Array<[number, string, number, string]> = [
      [61, 'advanced', 5, 'canary'],
      [61 + 121, 'advanced', 50, 'half'],
      [61 + 121 + 241, 'completed', 100, 'full'],
    ];
    for (const [minutes, action, percent, stage] of steps) {
      const out = await p.run('tick', minutes);
      expect(out.code, out.stderr).toBe(0);
      expect(out.result).toMatchObject({ action, percent, stage });
      expect(p.percent()).toBe(percent);
    }
    const after = await p.run('tick', 1000);
    expect(after.result).toMatchObject({ action: 'none', state: 'completed', percent: 100 });
    expect(after.result.gates).toEqual([]);
  });

  it('holds while the hold has not elapsed, however many ticks come, and says until when', async () => {
    const p = project();
    p.metrics(0.0002);
    await p.run('start', 0, '--ref', 'v1.4.0');
    for (const minutes of [5, 10, 30, 59]) {
      const out = await p.run('tick', minutes);
      expect(out.result).toMatchObject({ action: 'held', percent: 1, nextCheckAfter: '2026-11-29T14:00:00Z' });
      expect(out.result.reason).toContain("smoke's hold ends at 2026-11-29T14:00:00Z");
    }
    expect(p.percent()).toBe(1);
  });

  it('holds without counting when a gate has no data, and never advances on missing data', async () => {
    const p = project();
    await p.run('start', 0, '--ref', 'v1.4.0');
    p.metrics(null);
    const out = await p.run('tick', 90);
    expect(out.code).toBe(0);
    expect(out.result).toMatchObject({ action: 'held', percent: 1, consecutiveBreaches: 0 });
    expect(out.result.reason).toContain('waiting for data from error-rate, p95-latency');
    expect(out.result.gates.map((g: { status: string }) => g.status)).toEqual(['no-data', 'no-data']);
    expect(out.result.gates[0].note).toMatch(/metrics\.json/);
  });

  it('counts one breach, then resets on recovery without rolling back', async () => {
    const p = project();
    p.metrics(0.0002);
    await p.run('start', 0, '--ref', 'v1.4.0');
    p.metrics(0.003);
    const breach = await p.run('tick', 10);
    expect(breach.code).toBe(0);
    expect(breach.result).toMatchObject({ action: 'held', consecutiveBreaches: 1, percent: 1 });
    expect(breach.result.gates[0]).toMatchObject({ name: 'error-rate', status: 'breach', observed: 0.003, threshold: 'max 0.001' });
    p.metrics(0.0002);
    const recovered = await p.run('tick', 20);
    expect(recovered.result).toMatchObject({ action: 'held', consecutiveBreaches: 0, percent: 1, state: 'progressing' });
    const advanced = await p.run('tick', 61);
    expect(advanced.result).toMatchObject({ action: 'advanced', percent: 5 });
  });

  it('rolls back to 0% on the second breach in a row, exits 1, and stays down on later ticks', async () => {
    const p = project();
    p.metrics(0.0002);
    await p.run('start', 0, '--ref', 'v1.4.0');
    await p.run('tick', 61);
    expect(p.percent()).toBe(5);
    p.metrics(0.002, 1.5);
    expect((await p.run('tick', 70)).result).toMatchObject({ action: 'held', consecutiveBreaches: 1 });
    const rolled = await p.run('tick', 80);
    expect(rolled.code).toBe(1);
    expect(rolled.result).toMatchObject({ action: 'rolled-back', state: 'rolled-back', percent: 0 });
    expect(rolled.result.reason).toContain('2 breaching checks in a row');
    expect(rolled.result.reason).toContain('error-rate 0.002 (max 0.001)');
    expect(p.percent()).toBe(0);
    p.metrics(0.0002);
    const later = await p.run('tick', 300);
    expect(later.result).toMatchObject({ action: 'none', state: 'rolled-back', percent: 0 });
  });

  it('rolls back at once on a critical value', async () => {
    const p = project();
    p.metrics(0.0002);
    await p.run('start', 0, '--ref', 'v1.4.0');
    p.metrics(0.05);
    const out = await p.run('tick', 5);
    expect(out.code).toBe(1);
    expect(out.result).toMatchObject({ action: 'rolled-back', percent: 0, consecutiveBreaches: 0 });
    expect(out.result.reason).toContain('critical value on error-rate 0.05 (critical 0.01)');
    expect(p.percent()).toBe(0);
    const human = await cli(['rollout', 'status', '--state-file', '.rollgate/rollout-state.json'], { cwd: p.dir });
    expect(human.stdout).toContain('Rolled back');
  });

  it('pause freezes the percent, resume restarts the hold, abort is final', async () => {
    const p = project();
    p.metrics(0.0002);
    await p.run('start', 0, '--ref', 'v1.4.0');
    const paused = await p.run('pause', 30, '--reason', 'incident elsewhere');
    expect(paused.result).toMatchObject({ action: 'paused', state: 'paused', percent: 1 });
    const tickWhilePaused = await p.run('tick', 120);
    expect(tickWhilePaused.result).toMatchObject({ action: 'none', state: 'paused', percent: 1 });
    const resumed = await p.run('resume', 130);
    expect(resumed.result).toMatchObject({ action: 'resumed', state: 'progressing', nextCheckAfter: at(190) });
    expect((await p.run('tick', 150)).result).toMatchObject({ action: 'held', percent: 1 });
    expect((await p.run('tick', 191)).result).toMatchObject({ action: 'advanced', percent: 5 });
    const aborted = await p.run('abort', 200, '--reason', 'product decision');
    expect(aborted.code).toBe(0);
    expect(aborted.result).toMatchObject({ action: 'aborted', state: 'aborted', percent: 0 });
    expect(p.percent()).toBe(0);
    expect((await p.run('tick', 400)).result).toMatchObject({ action: 'none', state: 'aborted' });
    const resumeAborted = await p.run('resume', 401);
    expect(resumeAborted.code).toBe(2);
    expect(resumeAborted.stderr).toContain('cannot resume a rollout that is aborted; start a new rollout instead');
  });

  it('a scheduled run never undoes a rollback; a person resumes from the stage asked for', async () => {
    const p = project();
    p.metrics(0.0002);
    await p.run('start', 0, '--ref', 'v1.4.0');
    await p.run('rollback', 10, '--reason', 'bad reviews');
    const scheduled = await cli(['rollout', 'resume', '--now', at(20)], { cwd: p.dir, env: { GITHUB_REPOSITORY: 'acme/shop', GITHUB_EVENT_NAME: 'schedule' } });
    expect(scheduled.code).toBe(2);
    expect(scheduled.stderr).toContain('needs a manual trigger');
    const manual = await p.run('resume', 30, '--stage', 'canary');
    expect(manual.result).toMatchObject({ action: 'resumed', stage: 'canary', percent: 5 });
    expect(p.percent()).toBe(5);
  });

  it('a tick at the same instant is a duplicate; --dry-run saves and writes nothing', async () => {
    const p = project();
    p.metrics(0.0002);
    await p.run('start', 0, '--ref', 'v1.4.0');
    const state = () => readFileSync(join(p.dir, '.rollgate/rollout-state.json'), 'utf8');
    const dry = await p.run('tick', 61, '--dry-run');
    expect(dry.result).toMatchObject({ action: 'advanced', percent: 5, dryRun: true });
    expect(p.percent()).toBe(1);
    const first = await p.run('tick', 61);
    expect(first.result.action).toBe('advanced');
    const saved = state();
    const again = await p.run('tick', 61);
    expect(again.result.action).toBe('none');
    expect(again.result.reason).toContain('is a duplicate');
    expect(state()).toBe(saved);
  });

  it('bad input exits 2 with one actionable line', async () => {
    const p = project();
    const noStart = await p.run('tick', 0);
    expect(noStart.code).toBe(2);
    expect(noStart.stderr).toContain('no rollout of "checkout-v2" is stored at file .rollgate/rollout-state.json; start one with');
    const badNow = await cli(['rollout', 'tick', '--now', '2026-11-29'], { cwd: p.dir });
    expect(badNow.code).toBe(2);
    expect(badNow.stderr).toContain('--now: expected an ISO 8601 time with a zone');
    const noRef = await cli(['rollout', 'start'], { cwd: p.dir });
    expect(noRef.code).toBe(2);
    expect(noRef.stderr).toContain('start needs --ref');
    writeFileSync(join(p.dir, '.rollgate/rollout-state.json'), '{"version": 1, "flag": 3}');
    const broken = await p.run('status', 0);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('.rollgate/rollout-state.json');
    expect(broken.stderr).not.toContain('    at ');
  });

  it('a flag write that fails after the save is retried by a later run, never lost', async () => {
    const hook = await webhookReceiver(true);
    try {
      const dir = tempProject({ '.rollgate/rollout.yml': PLAN.replace('provider: { type: file, path: flags/percent.json }', `provider: { type: webhook, url: "${hook.url}", retries: 0 }`) });
      writeFileSync(join(dir, 'metrics.json'), JSON.stringify({ errorRate: 0.0002, latency: { p95: 0.4 } }));
      const env = { ROLLGATE_WEBHOOK_SECRET: 'shh' };
      const started = await cli(['rollout', 'start', '--ref', 'v1', '--now', at(0), '--json'], { cwd: dir, env });
      expect(started.code).toBe(1);
      const result = JSON.parse(started.stdout);
      expect(result).toMatchObject({ action: 'started', percent: 1, passed: false });
      expect(result.warnings[0]).toContain('the state says 1% in production, but writing the flag failed');
      const stateFile = join(dir, '.rollgate/rollout-state.json');
      const saved = JSON.parse(readFileSync(stateFile, 'utf8'));
      expect(saved.pendingWrite).toMatchObject({ environment: 'production', percent: 1 });

      // A run right after the saving one leaves the write to it.
      hook.state.failing = false;
      const soon = JSON.parse((await cli(['rollout', 'tick', '--now', at(5), '--json'], { cwd: dir, env })).stdout);
      expect(soon.flagWrites).toEqual([]);
      expect(hook.state.received).toEqual([]);

      // Later (the saving run is long gone), the next run re-applies it first.
      const state = JSON.parse(readFileSync(stateFile, 'utf8'));
      state.pendingWrite.savedAt = new Date(Date.now() - 5 * 60_000).toISOString();
      writeFileSync(stateFile, JSON.stringify(state));
      const later = await cli(['rollout', 'tick', '--now', at(10), '--json'], { cwd: dir, env });
      expect(later.code, later.stderr).toBe(0);
      expect(JSON.parse(later.stdout).flagWrites).toEqual([expect.objectContaining({ environment: 'production', percent: 1, retry: true })]);
      expect(hook.state.received).toEqual([expect.objectContaining({ flag: 'checkout-v2', environment: 'production', percent: 1 })]);
      expect(JSON.parse(readFileSync(stateFile, 'utf8')).pendingWrite).toBeNull();
    } finally {
      hook.close();
    }
  });

  it('--no-advance holds where an advance is due, and still rolls back', async () => {
    const p = project();
    p.metrics(0.0002);
    await p.run('start', 0, '--ref', 'v1.4.0');
    const held = await p.run('tick', 61, '--no-advance');
    expect(held.result).toMatchObject({ action: 'held', percent: 1 });
    expect(held.result.reason).toMatch(/^held for approval \(no-advance\): a tick now would have advanced from smoke \(1%\) to canary \(5%\)/);
    expect(p.percent()).toBe(1);
    p.metrics(0.05);
    const rolled = await p.run('tick', 62, '--no-advance');
    expect(rolled.result).toMatchObject({ action: 'rolled-back', percent: 0 });
  });

  it('a gate that cannot be read is a usage error, unless another gate is critical: then the rollback goes ahead', async () => {
    const plan = PLAN.replace('    file: { path: metrics.json, jsonPath: "$.latency.p95" }', '    file: { path: broken.json, jsonPath: "$.p95" }');
    const dir = tempProject({ '.rollgate/rollout.yml': plan, 'broken.json': '{"p95": ', 'metrics.json': JSON.stringify({ errorRate: 0.0002 }) });
    const run = async (...args: string[]) => cli(['rollout', ...args, '--json'], { cwd: dir });
    expect((await run('start', '--ref', 'v1', '--now', at(0))).code).toBe(0);
    const broken = await run('tick', '--now', at(5));
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('broken.json');
    writeFileSync(join(dir, 'metrics.json'), JSON.stringify({ errorRate: 0.5 }));
    const rolled = await run('tick', '--now', at(10));
    expect(rolled.code).toBe(1);
    const result = JSON.parse(rolled.stdout);
    expect(result).toMatchObject({ action: 'rolled-back', percent: 0 });
    expect(result.warnings.join('\n')).toContain("the rollback went ahead on the other gates' critical values");
  });

  it('a flag system that is down when a pending write is retried does not stop a rollback; a stopped rollout confirms its flag once', async () => {
    const hook = await webhookReceiver(false);
    try {
      const dir = tempProject({ '.rollgate/rollout.yml': PLAN.replace('provider: { type: file, path: flags/percent.json }', `provider: { type: webhook, url: "${hook.url}", retries: 0 }`) });
      writeFileSync(join(dir, 'metrics.json'), JSON.stringify({ errorRate: 0.0002, latency: { p95: 0.4 } }));
      const env = { ROLLGATE_WEBHOOK_SECRET: 'shh' };
      const stateFile = join(dir, '.rollgate/rollout-state.json');
      const age = () => {
        const state = JSON.parse(readFileSync(stateFile, 'utf8'));
        if (state.pendingWrite) state.pendingWrite.savedAt = new Date(Date.now() - 5 * 60_000).toISOString();
        writeFileSync(stateFile, JSON.stringify(state));
      };
      const run = async (...args: string[]) => {
        const out = await cli(['rollout', ...args, '--json'], { cwd: dir, env });
        return { code: out.code, result: JSON.parse(out.stdout) };
      };
      await run('start', '--ref', 'v1', '--now', at(0));
      expect(hook.state.received.map((body) => body.percent)).toEqual([1]);
      age();
      hook.state.failing = true;
      writeFileSync(join(dir, 'metrics.json'), JSON.stringify({ errorRate: 0.5, latency: { p95: 0.4 } }));
      const rolled = await run('tick', '--now', at(10));
      expect(rolled.result).toMatchObject({ action: 'rolled-back', state: 'rolled-back' });
      expect(rolled.result.warnings.join('\n')).toContain('re-applying 1% in production failed');
      hook.state.failing = false;
      age();
      const confirm = await run('tick', '--now', at(20));
      expect(confirm.result.flagWrites).toEqual([expect.objectContaining({ percent: 0, retry: true })]);
      expect(JSON.parse(readFileSync(stateFile, 'utf8')).pendingWrite).toBeNull();
      const quiet = await run('tick', '--now', at(30));
      expect(quiet.result.flagWrites).toEqual([]);
      expect(hook.state.received.map((body) => body.percent)).toEqual([1, 0]);
    } finally {
      hook.close();
    }
  });

  it('waves: the next environment starts only after the one before completed; a rollback cancels the later waves', async () => {
    const plan = PLAN.replace('environment: production\n', 'waves: [staging, production-eu, production-us]\n');
    const dir = tempProject({ '.rollgate/rollout.yml': plan, 'metrics.json': JSON.stringify({ errorRate: 0.0002, latency: { p95: 0.4 } }) });
    const percents = () => JSON.parse(readFileSync(join(dir, 'flags/percent.json'), 'utf8'))['checkout-v2'];
    const run = async (action: string, minutes: number, ...extra: string[]) => JSON.parse((await cli(['rollout', action, '--now', at(minutes), '--json', ...extra], { cwd: dir })).stdout);
    await run('start', 0, '--ref', 'v1');
    expect(percents()).toEqual({ staging: 1 });
    let minutes = 0;
    for (const hold of [61, 121, 241]) {
      minutes += hold;
      await run('tick', minutes);
    }
    expect(percents()).toEqual({ staging: 100 });
    const next = await run('tick', minutes + 10);
    expect(next).toMatchObject({ action: 'started', environment: 'production-eu', percent: 1 });
    expect(percents()).toEqual({ staging: 100, 'production-eu': 1 });
    writeFileSync(join(dir, 'metrics.json'), JSON.stringify({ errorRate: 0.5, latency: { p95: 0.4 } }));
    const rolled = await run('tick', minutes + 20);
    expect(rolled).toMatchObject({ action: 'rolled-back', environment: 'production-eu', percent: 0 });
    expect(rolled.waves.map((w: { environment: string; status: string }) => `${w.environment}:${w.status}`)).toEqual(['staging:completed', 'production-eu:rolled-back', 'production-us:cancelled']);
    expect(percents()).toEqual({ staging: 100, 'production-eu': 0 });
  });
});
