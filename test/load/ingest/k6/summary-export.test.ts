import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseK6Summary, parseK6SummaryExport } from '../../../../src/commands/load/ingest/k6';
import { hasSharedFixtures, sharedFixture } from '../../../helpers/fixtures';
import { expectUserError, thrown } from './helpers';

const FIXTURE = 'summary-export-legacy.json';
const fixture = (name = FIXTURE): string => readFileSync(sharedFixture('load', 'k6', name), 'utf8');

/** What `k6 run --summary-export=export.json` (k6 before --new-machine-readable-summary) writes for an HTTP test: flat numbers, no types. */
const HTTP_EXPORT = `{
  "root_group": { "name": "", "path": "", "id": "d41d8cd98f00b204e9800998ecf8427e", "groups": {}, "checks": {} },
  "metrics": {
    "http_req_duration": { "avg": 112.4, "min": 80.111, "med": 105.5, "max": 950.25, "p(90)": 140.75, "p(95)": 181.3,
      "thresholds": { "p(95)<500": false } },
    "http_req_duration{name:/api/x}": { "avg": 150, "min": 90, "med": 140, "max": 950.25, "p(90)": 200, "p(95)": 260.5,
      "thresholds": { "p(95)<250": true } },
    "http_req_failed": { "value": 0.02, "passes": 3, "fails": 147, "thresholds": { "rate<0.01": true } },
    "http_reqs": { "count": 150, "rate": 4.99794527 },
    "iterations": { "count": 150, "rate": 4.99794527 },
    "dropped_iterations": { "count": 2, "rate": 0.06663927 },
    "vus": { "value": 5, "min": 5, "max": 5 }
  }
}
`;

describe('k6 --summary-export (legacy)', () => {
  it.skipIf(!hasSharedFixtures)(`reads the real fixture ${FIXTURE} exactly`, () => {
    expect(parseK6SummaryExport(fixture(), 'export.json')).toEqual({
      format: 'k6-summary-export',
      file: 'export.json',
      // count / rate of the whole-run http_reqs: 3 / 3 (the same run as handle-summary-data.json, whose testRunDurationMs is 1000).
      durationSeconds: 1,
      series: [{ metric: 'http_reqs', tags: {}, count: 3, perSecond: 3 }],
      notes: ['no http_req_duration or http_req_failed metrics in the file', 'k6\'s own thresholds: 2 of 3 failed: http_reqs "rate<100", my_trend "my_trend<1000"'],
    });
  });

  it.skipIf(!hasSharedFixtures)('inverts the threshold booleans (true = FAILED): same verdicts as handleSummary\'s "ok" for the same run', () => {
    // In the export "rate<100": true and "my_trend<1000": true mean failed, "rate>70": false means passed;
    // handle-summary-data.json, the same k6 test data, says ok: false, ok: false, ok: true.
    const verdicts = (note: string | undefined): string[] => (note ?? '').replace(/^.*failed: /, '').split(', ').sort();
    const fromExport = parseK6SummaryExport(fixture(), 'export.json').notes.find((n) => n.startsWith("k6's own thresholds"));
    const fromSummary = parseK6Summary(fixture('handle-summary-data.json'), 'summary.json').notes.find((n) => n.startsWith("k6's own thresholds"));
    expect(fromExport).toMatch(/^k6's own thresholds: 2 of 3 failed: /);
    expect(verdicts(fromExport)).toEqual(verdicts(fromSummary));
    expect(verdicts(fromExport)).toEqual(['http_reqs "rate<100"', 'my_trend "my_trend<1000"']);
  });

  it('inverts the threshold booleans on a synthetic export too: only the true ones are reported failed', () => {
    const result = parseK6SummaryExport(HTTP_EXPORT, 'export.json');
    expect(result.notes).toEqual(['k6\'s own thresholds: 2 of 3 failed: http_req_duration{name:/api/x} "p(95)<250", http_req_failed "rate<0.01"']);
  });

  it('maps the HTTP metrics, with passes as the failed requests and the duration from count / rate', () => {
    const result = parseK6SummaryExport(HTTP_EXPORT, 'export.json');
    expect(result.durationSeconds).toBe(30.012);
    expect(result.series).toEqual([
      { metric: 'http_req_duration', tags: {}, trend: { kind: 'summary', min: 80.111, max: 950.25, avg: 112.4, med: 105.5, percentiles: { '90': 140.75, '95': 181.3 } } },
      { metric: 'http_req_duration', tags: { endpoint: '/api/x' }, exactOnly: true, trend: { kind: 'summary', min: 90, max: 950.25, avg: 150, med: 140, percentiles: { '90': 200, '95': 260.5 } } },
      { metric: 'http_req_failed', tags: {}, failed: 3, total: 150 },
      { metric: 'http_reqs', tags: {}, count: 150, perSecond: 4.99794527 },
      { metric: 'dropped_requests', tags: {}, count: 2, perSecond: 0.06663927 },
    ]);
  });

  describe('refuses bad input with the file, the line and what was expected', () => {
    it('an empty file', () => {
      expectUserError(thrown(() => parseK6SummaryExport('', 'export.json')), /expected a k6 --summary-export JSON file .*found an empty file/, { file: 'export.json' });
    });

    it('truncated JSON', () => {
      const cut = HTTP_EXPORT.slice(0, HTTP_EXPORT.indexOf('"iterations"') - 5);
      expectUserError(thrown(() => parseK6SummaryExport(cut, 'export.json')), /not valid JSON: the text ends too early/, { file: 'export.json', line: cut.split('\n').length });
    });

    it('a threshold that is not a boolean', () => {
      const text = HTTP_EXPORT.replace('"rate<0.01": true', '"rate<0.01": "yes"');
      expectUserError(
        thrown(() => parseK6SummaryExport(text, 'export.json')),
        /metrics\.http_req_failed\.thresholds\.rate<0\.01: expected boolean, found "yes"/,
        { file: 'export.json', line: 8 },
      );
    });

    it('http_req_duration without any trend statistic', () => {
      const text = HTTP_EXPORT.replace('"avg": 112.4, "min": 80.111, "med": 105.5, "max": 950.25, "p(90)": 140.75, "p(95)": 181.3,', '"count": 3,');
      expectUserError(
        thrown(() => parseK6SummaryExport(text, 'export.json')),
        /metrics\.http_req_duration: expected trend statistics \(avg, min, med, max or p\(N\)\), found only "count"/,
        { file: 'export.json', line: 4 },
      );
    });

    it('a handleSummary file, saying which', () => {
      const text = JSON.stringify({ metrics: { http_reqs: { type: 'counter', values: { count: 1 } } } });
      expectUserError(thrown(() => parseK6SummaryExport(text, 'export.json')), /found k6 handleSummary\(\) data; read it as k6-summary/, { file: 'export.json' });
    });
  });
});
