import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateThreshold, locate, selectSeries } from '../../src/commands/load/evaluate';
import { gate } from '../../src/commands/load/gate';
import { createHistogram, encodeHistogram, recordMs } from '../../src/commands/load/histogram';
import type { LoadResult, Series } from '../../src/commands/load/model';
import { loadConfigSchema } from '../../src/commands/load/schema';
import { parseExpression, parseMetricKey, type MetricKey } from '../../src/commands/load/thresholds';

function durations(tags: Record<string, string>, values: number[]): Series {
  const h = createHistogram();
  for (const v of values) recordMs(h, v);
  return { metric: 'http_req_duration', tags, trend: { kind: 'histogram', histogram: encodeHistogram(h), min: Math.min(...values), max: Math.max(...values) } };
}

const result = (series: Series[], format: LoadResult['format'] = 'rollgate', durationSeconds?: number): LoadResult => ({ format, file: `${format}.json`, series, notes: [], ...(durationSeconds ? { durationSeconds } : {}) });
const key = (text: string) => parseMetricKey(text) as MetricKey;
const expr = (text: string, metric: string) => {
  const e = parseExpression(text, metric);
  if (typeof e === 'string') throw new Error(e);
  return e;
};
const ramp = (n: number, scale = 1) => Array.from({ length: n }, (_, i) => (i + 1) * scale);

describe('threshold evaluation', () => {
  it('merges per-endpoint histograms exactly for an untagged key, and uses one endpoint for a tagged key', () => {
    const all = locate([result([durations({ endpoint: '/a' }, ramp(900)), durations({ endpoint: '/b' }, ramp(100, 10))])]);
    const overall = evaluateThreshold(all, key('http_req_duration'), expr('p(95)<500', 'http_req_duration'), 'fail');
    expect(overall.samples).toBe(1000);
    // The 950th smallest of {1..900} ∪ {10, 20, …, 1000}: x + ⌊x/10⌋ = 950 at x = 864; HDR is within 0.1%.
    expect(Math.abs(overall.observed! - 864) / 864).toBeLessThan(0.001);
    expect(overall.status).toBe('fail');
    const b = evaluateThreshold(all, key('http_req_duration{endpoint:/b}'), expr('max<=1000', 'http_req_duration'), 'fail');
    expect(b).toMatchObject({ status: 'pass', observed: 1000, samples: 100, basis: 'HDR histogram of 1 series (rollgate)' });
    expect(evaluateThreshold(all, key('http_req_duration'), expr('min>=1', 'http_req_duration'), 'fail')).toMatchObject({ observed: 1, status: 'pass' });
  });

  it('prefers a tool\'s own total (tags {}) over merging its parts', () => {
    const all = locate([result([
      { metric: 'http_req_duration', tags: {}, trend: { kind: 'summary', count: 30, percentiles: { 95: 420 }, avg: 100 } },
      { metric: 'http_req_duration', tags: { endpoint: '/a' }, trend: { kind: 'summary', count: 10, percentiles: { 95: 900 } } },
      { metric: 'http_req_duration', tags: { endpoint: '/b' }, trend: { kind: 'summary', count: 20, percentiles: { 95: 100 } } },
    ], 'locust-stats')]);
    expect(selectSeries(all, key('http_req_duration')).map((s) => s.tags)).toEqual([{}]);
    expect(evaluateThreshold(all, key('http_req_duration'), expr('p(95)<500', 'http_req_duration'), 'fail')).toMatchObject({ observed: 420, status: 'pass', samples: 30, basis: 'locust-stats precomputed statistics' });
    expect(evaluateThreshold(all, key('http_req_duration{endpoint:/a}'), expr('p(95)<500', 'http_req_duration'), 'fail')).toMatchObject({ observed: 900, status: 'fail' });
  });

  it('refuses to combine precomputed percentiles, and says which ones a format has', () => {
    const all = locate([
      result([{ metric: 'http_req_duration', tags: {}, trend: { kind: 'summary', percentiles: { 90: 10, 95: 12 } } }], 'k6-summary'),
      result([{ metric: 'http_req_duration', tags: {}, trend: { kind: 'summary', percentiles: { 90: 11, 95: 13 } } }], 'artillery'),
    ]);
    const merged = evaluateThreshold(all, key('http_req_duration'), expr('p(95)<500', 'http_req_duration'), 'fail');
    expect(merged).toMatchObject({ status: 'error', ok: false });
    expect(merged.reason).toMatch(/^cannot combine precomputed percentiles of 2 series from 2 files/);
    const one = locate([result([{ metric: 'http_req_duration', tags: {}, trend: { kind: 'summary', percentiles: { 90: 10, 95: 12 } } }], 'k6-summary')]);
    const p99 = evaluateThreshold(one, key('http_req_duration'), expr('p(99)<500', 'http_req_duration'), 'fail');
    expect(p99).toMatchObject({ status: 'error', reason: 'this format reports no p(99); it has p(90), p(95)' });
  });

  it('treats a metric with no samples by the noData policy, never as a silent pass', () => {
    const all = locate([result([durations({ endpoint: '/a' }, [5])])]);
    const missing = key('http_req_duration{endpoint:/zzz}');
    const e = expr('p(95)<500', 'http_req_duration');
    expect(evaluateThreshold(all, missing, e, 'fail')).toMatchObject({ status: 'no-data', ok: false, observed: null, samples: 0 });
    expect(evaluateThreshold(all, missing, e, 'warn')).toMatchObject({ status: 'no-data', ok: true });
    expect(evaluateThreshold(all, key('http_req_failed'), expr('rate<0.01', 'http_req_failed'), 'fail').reason).toBe('no http_req_failed data in the results');
  });

  it('computes failure rates and request rates, from a tool\'s rate or from the duration', () => {
    const all = locate([result([
      { metric: 'http_req_failed', tags: { endpoint: '/a' }, failed: 3, total: 1000 },
      { metric: 'http_req_failed', tags: { endpoint: '/b' }, failed: 1, total: 1000 },
      { metric: 'http_reqs', tags: { status: '200' }, count: 1900 },
      { metric: 'http_reqs', tags: { status: '429' }, count: 100 },
    ], 'jmeter-jtl', 100)]);
    expect(evaluateThreshold(all, key('http_req_failed'), expr('rate<0.001', 'http_req_failed'), 'fail')).toMatchObject({ observed: 0.002, status: 'fail', samples: 2000 });
    expect(evaluateThreshold(all, key('http_reqs'), expr('rate>=20', 'http_reqs'), 'fail')).toMatchObject({ observed: 20, status: 'pass' });
    expect(evaluateThreshold(all, key('http_reqs{status:429}'), expr('count>0', 'http_reqs'), 'fail')).toMatchObject({ observed: 100, status: 'pass' });
  });

  it('marks a run with dropped requests invalid, whatever the thresholds say', () => {
    const config = loadConfigSchema.parse({ thresholds: { http_req_duration: 'p(95)<500' } });
    const ok = gate(config, [result([durations({}, [1, 2, 3])])]);
    expect(ok).toMatchObject({ passed: true, invalid: false });
    const dropped = gate(config, [result([durations({}, [1, 2, 3]), { metric: 'dropped_requests', tags: {}, count: 7 }])]);
    expect(dropped).toMatchObject({ passed: false, invalid: true });
  });

  it('property: shards merge to exactly the histogram of the whole run', () => {
    fc.assert(fc.property(fc.array(fc.array(fc.double({ min: 0.01, max: 60_000, noNaN: true }), { minLength: 1, maxLength: 50 }), { minLength: 1, maxLength: 4 }), fc.constantFrom(50, 90, 95, 99, 99.9), (shards, p) => {
      const whole = locate([result([durations({}, shards.flat())])]);
      const parts = locate(shards.map((values) => result([durations({}, values)])));
      const e = expr(`p(${p})<1`, 'http_req_duration');
      const a = evaluateThreshold(whole, key('http_req_duration'), e, 'fail');
      const b = evaluateThreshold(parts, key('http_req_duration'), e, 'fail');
      expect(b.observed).toBe(a.observed);
      expect(b.samples).toBe(a.samples);
    }), { numRuns: 30 });
  });
});
