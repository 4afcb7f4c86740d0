/**
 * Artillery JSON report (`artillery run --output report.json`) → LoadResult.
 * Both generations are read:
 *
 * - v1 (Artillery 1.x): `aggregate` and `intermediate[]` hold `latency`
 *   {min, max, median, p95, p99} in ms, `requestsCompleted`, `rps`
 *   {count, mean}, `codes` {status: n} and `errors` {code: n}. Intermediate
 *   windows may also carry `latencies`, every response time of the window in
 *   nanoseconds: those become HDR histograms, so windows merge exactly. Their
 *   percentiles are the exact ones (to 0.1%), which can differ from the
 *   window's own `latency` estimate (in the sample report, a window's p95 is
 *   2294 ms from its latencies where Artillery printed 2707 ms).
 * - v2 (Artillery 2.x): `counters`, `rates` and `summaries` (or, in early 2.x,
 *   `histograms` of the same shape) keyed by metric name: `http.requests`,
 *   `http.responses`, `http.codes.200`, `http.request_rate`,
 *   `http.response_time`, `errors.ETIMEDOUT`, and the older `engine.http.*`
 *   spellings. The metrics-by-endpoint plugin adds
 *   `plugins.metrics-by-endpoint.response_time.<endpoint>` summaries and
 *   `plugins.metrics-by-endpoint.<endpoint>.codes.<status>` / `.errors.<code>`
 *   counters.
 *
 * What each window (and the aggregate) becomes, under its tags:
 * - http_req_duration: the response-time summary (ms; p50 → med and
 *   percentile 50, p75/p90/p95/p99/p999 → 75/90/95/99/99.9), or a histogram
 *   from v1 `latencies`.
 * - http_reqs: the requests Artillery sent (v1 `rps.count`, v2
 *   `http.requests`) with its own rate (v1 `rps.mean`, v2 `http.request_rate`).
 * - http_reqs{status}: the responses with that status code.
 * - http_req_failed: (responses with a status outside 2xx/3xx + errors) over
 *   (responses + errors), responses counted by their status codes. Errors (ETIMEDOUT, ECONNREFUSED...) are requests
 *   that got no response; they have no status, so the status level covers
 *   responses only.
 * - per endpoint (tag endpoint), when the plugin's keys are present: the same
 *   three, with http_reqs counting the endpoint's responses + errors (the
 *   plugin counts no sent requests).
 *
 * Levels: the aggregate is the tags-{} total (with {status}, {endpoint},
 * {endpoint, status}); each intermediate window adds a tag `window` to the
 * same set: the window's start as ISO time for v2 (`period`, else
 * `firstMetricAt`), and for v1, which records no start, the `timestamp` the
 * window was reported at (its end). Windows are disjoint, so each windowed
 * level partitions the run.
 */
import { z } from 'zod';
import { UserError } from '../../../../errors';
import { describeFound, isRecord, parseJsonText, validateJson } from '../../../checklist/parsers/common';
import { createHistogram, encodeHistogram, MAX_TRACKABLE_US, recordMs } from '../../histogram';
import type { LoadResult, Series, SummaryTrend, Tags, Trend } from '../../model';

const EXPECTED = 'an Artillery JSON report (artillery run --output)';
const WHAT = 'Artillery report';
const ENDPOINT_PREFIX = 'plugins.metrics-by-endpoint.';

/** One window (or the aggregate) in the shape both generations reduce to. */
interface Stats {
  /** Requests sent, Artillery's own count. */
  requests?: number;
  perSecond?: number;
  /** Requests that got a response. */
  responses: number;
  codes: Map<string, number>;
  errors: number;
  duration?: Trend;
  endpoints: Map<string, EndpointStats>;
}

interface EndpointStats {
  codes: Map<string, number>;
  errors: number;
  duration?: SummaryTrend;
}

interface Window {
  label: string;
  stats: Stats;
}

// ---------------------------------------------------------------------------
// Schemas: only the fields read are checked; Artillery adds many others.

const count = z.number().int().nonnegative();
const stat = z.number().nullable().optional();
const tally = z.record(z.string(), count);

const v1Latency = z.object({ min: stat, max: stat, median: stat, p95: stat, p99: stat });
const v1Stats = z.object({
  timestamp: z.string().optional(),
  requestsCompleted: count,
  latency: v1Latency,
  rps: z.object({ count: count.optional(), mean: z.number().nullable().optional() }).optional(),
  codes: tally.optional(),
  errors: tally.optional(),
  // Every response time of the window in ns; very old 1.x wrote [timestamp, id, ns, code] entries.
  latencies: z.array(z.union([z.number().nonnegative(), z.array(z.unknown())])).optional(),
});
const v1Report = z.object({ aggregate: v1Stats, intermediate: z.array(v1Stats).optional() });

const v2Summary = z.object({
  min: stat,
  max: stat,
  count: count.nullable().optional(),
  mean: stat,
  median: stat,
  p50: stat,
  p75: stat,
  p90: stat,
  p95: stat,
  p99: stat,
  p999: stat,
  _raw: z.object({ sum: z.number().optional(), count: z.number().optional() }).optional(),
});
const epoch = z.number().nullable().optional();
const v2Stats = z.object({
  counters: z.record(z.string(), z.number()),
  rates: z.record(z.string(), z.number().nullable()).optional(),
  summaries: z.record(z.string(), v2Summary).optional(),
  histograms: z.record(z.string(), z.unknown()).optional(),
  period: z.union([z.number(), z.string()]).nullable().optional(),
  firstMetricAt: epoch,
  lastMetricAt: epoch,
  firstCounterAt: epoch,
  lastCounterAt: epoch,
  firstHistogramAt: epoch,
  lastHistogramAt: epoch,
});
const v2Report = z.object({ aggregate: v2Stats, intermediate: z.array(v2Stats).optional() });

type V1Stats = z.output<typeof v1Stats>;
type V2Stats = z.output<typeof v2Stats>;
type V2Summary = z.output<typeof v2Summary>;

// ---------------------------------------------------------------------------

export function parseArtillery(text: string, file: string): LoadResult {
  const data = parseJsonText(text, file, EXPECTED);
  if (!isRecord(data)) throw new UserError(`expected ${EXPECTED}, found ${describeFound(data)}`, { file });
  const aggregate = data.aggregate;
  if (!isRecord(aggregate)) {
    throw new UserError(`not a valid ${WHAT}: aggregate: ${aggregate === undefined ? 'missing required field; expected an object' : `expected an object, found ${describeFound(aggregate)}`}`, {
      file,
      path: 'aggregate',
    });
  }
  if ('requestsCompleted' in aggregate || 'latency' in aggregate) return parseV1(validateJson(v1Report, data, text, file, WHAT), file);
  if ('counters' in aggregate || 'summaries' in aggregate) return parseV2(validateJson(v2Report, data, text, file, WHAT), file);
  throw new UserError(
    `not a valid ${WHAT}: aggregate: expected Artillery 1.x fields (requestsCompleted, latency) or 2.x fields (counters, summaries), found ${describeFound(aggregate)}`,
    { file, path: 'aggregate' },
  );
}

// ---------------------------------------------------------------------------
// v1

function parseV1(report: z.output<typeof v1Report>, file: string): LoadResult {
  const notes: string[] = [];
  const check: V1Check = { codeMismatches: [], latencyMismatches: [], clamped: 0 };
  const aggregate = v1ToStats(report.aggregate, 'aggregate', check);
  const windows = (report.intermediate ?? []).map((window, i): Window => ({
    label: isoOrUndefined(window.timestamp) ?? `intermediate[${i}]`,
    stats: v1ToStats(window, `intermediate[${i}]`, check),
  }));
  if (check.codeMismatches.length > 0) {
    notes.push(`the status codes do not add up to requestsCompleted in ${check.codeMismatches.join(', ')}; http_req_failed and http_reqs{status} follow the codes`);
  }
  if (check.latencyMismatches.length > 0) {
    notes.push(`latencies does not hold one value per completed request in ${check.latencyMismatches.join(', ')}; those windows use their latency summary`);
  }
  if (check.clamped > 0) notes.push(`${check.clamped} latencies above an hour were recorded as one hour`);
  return result(aggregate, windows, undefined, notes, file);
}

interface V1Check {
  codeMismatches: string[];
  latencyMismatches: string[];
  clamped: number;
}

function v1ToStats(raw: V1Stats, path: string, check: V1Check): Stats {
  const codes = new Map(Object.entries(raw.codes ?? {}));
  const errors = sum(Object.values(raw.errors ?? {}));
  const codeSum = sum(codes.values());
  if (raw.codes && codeSum !== raw.requestsCompleted) check.codeMismatches.push(`${path} (${codeSum} codes, ${raw.requestsCompleted} completed)`);
  // When the codes and requestsCompleted disagree, the failure rate takes both of its counts from the codes.
  const stats: Stats = { responses: codes.size > 0 ? codeSum : raw.requestsCompleted, codes, errors, endpoints: new Map() };
  if (raw.rps?.count !== undefined) stats.requests = raw.rps.count;
  if (raw.rps?.mean !== undefined && raw.rps.mean !== null) stats.perSecond = raw.rps.mean;

  const nanos = (raw.latencies ?? []).map((entry) => (typeof entry === 'number' ? entry : entry[2])).filter((ns): ns is number => typeof ns === 'number' && ns >= 0);
  if (raw.latencies && nanos.length > 0 && nanos.length === raw.latencies.length && nanos.length === raw.requestsCompleted) {
    const histogram = createHistogram();
    let min = Number.POSITIVE_INFINITY;
    let max = 0;
    for (const ns of nanos) {
      if (!recordMs(histogram, ns / 1e6) && ns / 1000 > MAX_TRACKABLE_US) check.clamped++;
      min = Math.min(min, ns);
      max = Math.max(max, ns);
    }
    stats.duration = { kind: 'histogram', histogram: encodeHistogram(histogram), min: min / 1e6, max: max / 1e6 };
    return stats;
  }
  if (raw.latencies && raw.latencies.length > 0) check.latencyMismatches.push(path);
  if (raw.requestsCompleted > 0) {
    const { min, max, median, p95, p99 } = raw.latency;
    const trend: SummaryTrend = { kind: 'summary', count: raw.requestsCompleted, percentiles: definedEntries({ '50': median, '95': p95, '99': p99 }) };
    assignDefined(trend, { min, max, med: median });
    stats.duration = trend;
  }
  return stats;
}

// ---------------------------------------------------------------------------
// v2

function parseV2(report: z.output<typeof v2Report>, file: string): LoadResult {
  const notes: string[] = [];
  const aggregate = v2ToStats(report.aggregate);
  const windows = (report.intermediate ?? []).map((window, i): Window => ({
    label: windowStart(window) ?? `intermediate[${i}]`,
    stats: v2ToStats(window),
  }));
  // The aggregate's own first/last stamps can be null or stale, so take the span over every window too.
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const s of [report.aggregate, ...(report.intermediate ?? [])]) {
    for (const t of [s.firstMetricAt, s.firstCounterAt, s.firstHistogramAt]) if (typeof t === 'number') first = Math.min(first, t);
    for (const t of [s.lastMetricAt, s.lastCounterAt, s.lastHistogramAt]) if (typeof t === 'number') last = Math.max(last, t);
  }
  const durationSeconds = last > first ? (last - first) / 1000 : undefined;
  return result(aggregate, windows, durationSeconds, notes, file);
}

function windowStart(window: V2Stats): string | undefined {
  const period = typeof window.period === 'string' && /^\d+$/.test(window.period) ? Number(window.period) : window.period;
  if (typeof period === 'number') return new Date(period).toISOString();
  if (typeof window.firstMetricAt === 'number') return new Date(window.firstMetricAt).toISOString();
  return undefined;
}

/** `http.x` in Artillery ≥ 2.0.0-dev9, `engine.http.x` before. */
function pick<T>(record: Record<string, T> | undefined, name: string): T | undefined {
  return record?.[`http.${name}`] ?? record?.[`engine.http.${name}`];
}

function v2ToStats(raw: V2Stats): Stats {
  const counters = raw.counters;
  const summaries = raw.summaries ?? summariesFromHistograms(raw.histograms);
  const namespace = Object.keys(counters).some((key) => key.startsWith('http.codes.')) ? 'http.codes.' : 'engine.http.codes.';
  const codes = new Map<string, number>();
  let errors = 0;
  const endpoints = new Map<string, EndpointStats>();
  const endpoint = (name: string): EndpointStats => {
    let e = endpoints.get(name);
    if (!e) endpoints.set(name, (e = { codes: new Map(), errors: 0 }));
    return e;
  };
  for (const [key, value] of Object.entries(counters)) {
    if (key.startsWith(namespace)) codes.set(key.slice(namespace.length), value);
    else if (key.startsWith('errors.')) errors += value;
    else if (key.startsWith(ENDPOINT_PREFIX)) {
      const match = /^(.+)\.(codes|errors)\.([^.]+)$/.exec(key.slice(ENDPOINT_PREFIX.length));
      if (!match) continue;
      const e = endpoint(match[1]!);
      if (match[2] === 'codes') e.codes.set(match[3]!, (e.codes.get(match[3]!) ?? 0) + value);
      else e.errors += value;
    }
  }
  for (const [key, summary] of Object.entries(summaries)) {
    const prefix = `${ENDPOINT_PREFIX}response_time.`;
    if (!key.startsWith(prefix)) continue;
    const trend = summaryTrend(summary);
    if (trend) endpoint(key.slice(prefix.length)).duration = trend;
  }

  const stats: Stats = { responses: pick(counters, 'responses') ?? sum(codes.values()), codes, errors, endpoints };
  const requests = pick(counters, 'requests');
  if (requests !== undefined) stats.requests = requests;
  const rate = pick(raw.rates, 'request_rate');
  if (rate !== undefined && rate !== null) stats.perSecond = rate;
  const responseTime = pick(summaries, 'response_time');
  const trend = responseTime && summaryTrend(responseTime);
  if (trend) stats.duration = trend;
  return stats;
}

/** Early 2.x reports kept the summaries under `histograms`; later ones keep raw sketches there. */
function summariesFromHistograms(histograms: Record<string, unknown> | undefined): Record<string, V2Summary> {
  const out: Record<string, V2Summary> = {};
  for (const [key, value] of Object.entries(histograms ?? {})) {
    const parsed = v2Summary.safeParse(value);
    if (parsed.success) out[key] = parsed.data;
  }
  return out;
}

function summaryTrend(s: V2Summary): SummaryTrend | undefined {
  if (!s.count) return undefined;
  const trend: SummaryTrend = {
    kind: 'summary',
    count: s.count,
    percentiles: definedEntries({ '50': s.p50 ?? s.median, '75': s.p75, '90': s.p90, '95': s.p95, '99': s.p99, '99.9': s.p999 }),
  };
  // `mean` appears in later 2.x; before, the DDSketch in `_raw` keeps the exact
  // sum. Only when its count is the summary's: Artillery builds the aggregate
  // by merging into the first window's sketch, so that window's `_raw` can be
  // the whole run's.
  const raw = s._raw;
  const avg = s.mean ?? (raw?.sum !== undefined && raw.count !== undefined && raw.count === s.count ? raw.sum / raw.count : undefined);
  assignDefined(trend, { min: s.min, max: s.max, avg, med: s.median ?? s.p50 });
  return trend;
}

// ---------------------------------------------------------------------------

function result(aggregate: Stats, windows: Window[], durationSeconds: number | undefined, notes: string[], file: string): LoadResult {
  const series: Series[] = [...emit(aggregate, {})];
  const seen = new Set<string>();
  for (const window of windows) {
    if (seen.has(window.label)) notes.push(`two intermediate windows share the start ${window.label}; their series share tags`);
    seen.add(window.label);
    series.push(...emit(window.stats, { window: window.label }));
  }
  return { format: 'artillery', file, ...(durationSeconds !== undefined ? { durationSeconds } : {}), series, notes: [...new Set(notes)] };
}

function emit(stats: Stats, base: Tags): Series[] {
  const series: Series[] = [];
  if (stats.duration) series.push({ metric: 'http_req_duration', tags: base, trend: stats.duration });
  series.push({ metric: 'http_reqs', tags: base, count: stats.requests ?? stats.responses + stats.errors, ...(stats.perSecond !== undefined ? { perSecond: stats.perSecond } : {}) });
  series.push(failedSeries(base, stats.codes, stats.errors, stats.responses));
  for (const [status, n] of stats.codes) series.push({ metric: 'http_reqs', tags: { ...base, status }, count: n });
  for (const [name, e] of stats.endpoints) {
    const tags = { ...base, endpoint: name };
    const responses = sum(e.codes.values());
    if (e.duration) series.push({ metric: 'http_req_duration', tags, trend: e.duration });
    series.push({ metric: 'http_reqs', tags, count: responses + e.errors });
    series.push(failedSeries(tags, e.codes, e.errors, responses));
    for (const [status, n] of e.codes) series.push({ metric: 'http_reqs', tags: { ...tags, status }, count: n });
  }
  return series;
}

function failedSeries(tags: Tags, codes: Map<string, number>, errors: number, responses: number): Series {
  let bad = errors;
  for (const [status, n] of codes) if (!/^[23]\d\d$/.test(status)) bad += n;
  const total = responses + errors;
  return { metric: 'http_req_failed', tags, failed: Math.min(bad, total), total };
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

function definedEntries(values: Record<string, number | null | undefined>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(values)) if (typeof value === 'number') out[key] = value;
  return out;
}

function assignDefined(trend: SummaryTrend, values: Partial<Record<'min' | 'max' | 'avg' | 'med', number | null | undefined>>): void {
  for (const [key, value] of Object.entries(values) as Array<['min' | 'max' | 'avg' | 'med', number | null | undefined]>) {
    if (typeof value === 'number') trend[key] = value;
  }
}

function isoOrUndefined(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}
