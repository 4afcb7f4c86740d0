import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeHistogram } from '../../../../src/commands/load/histogram';
import { detectArtillery, parseArtillery } from '../../../../src/commands/load/ingest/artillery/index';
import type { LoadResult, Series } from '../../../../src/commands/load/model';
import { UserError } from '../../../../src/errors';
import { hasSharedFixtures, sharedFixture } from '../../../helpers/fixtures';

const fixture = (name: string) => readFileSync(sharedFixture('load', name), 'utf8');
const V1 = 'artillery/test_report.json';
const V2 = 'artillery/test_report_v2.json';

type Of<M extends Series['metric']> = Series & { metric: M };
function all<M extends Series['metric']>(result: LoadResult, metric: M): Array<Of<M>> {
  return result.series.filter((s): s is Of<M> => s.metric === metric);
}
function one<M extends Series['metric']>(result: LoadResult, metric: M, tags: Record<string, string>): Of<M> {
  const found = all(result, metric).filter((s) => JSON.stringify(s.tags) === JSON.stringify(tags));
  expect(found, `${metric} ${JSON.stringify(tags)}`).toHaveLength(1);
  return found[0]!;
}
/** The series at one level: exactly these tag keys. */
function level<M extends Series['metric']>(result: LoadResult, metric: M, keys: string[]): Array<Of<M>> {
  return all(result, metric).filter((s) => Object.keys(s.tags).sort().join(',') === [...keys].sort().join(','));
}
function userError(run: () => unknown): UserError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return error as UserError;
  }
  throw new Error('expected a UserError');
}

describe.skipIf(!hasSharedFixtures)('Artillery: real reports from ../shared/fixtures', () => {
  it('v1 report: the aggregate is the total, 23 windows carry raw latencies', () => {
    const text = fixture(V1);
    const result = parseArtillery(text, 'test_report.json');
    expect(result.format).toBe('artillery');
    expect(result.durationSeconds).toBeUndefined();
    expect(one(result, 'http_req_duration', {}).trend).toEqual({
      kind: 'summary',
      count: 5194,
      min: 1.9,
      max: 107622.6,
      med: 1454.9,
      percentiles: { '50': 1454.9, '95': 24193.6, '99': 57940.9 },
    });
    expect(one(result, 'http_reqs', {})).toEqual({ metric: 'http_reqs', tags: {}, count: 5195, perSecond: 22.99 });
    // 500: 239, 400: 92, 408: 8, 503: 4, plus one ESOCKETTIMEDOUT; over 5294 responses by code + 1 error.
    expect(one(result, 'http_req_failed', {})).toMatchObject({ failed: 344, total: 5295 });
    expect(level(result, 'http_reqs', ['status']).map((s) => [s.tags.status, s.count])).toEqual([
      ['200', 4951],
      ['400', 92],
      ['408', 8],
      ['500', 239],
      ['503', 4],
    ]);
    // The sample's codes disagree with requestsCompleted (by 100, in the aggregate and in window 2).
    expect(result.notes).toEqual([
      'the status codes do not add up to requestsCompleted in aggregate (5294 codes, 5194 completed), intermediate[2] (284 codes, 184 completed); http_req_failed and http_reqs{status} follow the codes',
    ]);

    const windows = level(result, 'http_req_duration', ['window']);
    expect(windows).toHaveLength(23);
    expect(windows[0]!.tags.window).toBe('2021-03-11T20:20:59.094Z');
    expect(windows.at(-1)!.tags.window).toBe('2021-03-11T20:24:35.411Z');
    // Each window's latencies (ns) are a histogram: 87 values in the first, exact p95 2294.461737 ms.
    const first = windows[0]!.trend;
    expect(first).toMatchObject({ kind: 'histogram', min: 4.748511, max: 6397.023917 });
    const histogram = decodeHistogram(first.kind === 'histogram' ? first.histogram : '');
    expect(histogram.totalCount).toBe(87);
    expect(Math.abs(histogram.getValueAtPercentile(95) / 1000 - 2294.461737)).toBeLessThanOrEqual(2294.461737 * 0.001);
    expect(Math.abs(histogram.maxValue / 1000 - 6397.023917)).toBeLessThanOrEqual(6397.023917 * 0.001);
    // Window levels partition the run: the windows' latencies are all 5194 responses.
    expect(windows.reduce((n, s) => n + (s.trend.kind === 'histogram' ? decodeHistogram(s.trend.histogram).totalCount : 0), 0)).toBe(5194);
    expect(one(result, 'http_reqs', { window: '2021-03-11T20:20:59.094Z' })).toMatchObject({ count: 116, perSecond: 12.07 });
    expect(level(result, 'http_req_failed', ['window']).reduce((n, s) => n + s.total, 0)).toBe(5295);
    expect(one(result, 'http_req_failed', { window: '2021-03-11T20:22:59.108Z' })).toMatchObject({ failed: 1, total: 226 });
    expect(one(result, 'http_reqs', { window: '2021-03-11T20:23:49.106Z', status: '408' }).count).toBe(8);
  });

  it('v2 report: engine.http.* names, summaries with p999, windows by period', () => {
    const result = parseArtillery(fixture(V2), 'test_report_v2.json');
    expect(result.notes).toEqual([]);
    // The aggregate's firstMetricAt is null and its lastMetricAt stale; the windows span 1618359436541..1618359496522.
    expect(result.durationSeconds).toBeCloseTo(59.981, 9);
    expect(one(result, 'http_req_duration', {}).trend).toEqual({
      kind: 'summary',
      count: 1200,
      min: 16.8,
      max: 210.4,
      avg: 31309.68318699999 / 1200,
      med: 23.8,
      percentiles: { '50': 23.8, '75': 26.3, '90': 30.3, '95': 34.8, '99': 76, '99.9': 153 },
    });
    expect(one(result, 'http_reqs', {})).toEqual({ metric: 'http_reqs', tags: {}, count: 1200, perSecond: 20 });
    expect(one(result, 'http_req_failed', {})).toMatchObject({ failed: 0, total: 1200 });
    expect(one(result, 'http_reqs', { status: '201' }).count).toBe(1200);

    const windows = level(result, 'http_reqs', ['window']);
    expect(windows.map((s) => [s.tags.window, s.count])).toEqual([
      ['2021-04-14T00:17:10.000Z', 70],
      ['2021-04-14T00:17:20.000Z', 200],
      ['2021-04-14T00:17:30.000Z', 200],
      ['2021-04-14T00:17:40.000Z', 200],
      ['2021-04-14T00:17:50.000Z', 200],
      ['2021-04-14T00:18:00.000Z', 200],
      ['2021-04-14T00:18:10.000Z', 130],
    ]);
    expect(level(result, 'http_req_failed', ['window']).reduce((n, s) => n + s.total, 0)).toBe(1200);
    const firstWindow = one(result, 'http_req_duration', { window: '2021-04-14T00:17:10.000Z' }).trend;
    // Its _raw sketch is the aggregate's (count 1200, not 69), so it gives no average.
    expect(firstWindow).toEqual({ kind: 'summary', count: 69, min: 20.2, max: 91.6, med: 24.3, percentiles: { '50': 24.3, '75': 26.3, '90': 28.5, '95': 30.3, '99': 44.3, '99.9': 44.3 } });
    expect(one(result, 'http_req_duration', { window: '2021-04-14T00:17:20.000Z' }).trend).toMatchObject({ count: 200, avg: 4961.6782980000025 / 200, percentiles: { '95': 29.1 } });
  });
});

/** An Artillery 2 report with today's metric names, errors and the metrics-by-endpoint plugin. */
function v2Report(): unknown {
  const summary = (count: number, p95: number) => ({ min: 1, max: 100, count, mean: 20, p50: 10, median: 10, p75: 15, p90: 30, p95, p99: 90, p999: 99 });
  const window = (period: number, scale: number) => ({
    counters: {
      'http.requests': 10 * scale,
      'http.responses': 9 * scale,
      'http.codes.200': 7 * scale,
      'http.codes.500': 2 * scale,
      'errors.ETIMEDOUT': 1 * scale,
      'plugins.metrics-by-endpoint./a.b/items.codes.200': 5 * scale,
      'plugins.metrics-by-endpoint./a.b/items.codes.500': 2 * scale,
      'plugins.metrics-by-endpoint./login (Login).codes.200': 2 * scale,
      'plugins.metrics-by-endpoint./login (Login).errors.ETIMEDOUT': 1 * scale,
      'vusers.created': 3 * scale,
    },
    rates: { 'http.request_rate': scale },
    summaries: {
      'http.response_time': summary(9 * scale, 50),
      'plugins.metrics-by-endpoint.response_time./a.b/items': summary(7 * scale, 60),
      'plugins.metrics-by-endpoint.response_time./login (Login)': summary(2 * scale, 40),
      'vusers.session_length': summary(3 * scale, 500),
    },
    histograms: {},
    period,
    firstMetricAt: period + 1,
    lastMetricAt: period + 9_000,
  });
  return { aggregate: { ...window(1_700_000_000_000, 3), period: undefined }, intermediate: [window(1_700_000_000_000, 1), window(1_700_000_010_000, 2)] };
}

describe('Artillery: v2 metric names, errors and endpoints', () => {
  const result = parseArtillery(JSON.stringify(v2Report(), null, 2), 'v2.json');

  it('counts requests, responses by status and errors', () => {
    expect(one(result, 'http_reqs', {})).toMatchObject({ count: 30, perSecond: 3 });
    // 500s and timeouts fail: (6 + 3) of (27 responses + 3 errors).
    expect(one(result, 'http_req_failed', {})).toMatchObject({ failed: 9, total: 30 });
    expect(one(result, 'http_reqs', { status: '500' }).count).toBe(6);
    expect(one(result, 'http_req_duration', {}).trend).toMatchObject({ count: 27, avg: 20, med: 10, percentiles: { '95': 50, '99.9': 99 } });
    expect(result.durationSeconds).toBeCloseTo(18.999, 9);
  });

  it('splits by endpoint, names with dots and spaces intact, at levels that partition', () => {
    expect(level(result, 'http_reqs', ['endpoint']).map((s) => [s.tags.endpoint, s.count])).toEqual([
      ['/a.b/items', 21],
      ['/login (Login)', 9],
    ]);
    expect(one(result, 'http_req_failed', { endpoint: '/a.b/items' })).toMatchObject({ failed: 6, total: 21 });
    expect(one(result, 'http_req_failed', { endpoint: '/login (Login)' })).toMatchObject({ failed: 3, total: 9 });
    expect(one(result, 'http_req_duration', { endpoint: '/a.b/items' }).trend).toMatchObject({ count: 21, percentiles: { '95': 60 } });
    expect(one(result, 'http_reqs', { endpoint: '/a.b/items', status: '500' }).count).toBe(6);
    // Window × endpoint: the two windows add up to the aggregate's endpoint row.
    const items = level(result, 'http_req_failed', ['window', 'endpoint']).filter((s) => s.tags.endpoint === '/a.b/items');
    expect(items.map((s) => s.tags.window)).toEqual(['2023-11-14T22:13:20.000Z', '2023-11-14T22:13:30.000Z']);
    expect(items.reduce((n, s) => n + s.total, 0)).toBe(21);
    expect(items.reduce((n, s) => n + s.failed, 0)).toBe(6);
  });

  it('ignores metrics that are not HTTP requests', () => {
    expect(result.series.some((s) => JSON.stringify(s).includes('vusers'))).toBe(false);
  });
});

describe('Artillery: early 2.x and 1.x variations', () => {
  it('reads summaries kept under histograms, and skips raw sketches there', () => {
    const report = {
      aggregate: {
        counters: { 'engine.http.requests': 4, 'engine.http.codes.200': 4 },
        rates: {},
        histograms: { 'engine.http.response_time': { min: 1, max: 4, count: 4, p50: 2, median: 2, p95: 4 }, other: { bins: [1, 2] } },
        firstMetricAt: 1000,
        lastMetricAt: 5000,
      },
    };
    const result = parseArtillery(JSON.stringify(report), 'early.json');
    expect(one(result, 'http_req_duration', {}).trend).toEqual({ kind: 'summary', count: 4, min: 1, max: 4, med: 2, percentiles: { '50': 2, '95': 4 } });
    expect(one(result, 'http_reqs', {}).count).toBe(4);
    expect(one(result, 'http_reqs', {}).perSecond).toBeUndefined();
    expect(result.durationSeconds).toBe(4);
  });

  it('reads v1 windows without latencies as summaries, and the old [time, id, ns, code] latency entries', () => {
    const stats = (extra: Record<string, unknown>) => ({
      timestamp: '2020-01-01T00:00:10.000Z',
      requestsCompleted: 2,
      latency: { min: 1, max: 3, median: 2, p95: 3, p99: 3 },
      rps: { count: 2, mean: 0.2 },
      codes: { '200': 2 },
      errors: {},
      ...extra,
    });
    const report = { aggregate: stats({}), intermediate: [stats({ latencies: [[0, 'a', 1_000_000, 200], [0, 'b', 3_000_000, 200]] }), stats({ timestamp: '2020-01-01T00:00:20.000Z' })] };
    const result = parseArtillery(JSON.stringify(report), 'old.json');
    const [first, second] = level(result, 'http_req_duration', ['window']);
    expect(first!.trend.kind).toBe('histogram');
    expect(decodeHistogram(first!.trend.kind === 'histogram' ? first!.trend.histogram : '').totalCount).toBe(2);
    expect(second!.trend).toEqual({ kind: 'summary', count: 2, min: 1, max: 3, med: 2, percentiles: { '50': 2, '95': 3, '99': 3 } });
    expect(result.notes).toEqual([]);
  });

  it('leaves out latency for a window without responses', () => {
    const empty = { requestsCompleted: 0, latency: { min: null, max: null, median: null, p95: null, p99: null }, rps: { count: 0, mean: 0 }, codes: {}, errors: {} };
    const result = parseArtillery(JSON.stringify({ aggregate: empty, intermediate: [empty] }), 'empty.json');
    expect(all(result, 'http_req_duration')).toEqual([]);
    expect(one(result, 'http_reqs', { window: 'intermediate[0]' }).count).toBe(0);
  });
});

describe('Artillery: refused input', () => {
  it('an empty file', () => {
    const error = userError(() => parseArtillery('\n', 'e.json'));
    expect(error.location).toEqual({ file: 'e.json' });
    expect(error.message).toMatch(/found an empty file/);
  });

  it.skipIf(!hasSharedFixtures)('a truncated report, with the line where it ends (../shared/fixtures)', () => {
    const text = fixture(V1).slice(0, 5000);
    const error = userError(() => parseArtillery(text, 'cut.json'));
    expect(error.location?.line).toBe(text.split('\n').length);
    expect(error.message).toMatch(/found text that is not valid JSON: the text ends too early$/);
  });

  it('a wrong shape, naming the JSON path, its line, and what was there', () => {
    const report = { aggregate: { requestsCompleted: 5, latency: { min: 1, max: 2, median: 1, p95: 'slow', p99: 2 } } };
    const text = JSON.stringify(report, null, 2);
    const error = userError(() => parseArtillery(text, 'w.json'));
    expect(error.message).toBe('not a valid Artillery report: aggregate.latency.p95: expected number, found "slow"');
    expect(error.location).toEqual({ file: 'w.json', path: 'aggregate.latency.p95', line: text.split('\n').findIndex((l) => l.includes('"slow"')) + 1 });

    const v2 = JSON.stringify({ aggregate: { counters: {}, summaries: {} }, intermediate: [{ counters: { 'http.requests': '10' } }] }, null, 2);
    const v2Error = userError(() => parseArtillery(v2, 'w2.json'));
    expect(v2Error.location?.path).toBe('intermediate[0].counters.http.requests');
    expect(v2Error.message).toContain('expected number, found "10"');
  });

  it('JSON that is not an Artillery report', () => {
    expect(userError(() => parseArtillery('{"metrics":{}}', 'k6.json')).message).toBe('not a valid Artillery report: aggregate: missing required field; expected an object');
    expect(userError(() => parseArtillery('{"aggregate":{"foo":1}}', 'x.json')).message).toBe(
      'not a valid Artillery report: aggregate: expected Artillery 1.x fields (requestsCompleted, latency) or 2.x fields (counters, summaries), found an object with key "foo"',
    );
    expect(userError(() => parseArtillery('"report"', 's.json')).message).toBe('expected an Artillery JSON report (artillery run --output), found the string "report"');
  });
});

describe('Artillery: detection', () => {
  it('claims v1 and v2 reports, nothing else', () => {
    expect(detectArtillery(JSON.stringify(v2Report()))).toBe(true);
    expect(detectArtillery('{"aggregate":{"scenariosCreated":1,"requestsCompleted":1}}')).toBe(true);
    expect(detectArtillery('{"aggregate":{}}')).toBe(false);
    expect(detectArtillery('{"metrics":{"http_reqs":{}}}')).toBe(false);
    expect(detectArtillery('Type,Name\n')).toBe(false);
  });

  it.skipIf(!hasSharedFixtures)('accepts its own fixtures and rejects the other formats (../shared/fixtures)', () => {
    expect(detectArtillery(fixture(V1))).toBe(true);
    expect(detectArtillery(fixture(V2))).toBe(true);
    for (const other of [
      'autocannon/autocannon-9.0.0-result.json',
      'autocannon/autocannon-9.0.0-shard-skipAggregateResult.json',
      'jmeter/kpi1.jtl',
      'jmeter/slow-stdev.jtl',
      'locust/results_stats.csv',
      'k6/handle-summary-data.json',
      'k6/json-output.ndjson',
      'k6/summary-export-legacy.json',
    ]) {
      expect(detectArtillery(fixture(other)), other).toBe(false);
    }
  });
});
