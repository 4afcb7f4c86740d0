import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { failedRequests, modelTags, parseMetricKey, summaryTrend, thresholdNote } from '../../../../src/commands/load/ingest/k6/common';
import { parseK6MachineSummary, parseK6Summary, parseK6SummaryExport } from '../../../../src/commands/load/ingest/k6';
import { UserError } from '../../../../src/errors';

describe('k6 ingest helpers', () => {
  it("splits submetric names the way k6's AddSubmetric does", () => {
    expect(parseMetricKey('http_req_duration')).toEqual({ metric: 'http_req_duration', k6Tags: {} });
    expect(parseMetricKey('http_req_duration{expected_response:true}')).toEqual({ metric: 'http_req_duration', k6Tags: { expected_response: 'true' } });
    expect(parseMetricKey('http_req_duration{ name: "http://x/a:b" ,method:\'GET\',}')).toEqual({
      metric: 'http_req_duration',
      k6Tags: { name: 'http://x/a:b', method: 'GET' },
    });
    expect(parseMetricKey('checks{flag}')).toEqual({ metric: 'checks', k6Tags: { flag: '' } });
    expect(parseMetricKey('http_reqs{status:200')).toBeUndefined();
    expect(parseMetricKey('http_reqs}status:200{')).toBeUndefined();
    expect(parseMetricKey('http_reqs{a:1}x')).toBeUndefined();
  });

  it('names the endpoint by k6\'s "name" tag, by "url" only without one', () => {
    expect(modelTags({ status: '200', name: '/a', method: 'GET' })).toEqual({ endpoint: '/a', method: 'GET', status: '200' });
    expect(Object.keys(modelTags({ status: '200', name: '/a', method: 'GET', zone: 'eu' }))).toEqual(['endpoint', 'method', 'status', 'zone']);
    expect(modelTags({ url: 'http://h/a' })).toEqual({ endpoint: 'http://h/a' });
    expect(modelTags({ url: 'http://h/a?id=1', name: '/a' })).toEqual({ endpoint: '/a', url: 'http://h/a?id=1' });
  });

  it('keeps trend statistics by name and percentiles by number', () => {
    expect(summaryTrend({ avg: 1, 'p(99.90)': 5, 'p(50)': 2, 'p(101)': 9, 'p(x)': 3, count: 4, stddev: 7, med: null })).toEqual({
      kind: 'summary',
      avg: 1,
      count: 4,
      percentiles: { '50': 2, '99.9': 5 },
    });
  });

  it('lets the rate decide which of passes and fails are the failed requests', () => {
    const notes: string[] = [];
    expect(failedRequests(3, 147, 0.02, 'm', notes)).toEqual({ failed: 3, total: 150 });
    expect(failedRequests(3, 147, undefined, 'm', notes)).toEqual({ failed: 3, total: 150 });
    expect(failedRequests(0, 0, 0, 'm', notes)).toEqual({ failed: 0, total: 0 });
    expect(notes).toEqual([]);
    expect(failedRequests(147, 3, 0.02, 'm', notes)).toEqual({ failed: 3, total: 150 });
    expect(failedRequests(50, 50, 0.9, 'm', notes)).toEqual({ failed: 50, total: 100 });
    expect(notes).toEqual([
      'm: rate 0.02 is fails / total, so "passes" (147) count the successful requests here, the other way round from k6; read 3 failed of 150',
      'm: rate 0.9 is neither passes / total nor fails / total (50 passes, 50 fails); read passes as the failed requests, as k6 counts them',
    ]);
  });

  it('words threshold verdicts', () => {
    expect(thresholdNote([])).toBeUndefined();
    expect(thresholdNote([{ metric: 'a', expression: 'p(95)<1', ok: true }])).toBe("k6's own thresholds: all 1 passed");
  });

  it('the JSON parsers never throw anything but a UserError naming the file', () => {
    const seeds = [
      '{"metrics":{"http_req_duration":{"type":"trend","values":{"p(95)":1}},"http_req_failed":{"type":"rate","values":{"passes":1,"fails":2,"rate":0.33}}},"state":{"testRunDurationMs":1}}',
      '{"metrics":{"http_req_duration":{"p(95)":1,"thresholds":{"p(95)<2":false}},"http_reqs":{"count":1,"rate":1}},"root_group":{"groups":{}}}',
      '{"version":"1.0.0","config":{"duration":1},"results":{"metrics":[{"name":"http_req_failed","type":"rate","contains":"default","values":{"matches":1,"total":2,"rate":0.5}}]}}',
    ];
    const damaged = fc.tuple(fc.constantFrom(...seeds), fc.nat(), fc.nat(), fc.string({ maxLength: 8 })).map(([seed, a, b, insert]) => {
      const cut = a % seed.length;
      return seed.slice(0, cut) + insert + seed.slice(cut + (b % 12));
    });
    fc.assert(
      fc.property(fc.oneof(damaged, fc.jsonValue().map((v) => JSON.stringify(v) ?? ''), fc.string()), (text) => {
        for (const parse of [parseK6Summary, parseK6SummaryExport, parseK6MachineSummary]) {
          try {
            parse(text, 'fuzz.json');
          } catch (error) {
            if (!(error instanceof UserError)) throw error;
            expect(error.location?.file).toBe('fuzz.json');
          }
        }
      }),
      { numRuns: 1500 },
    );
  });
});
