import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cannotPass, type LiveCell, type LiveState, type LiveThreshold } from '../../src/commands/load/abort';
import { evaluateThreshold, locate } from '../../src/commands/load/evaluate';
import { createHistogram, encodeHistogram, recordMs } from '../../src/commands/load/histogram';
import type { LoadResult } from '../../src/commands/load/model';
import { parseExpression, parseMetricKey, type Expression, type MetricKey } from '../../src/commands/load/thresholds';

function threshold(keyText: string, text: string): LiveThreshold {
  const key = parseMetricKey(keyText) as MetricKey;
  return { key, expression: parseExpression(text, key.metric) as Expression };
}

function cell(latencies: number[], failed = 0, tags: Record<string, string> = {}): LiveCell {
  const histogram = createHistogram('fast');
  for (const ms of latencies) recordMs(histogram, ms);
  return { tags: { phase: 'main', endpoint: 'home', method: 'GET', status: '200', ...tags }, histogram, count: latencies.length, failed, min: Math.min(...latencies), max: Math.max(...latencies) };
}

function live(cells: LiveCell[], remaining: number, dropped = 0): LiveState {
  return { cells, dropped: { main: dropped }, phases: ['main'], remaining: { main: remaining } };
}

const slow = Array.from({ length: 100 }, () => 1000);

describe('cannotPass', () => {
  it('decides a percentile ceiling only when even instant remaining requests cannot bring it under', () => {
    const p95 = threshold('http_req_duration', 'p(95)<500');
    // 100 at 1 s; 10 more at 0 ms leave the 95th percentile of 110 at 1 s.
    expect(cannotPass([p95], live([cell(slow)], 10))).toMatchObject({ key: 'http_req_duration', expression: 'p(95)<500', bound: expect.closeTo(1000, 0), samples: 100 });
    expect(cannotPass([p95], live([cell(slow)], 10))!.reason).toMatch(/at least 1000 ms even if all 10 remaining requests took no time/);
    // 10,000 more could still be instant and pull it down.
    expect(cannotPass([p95], live([cell(slow)], 10_000))).toBeUndefined();
    // A floor the same way: p(5)>2000 cannot pass once 5% of the final count is already below.
    expect(cannotPass([threshold('http_req_duration', 'p(5)>2000')], live([cell(slow)], 10))).toBeDefined();
    expect(cannotPass([threshold('http_req_duration', 'p(5)>2000')], live([cell(slow)], 10_000))).toBeUndefined();
  });

  it('decides max, counts and error rates as soon as they are crossed, and rates with the remainder in their favour', () => {
    expect(cannotPass([threshold('http_req_duration', 'max<900')], live([cell(slow)], 1e6))?.reason).toBe('1000 ms has already been recorded');
    expect(cannotPass([threshold('http_req_duration', 'max>2000')], live([cell(slow)], 1))).toBeUndefined();
    expect(cannotPass([threshold('http_reqs', 'count<50')], live([cell(slow)], 1e6))).toMatchObject({ bound: 100 });
    expect(cannotPass([threshold('http_reqs', 'count>200')], live([cell(slow)], 50))).toMatchObject({ bound: 150 });
    expect(cannotPass([threshold('http_reqs', 'count>200')], live([cell(slow)], 150))).toBeUndefined();
    // 10 failed of 100; with 900 more all succeeding the rate is still 1%.
    const failing = cell(slow, 10);
    expect(cannotPass([threshold('http_req_failed', 'rate<0.01')], live([failing], 900))).toMatchObject({ bound: 0.01 });
    expect(cannotPass([threshold('http_req_failed', 'rate<0.01')], live([failing], 901))).toBeUndefined();
    expect(cannotPass([threshold('dropped_requests', 'count==0')], live([cell(slow)], 1e6, 1))).toMatchObject({ key: 'dropped_requests', bound: 1 });
    expect(cannotPass([threshold('dropped_requests', 'count==0')], live([cell(slow)], 1e6, 0))).toBeUndefined();
  });

  it('filters by the runner\'s tags and never decides a filter it cannot see, such as a window', () => {
    const cells = [cell(slow, 0, { endpoint: 'search' }), cell([1, 2, 3], 0, { endpoint: 'home' })];
    expect(cannotPass([threshold('http_req_duration{endpoint:home}', 'p(95)<500')], live(cells, 0))).toBeUndefined();
    expect(cannotPass([threshold('http_req_duration{endpoint:search}', 'p(95)<500')], live(cells, 0))?.key).toBe('http_req_duration{endpoint:search}');
    expect(cannotPass([threshold('http_req_duration{window:2026-01-01T00:00:00.000Z}', 'max<1')], live(cells, 0))).toBeUndefined();
    // A phase filter uses that phase's remainder only.
    const twoPhases: LiveState = { cells: [cell(slow)], dropped: {}, phases: ['main', 'later'], remaining: { main: 0, later: 1e6 } };
    expect(cannotPass([threshold('http_req_duration{phase:main}', 'p(95)<500')], twoPhases)).toBeDefined();
    expect(cannotPass([threshold('http_req_duration', 'p(95)<500')], twoPhases)).toBeUndefined();
  });

  it('never aborts a run that could still pass: whatever the remainder turns out to be, a decided threshold fails on the final data', () => {
    let decided = 0;
    const expressions = ['p(50)<X', 'p(95)<X', 'p(99)<=X', 'p(90)>X', 'p(10)>=X', 'med<X', 'avg<X', 'avg<=X', 'max<X', 'min>X', 'count<X', 'count>X', 'count==X'];
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 200 }),
        fc.array(fc.integer({ min: 1, max: 5000 }), { maxLength: 200 }),
        fc.integer({ min: 0, max: 200 }),
        fc.constantFrom(...expressions),
        fc.integer({ min: 1, max: 5000 }),
        (now, later, slack, template, limit) => {
          // The remainder the check is told about bounds what really comes (some may be dropped).
          const remaining = later.length + slack;
          const th = threshold('http_req_duration', template.replace('X', String(template.startsWith('count') ? Math.round(limit / 20) : limit)));
          const decision = cannotPass([th], live([cell(now)], remaining));
          if (!decision) return;
          decided++;
          const all = [...now, ...later];
          const histogram = createHistogram('fast');
          for (const ms of all) recordMs(histogram, ms);
          const final: LoadResult = { format: 'rollgate', file: 'final', notes: [], series: [{ metric: 'http_req_duration', tags: {}, trend: { kind: 'histogram', histogram: encodeHistogram(histogram), min: Math.min(...all), max: Math.max(...all) } }] };
          const outcome = evaluateThreshold(locate([final]), th.key, th.expression, 'fail');
          expect(outcome.ok, `${th.expression.source} decided (${decision.reason}) but passes with ${JSON.stringify(outcome.observed)}`).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
    // The property is only worth something if the check does decide often.
    expect(decided).toBeGreaterThan(300);
  });
});
