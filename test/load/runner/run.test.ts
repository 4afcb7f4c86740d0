import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { evaluateThreshold, locate } from '../../../src/commands/load/evaluate';
import { createHistogram, decodeHistogram } from '../../../src/commands/load/histogram';
import type { LoadResult, Series } from '../../../src/commands/load/model';
import { parseRollgateResult, serializeRollgateResult } from '../../../src/commands/load/ingest/rollgate';
import { METHODS, parsePlanText, type Plan } from '../../../src/commands/load/runner/plan';
import { formatProgress } from '../../../src/commands/load/runner/progress';
import { cannotPass } from '../../../src/commands/load/abort';
import { runPlan, type Progress } from '../../../src/commands/load/runner/run';
import { parseExpression, parseMetricKey, type Expression, type MetricKey } from '../../../src/commands/load/thresholds';

type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void;

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function serve(handler: Handler): Promise<URL> {
  let n = 0;
  const server = createServer((req, res) => {
    req.resume();
    handler(req, res, n++);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
}

const ok: Handler = (_req, res) => res.end('ok');

function plan(phases: string, extra = ''): Plan {
  return parsePlanText(`phases:\n${phases}\nendpoints:\n  - { name: home, path: / }\n${extra}`, 'test-plan.yml');
}

function fine(result: LoadResult, metric: Series['metric']): Series[] {
  // The {phase, endpoint, method, status} partition (dropped_requests is per {phase}); not the window series.
  return result.series.filter((s) => s.metric === metric && s.tags.phase !== undefined);
}

function sum(result: LoadResult, metric: 'http_reqs' | 'dropped_requests'): number {
  return fine(result, metric).reduce((total, s) => total + ('count' in s ? s.count : 0), 0);
}

function failed(result: LoadResult): number {
  return fine(result, 'http_req_failed').reduce((total, s) => total + ('failed' in s ? s.failed : 0), 0);
}

/** All latencies, merged from the {phase, endpoint, method, status} partition. */
function latencies(result: LoadResult) {
  const histogram = createHistogram();
  for (const s of fine(result, 'http_req_duration')) if (s.metric === 'http_req_duration' && s.trend.kind === 'histogram') histogram.add(decodeHistogram(s.trend.histogram));
  return { count: histogram.totalCount, p: (percentile: number) => histogram.getValueAtPercentile(percentile) / 1000 };
}

function gate(result: LoadResult, key: string, expression: string) {
  return evaluateThreshold(locate([result]), parseMetricKey(key) as MetricKey, parseExpression(expression, (parseMetricKey(key) as MetricKey).metric) as Expression, 'fail');
}

describe('runPlan', () => {
  it('sends a constant rate on schedule, with series, windows and progress', async () => {
    const target = await serve(ok);
    const progress: Progress[] = [];
    const result = await runPlan(plan('  - { name: steady, duration: 2s, rate: 200 }'), target, { onProgress: (p) => progress.push(p) });

    expect(result.format).toBe('rollgate');
    expect(sum(result, 'http_reqs')).toBeGreaterThanOrEqual(399);
    expect(sum(result, 'http_reqs')).toBeLessThanOrEqual(401);
    expect(sum(result, 'dropped_requests')).toBe(0);
    expect(failed(result)).toBe(0);
    expect(result.durationSeconds).toBeGreaterThan(1.95);
    expect(result.durationSeconds).toBeLessThan(2.6);
    const achieved = sum(result, 'http_reqs') / result.durationSeconds!;
    expect(achieved).toBeGreaterThan(170);
    expect(achieved).toBeLessThan(210);

    const series = result.series.find((s) => s.metric === 'http_reqs');
    expect(series?.tags).toEqual({ phase: 'steady', endpoint: 'home', method: 'GET', status: '200' });
    expect(result.series.filter((s) => s.metric === 'dropped_requests')).toEqual([{ metric: 'dropped_requests', tags: { phase: 'steady' }, count: 0 }]);
    const duration = result.series.find((s) => s.metric === 'http_req_duration' && s.tags.status === '200');
    expect(duration?.metric === 'http_req_duration' && duration.trend.kind === 'histogram' && duration.trend.min! > 0 && duration.trend.max! >= duration.trend.min!).toBe(true);

    // The 10-second windows are a second partition of the same traffic; an untagged gate still counts each request once.
    const windows = result.series.filter((s) => s.tags.window !== undefined);
    expect(windows.length).toBe(1);
    expect(windows[0]!.exactOnly).toBe(true);
    expect(windows[0]!.tags.window).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(gate(result, 'http_req_duration', 'p(95)<1000').samples).toBe(sum(result, 'http_reqs'));
    expect(gate(result, `http_req_duration{window:${windows[0]!.tags.window}}`, 'p(95)<1000').samples).toBe(sum(result, 'http_reqs'));
    expect(gate(result, 'http_req_failed', 'rate==0').status).toBe('pass');
    expect(gate(result, 'dropped_requests', 'count==0').status).toBe('pass');

    // It round-trips through the result file.
    expect(parseRollgateResult(serializeRollgateResult(result), 'r.json').series).toEqual(JSON.parse(JSON.stringify(result.series)));

    expect(progress.length).toBeGreaterThanOrEqual(2);
    const first = progress[0]!;
    expect(first.phase).toBe('steady');
    expect(first.rate).toBeGreaterThan(150);
    expect(first.targetRate).toBe(200);
    expect(first.p95Ms).not.toBeNull();
    expect(progress.at(-1)!.done).toBe(true);
    expect(formatProgress(first)).toMatch(/^\[1\/1 steady\] 0:01 {2}rate \d+\/s \(target 200\) {2}p95 [\d.]+ ms {2}errors 0 {2}dropped 0 {2}in flight \d+$/);
  });

  it('sends no request before its scheduled time, whether it waits on a timer or sleeps to the request', async () => {
    const arrivals: number[] = [];
    const target = await serve((_req, res) => {
      arrivals.push(performance.now());
      res.end('ok');
    });
    let start: number | undefined;
    // The runner reads its clock first when the clock starts.
    const now = (): number => {
      const t = performance.now();
      start ??= t;
      return t;
    };
    // 10 ms apart: the timer wakes before each request and the runner sleeps the rest; 0.5 ms apart: it sleeps from one response to the next request.
    const result = await runPlan(plan('  - { name: slow, duration: 1s, rate: 100 }\n  - { name: fast, duration: 0.5s, rate: 2000 }'), target, { now });
    const due = [...Array.from({ length: 100 }, (_, k) => k * 10), ...Array.from({ length: 1000 }, (_, k) => 1000 + k * 0.5)];
    expect(sum(result, 'http_reqs')).toBe(due.length);
    arrivals.sort((a, b) => a - b);
    // Sorted, the i-th arrival can be no earlier than the i-th due time if none was sent early.
    const early = arrivals.map((at, i) => at - start! - due[i]!).filter((late) => late < 0);
    expect(early).toEqual([]);
  });

  it('warms up without sending the target anything, and reports the p95 of every cell', async () => {
    let seen = 0;
    // Two statuses, so two cells: progress derives its p95 by adding them up.
    const target = await serve((_req, res, n) => {
      seen++;
      res.statusCode = n % 2 === 0 ? 200 : 404;
      setTimeout(() => res.end(), n % 2 === 0 ? 1 : 20);
    });
    const progress: Progress[] = [];
    const result = await runPlan(plan('  - { name: steady, duration: 1s, rate: 40 }'), target, { warmupRequests: 200, progressIntervalMs: 250, onProgress: (p) => progress.push(p) });
    expect(sum(result, 'http_reqs')).toBe(40);
    expect(seen).toBe(40);
    expect(fine(result, 'http_reqs').map((s) => s.tags.status)).toEqual(['200', '404']);
    const last = progress.at(-1)!;
    expect(last.done).toBe(true);
    expect(last.requests).toBe(40);
    expect(last.p95Ms).toBe(latencies(result).p(95));
  });

  it('sends every method a plan can name, and windows cover a run longer than one', async () => {
    // Every method plan.ts accepts, so a method added there is sent here too.
    const methods = [...METHODS];
    const seen = new Map<string, number>();
    const target = await serve((req, res) => {
      seen.set(req.method!, (seen.get(req.method!) ?? 0) + 1);
      res.end('ok');
    });
    const endpoints = methods.map((m) => `  - { name: ${m.toLowerCase()}, method: ${m}, path: /${m.toLowerCase()}, weight: 1 }`).join('\n');
    // 10.5 s of schedule at a low rate: two 10-second windows, the second only half used.
    const twoWindows = parsePlanText(`phases:\n  - { name: short, duration: 10.5s, rate: 7 }\nendpoints:\n${endpoints}\n`, 'methods.yml');
    const result = await runPlan(twoWindows, target);
    expect(sum(result, 'http_reqs')).toBe(73);
    expect([...seen.keys()].sort()).toEqual([...methods].sort());
    expect(fine(result, 'http_req_duration').map((s) => s.tags.method).sort()).toEqual([...methods].sort());
    const windows = result.series.filter((s) => s.metric === 'http_req_duration' && s.tags.window !== undefined);
    expect(windows).toHaveLength(2);
  }, 20_000);

  it('counts 429 as a failure unless the endpoint expects it', async () => {
    const limited = (): Handler => {
      const start = Date.now();
      return (_req, res, n) => {
        // At most 50 requests per second since the server started.
        const allowed = 50 * Math.ceil((Date.now() - start + 1) / 1000);
        res.statusCode = n < allowed ? 200 : 429;
        res.end();
      };
    };
    const [a, b] = await Promise.all([serve(limited()), serve(limited())]);
    const phases = '  - { name: burst, duration: 1s, rate: 150 }';
    const withExpect = parsePlanText(`phases:\n${phases}\nendpoints:\n  - { name: home, path: /, expect: [200, 429] }\n`, 'p.yml');
    const [expected, strict] = await Promise.all([runPlan(withExpect, a), runPlan(plan(phases), b)]);

    const statuses = (r: LoadResult) => Object.fromEntries(fine(r, 'http_reqs').map((s) => [s.tags.status, 'count' in s ? s.count : 0]));
    expect(statuses(expected)['429']).toBeGreaterThan(50);
    expect(failed(expected)).toBe(0);
    expect(statuses(strict)['429']).toBeGreaterThan(50);
    expect(failed(strict)).toBe(statuses(strict)['429']);
    expect(gate(strict, 'http_req_failed{status:429}', 'rate==1').status).toBe('pass');
  });

  it('measures latency from the scheduled time, so requests queued behind a stall carry their wait', async () => {
    // Every 10th response stalls 300 ms; one connection, so the requests due meanwhile queue behind it.
    const target = await serve((_req, res, n) => {
      if (n % 10 === 9) setTimeout(() => res.end('slow'), 300);
      else res.end('ok');
    });
    const result = await runPlan(plan('  - { name: steady, duration: 3s, rate: 20 }', 'maxInFlight: 1000'), target, { connections: 1 });
    const l = latencies(result);
    expect(l.count).toBe(60);
    expect(sum(result, 'dropped_requests')).toBe(0);
    expect(l.p(99)).toBeGreaterThanOrEqual(300);
    // Measured from the actual send, only the 10% stalled requests would be slow; from the schedule the
    // ~4 requests due during each stall (every 50 ms) carry 250, 200, 150, 100 ms of waiting.
    expect(l.p(65)).toBeGreaterThanOrEqual(80);
    expect(l.p(40)).toBeLessThan(50);
  });

  it('opens connections as requests wait for them, as many as a slow server needs', async () => {
    // 100 ms a response at 100 rps: about 10 requests are outstanding at any moment, each needing its own connection.
    const target = await serve((_req, res) => setTimeout(() => res.end('ok'), 100));
    const sockets = new Set<unknown>();
    servers.at(-1)!.on('connection', (socket) => sockets.add(socket));
    const result = await runPlan(plan('  - { name: steady, duration: 1s, rate: 100 }'), target);
    expect(sum(result, 'http_reqs')).toBe(100);
    expect(failed(result)).toBe(0);
    expect(sum(result, 'dropped_requests')).toBe(0);
    expect(sockets.size).toBeGreaterThanOrEqual(8);
    expect(sockets.size).toBeLessThanOrEqual(100);
  });

  it('times out requests still waiting for a connection and releases them, so the run ends', async () => {
    // One connection to a server that holds every response for 3 s: each request is aborted at its 100 ms
    // timeout and the next one needs a new connection, slower than one request due every millisecond, so
    // most of them time out still queued in the runner. Each must be recorded once and released, or the
    // run would wait for them for ever.
    const target = await serve((_req, res) => setTimeout(() => res.end('late'), 3000));
    const result = await runPlan(plan('  - { name: a, duration: 500ms, rate: 1000 }', 'timeout: 100ms'), target, { connections: 1 });
    const errors = fine(result, 'http_reqs').find((s) => s.tags.status === 'error');
    expect(sum(result, 'http_reqs')).toBe(500);
    expect(errors && 'count' in errors ? errors.count : 0).toBe(500);
    expect(result.durationSeconds).toBeLessThan(2);
  });

  it('drops requests due while maxInFlight are outstanding, and counts them per phase', async () => {
    const target = await serve((_req, res) => setTimeout(() => res.end('slow'), 200));
    const result = await runPlan(plan('  - { name: a, duration: 1s, rate: 50 }\n  - { name: b, duration: 200ms, rate: 10 }', 'maxInFlight: 2'), target);
    const drops = result.series.filter((s) => s.metric === 'dropped_requests');
    expect(drops.map((s) => s.tags)).toEqual([{ phase: 'a' }, { phase: 'b' }]);
    const dropsA = drops[0]!.metric === 'dropped_requests' ? drops[0]!.count : 0;
    expect(dropsA).toBeGreaterThan(20);
    expect(sum(result, 'http_reqs') + sum(result, 'dropped_requests')).toBe(52);
    expect(result.notes.join('\n')).toMatch(/dropped because maxInFlight \(2\)/);
  });

  it('follows a ramp: the count matches the ramp integral', async () => {
    const target = await serve(ok);
    const result = await runPlan(plan('  - { name: up, duration: 2s, rate: { from: 0, to: 200 } }\n  - { name: down, duration: 1s, rate: { from: 60, to: 20 } }'), target);
    const byPhase = (phase: string) => fine(result, 'http_reqs').filter((s) => s.tags.phase === phase).reduce((t, s) => t + ('count' in s ? s.count : 0), 0);
    expect(byPhase('up')).toBe(200);
    expect(byPhase('down')).toBe(40);
    expect(sum(result, 'dropped_requests')).toBe(0);
  });

  it('times out a hung request from its scheduled time as status "error", without waiting for it', async () => {
    const target = await serve((_req, res, n) => {
      if (n % 5 === 4) setTimeout(() => res.end('late'), 2000);
      else res.end('ok');
    });
    const result = await runPlan(plan('  - { name: a, duration: 1s, rate: 10 }', 'timeout: 300ms'), target);
    const errors = fine(result, 'http_reqs').find((s) => s.tags.status === 'error');
    expect(errors && 'count' in errors ? errors.count : 0).toBe(2);
    expect(failed(result)).toBe(2);
    const errorDuration = fine(result, 'http_req_duration').find((s) => s.tags.status === 'error');
    expect(errorDuration?.metric === 'http_req_duration' && errorDuration.trend.kind === 'histogram' ? errorDuration.trend.min : 0).toBeGreaterThanOrEqual(300);
    expect(result.notes.join('\n')).toMatch(/2 requests timed out/);
    expect(result.durationSeconds).toBeLessThan(1.6);
  });

  it('stops on the signal and returns what it measured', async () => {
    const target = await serve(ok);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 500);
    const result = await runPlan(plan('  - { name: long, duration: 10s, rate: 50 }'), target, { signal: controller.signal });
    expect(result.durationSeconds).toBeLessThan(1);
    expect(sum(result, 'http_reqs')).toBeGreaterThan(15);
    expect(sum(result, 'http_reqs')).toBeLessThan(30);
    expect(result.notes.join('\n')).toMatch(/interrupted after 0\.5 s in phase long/);
  });

  it('aborts once a threshold can no longer pass, and the partial result fails it too', async () => {
    // Every answer takes 40 ms, so p(95)<10 is lost once 5% of the whole 20 s schedule is in.
    const target = await serve((_req, res) => setTimeout(() => res.end('slow'), 40));
    const key = parseMetricKey('http_req_duration') as MetricKey;
    const expression = parseExpression('p(95)<10', key.metric) as Expression;
    const started = Date.now();
    const result = await runPlan(plan('  - { name: long, duration: 20s, rate: 100 }'), target, { progressIntervalMs: 200, abortCheck: (live) => cannotPass([{ key, expression }], live) });
    expect(Date.now() - started).toBeLessThan(6000);
    expect(result.aborted).toMatchObject({ key: 'http_req_duration', expression: 'p(95)<10', phase: 'long' });
    expect(result.aborted!.bound).toBeGreaterThanOrEqual(40);
    expect(result.notes.join('\n')).toMatch(/aborted after \d+\.\d s in phase long \(--abort-on-fail\): http_req_duration p\(95\)<10 can no longer pass, at least \d+(\.\d+)? ms even if all \d+ remaining requests took no time/);
    expect(gate(result, 'http_req_duration', 'p(95)<10').ok).toBe(false);
    // A fast server keeps the same threshold alive to the end.
    const fast = await runPlan(plan('  - { name: short, duration: 1s, rate: 50 }'), await serve(ok), { progressIntervalMs: 100, abortCheck: (live) => cannotPass([{ key, expression: parseExpression('p(95)<1000', key.metric) as Expression }], live) });
    expect(fast.aborted).toBeUndefined();
    expect(sum(fast, 'http_reqs')).toBe(50);
  });
});
