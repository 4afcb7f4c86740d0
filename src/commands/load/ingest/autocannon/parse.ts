/**
 * autocannon JSON → LoadResult, tags {} only (autocannon hits one URL and
 * keeps no per-request breakdown beyond status codes).
 *
 * Two shapes:
 * - the result autocannon prints with --json (or returns from its API):
 *   `latency` is its own statistics of an HDR histogram, in milliseconds,
 *   with percentiles as keys `p50`, `p97_5`, `p99_999` → SummaryTrend.
 * - a worker's raw result when run with `skipAggregateResult` (what
 *   autocannon's workers send back to be aggregated): `latencies`, `requests`
 *   and `throughput` are hdr-histogram-js histograms encoded as compressed
 *   base64, and totals are `totalCompletedRequests`/`totalRequests`. The
 *   latency histogram (integer milliseconds, 5 significant digits) is
 *   re-recorded into Rollgate's microsecond histogram → HistogramTrend, so
 *   shards merge exactly.
 *
 * Failures: autocannon's `errors` are requests that ended without a response
 * (connection errors, resets and timeouts — its `timeouts` are already counted
 * in `errors`, so adding them again would count each timeout twice), and
 * `non2xx` are responses with any status outside 2xx (3xx included, as
 * autocannon counts them). http_req_failed = (errors + non2xx) over
 * (completed responses + errors): an errored request never completes, so it
 * is added to the total to keep failed ≤ total. `mismatches` (expectBody) are
 * 2xx responses and are only noted.
 *
 * http_reqs: count = completed responses (`requests.total`), the same number
 * the latency statistics and status codes describe; perSecond = autocannon's
 * mean of its per-second samples (`requests.average`). `requests.sent` is
 * not used: autocannon counts requests still in flight at the end there.
 */
import * as hdr from 'hdr-histogram-js';
import { z } from 'zod';
import { UserError } from '../../../../errors';
import { describeFound, isRecord, parseJsonText, validateJson } from '../../../checklist/parsers/common';
import { createHistogram, encodeHistogram, MAX_TRACKABLE_US, recordMs } from '../../histogram';
import type { LoadResult, Series, SummaryTrend } from '../../model';

const EXPECTED = 'an autocannon JSON result (autocannon --json)';
const WHAT = 'autocannon result';

const count = z.number().int().nonnegative();
const statusCodeStats = z.record(z.string().regex(/^\d{3}$/, 'a 3-digit status code'), z.object({ count }));

/** `p97_5` → "97.5", `p0_001` → "0.001", `p50` → "50". */
export function percentileOfKey(key: string): string | undefined {
  const match = /^p(\d+)(?:_(\d+))?$/.exec(key);
  if (!match) return undefined;
  return String(Number(match[2] === undefined ? match[1] : `${match[1]}.${match[2]}`));
}

/** What both of autocannon's outputs carry: the run's span and its error and status counts. */
const runFields = {
  duration: z.number().nonnegative().optional(),
  start: z.string().optional(),
  finish: z.string().optional(),
  errors: count,
  timeouts: count.optional(),
  mismatches: count.optional(),
  non2xx: count,
  statusCodeStats: statusCodeStats.optional(),
};

const resultSchema = z.object({
  ...runFields,
  latency: z
    .object({
      average: z.number().optional(),
      mean: z.number().optional(),
      min: z.number().optional(),
      max: z.number().optional(),
      totalCount: count.optional(),
    })
    .catchall(z.number().nullable()),
  requests: z.object({ total: count, average: z.number().optional(), mean: z.number().optional(), sent: count.optional() }),
});

const shardSchema = z.object({
  ...runFields,
  latencies: z.string(),
  requests: z.string().optional(),
  totalCompletedRequests: count,
  totalRequests: count.optional(),
});

export function parseAutocannon(text: string, file: string): LoadResult {
  const data = parseJsonText(text, file, EXPECTED);
  if (!isRecord(data)) throw new UserError(`expected ${EXPECTED}, found ${describeFound(data)}`, { file });
  return typeof data.latencies === 'string' ? parseShard(data, text, file) : parseResult(data, text, file);
}

function parseResult(data: unknown, text: string, file: string): LoadResult {
  const result = validateJson(resultSchema, data, text, file, WHAT);
  const notes: string[] = [];
  const completed = result.requests.total;
  const latency = result.latency;
  const percentiles: Record<string, number> = {};
  for (const [key, value] of Object.entries(latency)) {
    const percentile = percentileOfKey(key);
    if (percentile !== undefined && typeof value === 'number') percentiles[percentile] = value;
  }
  const trend: SummaryTrend = { kind: 'summary', count: latency.totalCount ?? completed, percentiles };
  const avg = latency.mean ?? latency.average;
  if (latency.min !== undefined) trend.min = latency.min;
  if (latency.max !== undefined) trend.max = latency.max;
  if (avg !== undefined) trend.avg = avg;
  if (percentiles['50'] !== undefined) trend.med = percentiles['50'];

  const series: Series[] = [];
  if ((trend.count ?? 0) > 0) series.push({ metric: 'http_req_duration', tags: {}, trend });
  else notes.push('the run completed no requests, so there is no latency');
  const perSecond = result.requests.mean ?? result.requests.average;
  series.push(...common(result, completed, perSecond, notes));
  return finish(result, series, notes, file);
}

function parseShard(data: unknown, text: string, file: string): LoadResult {
  const shard = validateJson(shardSchema, data, text, file, WHAT);
  const notes: string[] = [];
  const latencies = decode(shard.latencies, 'latencies', file);
  const histogram = createHistogram();
  let clamped = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  // autocannon records whole milliseconds with 5 significant digits, so each
  // recorded value is exact; re-record it in microseconds. Its min and max are
  // exact too (as exact as autocannon's own latency.min and latency.max).
  const values = latencies.recordedValuesIterator;
  values.reset();
  while (values.hasNext()) {
    const step = values.next();
    const ms = latencies.medianEquivalentValue(step.valueIteratedTo);
    if (!recordMs(histogram, ms, step.countAtValueIteratedTo) && ms * 1000 > MAX_TRACKABLE_US) clamped += step.countAtValueIteratedTo;
    min = Math.min(min, ms);
    max = Math.max(max, ms);
  }
  if (clamped > 0) notes.push(`${clamped} latencies above an hour were recorded as one hour`);
  const series: Series[] = [];
  if (histogram.totalCount > 0) {
    series.push({ metric: 'http_req_duration', tags: {}, trend: { kind: 'histogram', histogram: encodeHistogram(histogram), min, max } });
  }
  else notes.push('the run completed no requests, so there is no latency');
  if (latencies.totalCount !== shard.totalCompletedRequests) {
    notes.push(`the latency histogram holds ${latencies.totalCount} values but totalCompletedRequests is ${shard.totalCompletedRequests}`);
  }
  // `requests` is the histogram of per-second request counts; its mean is autocannon's requests.average.
  const perSecond = shard.requests === undefined ? undefined : decode(shard.requests, 'requests', file).mean;
  series.push(...common(shard, shard.totalCompletedRequests, perSecond, notes));
  return finish(shard, series, notes, file);
}

function decode(encoded: string, path: string, file: string): hdr.JsHistogram {
  try {
    const histogram = hdr.decodeFromCompressedBase64(encoded, 'packed', false);
    if (histogram instanceof hdr.JsHistogram) return histogram;
  } catch {
    // fall through to the UserError below
  }
  throw new UserError(
    `not a valid ${WHAT}: ${path}: expected an HDR histogram in compressed base64 (as autocannon writes with skipAggregateResult), found ${JSON.stringify(encoded.length > 40 ? `${encoded.slice(0, 37)}...` : encoded)}`,
    { file, path },
  );
}

interface Totals {
  errors: number;
  mismatches?: number | undefined;
  non2xx: number;
  statusCodeStats?: Record<string, { count: number }> | undefined;
}

function common(result: Totals, completed: number, perSecond: number | undefined, notes: string[]): Series[] {
  const series: Series[] = [
    { metric: 'http_reqs', tags: {}, count: completed, ...(perSecond !== undefined ? { perSecond } : {}) },
    { metric: 'http_req_failed', tags: {}, failed: Math.min(result.errors + result.non2xx, completed + result.errors), total: completed + result.errors },
  ];
  if (result.statusCodeStats) {
    let sum = 0;
    for (const [status, { count: n }] of Object.entries(result.statusCodeStats)) {
      series.push({ metric: 'http_reqs', tags: { status }, count: n });
      sum += n;
    }
    if (sum !== completed) notes.push(`statusCodeStats add up to ${sum} responses but ${completed} requests completed`);
  }
  if (result.non2xx > completed) notes.push(`non2xx (${result.non2xx}) is more than the completed requests (${completed})`);
  if ((result.mismatches ?? 0) > 0) notes.push(`${result.mismatches} responses did not match expectBody; they are not counted as failed`);
  return series;
}

function finish(result: { duration?: number | undefined; start?: string | undefined; finish?: string | undefined }, series: Series[], notes: string[], file: string): LoadResult {
  let durationSeconds = result.duration;
  if (durationSeconds === undefined && result.start !== undefined && result.finish !== undefined) {
    const span = (Date.parse(result.finish) - Date.parse(result.start)) / 1000;
    if (Number.isFinite(span) && span > 0) durationSeconds = span;
  }
  return { format: 'autocannon', file, ...(durationSeconds !== undefined && durationSeconds > 0 ? { durationSeconds } : {}), series, notes };
}
