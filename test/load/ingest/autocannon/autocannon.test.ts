import { readFileSync } from 'node:fs';
import * as hdr from 'hdr-histogram-js';
import { describe, expect, it } from 'vitest';
import { createHistogram, decodeHistogram } from '../../../../src/commands/load/histogram';
import { detectAutocannon, parseAutocannon, percentileOfKey } from '../../../../src/commands/load/ingest/autocannon/index';
import type { LoadResult, Series } from '../../../../src/commands/load/model';
import { UserError } from '../../../../src/errors';
import { hasSharedFixtures, sharedFixture } from '../../../helpers/fixtures';

const fixture = (name: string) => readFileSync(sharedFixture('load', name), 'utf8');
const RESULT = 'autocannon/autocannon-9.0.0-result.json';
const SHARD = 'autocannon/autocannon-9.0.0-shard-skipAggregateResult.json';

type Of<M extends Series['metric']> = Series & { metric: M };
function one<M extends Series['metric']>(result: LoadResult, metric: M, tags: Record<string, string>): Of<M> {
  const found = result.series.filter((s): s is Of<M> => s.metric === metric && JSON.stringify(s.tags) === JSON.stringify(tags));
  expect(found, `${metric} ${JSON.stringify(tags)}`).toHaveLength(1);
  return found[0]!;
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

/** A minimal --json result; tests override what they look at. */
function result(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify(
    {
      duration: 10,
      start: '2024-01-01T00:00:00.000Z',
      finish: '2024-01-01T00:00:10.000Z',
      errors: 0,
      timeouts: 0,
      mismatches: 0,
      non2xx: 0,
      '2xx': 100,
      statusCodeStats: { '200': { count: 100 } },
      latency: { average: 5, mean: 5, stddev: 1, min: 1, max: 9, p50: 5, p90: 8, p97_5: 9, p99: 9, p99_9: 9, totalCount: 100 },
      requests: { average: 10, mean: 10, total: 100, sent: 100 },
      ...overrides,
    },
    null,
    2,
  );
}

describe('autocannon: key names', () => {
  it("maps pXX_Y keys to percentile numbers, the way the gates look them up", () => {
    expect(percentileOfKey('p50')).toBe('50');
    expect(percentileOfKey('p97_5')).toBe('97.5');
    expect(percentileOfKey('p99_999')).toBe('99.999');
    expect(percentileOfKey('p0_001')).toBe('0.001');
    expect(percentileOfKey('p2_5')).toBe('2.5');
    expect(percentileOfKey('mean')).toBeUndefined();
    expect(percentileOfKey('p')).toBeUndefined();
  });
});

describe.skipIf(!hasSharedFixtures)('autocannon: real results from ../shared/fixtures', () => {
  it('the --json result: precomputed latency, 308 responses, 14 of them 429', () => {
    const parsed = parseAutocannon(fixture(RESULT), 'result.json');
    expect(parsed.format).toBe('autocannon');
    expect(parsed.notes).toEqual([]);
    expect(parsed.durationSeconds).toBe(3.04);
    expect(one(parsed, 'http_req_duration', {}).trend).toEqual({
      kind: 'summary',
      count: 308,
      min: 2,
      max: 122,
      avg: 16.52,
      med: 13,
      percentiles: {
        '0.001': 2, '0.01': 2, '0.1': 2, '1': 2, '2.5': 3, '10': 5, '25': 8, '50': 13, '75': 18, '90': 26, '97.5': 102, '99': 110, '99.9': 122, '99.99': 122, '99.999': 122,
      },
    });
    // requests.total (completed), not requests.sent (408, which counts what was still in flight).
    expect(one(parsed, 'http_reqs', {})).toEqual({ metric: 'http_reqs', tags: {}, count: 308, perSecond: 102.67 });
    expect(one(parsed, 'http_req_failed', {})).toMatchObject({ failed: 14, total: 308 });
    expect(one(parsed, 'http_reqs', { status: '200' }).count).toBe(294);
    expect(one(parsed, 'http_reqs', { status: '429' }).count).toBe(14);
    expect(parsed.series).toHaveLength(5);
  });

  it('the skipAggregateResult shard: its raw latency histogram becomes an exact, mergeable histogram', () => {
    const text = fixture(SHARD);
    const parsed = parseAutocannon(text, 'shard.json');
    expect(parsed.notes).toEqual([]);
    expect(parsed.durationSeconds).toBe(3.02);
    const trend = one(parsed, 'http_req_duration', {}).trend;
    expect(trend).toMatchObject({ kind: 'histogram', min: 2, max: 37 });
    const ours = decodeHistogram(trend.kind === 'histogram' ? trend.histogram : '');
    expect(ours.totalCount).toBe(301);
    // autocannon's own histogram, decoded directly: every percentile agrees to HDR precision.
    const theirs = hdr.decodeFromCompressedBase64((JSON.parse(text) as { latencies: string }).latencies, 'packed', false);
    for (const p of [1, 25, 50, 90, 97.5, 99, 100]) {
      const mine = ours.getValueAtPercentile(p) / 1000;
      expect(Math.abs(mine - theirs.getValueAtPercentile(p))).toBeLessThanOrEqual(theirs.getValueAtPercentile(p) * 0.001);
    }
    expect(theirs.getValueAtPercentile(50)).toBe(11);
    expect(theirs.getValueAtPercentile(99)).toBe(30);
    expect(Math.round(ours.maxValue / 1000)).toBe(37);
    expect(Math.round(ours.minNonZeroValue / 1000)).toBe(2);
    expect(ours.mean / 1000).toBeCloseTo(11.9136, 2);
    // Two shards add exactly.
    const both = createHistogram();
    both.add(ours);
    both.add(ours);
    expect(both.totalCount).toBe(602);
    expect(both.getValueAtPercentile(99)).toBe(ours.getValueAtPercentile(99));

    expect(one(parsed, 'http_reqs', {}).count).toBe(301);
    // The mean of its per-second request samples (99, 101, 101).
    expect(one(parsed, 'http_reqs', {}).perSecond).toBeCloseTo(301 / 3, 9);
    expect(one(parsed, 'http_req_failed', {})).toMatchObject({ failed: 13, total: 301 });
    expect(one(parsed, 'http_reqs', { status: '200' }).count).toBe(288);
    expect(one(parsed, 'http_reqs', { status: '429' }).count).toBe(13);
  });
});

describe('autocannon: failures and counts', () => {
  it('counts errors (which include timeouts) and non-2xx responses as failed, over responses plus errors', () => {
    const parsed = parseAutocannon(result({ errors: 5, timeouts: 3, non2xx: 7, statusCodeStats: { '200': { count: 93 }, '503': { count: 7 } } }), 'r.json');
    // 5 errors of which 3 timeouts, 7 non-2xx: 12 failed of 100 responses + 5 errors.
    expect(one(parsed, 'http_req_failed', {})).toMatchObject({ failed: 12, total: 105 });
    expect(one(parsed, 'http_reqs', {}).count).toBe(100);
    expect(parsed.notes).toEqual([]);
  });

  it('notes what it cannot use: expectBody mismatches, status counts that do not add up', () => {
    const parsed = parseAutocannon(result({ mismatches: 2, statusCodeStats: { '200': { count: 90 } } }), 'r.json');
    expect(parsed.notes).toEqual([
      'statusCodeStats add up to 90 responses but 100 requests completed',
      '2 responses did not match expectBody; they are not counted as failed',
    ]);
  });

  it('reads a result without statusCodeStats or duration (older autocannon), taking the span from start and finish', () => {
    const parsed = parseAutocannon(result({ statusCodeStats: undefined, duration: undefined }), 'r.json');
    expect(parsed.durationSeconds).toBe(10);
    expect(parsed.series.map((s) => s.metric)).toEqual(['http_req_duration', 'http_reqs', 'http_req_failed']);
  });

  it('keeps a run that completed nothing', () => {
    const parsed = parseAutocannon(
      result({ errors: 10, statusCodeStats: {}, latency: { min: 0, max: 0, totalCount: 0 }, requests: { total: 0, average: 0 } }),
      'r.json',
    );
    expect(parsed.series.some((s) => s.metric === 'http_req_duration')).toBe(false);
    expect(one(parsed, 'http_req_failed', {})).toMatchObject({ failed: 10, total: 10 });
    expect(parsed.notes).toContain('the run completed no requests, so there is no latency');
  });
});

describe('autocannon: refused input', () => {
  it('an empty file', () => {
    expect(userError(() => parseAutocannon('', 'e.json')).location).toEqual({ file: 'e.json' });
  });

  it('truncated JSON, with the line where it ends', () => {
    const text = result().slice(0, 120);
    const error = userError(() => parseAutocannon(text, 't.json'));
    expect(error.location?.file).toBe('t.json');
    expect(error.location?.line).toBe(text.split('\n').length);
    expect(error.message).toMatch(/not valid JSON: the text ends too early/);
  });

  it('a wrong shape, naming the JSON path, the line, and what was found', () => {
    const bad = result({ latency: { mean: 5, min: 1, max: 9, p50: 5, p99: 'fast', totalCount: 100 } });
    const error = userError(() => parseAutocannon(bad, 'w.json'));
    expect(error.location?.path).toBe('latency.p99');
    expect(error.location?.line).toBe(bad.split('\n').findIndex((l) => l.includes('"p99": "fast"')) + 1);
    expect(error.message).toBe('not a valid autocannon result: latency.p99: expected number, found "fast"');

    const missing = userError(() => parseAutocannon(JSON.stringify({ latency: {}, requests: { total: 1 }, errors: 0 }), 'm.json'));
    expect(missing.message).toBe('not a valid autocannon result: non2xx: missing required field; expected number');
    expect(userError(() => parseAutocannon('[1,2]', 'a.json')).message).toBe('expected an autocannon JSON result (autocannon --json), found an array');
  });

  it('a shard whose latencies are not an encoded histogram', () => {
    const shard = JSON.stringify({ latencies: 'not-a-histogram', totalCompletedRequests: 1, errors: 0, non2xx: 0 });
    const error = userError(() => parseAutocannon(shard, 's.json'));
    expect(error.location).toEqual({ file: 's.json', path: 'latencies' });
    expect(error.message).toMatch(/^not a valid autocannon result: latencies: expected an HDR histogram in compressed base64/);
  });
});

describe('autocannon: detection', () => {
  it('claims results and shards, nothing else', () => {
    expect(detectAutocannon(result())).toBe(true);
    expect(detectAutocannon('{"latencies":"HISTFAAAA","non2xx":0}')).toBe(true);
    expect(detectAutocannon('{"latency":{},"requests":{}}')).toBe(false);
    expect(detectAutocannon('timeStamp,elapsed\n')).toBe(false);
  });

  it.skipIf(!hasSharedFixtures)('accepts its own fixtures and rejects the other formats (../shared/fixtures)', () => {
    expect(detectAutocannon(fixture(RESULT))).toBe(true);
    expect(detectAutocannon(fixture(SHARD))).toBe(true);
    for (const other of [
      'artillery/test_report.json',
      'artillery/test_report_v2.json',
      'jmeter/kpi1.jtl',
      'jmeter/slow-stdev.jtl',
      'locust/results_stats.csv',
      'k6/handle-summary-data.json',
      'k6/json-output.ndjson',
      'k6/summary-export-legacy.json',
    ]) {
      expect(detectAutocannon(fixture(other)), other).toBe(false);
    }
  });
});
