import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectK6, detectK6Value, looksLikeK6Ndjson } from '../../../../src/commands/load/ingest/k6';
import { hasSharedFixtures, sharedFixture } from '../../../helpers/fixtures';

const read = (...parts: string[]): string => readFileSync(sharedFixture(...parts), 'utf8');

describe('k6 format detection, by content', () => {
  it.skipIf(!hasSharedFixtures)('tells the real k6 fixtures apart', () => {
    expect(detectK6(read('load', 'k6', 'handle-summary-data.json'))).toBe('k6-summary');
    expect(detectK6(read('load', 'k6', 'summary-export-legacy.json'))).toBe('k6-summary-export');
    const ndjson = read('load', 'k6', 'json-output.ndjson');
    expect(detectK6(ndjson)).toBeUndefined();
    expect(looksLikeK6Ndjson(ndjson.split('\n', 1)[0]!)).toBe(true);
  });

  it.skipIf(!hasSharedFixtures)("claims none of the other tools' load results", () => {
    for (const file of ['autocannon-9.0.0-result.json', 'autocannon-9.0.0-shard-skipAggregateResult.json']) {
      expect(detectK6(read('load', 'autocannon', file))).toBeUndefined();
    }
    for (const file of ['test_report.json', 'test_report_v2.json']) expect(detectK6(read('load', 'artillery', file))).toBeUndefined();
    expect(detectK6(read('load', 'locust', 'results_stats.csv'))).toBeUndefined();
    expect(looksLikeK6Ndjson(read('load', 'jmeter', 'kpi1.jtl').split('\n', 1)[0]!)).toBe(false);
  });

  it('tells the three JSON summaries apart', () => {
    expect(detectK6Value({ version: '1.0.0', metadata: {}, config: {}, results: { metrics: [] } })).toBe('k6-machine-summary');
    expect(detectK6Value({ metrics: { http_reqs: { type: 'counter', contains: 'default', values: { count: 1, rate: 1 } } } })).toBe('k6-summary');
    expect(detectK6Value({ metrics: { http_reqs: { count: 1, rate: 1 }, vus: { value: 1, min: 1, max: 1 } } })).toBe('k6-summary-export');
    expect(detectK6Value({ metrics: { my_metric: { count: 1, thresholds: { 'count>0': false } } }, root_group: { groups: {} } })).toBe('k6-summary-export');
    // No metrics at all: the rest of the object decides.
    expect(detectK6Value({ metrics: {}, state: { testRunDurationMs: 10 }, root_group: { groups: [] } })).toBe('k6-summary');
    expect(detectK6Value({ metrics: {}, root_group: { groups: {} } })).toBe('k6-summary-export');
    expect(detectK6('\uFEFF{"metrics":{"http_reqs":{"type":"counter","values":{"count":1}}}}')).toBe('k6-summary');
  });

  it('says undefined for other JSON, and for text that is not JSON', () => {
    expect(detectK6('{"metrics": {"requests": {"count": 3}}}')).toBeUndefined();
    expect(detectK6('{"metrics": []}')).toBeUndefined();
    expect(detectK6('{"aggregate": {"counters": {}}, "intermediate": []}')).toBeUndefined();
    expect(detectK6('{"metrics": {}}')).toBeUndefined();
    expect(detectK6('{"metrics": {"x": ')).toBeUndefined();
    expect(detectK6('')).toBeUndefined();
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        detectK6Value(value);
      }),
    );
  });

  it('knows a k6 --out json line, even cut short', () => {
    expect(looksLikeK6Ndjson('{"type":"Metric","data":{"name":"vus","type":"gauge","contains":"default","thresholds":[],"submetrics":null},"metric":"vus"}')).toBe(true);
    expect(looksLikeK6Ndjson('{"type":"Point","data":{"time":"2024-05-01T10:00:00Z","val')).toBe(true);
    expect(looksLikeK6Ndjson('\uFEFF {"metric":"vus","data":{},"type":"Point"}\r')).toBe(true);
    expect(looksLikeK6Ndjson('{"type":"Point","data":[],"metric":"vus"}')).toBe(false);
    expect(looksLikeK6Ndjson('{"level":"info"}')).toBe(false);
    expect(looksLikeK6Ndjson('metric_name,timestamp,metric_value')).toBe(false);
    expect(looksLikeK6Ndjson('')).toBe(false);
  });
});
