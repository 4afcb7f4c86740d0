import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_K6_TAG_SETS, readK6Ndjson } from '../../../../src/commands/load/ingest/k6';
import { decodeHistogram } from '../../../../src/commands/load/histogram';
import type { LoadResult, Series } from '../../../../src/commands/load/model';
import { hasSharedFixtures, sharedFixture } from '../../../helpers/fixtures';
import { expectUserError, goJson, goTime, k6Lines, rejected, reordered, tempDir, type K6Request } from './helpers';

const write = tempDir('k6-ndjson');
const BASE = Date.UTC(2024, 4, 1, 8, 0, 0);

const ENDPOINTS = [
  { name: 'http://test.k6.io/', method: 'GET' },
  // k6 names a request by its URL unless the script sets a name; the URL's "&" comes out as \u0026 (Go's JSON).
  { name: '/api/items', method: 'POST', url: 'http://test.k6.io/api/items?page=1&size=20' },
  { name: 'http://test.k6.io/contacts.php', method: 'GET' },
];

/** 1000 requests with known latencies (whole microseconds), every 10th a 500, two scenarios. */
function thousandRequests(): K6Request[] {
  return Array.from({ length: 1000 }, (_, i) => {
    const endpoint = ENDPOINTS[i % 3]!;
    const micros = 20_000 + ((i * 7919) % 1000) * 731 + (i % 13);
    const failed = i % 10 === 9;
    return { ...endpoint, status: failed ? '500' : '200', failed, scenario: i < 500 ? 'ramp' : 'steady', duration: micros / 1000, epochMs: BASE + i * 30 };
  });
}

function groupKey(r: { name: string; method?: string; status?: string; scenario?: string }): string {
  return JSON.stringify({ endpoint: r.name, method: r.method, status: r.status, scenario: r.scenario });
}

/** The Series member that can carry metric M (http_reqs and dropped_requests share one). */
type SeriesOf<M extends Series['metric']> = Series extends infer S ? (S extends { metric: infer N } ? (M extends N ? S & { metric: M } : never) : never) : never;

function only<M extends Series['metric']>(result: LoadResult, metric: M): Array<SeriesOf<M>> {
  return result.series.filter((s): s is SeriesOf<M> => s.metric === metric);
}

/** Exact nearest-rank percentile, the rank HdrHistogram uses (count * p / 100, rounded). */
function exactPercentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.round((p / 100) * sorted.length)) - 1]!;
}

describe('k6 --out json NDJSON', () => {
  it.skipIf(!hasSharedFixtures)('reads the real fixture json-output.ndjson (custom metrics only): no series, and only a true note', async () => {
    const result = await readK6Ndjson(sharedFixture('load', 'k6', 'json-output.ndjson'), 'out.json');
    expect(result).toEqual({
      format: 'k6-ndjson',
      file: 'out.json',
      // 13:37:10Z to 13:37:30Z: the span of the points' timestamps.
      durationSeconds: 20,
      series: [],
      notes: ['no http_req_duration, http_req_failed or http_reqs points in the file (it has my_metric1, my_metric2)'],
    });
  });

  it('puts 1000 known requests into exact counts and histograms (p95 within 0.1% of the exact one)', async () => {
    const requests = thousandRequests();
    const path = write('thousand.json', `${k6Lines(requests, { vusEvery: 100 }).join('\n')}\n`);
    const result = await readK6Ndjson(path, 'thousand.json');
    expect(result.format).toBe('k6-ndjson');
    expect(result.notes).toEqual([]);
    // First point at BASE, last at BASE + 999 * 30 ms + 993 µs (the generator's sub-millisecond part).
    expect(result.durationSeconds).toBeCloseTo(29.970993, 6);

    const expected = new Map<string, { count: number; failed: number; durations: number[] }>();
    for (const r of requests) {
      const entry = expected.get(groupKey(r)) ?? { count: 0, failed: 0, durations: [] };
      entry.count++;
      if (r.failed) entry.failed++;
      entry.durations.push(r.duration);
      expected.set(groupKey(r), entry);
    }
    expect(expected.size).toBe(12);

    // Finest level only, all series of a metric with the same tag keys: they partition the traffic.
    for (const series of result.series) expect(Object.keys(series.tags)).toEqual(['endpoint', 'method', 'status', 'scenario']);
    const reqs = only(result, 'http_reqs');
    const failed = only(result, 'http_req_failed');
    const durations = only(result, 'http_req_duration');
    expect(reqs).toHaveLength(12);
    expect(failed).toHaveLength(12);
    expect(durations).toHaveLength(12);
    for (const series of reqs) expect(series.count).toBe(expected.get(JSON.stringify(series.tags))!.count);
    for (const series of failed) {
      const want = expected.get(JSON.stringify(series.tags))!;
      expect([series.failed, series.total]).toEqual([want.failed, want.count]);
    }
    expect(reqs.reduce((n, s) => n + s.count, 0)).toBe(1000);
    expect(failed.reduce((n, s) => n + s.failed, 0)).toBe(100);
    expect(failed.reduce((n, s) => n + s.total, 0)).toBe(1000);
    expect(reqs.find((s) => s.tags['endpoint'] === '/api/items' && s.tags['status'] === '200' && s.tags['scenario'] === 'ramp')).toEqual({
      metric: 'http_reqs',
      tags: { endpoint: '/api/items', method: 'POST', status: '200', scenario: 'ramp' },
      count: 150,
    });

    const merged = decodeHistogram(durations[0]!.trend.kind === 'histogram' ? durations[0]!.trend.histogram : '');
    for (const series of durations) {
      if (series.trend.kind !== 'histogram') throw new Error('expected a histogram');
      const histogram = decodeHistogram(series.trend.histogram);
      const want = expected.get(JSON.stringify(series.tags))!;
      expect(histogram.totalCount).toBe(want.count);
      expect(histogram.maxValue / 1000).toBeCloseTo(Math.max(...want.durations), 0);
      // The exact extremes ride along, since the histogram knows them only to its bucket width.
      expect([series.trend.min, series.trend.max]).toEqual([Math.min(...want.durations), Math.max(...want.durations)]);
      if (series !== durations[0]) merged.add(histogram);
    }
    const all = requests.map((r) => r.duration);
    expect(merged.totalCount).toBe(1000);
    for (const p of [50, 95, 99]) {
      const exact = exactPercentile(all, p);
      const hdr = merged.getValueAtPercentile(p) / 1000;
      expect(Math.abs(hdr - exact) / exact, `p${p}: HDR ${hdr} vs exact ${exact}`).toBeLessThan(0.001);
    }
    expect(exactPercentile(all, 95)).toBe(713.726);
  });

  it("gives the same result when every line has to take the JSON.parse path (keys not in k6's order)", async () => {
    const lines = k6Lines(thousandRequests().slice(0, 300), { vusEvery: 50 });
    const fast = await readK6Ndjson(write('fast.json', lines.join('\n')), 'x.json');
    const slow = await readK6Ndjson(write('slow.json', lines.map(reordered).join('\n')), 'x.json');
    expect(slow).toEqual(fast);
    // 300 requests: all in scenario "ramp", so 3 endpoints x 2 statuses, for 3 metrics.
    expect(fast.series).toHaveLength(3 * 6);
  });

  it('gives the same result as the JSON.parse path when thousands of tags objects interleave and come back (url per request under one name)', async () => {
    // More distinct tags objects than the reader keeps (it starts its table over), revisited after that and interleaved by status.
    const requests: K6Request[] = Array.from({ length: 9000 }, (_, i) => ({
      name: i % 7 === 0 ? 'http://test.k6.io/' : '/items/{id}',
      method: 'GET',
      url: i % 7 === 0 ? undefined : `http://test.k6.io/items/${i % 6000}`,
      status: i % 3 === 0 ? '404' : '200',
      failed: i % 3 === 0,
      duration: 1 + (i % 997) / 10,
      epochMs: BASE + i,
    }));
    const lines = k6Lines(requests);
    const fast = await readK6Ndjson(write('many-tags-fast.json', lines.join('\n')), 'x.json');
    const slow = await readK6Ndjson(write('many-tags-slow.json', lines.map(reordered).join('\n')), 'x.json');
    expect(slow).toEqual(fast);
    expect(only(fast, 'http_reqs').reduce((n, s) => n + s.count, 0)).toBe(9000);
    // Two names times two statuses: with a name, the url is not part of a series.
    expect(only(fast, 'http_reqs')).toHaveLength(4);
  });

  it('reads any k6-layout line the same through the byte parser as through JSON.parse (random tags, escapes, numbers)', async () => {
    const tagKey = fc.constantFrom('name', 'method', 'status', 'scenario', 'phase', 'url', 'group', 'nam', 'names', 'é');
    const tagValue = fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.string({ unit: fc.constantFrom('"', '\\', '&', '<', '\n', '\u0001', 'é', '𝄞', '}', ',', ':', 'a'), maxLength: 6 }),
      fc.constantFrom('GET', '200', '/a'),
    );
    const point = fc.record({
      metric: fc.constantFrom('http_req_duration', 'http_req_failed', 'http_reqs', 'dropped_iterations', 'vus', 'http_req_durations'),
      value: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e7, max: 1e12 }), fc.integer({ min: 0, max: 5 }), fc.constantFrom(0, 1, 1e-7, 123.456789, 5e-324)),
      tags: fc.option(fc.dictionary(tagKey, tagValue, { maxKeys: 5 }), { nil: null }),
      metadata: fc.option(fc.dictionary(fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 }), { maxKeys: 2 }), { nil: undefined }),
      ms: fc.integer({ min: 0, max: 10_000_000 }),
      micros: fc.integer({ min: 0, max: 999 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(point, { minLength: 1, maxLength: 30 }), async (points) => {
        const lines = points.map((p) =>
          goJson({ type: 'Point', data: { time: goTime(BASE + p.ms, p.micros), value: p.value, tags: p.tags, ...(p.metadata ? { metadata: p.metadata } : {}) }, metric: p.metric }),
        );
        const fast = await readK6Ndjson(write('prop-fast.json', lines.join('\n')), 'p.json');
        const slow = await readK6Ndjson(write('prop-slow.json', lines.map(reordered).join('\n')), 'p.json');
        expect(slow).toEqual(fast);
      }),
      { numRuns: 200 },
    );
  });

  it('never throws anything but a UserError naming the file, however the lines are damaged', async () => {
    const seeds = k6Lines(thousandRequests().slice(0, 2));
    const damaged = fc.tuple(fc.constantFrom(...seeds), fc.nat(), fc.nat(), fc.string({ unit: 'binary', maxLength: 6 })).map(([seed, a, b, insert]) => {
      const cut = a % seed.length;
      return seed.slice(0, cut) + insert + seed.slice(cut + (b % 8));
    });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(damaged, fc.constantFrom(...seeds)), { minLength: 1, maxLength: 12 }), async (lines) => {
        try {
          const result = await readK6Ndjson(write('damaged.json', lines.join('\n')), 'd.json');
          for (const series of result.series) if (series.metric === 'http_req_failed') expect(series.failed).toBeLessThanOrEqual(series.total);
        } catch (error) {
          expectUserError(error, /./, { file: 'd.json' });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives identical results whatever the read size (lines cut anywhere across chunks)', async () => {
    const requests = thousandRequests().slice(0, 12);
    const lines = k6Lines(requests, { vusEvery: 4 });
    lines.splice(7, 0, 'garbage that is not JSON', '', '{"type":"Point","data":{"value":"x"},"metric":"http_reqs"}');
    // A BOM, CRLF on some lines, trailing blanks, and a last line cut off mid-record.
    const text = `\uFEFF${lines.map((line, i) => (i % 5 === 0 ? `${line}\r` : line)).join('\n')}\n\n${lines[3]!.slice(0, 40)}`;
    const path = write('chunks.json', text);
    const reference = await readK6Ndjson(path, 'c.json');
    expect(reference.notes).toEqual([
      '2 lines that are not JSON, first at line 8',
      '1 JSON line that is not a k6 Metric or Point record, first at line 10 (data.value: expected number, found "x")',
    ]);
    expect(only(reference, 'http_reqs').reduce((n, s) => n + s.count, 0)).toBe(12);
    for (const chunkSize of [1, 2, 3, 7, 64]) expect(await readK6Ndjson(path, 'c.json', { chunkSize })).toEqual(reference);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: text.length + 10 }), async (chunkSize) => {
        expect(await readK6Ndjson(path, 'c.json', { chunkSize })).toEqual(reference);
      }),
      { numRuns: 25 },
    );
  });

  it('reads a gzip file (k6 --out json=results.json.gz) the same, and keeps what precedes a cut-off gzip stream', async () => {
    const text = `${k6Lines(thousandRequests().slice(0, 200)).join('\n')}\n`;
    const plain = await readK6Ndjson(write('plain.json', text), 'r.json');
    const zipped = gzipSync(Buffer.from(text));
    expect(await readK6Ndjson(write('r.json.gz', zipped), 'r.json', { chunkSize: 1000 })).toEqual(plain);
    const cut = await readK6Ndjson(write('cut.json.gz', zipped.subarray(0, Math.floor(zipped.length * 0.6))), 'r.json');
    expect(cut.notes.some((note) => /^the gzip stream ends early or is damaged \(unexpected end of file\); read the \d+ lines before that$/.test(note))).toBe(true);
    expect(only(cut, 'http_reqs').reduce((n, s) => n + s.count, 0)).toBeGreaterThan(0);
  });

  it('gives every series of a metric the same tag keys (an absent tag is ""), merging absent with an explicit ""', async () => {
    const point = (tags: Record<string, string>, value = 1): string =>
      goJson({ type: 'Point', data: { time: goTime(BASE), value, tags: { method: 'GET', name: '/a', scenario: 'default', status: '200', ...tags } }, metric: 'http_reqs' });
    const lines = [point({ phase: 'warmup' }), point({}), point({ phase: '' }), point({ phase: 'warmup' }, 2)];
    const result = await readK6Ndjson(write('phase.json', lines.join('\n')), 'p.json');
    expect(result.series).toEqual([
      { metric: 'http_reqs', tags: { endpoint: '/a', method: 'GET', status: '200', scenario: 'default', phase: '' }, count: 2 },
      { metric: 'http_reqs', tags: { endpoint: '/a', method: 'GET', status: '200', scenario: 'default', phase: 'warmup' }, count: 3 },
    ]);
  });

  it('treats the same tag value escaped or not as one series, and falls back to url without a name tag', async () => {
    const line = (name: string): string => `{"type":"Point","data":{"time":"2024-05-01T10:00:00+02:00","value":1,"tags":{"method":"GET","name":"${name}","status":"200"}},"metric":"http_reqs"}`;
    const lines = [line('/a?x=1\\u0026y=2'), line('/a?x=1&y=2'), line('/a?x=1\\u0026y=2'), '{"type":"Point","data":{"time":"2024-05-01T10:00:00Z","value":1,"tags":{"method":"GET","status":"200","url":"http://h/b"}},"metric":"http_reqs"}'];
    const result = await readK6Ndjson(write('escaped.json', lines.join('\n')), 'e.json');
    expect(result.series).toEqual([
      { metric: 'http_reqs', tags: { endpoint: '/a?x=1&y=2', method: 'GET', status: '200' }, count: 3 },
      { metric: 'http_reqs', tags: { endpoint: 'http://h/b', method: 'GET', status: '200' }, count: 1 },
    ]);
    expect(result.notes).toEqual(['no http_req_duration or http_req_failed points in the file']);
  });

  it('reads numbers the fast parser hands to V8 (exponents, many digits) and says when a latency had to be clamped', async () => {
    const line = (value: string, metric = 'http_req_duration'): string =>
      `{"type":"Point","data":{"time":"2024-05-01T10:00:00.5+02:00","value":${value},"tags":{"name":"/a"}},"metric":"${metric}"}`;
    const lines = [line('1.5e3'), line('123.4567890123456789'), line('-3'), line('2E-1'), line('1e-7', 'http_req_failed'), line('0', 'http_req_failed')];
    const result = await readK6Ndjson(write('numbers.json', lines.join('\n')), 'n.json');
    const [duration] = only(result, 'http_req_duration');
    if (duration?.trend.kind !== 'histogram') throw new Error('expected a histogram');
    const histogram = decodeHistogram(duration.trend.histogram);
    expect(histogram.totalCount).toBe(4);
    expect(histogram.maxValue).toBeGreaterThanOrEqual(1_500_000 * 0.999);
    expect(histogram.minNonZeroValue).toBe(1);
    // As k6 wrote them: the clamped -3 stays -3 here (the note says it was clamped in the histogram).
    expect([duration.trend.min, duration.trend.max]).toEqual([-3, 1500]);
    // k6's Rate: any non-zero value is true.
    expect(only(result, 'http_req_failed')).toEqual([{ metric: 'http_req_failed', tags: { endpoint: '/a' }, failed: 1, total: 2 }]);
    expect(result.notes).toEqual([
      '1 http_req_duration value outside 1 µs to 1 h, recorded at the nearest end, first at line 3',
      'no http_reqs points in the file',
    ]);
  });

  it('maps dropped_iterations to dropped_requests by scenario', async () => {
    const drop = (scenario: string, value: number): string => goJson({ type: 'Point', data: { time: goTime(BASE), value, tags: { scenario } }, metric: 'dropped_iterations' });
    const lines = [...k6Lines(thousandRequests().slice(0, 3)), drop('steady', 1), drop('ramp', 1), drop('steady', 2)];
    const result = await readK6Ndjson(write('dropped.json', lines.join('\n')), 'd.json');
    expect(only(result, 'dropped_requests')).toEqual([
      { metric: 'dropped_requests', tags: { scenario: 'ramp' }, count: 1 },
      { metric: 'dropped_requests', tags: { scenario: 'steady' }, count: 3 },
    ]);
  });

  describe('refuses input with no valid line, with the file and the line', () => {
    it('an empty file', async () => {
      expectUserError(await rejected(readK6Ndjson(write('empty.json', ''), 'e.json')), /^expected k6 --out json output .*, found an empty file$/, { file: 'e.json' });
    });

    it('only blank lines', async () => {
      expectUserError(await rejected(readK6Ndjson(write('blank.json', '\n  \r\n\n'), 'e.json')), /found only blank lines$/, { file: 'e.json' });
    });

    it('a CSV file', async () => {
      expectUserError(await rejected(readK6Ndjson(write('x.csv', 'metric_name,timestamp,metric_value\nhttp_reqs,1,1\n'), 'x.csv')), /found no such line: line 1 is not JSON$/, { file: 'x.csv', line: 1 });
    });

    it('JSON lines that are not k6 records', async () => {
      expectUserError(
        await rejected(readK6Ndjson(write('other.json', '\n{"level":"info","msg":"hi"}\n{"type":"Sample"}\n'), 'o.json')),
        /found no such line: line 2: expected an object with "type" "Metric" or "Point", found "type" missing$/,
        { file: 'o.json', line: 2 },
      );
    });

    it('a JSON file truncated after its first line started', async () => {
      const first = k6Lines(thousandRequests().slice(0, 1))[1]!;
      expectUserError(await rejected(readK6Ndjson(write('trunc.json', first.slice(0, 50)), 't.json')), /line 1 is not JSON$/, { file: 't.json', line: 1 });
    });

    it('a directory', async () => {
      const dir = write('placeholder.json', '').replace(/placeholder\.json$/, '');
      expectUserError(await rejected(readK6Ndjson(dir, 'results/')), /^cannot read the k6 output: it is a directory$/, { file: 'results/' });
    });

    it('a gzip file with no k6 line in it', async () => {
      expectUserError(await rejected(readK6Ndjson(write('bad.json.gz', gzipSync('a,b\n1,2\n')), 'bad.json.gz')), /found no such line: line 1 is not JSON$/, { file: 'bad.json.gz', line: 1 });
    });

    it('a file that is not there', async () => {
      expectUserError(await rejected(readK6Ndjson('/nonexistent/k6.json', 'k6.json')), /^cannot read the k6 output: no such file$/, { file: 'k6.json' });
    });

    it(`more than ${MAX_K6_TAG_SETS} tag sets (a URL per request), saying how to name requests`, async () => {
      const lines = Array.from({ length: MAX_K6_TAG_SETS + 1 }, (_, i) => `{"type":"Point","data":{"time":"2024-05-01T10:00:00Z","value":1,"tags":{"name":"/users/${i}"}},"metric":"http_reqs"}`);
      expectUserError(await rejected(readK6Ndjson(write('many.json', lines.join('\n')), 'm.json')), /more than 20000 distinct combinations .*tags: \{ name: '\/users\/\{id\}' \}/, {
        file: 'm.json',
        line: MAX_K6_TAG_SETS + 1,
      });
    });
  });
});
