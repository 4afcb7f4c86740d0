/**
 * What the k6 parsers share: k6's submetric names (`http_req_duration{name:/api/x}`),
 * k6 tag names → the model's, k6 trend statistics → SummaryTrend, forwarding a
 * per-metric schema's issues into the file-level validation, and the notes.
 *
 * k6 names the four metrics the model has `http_req_duration` (a trend, in
 * milliseconds in every JSON k6 writes, whatever --summary-time-unit says),
 * `http_req_failed` (a rate: its "true" values are the failed requests),
 * `http_reqs` (a counter) and `dropped_iterations` (a counter, which the model
 * calls dropped_requests: for arrival-rate executors one iteration is what
 * would have sent the requests).
 */
import { z } from 'zod';
import type { MetricName, Series, SummaryTrend, Tags } from '../../model';

export const K6_METRICS = ['http_req_duration', 'http_req_failed', 'http_reqs', 'dropped_iterations'] as const;
export type K6MetricName = (typeof K6_METRICS)[number];

/** The three k6 writes for every HTTP request; their absence is worth a note, dropped_iterations' is not. */
export const K6_HTTP_METRICS = ['http_req_duration', 'http_req_failed', 'http_reqs'] as const;

export function isK6Metric(name: string): name is K6MetricName {
  return (K6_METRICS as readonly string[]).includes(name);
}

export function modelMetric(name: K6MetricName): MetricName {
  return name === 'dropped_iterations' ? 'dropped_requests' : name;
}

/** The order tags are written in, so equal tag sets print (and compare) the same way. */
const TAG_ORDER = ['endpoint', 'method', 'status', 'scenario', 'phase'];

export function sortedTags(tags: Record<string, string>): Tags {
  const keys = Object.keys(tags).sort((a, b) => {
    const ia = TAG_ORDER.indexOf(a);
    const ib = TAG_ORDER.indexOf(b);
    if (ia !== ib) return (ia < 0 ? TAG_ORDER.length : ia) - (ib < 0 ? TAG_ORDER.length : ib);
    return a < b ? -1 : a > b ? 1 : 0;
  });
  const out: Record<string, string> = {};
  for (const key of keys) out[key] = tags[key]!;
  return out;
}

/**
 * k6 tags → the model's: `name` is the endpoint (k6 sets it to the URL unless
 * the script names the request); `url` stands in for it only when there is no
 * `name`. Every other tag (method, status, scenario, expected_response, ...)
 * keeps its k6 name.
 */
export function modelTags(k6Tags: Readonly<Record<string, string>>): Tags {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(k6Tags)) {
    if (key === 'name') out['endpoint'] = value;
    else if (key === 'url' && !('name' in k6Tags)) out['endpoint'] = value;
    else out[key] = value;
  }
  return sortedTags(out);
}

export interface MetricKey {
  /** The metric's own name, without the submetric's tag filter. */
  metric: string;
  /** The submetric's tag filter in k6's own tag names; empty for the whole-run metric. */
  k6Tags: Record<string, string>;
}

/**
 * Splits a summary key the way k6 builds submetrics (metrics.Metric.AddSubmetric):
 * the text between the braces is split on ",", each part on its first ":",
 * and both sides are trimmed of spaces and then of quotes, so
 * `http_req_duration{ name: "/api/x" , method:GET}` filters on name=/api/x and
 * method=GET. Undefined when the braces are not k6's submetric syntax.
 */
export function parseMetricKey(key: string): MetricKey | undefined {
  const open = key.indexOf('{');
  const close = key.lastIndexOf('}');
  if (open < 0 && close < 0) return { metric: key, k6Tags: {} };
  if (open < 0 || close !== key.length - 1 || close < open) return undefined;
  const k6Tags: Record<string, string> = {};
  for (const part of key.slice(open + 1, close).split(',')) {
    if (part.trim() === '') continue;
    const colon = part.indexOf(':');
    const name = trimQuotes(colon < 0 ? part : part.slice(0, colon));
    k6Tags[name] = colon < 0 ? '' : trimQuotes(part.slice(colon + 1));
  }
  return { metric: key.slice(0, open), k6Tags };
}

function trimQuotes(text: string): string {
  return text.trim().replace(/^["']+|["']+$/g, '');
}

const PERCENTILE_KEY = /^p\((\d+(?:\.\d+)?)\)$/;

/** `p(99.9)` → "99.9", `p(95)` → "95"; undefined for anything else. */
export function percentileOf(key: string): string | undefined {
  const match = PERCENTILE_KEY.exec(key);
  if (!match) return undefined;
  const n = Number(match[1]);
  return n >= 0 && n <= 100 ? String(n) : undefined;
}

/** True when the values hold at least one statistic a trend has. */
export function hasTrendStatistic(values: Readonly<Record<string, unknown>>): boolean {
  return Object.keys(values).some((key) => ['avg', 'min', 'med', 'max'].includes(key) || percentileOf(key) !== undefined);
}

/** k6's precomputed trend statistics (milliseconds) → SummaryTrend; keys the model has no place for are left out. */
export function summaryTrend(values: Readonly<Record<string, unknown>>): SummaryTrend {
  const trend: SummaryTrend = { kind: 'summary', percentiles: {} };
  const percentiles: Record<string, number> = {};
  for (const [key, value] of Object.entries(values)) {
    if (typeof value !== 'number' || !Number.isFinite(value)) continue;
    if (key === 'count' || key === 'min' || key === 'max' || key === 'avg' || key === 'med') trend[key] = value;
    else {
      const p = percentileOf(key);
      if (p !== undefined) percentiles[p] = value;
    }
  }
  const ordered: Record<string, number> = {};
  for (const key of Object.keys(percentiles).sort((a, b) => Number(a) - Number(b))) ordered[key] = percentiles[key]!;
  trend.percentiles = ordered;
  return trend;
}

/**
 * Collects series, keeping the first of any two with the same metric and tags
 * (two submetric spellings of one filter, e.g. `{name:/a}` and `{ name: "/a" }`)
 * and saying so once.
 */
export class SeriesCollector {
  readonly series: Series[] = [];
  private readonly seen = new Map<string, string>();
  private readonly duplicates: string[] = [];

  add(series: Series, source: string): void {
    const key = `${series.metric}\u0000${JSON.stringify(series.tags)}`;
    const first = this.seen.get(key);
    if (first !== undefined) {
      this.duplicates.push(`${JSON.stringify(source)} repeats ${JSON.stringify(first)}`);
      return;
    }
    this.seen.set(key, source);
    // A submetric is a filter someone wrote in a threshold, not a partition of the traffic.
    this.series.push(Object.keys(series.tags).length > 0 ? { ...series, exactOnly: true } : series);
  }

  notes(): string[] {
    if (this.duplicates.length === 0) return [];
    return [`${this.duplicates.length} metric${this.duplicates.length > 1 ? 's' : ''} with the same tag filter as an earlier one, left out: ${listed(this.duplicates)}`];
  }
}

/**
 * http_req_failed's counts. In k6 a rate's "passes" are its true values, which
 * for http_req_failed are the FAILED requests, and rate = passes / (passes +
 * fails). Files written by hand or by other tools sometimes count the other
 * way (the machine-readable schema's own draft example has
 * `{"rate": 0.02, "passes": 1470, "fails": 30}`), so when the file also gives
 * the rate, it decides: counts that only fit the other way round are read that
 * way and said so.
 */
export function failedRequests(passes: number, fails: number, rate: number | null | undefined, source: string, notes: string[]): { failed: number; total: number } {
  const total = passes + fails;
  if (typeof rate !== 'number' || total === 0) return { failed: passes, total };
  // Loose enough for a rate rounded to two decimals; k6's own is exact.
  const tolerance = 0.005;
  if (Math.abs(passes / total - rate) <= tolerance) return { failed: passes, total };
  if (Math.abs(fails / total - rate) <= tolerance) {
    notes.push(`${source}: rate ${rate} is fails / total, so "passes" (${passes}) count the successful requests here, the other way round from k6; read ${fails} failed of ${total}`);
    return { failed: fails, total };
  }
  notes.push(`${source}: rate ${rate} is neither passes / total nor fails / total (${passes} passes, ${fails} fails); read passes as the failed requests, as k6 counts them`);
  return { failed: passes, total };
}

/** A threshold k6 evaluated itself; `ok` is true when it passed. */
export interface K6Threshold {
  metric: string;
  expression: string;
  ok: boolean;
}

/**
 * k6's own threshold verdicts are not the gate's (rollgate gates on its own
 * rules), but a failed one is worth saying.
 */
export function thresholdNote(thresholds: readonly K6Threshold[]): string | undefined {
  if (thresholds.length === 0) return undefined;
  const failed = thresholds.filter((t) => !t.ok);
  if (failed.length === 0) return `k6's own thresholds: all ${thresholds.length} passed`;
  const shown = failed.map((t) => `${t.metric} ${JSON.stringify(t.expression)}`);
  return `k6's own thresholds: ${failed.length} of ${thresholds.length} failed: ${listed(shown)}`;
}

/** Says which of the HTTP metrics the file lacks; `others` (the metric names it has) are listed only when it has none of them. */
export function missingHttpNote(present: ReadonlySet<string>, others: readonly string[], what: string): string | undefined {
  const missing = K6_HTTP_METRICS.filter((name) => !present.has(name));
  if (missing.length === 0) return undefined;
  const names = missing.length === 1 ? missing[0]! : `${missing.slice(0, -1).join(', ')} or ${missing[missing.length - 1]!}`;
  const has = missing.length === K6_HTTP_METRICS.length && others.length > 0 ? ` (it has ${listed(others)})` : '';
  return `no ${names} ${what} in the file${has}`;
}

/** At most `max` items, then "and N more". */
export function listed(items: readonly string[], max = 5): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}

/**
 * For a `superRefine` on a record or array of metrics: checks one entry against
 * the schema for its metric and re-raises the issues under the entry's path,
 * so validateJson names the full JSON path and its line.
 */
export function forwardIssues(schema: z.ZodType, value: unknown, path: ReadonlyArray<string | number>, ctx: z.RefinementCtx): void {
  const result = schema.safeParse(value);
  if (result.success) return;
  for (const issue of result.error.issues) ctx.addIssue({ ...issue, path: [...path, ...issue.path] } as Parameters<typeof ctx.addIssue>[0]);
}

// ---------------------------------------------------------------------------
// Metric value schemas shared by the handleSummary and machine-readable shapes

const statValues = z.record(z.string(), z.number().nullable());

export const trendMetric = z.object({
  type: z.literal('trend'),
  values: statValues.superRefine((values, ctx) => {
    if (!hasTrendStatistic(values)) {
      ctx.addIssue({ code: 'custom', message: `expected trend statistics (avg, min, med, max or p(N)), found ${Object.keys(values).length === 0 ? 'none' : `only ${Object.keys(values).map((k) => JSON.stringify(k)).join(', ')}`}` });
    }
  }),
});

export const counterMetric = z.object({
  type: z.literal('counter'),
  values: z.object({
    count: z.number().nonnegative(),
    rate: z.number().nonnegative().nullable().optional(),
  }),
});

/** The notes every k6 summary shape ends with, in one order. */
export function summaryNotes(parts: {
  present: ReadonlySet<string>;
  names: readonly string[];
  countNotes: readonly string[];
  collector: SeriesCollector;
  unreadable: readonly string[];
  thresholds?: readonly K6Threshold[];
}): string[] {
  const notes: string[] = [];
  const missing = missingHttpNote(parts.present, parts.names, 'metrics');
  if (missing) notes.push(missing);
  notes.push(...parts.countNotes, ...parts.collector.notes());
  if (parts.unreadable.length > 0) notes.push(`metric names that are not k6 submetric syntax, left out: ${listed(parts.unreadable)}`);
  const verdicts = parts.thresholds ? thresholdNote(parts.thresholds) : undefined;
  if (verdicts) notes.push(verdicts);
  return notes;
}

/**
 * What a k6 summary says about one metric key, read only for the metrics
 * Rollgate uses. The three summary formats differ in layout, not in meaning.
 */
export interface SummaryEntry {
  key: string;
  trend(): SummaryTrend;
  failures(countNotes: string[]): { failed: number; total: number };
  counter(): { count: number; rate?: number | null | undefined };
}

/**
 * The series and notes of a k6 summary's metrics: one pass shared by
 * handleSummary(), --summary-export and the machine-readable summary.
 * `thresholds`, when the format has verdicts, joins the notes.
 */
export function collectSummaryMetrics(entries: readonly SummaryEntry[], thresholds?: readonly K6Threshold[]): { series: Series[]; notes: string[] } {
  const collector = new SeriesCollector();
  const present = new Set<string>();
  const unreadable: string[] = [];
  const countNotes: string[] = [];
  for (const entry of entries) {
    const key = entry.key;
    const name = parseMetricKey(key);
    if (!name) {
      if (K6_METRICS.some((metric) => key.startsWith(`${metric}{`))) unreadable.push(JSON.stringify(key));
      continue;
    }
    if (!isK6Metric(name.metric)) continue;
    present.add(name.metric);
    const tags = modelTags(name.k6Tags);
    switch (name.metric) {
      case 'http_req_duration':
        collector.add({ metric: 'http_req_duration', tags, trend: entry.trend() }, key);
        break;
      case 'http_req_failed':
        collector.add({ metric: 'http_req_failed', tags, ...entry.failures(countNotes) }, key);
        break;
      case 'http_reqs':
      case 'dropped_iterations': {
        const { count, rate } = entry.counter();
        collector.add({ metric: modelMetric(name.metric) as 'http_reqs' | 'dropped_requests', tags, count, ...(typeof rate === 'number' ? { perSecond: rate } : {}) }, key);
        break;
      }
    }
  }
  const notes = summaryNotes({ present, names: entries.map((e) => e.key), countNotes, collector, unreadable, ...(thresholds ? { thresholds } : {}) });
  return { series: collector.series, notes };
}
