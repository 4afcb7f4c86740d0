import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectLocust, parseLocust } from '../../../../src/commands/load/ingest/locust/index';
import type { LoadResult, Series } from '../../../../src/commands/load/model';
import { UserError } from '../../../../src/errors';
import { hasSharedFixtures, sharedFixture } from '../../../helpers/fixtures';

const fixture = (name: string) => readFileSync(sharedFixture('load', name), 'utf8');

type Of<M extends Series['metric']> = Series & { metric: M };
function all<M extends Series['metric']>(result: LoadResult, metric: M): Array<Of<M>> {
  return result.series.filter((s): s is Of<M> => s.metric === metric);
}
function one<M extends Series['metric']>(result: LoadResult, metric: M, tags: Record<string, string>): Of<M> {
  const found = all(result, metric).filter((s) => JSON.stringify(s.tags) === JSON.stringify(tags));
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

const HEADER =
  'Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%';

describe.skipIf(!hasSharedFixtures)('Locust stats: the real file from ../shared/fixtures', () => {
  it('results_stats.csv (CRLF): five endpoint rows and the Aggregated total', () => {
    const text = fixture('locust/results_stats.csv');
    expect(text).toContain('\r\n');
    const result = parseLocust(text, 'results_stats.csv');
    expect(result.format).toBe('locust-stats');
    expect(result.notes).toEqual([]);
    expect(result.durationSeconds).toBeUndefined();

    expect(one(result, 'http_reqs', {})).toEqual({ metric: 'http_reqs', tags: {}, count: 37219, perSecond: 631.3258640849056 });
    expect(one(result, 'http_req_failed', {})).toEqual({ metric: 'http_req_failed', tags: {}, failed: 1, total: 37219 });
    expect(one(result, 'http_req_duration', {}).trend).toEqual({
      kind: 'summary',
      count: 37219,
      min: 32.15787501540035,
      max: 53154.64070899179,
      avg: 5826.092150892615,
      med: 1500,
      // The last column (100%) would carry the \r if CRLF were mishandled.
      percentiles: { '50': 1500, '66': 3200, '75': 4700, '80': 6100, '90': 19000, '95': 33000, '98': 43000, '99': 46000, '99.9': 51000, '99.99': 52000, '100': 53000 },
    });

    // One level below the total: endpoint × method; Locust splits /carts/* by GET and PUT.
    const rows = all(result, 'http_reqs').filter((s) => Object.keys(s.tags).length > 0);
    expect(rows.map((s) => s.tags)).toEqual([
      { endpoint: '/carts', method: 'POST' },
      { endpoint: '/carts/*', method: 'GET' },
      { endpoint: '/carts/*', method: 'PUT' },
      { endpoint: '/products/*', method: 'GET' },
      { endpoint: '/users/random', method: 'GET' },
    ]);
    // The endpoint rows partition the traffic.
    expect(rows.reduce((n, s) => n + s.count, 0)).toBe(37219);
    expect(one(result, 'http_req_failed', { endpoint: '/products/*', method: 'GET' })).toMatchObject({ failed: 1, total: 4286 });
    const products = one(result, 'http_req_duration', { endpoint: '/products/*', method: 'GET' }).trend;
    expect(products).toMatchObject({ kind: 'summary', count: 4286, med: 20000, avg: 22705.99442003016, min: 1179.2559999739751 });
    expect(products.kind === 'summary' && products.percentiles['95']).toBe(47000);
    expect(one(result, 'http_reqs', { endpoint: '/carts', method: 'POST' })).toMatchObject({ count: 15375, perSecond: 260.79784949368394 });
  });
});

describe('Locust stats: variations', () => {
  it('reads the pre-1.0 column names and its "Total" row', () => {
    const old = [
      '"Method","Name","# requests","# failures","Median response time","Average response time","Min response time","Max response time","Average Content Size","Requests/s"',
      '"GET","/","10","2","20","25","5","90","100","1.50"',
      '"None","Total","10","2","20","25","5","90","100","1.50"',
    ].join('\n');
    const result = parseLocust(old, 'old.csv');
    expect(one(result, 'http_req_failed', { endpoint: '/', method: 'GET' })).toMatchObject({ failed: 2, total: 10 });
    expect(one(result, 'http_reqs', {})).toMatchObject({ count: 10, perSecond: 1.5 });
    expect(one(result, 'http_req_duration', {}).trend).toEqual({ kind: 'summary', count: 10, min: 5, max: 90, avg: 25, med: 20, percentiles: {} });
  });

  it('leaves out latency for a row without requests (N/A percentiles)', () => {
    const text = [HEADER, 'GET,/idle,0,0,0,0,0,0,0,0.0,0.0,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A', ',Aggregated,0,0,0,0,0,0,0,0.0,0.0,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A'].join('\r\n');
    const result = parseLocust(text, 'idle.csv');
    expect(all(result, 'http_req_duration')).toEqual([]);
    expect(one(result, 'http_reqs', { endpoint: '/idle', method: 'GET' }).count).toBe(0);
  });

  it('says when there is no Aggregated row, and keeps endpoint names with commas', () => {
    const result = parseLocust([HEADER, 'GET,"/search?q=a,b",4,0,10,10,10,10,5,1,0,10,10,10,10,10,10,10,10,10,10,10'].join('\n'), 'rows.csv');
    expect(one(result, 'http_reqs', { endpoint: '/search?q=a,b', method: 'GET' }).count).toBe(4);
    expect(result.notes).toEqual(['there is no Aggregated row, so there is no whole-run latency (Locust percentiles of different rows cannot be combined)']);
  });
});

describe('Locust stats: refused input', () => {
  it('an empty file', () => {
    const error = userError(() => parseLocust('', 'empty.csv'));
    expect(error.location).toEqual({ file: 'empty.csv' });
  });

  it('a header missing a required column, naming it', () => {
    const error = userError(() => parseLocust('Type,Name,Request Count\nGET,/,1\n', 'short.csv'));
    expect(error.location).toEqual({ file: 'short.csv', line: 1 });
    expect(error.message).toBe(
      'expected a Locust statistics CSV (the *_stats.csv that locust --csv writes) with the column "Failure Count", found a header with "Type", "Name", "Request Count"',
    );
  });

  it('a value that is not a number, naming the line and column', () => {
    const text = [HEADER, 'GET,/,10,0,20,25,5,90,100,1.5,0,20,20,20,20,20,20,20,20,20,20,20', 'GET,/b,ten,0,20,25,5,90,100,1.5,0,20,20,20,20,20,20,20,20,20,20,20'].join('\n');
    const error = userError(() => parseLocust(text, 'bad.csv'));
    expect(error.location).toEqual({ file: 'bad.csv', line: 3 });
    expect(error.message).toBe('expected a non-negative number in column "Request Count", found "ten"');
    const fraction = userError(() => parseLocust([HEADER, 'GET,/,1.5,0,20,25,5,90,100,1.5,0,20,20,20,20,20,20,20,20,20,20,20'].join('\n'), 'f.csv'));
    expect(fraction.message).toBe('expected a whole number in column "Request Count", found "1.5"');
  });

  it('a row cut short, naming the line', () => {
    const error = userError(() => parseLocust([HEADER, 'GET,/,10'].join('\n'), 'cut.csv'));
    expect(error.location).toEqual({ file: 'cut.csv', line: 2 });
    expect(error.message).toMatch(/^expected 22 fields like the header, found 3/);
  });

  it("Locust's other --csv files, pointing at *_stats.csv", () => {
    const history = 'Timestamp,User Count,Type,Name,Requests/s,Failures/s,50%,66%,Total Request Count,Total Failure Count\n1700000000,10,,Aggregated,5,0,20,30,100,0\n';
    expect(detectLocust(history)).toBe(true);
    const error = userError(() => parseLocust(history, 'results_stats_history.csv'));
    expect(error.message).toContain('*_stats_history.csv');
    expect(error.location).toEqual({ file: 'results_stats_history.csv', line: 1 });
    expect(userError(() => parseLocust('Method,Name,Error,Occurrences\nGET,/,boom,1\n', 'f.csv')).message).toContain('*_failures.csv');
  });
});

describe('Locust stats: detection', () => {
  it('claims a stats header in either spelling, and nothing else', () => {
    expect(detectLocust(`${HEADER}\r\n`)).toBe(true);
    expect(detectLocust('"Method","Name","# requests","# failures"\n')).toBe(true);
    expect(detectLocust('timeStamp,elapsed,label\n')).toBe(false);
    expect(detectLocust('Name,Request Count\n')).toBe(false);
    expect(detectLocust('{}')).toBe(false);
  });

  it.skipIf(!hasSharedFixtures)('accepts its own fixture and rejects the other formats (../shared/fixtures)', () => {
    expect(detectLocust(fixture('locust/results_stats.csv'))).toBe(true);
    for (const other of [
      'jmeter/kpi1.jtl',
      'jmeter/slow-stdev.jtl',
      'artillery/test_report.json',
      'artillery/test_report_v2.json',
      'autocannon/autocannon-9.0.0-result.json',
      'autocannon/autocannon-9.0.0-shard-skipAggregateResult.json',
      'k6/handle-summary-data.json',
      'k6/json-output.ndjson',
      'k6/summary-export-legacy.json',
    ]) {
      expect(detectLocust(fixture(other)), other).toBe(false);
    }
  });
});
