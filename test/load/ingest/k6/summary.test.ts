import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseK6Summary } from '../../../../src/commands/load/ingest/k6';
import { hasSharedFixtures, sharedFixture } from '../../../helpers/fixtures';
import { expectUserError, thrown } from './helpers';

const FIXTURE = 'handle-summary-data.json';
const fixture = (): string => readFileSync(sharedFixture('load', 'k6', FIXTURE), 'utf8');

/**
 * What `handleSummary(data) { return { 'summary.json': JSON.stringify(data, null, 2) } }`
 * writes for an HTTP test with thresholds on two submetrics, in the shape of
 * the k6 docs' "Custom summary" data example (legacy summary mode): trend
 * values in ms, http_req_failed's passes = failed requests.
 */
const HTTP_SUMMARY = `{
  "root_group": { "name": "", "path": "", "id": "d41d8cd98f00b204e9800998ecf8427e", "groups": [], "checks": [
    { "name": "status is 200", "path": "::status is 200", "id": "548d37ca5f33793206f7832e7cea54fb", "passes": 147, "fails": 3 } ] },
  "options": { "summaryTrendStats": ["avg", "min", "med", "max", "p(90)", "p(95)", "p(99.9)", "count"], "summaryTimeUnit": "", "noColor": false },
  "state": { "isStdOutTTY": false, "isStdErrTTY": false, "testRunDurationMs": 30012.345 },
  "metrics": {
    "http_req_duration": { "type": "trend", "contains": "time",
      "values": { "avg": 112.4, "min": 80.111, "med": 105.5, "max": 950.25, "p(90)": 140.75, "p(95)": 181.3, "p(99.9)": 930.9, "count": 150 },
      "thresholds": { "p(95)<500": { "ok": true } } },
    "http_req_duration{expected_response:true}": { "type": "trend", "contains": "time",
      "values": { "avg": 110.2, "min": 80.111, "med": 104.9, "max": 610.5, "p(90)": 139.1, "p(95)": 170.2, "p(99.9)": 600.01, "count": 147 } },
    "http_req_duration{name:http://test.k6.io/api/x, method: \\"POST\\"}": { "type": "trend", "contains": "time",
      "values": { "avg": 150, "min": 90, "med": 140, "max": 950.25, "p(90)": 200, "p(95)": 260.5, "p(99.9)": 940, "count": 50 },
      "thresholds": { "p(95)<250": { "ok": false } } },
    "http_req_failed": { "type": "rate", "contains": "default", "values": { "rate": 0.02, "passes": 3, "fails": 147 },
      "thresholds": { "rate<0.01": { "ok": false } } },
    "http_reqs": { "type": "counter", "contains": "default", "values": { "count": 150, "rate": 4.997945 } },
    "dropped_iterations": { "type": "counter", "contains": "default", "values": { "count": 2, "rate": 0.066639 } },
    "http_req_waiting": { "type": "trend", "contains": "time", "values": { "avg": 100.1, "min": 70, "med": 95, "max": 900, "p(90)": 130, "p(95)": 170, "p(99.9)": 890, "count": 150 } },
    "checks": { "type": "rate", "contains": "default", "values": { "rate": 0.98, "passes": 147, "fails": 3 } },
    "iterations": { "type": "counter", "contains": "default", "values": { "count": 150, "rate": 4.997945 } },
    "vus": { "type": "gauge", "contains": "default", "values": { "value": 5, "min": 5, "max": 5 } }
  }
}
`;

describe('k6 handleSummary() data', () => {
  it.skipIf(!hasSharedFixtures)(`reads the real fixture ${FIXTURE} (k6's own test data) exactly`, () => {
    const result = parseK6Summary(fixture(), 'summary.json');
    expect(result).toEqual({
      format: 'k6-summary',
      file: 'summary.json',
      durationSeconds: 1,
      series: [{ metric: 'http_reqs', tags: {}, count: 3, perSecond: 3 }],
      notes: [
        'no http_req_duration or http_req_failed metrics in the file',
        // my_trend<1000 and rate<100 have "ok": false in the file; rate>70 on checks has "ok": true.
        'k6\'s own thresholds: 2 of 3 failed: my_trend "my_trend<1000", http_reqs "rate<100"',
      ],
    });
  });

  it('maps the HTTP metrics, their submetrics (tags parsed the way k6 does) and the run duration', () => {
    const result = parseK6Summary(HTTP_SUMMARY, 'summary.json');
    expect(result.durationSeconds).toBe(30.012345);
    expect(result.series).toEqual([
      {
        metric: 'http_req_duration',
        tags: {},
        trend: { kind: 'summary', count: 150, min: 80.111, max: 950.25, avg: 112.4, med: 105.5, percentiles: { '90': 140.75, '95': 181.3, '99.9': 930.9 } },
      },
      {
        metric: 'http_req_duration',
        tags: { expected_response: 'true' }, exactOnly: true,
        trend: { kind: 'summary', count: 147, min: 80.111, max: 610.5, avg: 110.2, med: 104.9, percentiles: { '90': 139.1, '95': 170.2, '99.9': 600.01 } },
      },
      {
        metric: 'http_req_duration',
        // `name` is the endpoint; the value keeps its colon (split on the first ":"); quotes and spaces trimmed.
        tags: { endpoint: 'http://test.k6.io/api/x', method: 'POST' }, exactOnly: true,
        trend: { kind: 'summary', count: 50, min: 90, max: 950.25, avg: 150, med: 140, percentiles: { '90': 200, '95': 260.5, '99.9': 940 } },
      },
      // passes = the true values of http_req_failed = failed requests.
      { metric: 'http_req_failed', tags: {}, failed: 3, total: 150 },
      { metric: 'http_reqs', tags: {}, count: 150, perSecond: 4.997945 },
      { metric: 'dropped_requests', tags: {}, count: 2, perSecond: 0.066639 },
    ]);
    expect(result.notes).toEqual([
      'k6\'s own thresholds: 2 of 3 failed: http_req_duration{name:http://test.k6.io/api/x, method: "POST"} "p(95)<250", http_req_failed "rate<0.01"',
    ]);
  });

  it('keeps the first of two submetrics with the same filter and says so', () => {
    const data = JSON.parse(HTTP_SUMMARY) as { metrics: Record<string, unknown> };
    data.metrics['http_req_duration{ expected_response : "true" }'] = data.metrics['http_req_duration{expected_response:true}'];
    const result = parseK6Summary(JSON.stringify(data), 'summary.json');
    expect(result.series.filter((s) => s.metric === 'http_req_duration')).toHaveLength(3);
    expect(result.notes[0]).toBe('1 metric with the same tag filter as an earlier one, left out: "http_req_duration{ expected_response : \\"true\\" }" repeats "http_req_duration{expected_response:true}"');
  });

  it('takes null statistics (NaN after JSON.stringify) as absent', () => {
    const text = JSON.stringify({ metrics: { http_req_duration: { type: 'trend', contains: 'time', values: { avg: null, min: 1, 'p(95)': 2 } } }, state: { testRunDurationMs: 5 } });
    expect(parseK6Summary(text, 's.json').series).toEqual([{ metric: 'http_req_duration', tags: {}, trend: { kind: 'summary', min: 1, percentiles: { '95': 2 } } }]);
  });

  describe('refuses bad input with the file, the line and what was expected', () => {
    it('an empty file', () => {
      expectUserError(thrown(() => parseK6Summary('  \n', 'summary.json')), /expected k6 handleSummary\(\) data .*found an empty file/, { file: 'summary.json' });
    });

    it('truncated JSON, at the line where it ends', () => {
      const cut = HTTP_SUMMARY.slice(0, HTTP_SUMMARY.indexOf('"http_reqs"'));
      const lines = cut.split('\n').length;
      expectUserError(thrown(() => parseK6Summary(cut, 'summary.json')), /found text that is not valid JSON: the text ends too early/, { file: 'summary.json', line: lines });
    });

    it('http_req_failed without its counts, naming the JSON path and its line', () => {
      const text = HTTP_SUMMARY.replace('"values": { "rate": 0.02, "passes": 3, "fails": 147 }', '"values": { "rate": 0.02 }');
      const line = text.split('\n').findIndex((l) => l.includes('"http_req_failed"')) + 1;
      const error = expectUserError(
        thrown(() => parseK6Summary(text, 'summary.json')),
        /^not a valid k6 handleSummary\(\) data: metrics\.http_req_failed\.values\.passes: missing required field; expected number \(and 1 more problem\)$/,
        { file: 'summary.json', line },
      );
      expect(error.location?.path).toBe('metrics.http_req_failed.values.passes');
    });

    it('http_req_duration that is not a trend', () => {
      const text = JSON.stringify({ metrics: { http_req_duration: { type: 'counter', values: { count: 3 } } } }, null, 2);
      expectUserError(thrown(() => parseK6Summary(text, 's.json')), /metrics\.http_req_duration\.type: expected one of "trend", found "counter"/, { file: 's.json', line: 4 });
    });

    it('a metric whose values are not numbers', () => {
      const text = JSON.stringify({ metrics: { vus: { type: 'gauge', values: { value: 'five' } } } });
      expectUserError(thrown(() => parseK6Summary(text, 's.json')), /metrics\.vus\.values\.value: expected number, found "five"/, { file: 's.json', line: 1 });
    });

    it('another k6 format, saying which', () => {
      const legacy = JSON.stringify({ metrics: { http_reqs: { count: 3, rate: 3 } }, root_group: { groups: {} } });
      expectUserError(thrown(() => parseK6Summary(legacy, 's.json')), /found a k6 --summary-export file \(the legacy export\); read it as k6-summary-export/, { file: 's.json' });
    });

    it('JSON that is not an object', () => {
      expectUserError(thrown(() => parseK6Summary('[1, 2]', 's.json')), /expected k6 handleSummary\(\) data .*, found an array/, { file: 's.json' });
    });
  });
});
