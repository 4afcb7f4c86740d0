import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHistogram, decodeHistogram, type Histogram } from '../../../../src/commands/load/histogram';
import { detectJmeter, parseJmeter } from '../../../../src/commands/load/ingest/jmeter/index';
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
// Decoding a one-hour µs histogram is slow-ish (tens of ms), so each is decoded once.
const decoded = new Map<string, Histogram>();
function decodeOnce(encoded: string): Histogram {
  let histogram = decoded.get(encoded);
  if (!histogram) decoded.set(encoded, (histogram = decodeHistogram(encoded)));
  return histogram;
}
/** What the gates do for a filter with no exact series: add the matching histograms. */
function merged(result: LoadResult, filter: Record<string, string> = {}): Histogram {
  const out = createHistogram();
  for (const s of all(result, 'http_req_duration')) {
    if (Object.entries(filter).every(([k, v]) => s.tags[k] === v) && s.trend.kind === 'histogram') out.add(decodeOnce(s.trend.histogram));
  }
  return out;
}
/** Nearest rank, as HdrHistogram counts it: the value at rank ceil(p% of n), at least 1. */
function exactPercentile(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length - 1e-9));
  return sorted[rank - 1]!;
}
function expectWithinHdr(actualMs: number, exactMs: number): void {
  // 3 significant digits: within 0.1%, and values under 1 µs are recorded as 1 µs.
  expect(Math.abs(actualMs - exactMs)).toBeLessThanOrEqual(exactMs * 0.001 + 0.001);
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

const HEADER = 'timeStamp,elapsed,label,responseCode,responseMessage,threadName,success,bytes';

describe.skipIf(!hasSharedFixtures)('JMeter JTL: real files from ../shared/fixtures', () => {
  it('kpi1.jtl: 21 samples, good/200 and bad/404', () => {
    const result = parseJmeter(fixture('jmeter/kpi1.jtl'), 'kpi1.jtl');
    expect(result.format).toBe('jmeter-jtl');
    expect(result.file).toBe('kpi1.jtl');
    expect(result.notes).toEqual([]);
    // 1637589158484 (first start) to 1637589161394 + 3 (last end).
    expect(result.durationSeconds).toBeCloseTo(2.913, 9);
    // One level: endpoint × status; every series is raw.
    expect(new Set(result.series.map((s) => Object.keys(s.tags).join(',')))).toEqual(new Set(['endpoint,status']));
    expect(one(result, 'http_reqs', { endpoint: 'good', status: '200' }).count).toBe(12);
    expect(one(result, 'http_reqs', { endpoint: 'bad', status: '404' }).count).toBe(9);
    expect(one(result, 'http_req_failed', { endpoint: 'good', status: '200' })).toMatchObject({ failed: 0, total: 12 });
    expect(one(result, 'http_req_failed', { endpoint: 'bad', status: '404' })).toMatchObject({ failed: 9, total: 9 });
    // Exact extremes ride along with each histogram.
    expect(one(result, 'http_req_duration', { endpoint: 'good', status: '200' }).trend).toMatchObject({ kind: 'histogram', min: 2, max: 34 });
    expect(one(result, 'http_req_duration', { endpoint: 'bad', status: '404' }).trend).toMatchObject({ kind: 'histogram', min: 2, max: 3 });
    const good = merged(result, { endpoint: 'good' });
    expect(good.totalCount).toBe(12);
    expectWithinHdr(good.maxValue / 1000, 34);
    expectWithinHdr(good.minNonZeroValue / 1000, 2);
    const everything = merged(result);
    expect(everything.totalCount).toBe(21);
    expectWithinHdr(everything.getValueAtPercentile(95) / 1000, 4);
    expectWithinHdr(everything.getValueAtPercentile(99) / 1000, 34);
    expectWithinHdr(everything.getValueAtPercentile(50) / 1000, 3);
    expectWithinHdr(everything.mean / 1000, 89 / 21);
  });

  it('slow-stdev.jtl: 599 samples over 18 labels, 200s and 500s, two 200s failed by assertion', () => {
    const result = parseJmeter(fixture('jmeter/slow-stdev.jtl'), 'slow-stdev.jtl');
    expect(result.notes).toEqual([]);
    // Rows are not in time order: 1532376558104 is the earliest start, the latest end 1532376565311.
    expect(result.durationSeconds).toBeCloseTo(7.207, 9);
    const reqs = all(result, 'http_reqs');
    expect(reqs).toHaveLength(25);
    expect(new Set(reqs.map((s) => s.tags.endpoint)).size).toBe(18);
    expect(reqs.reduce((n, s) => n + s.count, 0)).toBe(599);
    const failed = all(result, 'http_req_failed');
    expect(failed.reduce((n, s) => n + s.failed, 0)).toBe(63);
    expect(failed.reduce((n, s) => n + s.total, 0)).toBe(599);
    // success=false on a 200: an assertion failed; the status tag still says 200.
    expect(one(result, 'http_req_failed', { endpoint: 'PostedTransactionHistory', status: '200' })).toMatchObject({ failed: 2, total: 111 });
    expect(one(result, 'http_req_failed', { endpoint: 'PendingTransactionsHistory', status: '500' })).toMatchObject({ failed: 11, total: 11 });
    const everything = merged(result);
    expect(everything.totalCount).toBe(599);
    expectWithinHdr(everything.getValueAtPercentile(95) / 1000, 2475);
    expectWithinHdr(everything.getValueAtPercentile(99) / 1000, 3201);
    expectWithinHdr(everything.mean / 1000, 481836 / 599);
    expectWithinHdr(everything.getValueAtPercentile(50) / 1000, 490);
    expectWithinHdr(everything.maxValue / 1000, 3531);
    const dda200 = merged(result, { endpoint: 'DDAAccountDetails_Party9_DDA_DDA', status: '200' });
    expect(dda200.totalCount).toBe(24);
    expectWithinHdr(dda200.getValueAtPercentile(95) / 1000, 3310);
    expectWithinHdr(merged(result, { endpoint: 'FetchCounterparty' }).getValueAtPercentile(95) / 1000, 1708);
  });
});

describe('JMeter JTL: columns by name', () => {
  it('reads quoted labels with commas and line breaks, another delimiter, and a method column', () => {
    const csv = [HEADER, '1000,10,"GET /a, b",200,OK,t1,true,5', '1010,20,"multi', 'line",500,"Server, Error",t1,false,5', ''].join('\n');
    const result = parseJmeter(csv, 'a.jtl');
    expect(result.notes).toEqual([]);
    expect(one(result, 'http_reqs', { endpoint: 'GET /a, b', status: '200' }).count).toBe(1);
    expect(one(result, 'http_req_failed', { endpoint: 'multi\nline', status: '500' })).toMatchObject({ failed: 1, total: 1 });
    expect(result.durationSeconds).toBeCloseTo(0.03, 9);

    const tabs = ['timeStamp\telapsed\tlabel\tresponseCode\tsuccess\tmethod', '1000\t7\t/x\t201\ttrue\tPOST', '1001\t9\t/x\t201\ttrue\tPOST'].join('\r\n');
    const tabbed = parseJmeter(tabs, 'b.jtl');
    expect(one(tabbed, 'http_reqs', { endpoint: '/x', method: 'POST', status: '201' }).count).toBe(2);
    expectWithinHdr(merged(tabbed).maxValue / 1000, 9);
  });

  it('uses only the columns there are: no label, no responseCode, or no success', () => {
    const bare = parseJmeter('timeStamp,elapsed,success\n1000,5,true\n1001,6,false\n', 'c.jtl');
    expect(one(bare, 'http_req_failed', {})).toMatchObject({ failed: 1, total: 2 });
    expect(one(bare, 'http_reqs', {}).count).toBe(2);

    const noSuccess = parseJmeter('timeStamp,elapsed,label,responseCode\n1000,5,a,200\n1001,6,a,302\n1002,7,a,503\n1003,8,a,Non HTTP response code: java.net.SocketException\n', 'd.jtl');
    expect(noSuccess.notes).toEqual(['the JTL has no success column; a sample counts as failed when its responseCode is not 2xx or 3xx']);
    const failed = all(noSuccess, 'http_req_failed');
    expect(failed.reduce((n, s) => n + s.failed, 0)).toBe(2);
    expect(one(noSuccess, 'http_reqs', { endpoint: 'a', status: 'Non HTTP response code: java.net.SocketException' }).count).toBe(1);

    const neither = parseJmeter('timeStamp,elapsed\n1000,5\n', 'e.jtl');
    expect(all(neither, 'http_req_failed')).toEqual([]);
    expect(neither.notes[0]).toMatch(/neither a success nor a responseCode column/);
  });

  it('counts rows it cannot use in notes with the first line, and keeps going', () => {
    const csv = [
      HEADER,
      '1000,10,a,200,OK,t1,true,5',
      '1001,n/a,a,200,OK,t1,true,5',
      '1002,,a,200,OK,t1,true,5',
      '1003,12,a,200,OK,t1,maybe,5',
      '1004,12,a,200,OK',
      '1005,30,tx,200,"Number of samples in transaction : 2, number of failing samples : 0",t1,true,5',
      'yesterday,11,a,200,OK,t1,true,5',
    ].join('\n');
    const result = parseJmeter(csv, 'f.jtl');
    expect(one(result, 'http_reqs', { endpoint: 'a', status: '200' }).count).toBe(2);
    expect(result.notes).toEqual([
      '2 rows with an elapsed that is not a number of milliseconds, skipped; first at line 3 (elapsed "n/a")',
      '1 row with a success that is neither true nor false, skipped; first at line 5 (success "maybe")',
      "1 row whose field count differs from the header's 8, skipped; first at line 6 (5 fields)",
      '1 row from Transaction Controllers (they repeat the time of the requests inside them), skipped; first at line 7 (label "tx")',
      '1 row has a timeStamp that is neither epoch milliseconds nor a date, so the run duration leaves it out',
    ]);
    expect(result.durationSeconds).toBeCloseTo(0.01, 9);
  });

  it('reads formatted timestamps (jmeter.save.saveservice.timestamp_format)', () => {
    const result = parseJmeter('timeStamp,elapsed,label,success\n2024-01-02T03:04:05.000Z,500,a,true\n2024-01-02T03:04:15.000Z,1000,a,true\n', 'g.jtl');
    expect(result.durationSeconds).toBe(11);
  });

  it('records latencies above an hour as an hour, and says so', () => {
    const result = parseJmeter('timeStamp,elapsed,success\n1000,7200000,true\n', 'h.jtl');
    expect(result.notes).toEqual(['1 sample took longer than an hour and was recorded as one hour']);
    expect(merged(result).maxValue).toBeGreaterThanOrEqual(3_600_000_000 * 0.999);
  });

  it('keeps a header-only JTL as a run without samples', () => {
    const result = parseJmeter(`${HEADER}\n`, 'i.jtl');
    expect(result.series).toEqual([]);
    expect(result.notes).toEqual(['the JTL has a header but no samples']);
    expect(result.durationSeconds).toBeUndefined();
  });
});

describe('JMeter JTL: refused input', () => {
  it('an empty file', () => {
    const error = userError(() => parseJmeter('  \n', 'empty.jtl'));
    expect(error.location).toEqual({ file: 'empty.jtl' });
    expect(error.message).toMatch(/found an empty file/);
  });

  it('a JTL without its header row, saying which property to set', () => {
    const error = userError(() => parseJmeter('1637589158484,34,good,200,OK,sc1-ThreadStarter 1-1,true,546\n', 'noheader.jtl'));
    expect(error.location).toEqual({ file: 'noheader.jtl', line: 1 });
    expect(error.message).toContain('jmeter.save.saveservice.print_field_names=true');
    expect(error.message).toContain('found a data row on line 1');
  });

  it('an XML JTL, saying how to get CSV', () => {
    const error = userError(() => parseJmeter('<?xml version="1.0" encoding="UTF-8"?>\n<testResults version="1.2">\n</testResults>\n', 'x.jtl'));
    expect(error.location).toEqual({ file: 'x.jtl', line: 1 });
    expect(error.message).toContain('output_format=csv');
  });

  it('a header without timeStamp and elapsed', () => {
    const error = userError(() => parseJmeter('time,label,success\n1,a,true\n', 'h.csv'));
    expect(error.location).toEqual({ file: 'h.csv', line: 1 });
    expect(error.message).toBe('expected a JMeter CSV results file (JTL) with a header row naming the columns timeStamp and elapsed, found "time,label,success"');
  });

  it('a quoted field that never closes, with its line and column', () => {
    const error = userError(() => parseJmeter(`${HEADER}\n1000,10,a,200,OK,t1,true,5\n1001,10,"a,200,OK,t1,true,5\n`, 'q.jtl'));
    expect(error.location).toEqual({ file: 'q.jtl', line: 3, column: 9 });
  });
});

describe('JMeter JTL: detection', () => {
  it('claims CSV JTLs with a header, and headerless or XML ones so that parsing can explain', () => {
    expect(detectJmeter(`${HEADER}\n`)).toBe(true);
    expect(detectJmeter('\ufefftimeStamp;elapsed;label\n')).toBe(true);
    expect(detectJmeter('"timeStamp","elapsed"\n')).toBe(true);
    expect(detectJmeter('1637589158484,34,good,200,OK,t,true,546\n')).toBe(true);
    expect(detectJmeter('<?xml version="1.0"?>\n<testResults version="1.2">')).toBe(true);
    expect(detectJmeter('Type,Name,Request Count\n')).toBe(false);
    expect(detectJmeter('{"aggregate":{}}')).toBe(false);
    expect(detectJmeter('')).toBe(false);
  });

  it.skipIf(!hasSharedFixtures)('accepts its own fixtures and rejects the other formats (../shared/fixtures)', () => {
    expect(detectJmeter(fixture('jmeter/kpi1.jtl'))).toBe(true);
    expect(detectJmeter(fixture('jmeter/slow-stdev.jtl'))).toBe(true);
    for (const other of [
      'locust/results_stats.csv',
      'artillery/test_report.json',
      'artillery/test_report_v2.json',
      'autocannon/autocannon-9.0.0-result.json',
      'autocannon/autocannon-9.0.0-shard-skipAggregateResult.json',
      'k6/handle-summary-data.json',
      'k6/json-output.ndjson',
      'k6/summary-export-legacy.json',
    ]) {
      expect(detectJmeter(fixture(other)), other).toBe(false);
    }
  });
});

describe('JMeter JTL: properties', () => {
  const sample = fc.record({
    label: fc.constantFrom('home', 'a,b', 'say "x"'),
    code: fc.constantFrom('200', '500'),
    success: fc.boolean(),
    // Whole milliseconds as JMeter writes them, from 0 to just under the one-hour cap.
    elapsed: fc.oneof(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 3_599_999 })),
    start: fc.integer({ min: 1_600_000_000_000, max: 1_600_000_100_000 }),
  });
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

  it('keeps every count and extreme exact and every percentile within 0.1% of the exact one', () => {
    fc.assert(
      fc.property(fc.array(sample, { minLength: 1, maxLength: 200 }), fc.constantFrom(50, 90, 95, 99, 99.9, 100), (samples, p) => {
        const csv = ['timeStamp,elapsed,label,responseCode,success', ...samples.map((s) => `${s.start},${s.elapsed},${quote(s.label)},${s.code},${s.success}`)].join('\n');
        const result = parseJmeter(csv, 'p.jtl');
        expect(result.notes).toEqual([]);
        const everything = merged(result);
        expect(everything.totalCount).toBe(samples.length);
        const sorted = samples.map((s) => s.elapsed).sort((a, b) => a - b);
        expectWithinHdr(everything.getValueAtPercentile(p) / 1000, exactPercentile(sorted, p));
        const trends = all(result, 'http_req_duration').map((s) => s.trend);
        expect(Math.min(...trends.map((t) => (t.kind === 'histogram' ? t.min ?? Number.NaN : Number.NaN)))).toBe(sorted[0]);
        expect(Math.max(...trends.map((t) => (t.kind === 'histogram' ? t.max ?? Number.NaN : Number.NaN)))).toBe(sorted.at(-1));
        for (const label of new Set(samples.map((s) => s.label))) {
          const mine = samples.filter((s) => s.label === label);
          const histogram = merged(result, { endpoint: label });
          expect(histogram.totalCount).toBe(mine.length);
          expectWithinHdr(histogram.getValueAtPercentile(p) / 1000, exactPercentile(mine.map((s) => s.elapsed).sort((a, b) => a - b), p));
          const failed = all(result, 'http_req_failed').filter((s) => s.tags.endpoint === label);
          expect(failed.reduce((n, s) => n + s.failed, 0)).toBe(mine.filter((s) => !s.success).length);
          expect(all(result, 'http_reqs').filter((s) => s.tags.endpoint === label).reduce((n, s) => n + s.count, 0)).toBe(mine.length);
        }
        const first = Math.min(...samples.map((s) => s.start));
        const last = Math.max(...samples.map((s) => s.start + s.elapsed));
        if (last > first) expect(result.durationSeconds).toBeCloseTo((last - first) / 1000, 9);
      }),
      { numRuns: 40 },
    );
  });
});
