import { describe, expect, it } from 'vitest';
import { parseK6MachineSummary } from '../../../../src/commands/load/ingest/k6';
import { expectUserError, thrown } from './helpers';

/**
 * There is no real fixture for this format yet. This sample follows the shape
 * k6 writes with --new-machine-readable-summary, taken from k6's generated
 * types (grafana/k6 internal/lib/summary/machinereadable/types_gen.go, schema
 * version 1.0.0 from grafana/k6-summary schemas/summary/1.0.0 and
 * schemas/metric/1.0.0) and its writer (internal/lib/summary/machine_readable.go):
 * counters carry only "count"; rates carry "matches" (true values), "total" and
 * "rate"; trends carry the default statistics avg/min/med/max/p(90)/p(95)
 * in ms; config.duration is the run's length in seconds.
 */
const MACHINE_SUMMARY = `{
  "version": "1.0.0",
  "metadata": { "generatedAt": "2025-11-04T10:30:45.123Z", "k6Version": "1.5.0" },
  "config": { "execution": "local", "script": "load.js", "duration": 30.0123 },
  "results": {
    "checks": {
      "metrics": [
        { "name": "checks_total", "type": "counter", "contains": "default", "values": { "count": 150 } },
        { "name": "checks_failed", "type": "rate", "contains": "default", "values": { "matches": 3, "total": 150, "rate": 0.02 } },
        { "name": "checks_succeeded", "type": "rate", "contains": "default", "values": { "matches": 147, "total": 150, "rate": 0.98 } }
      ],
      "results": [{ "name": "status is 200", "passes": 147, "fails": 3 }]
    },
    "metrics": [
      { "name": "http_req_duration", "type": "trend", "contains": "time",
        "values": { "avg": 112.4, "max": 950.25, "med": 105.5, "min": 80.111, "p(90)": 140.75, "p(95)": 181.3 } },
      { "name": "http_req_duration{expected_response:true}", "type": "trend", "contains": "time",
        "values": { "avg": 110.2, "max": 610.5, "med": 104.9, "min": 80.111, "p(90)": 139.1, "p(95)": 170.2 } },
      { "name": "http_req_failed", "type": "rate", "contains": "default", "values": { "matches": 3, "total": 150, "rate": 0.02 } },
      { "name": "http_reqs", "type": "counter", "contains": "default", "values": { "count": 150 } },
      { "name": "dropped_iterations", "type": "counter", "contains": "default", "values": { "count": 2 } },
      { "name": "iterations", "type": "counter", "contains": "default", "values": { "count": 150 } },
      { "name": "vus", "type": "gauge", "contains": "default", "values": { "max": 5, "min": 1, "value": 5 } },
      { "name": "data_received", "type": "counter", "contains": "data", "values": { "count": 1843200 } }
    ]
  }
}
`;

/** grafana/k6-summary examples/v1/example-summary-v1-basic.json (a draft of the schema), trimmed to the metrics read here. */
const DRAFT_EXAMPLE = `{
  "version": "1.0.0",
  "metadata": { "generatedAt": "2025-01-15T10:30:45.123Z", "k6Version": "1.1.0" },
  "config": { "execution": "local", "script": "test-script.js", "duration": 60.0 },
  "results": {
    "passed": true,
    "metrics": [
      { "name": "http_reqs", "type": "counter", "contains": "default", "category": "http", "values": { "count": 1500, "rate": 24.79 } },
      { "name": "http_req_duration", "type": "trend", "contains": "time", "category": "http",
        "values": { "avg": 245.67, "min": 123.45, "med": 234.56, "max": 456.78, "p(90)": 387.65, "p(95)": 421.32, "p(99)": 445.12, "count": 1500 } },
      { "name": "http_req_failed", "type": "rate", "contains": "default", "category": "http", "values": { "rate": 0.02, "passes": 1470, "fails": 30 } }
    ]
  }
}`;

describe('k6 machine-readable summary v1', () => {
  it('maps the HTTP metrics and the duration', () => {
    expect(parseK6MachineSummary(MACHINE_SUMMARY, 'summary.json')).toEqual({
      format: 'k6-machine-summary',
      file: 'summary.json',
      durationSeconds: 30.0123,
      series: [
        { metric: 'http_req_duration', tags: {}, trend: { kind: 'summary', min: 80.111, max: 950.25, avg: 112.4, med: 105.5, percentiles: { '90': 140.75, '95': 181.3 } } },
        {
          metric: 'http_req_duration',
          tags: { expected_response: 'true' }, exactOnly: true,
          trend: { kind: 'summary', min: 80.111, max: 610.5, avg: 110.2, med: 104.9, percentiles: { '90': 139.1, '95': 170.2 } },
        },
        // matches = the true values of http_req_failed = failed requests.
        { metric: 'http_req_failed', tags: {}, failed: 3, total: 150 },
        // The schema's counters have no rate, and perSecond is only ever the tool's own.
        { metric: 'http_reqs', tags: {}, count: 150 },
        { metric: 'dropped_requests', tags: {}, count: 2 },
      ],
      notes: [],
    });
  });

  it('reads the schema draft\'s shape, and lets the rate decide that its "passes" are the successful requests', () => {
    const result = parseK6MachineSummary(DRAFT_EXAMPLE, 'draft.json');
    expect(result.durationSeconds).toBe(60);
    expect(result.series).toEqual([
      { metric: 'http_reqs', tags: {}, count: 1500, perSecond: 24.79 },
      {
        metric: 'http_req_duration',
        tags: {},
        trend: { kind: 'summary', count: 1500, min: 123.45, max: 456.78, avg: 245.67, med: 234.56, percentiles: { '90': 387.65, '95': 421.32, '99': 445.12 } },
      },
      { metric: 'http_req_failed', tags: {}, failed: 30, total: 1500 },
    ]);
    expect(result.notes).toEqual([
      'http_req_failed: rate 0.02 is fails / total, so "passes" (1470) count the successful requests here, the other way round from k6; read 30 failed of 1500',
    ]);
  });

  it('says when k6 marked the run failed', () => {
    const text = DRAFT_EXAMPLE.replace('"passed": true', '"passed": false');
    expect(parseK6MachineSummary(text, 'draft.json').notes).toContain('k6 marked the run as failed (results.passed is false)');
  });

  describe('refuses bad input with the file, the line and what was expected', () => {
    it('an empty file', () => {
      expectUserError(thrown(() => parseK6MachineSummary('', 's.json')), /expected a k6 machine-readable summary .*found an empty file/, { file: 's.json' });
    });

    it('truncated JSON', () => {
      const cut = MACHINE_SUMMARY.slice(0, MACHINE_SUMMARY.indexOf('"http_reqs"'));
      expectUserError(thrown(() => parseK6MachineSummary(cut, 's.json')), /not valid JSON: the text ends too early/, { file: 's.json', line: cut.split('\n').length });
    });

    it('a version it does not know', () => {
      const text = MACHINE_SUMMARY.replace('"version": "1.0.0"', '"version": "2.0.0"');
      expectUserError(thrown(() => parseK6MachineSummary(text, 's.json')), /version: expected schema version 1\.x, found "2\.0\.0"/, { file: 's.json', line: 2 });
    });

    it('a rate without its counts, by its index in results.metrics', () => {
      const text = MACHINE_SUMMARY.replace('"values": { "matches": 3, "total": 150, "rate": 0.02 } },\n      { "name": "http_reqs"', '"values": { "rate": 0.02 } },\n      { "name": "http_reqs"');
      const line = text.split('\n').findIndex((l) => l.includes('"name": "http_req_failed"')) + 1;
      const error = expectUserError(
        thrown(() => parseK6MachineSummary(text, 's.json')),
        /results\.metrics\[2\]\.values\.matches: missing required field; expected number/,
        { file: 's.json', line },
      );
      expect(error.location?.path).toBe('results.metrics[2].values.matches');
    });

    it('matches above total', () => {
      const text = MACHINE_SUMMARY.replace('"matches": 3, "total": 150, "rate": 0.02 } },\n      { "name": "http_reqs"', '"matches": 300, "total": 150, "rate": 0.02 } },\n      { "name": "http_reqs"');
      expectUserError(thrown(() => parseK6MachineSummary(text, 's.json')), /results\.metrics\[2\]\.values\.matches: expected "matches" to be at most "total"/, { file: 's.json' });
    });

    it('results.metrics that is not a list', () => {
      const text = JSON.stringify({ version: '1.0.0', results: { metrics: {} } });
      // Not a machine summary by shape, and nothing else either: the schema says what is wrong.
      expectUserError(thrown(() => parseK6MachineSummary(text, 's.json')), /results\.metrics: expected array, found a mapping/, { file: 's.json', line: 1 });
    });
  });
});
