/**
 * Threshold evaluation, pure: pick the series a metric key means, aggregate
 * them exactly where the data allows, and compare. A metric with no samples
 * is reported as such and judged by the noData policy, never passed silently.
 */
import { createHistogram, decodeHistogram, type Histogram } from './histogram';
import type { LoadResult, Series, SummaryTrend } from './model';
import { compare, type Expression, type MetricKey } from './thresholds';

export type NoDataPolicy = 'fail' | 'warn' | 'pass';

export interface ThresholdOutcome {
  metric: string;
  expression: string;
  /** pass, fail, or no-data (then `ok` follows the policy). */
  status: 'pass' | 'fail' | 'no-data' | 'error';
  ok: boolean;
  observed: number | null;
  /** Observations behind the value: requests for durations and rates. */
  samples: number;
  /** How the value was computed: "HDR histogram of 3 series", "Locust Aggregated row", … */
  basis: string;
  /** Why there is no value, when there is none. */
  reason?: string;
}

type Located = Series & { file: string; format: LoadResult['format']; durationSeconds?: number };

function matches(series: Series, filter: Record<string, string>): boolean {
  return Object.entries(filter).every(([k, v]) => series.tags[k] === v);
}

const tagCount = (s: Series) => Object.keys(s.tags).length;

/** Is a's tag set a strict subset of b's (a is coarser)? */
function coarser(a: Series, b: Series): boolean {
  const keys = Object.keys(a.tags);
  return keys.length < tagCount(b) && keys.every((k) => b.tags[k] === a.tags[k]);
}

/** The series a key means: an exact-level total when one exists, else the coarsest matching level. */
export function selectSeries(all: Located[], key: MetricKey): Located[] {
  const candidates = all.filter((s) => s.metric === key.metric && matches(s, key.tags));
  const exact = candidates.filter((s) => tagCount(s) === Object.keys(key.tags).length);
  if (exact.length > 0) return exact;
  const partition = candidates.filter((s) => !s.exactOnly);
  return partition.filter((s) => !partition.some((other) => other !== s && coarser(other, s)));
}

function describe(series: Located[]): string {
  const files = new Set(series.map((s) => s.file));
  return `${series.length} series${files.size > 1 ? ` from ${files.size} files` : ` (${series[0]?.format})`}`;
}

interface DurationView {
  histogram?: Histogram;
  summary?: SummaryTrend;
  /** Exact extremes when every series recorded them. */
  min?: number;
  max?: number;
  count: number;
  basis: string;
}

function durationView(series: Located[]): DurationView | string {
  const summaries = series.filter((s): s is Located & { metric: 'http_req_duration' } => s.metric === 'http_req_duration' && s.trend.kind === 'summary');
  if (summaries.length > 0) {
    if (series.length > 1) {
      return `cannot combine precomputed percentiles of ${describe(series)}; give one total, or a raw format (k6 NDJSON, JMeter JTL, Rollgate's runner) whose histograms merge exactly`;
    }
    const summary = (summaries[0]!.trend as SummaryTrend);
    return { summary, count: summary.count ?? Number.NaN, basis: `${summaries[0]!.format} precomputed statistics` };
  }
  const histogram = createHistogram('fast');
  let min: number | undefined = Number.POSITIVE_INFINITY;
  let max: number | undefined = Number.NEGATIVE_INFINITY;
  for (const s of series) {
    if (s.metric !== 'http_req_duration' || s.trend.kind !== 'histogram') continue;
    const part = decodeHistogram(s.trend.histogram);
    histogram.add(part);
    if (part.totalCount === 0) continue;
    min = s.trend.min === undefined || min === undefined ? undefined : Math.min(min, s.trend.min);
    max = s.trend.max === undefined || max === undefined ? undefined : Math.max(max, s.trend.max);
  }
  return {
    histogram,
    ...(min !== undefined && Number.isFinite(min) ? { min } : {}),
    ...(max !== undefined && Number.isFinite(max) ? { max } : {}),
    count: histogram.totalCount,
    basis: `HDR histogram of ${describe(series)}`,
  };
}

function percentileOf(view: DurationView, p: number): number | string {
  if (view.histogram) return view.histogram.getValueAtPercentile(p) / 1000;
  const s = view.summary!;
  const direct = s.percentiles[String(p)];
  if (direct !== undefined) return direct;
  if (p === 50 && s.med !== undefined) return s.med;
  if (p === 100 && s.max !== undefined) return s.max;
  if (p === 0 && s.min !== undefined) return s.min;
  const have = Object.keys(s.percentiles).map(Number).sort((a, b) => a - b);
  return `this format reports no p(${p})${have.length ? `; it has ${have.map((x) => `p(${x})`).join(', ')}` : ''}`;
}

/**
 * Decoding and adding HDR histograms costs milliseconds each; every
 * expression on the same key shares one merged view.
 */
export type ViewCache = Map<string, DurationView | string>;

export function evaluateThreshold(all: Located[], key: MetricKey, expression: Expression, noData: NoDataPolicy, cache: ViewCache = new Map()): ThresholdOutcome {
  const series = selectSeries(all, key);
  const base = { metric: key.metric, expression: expression.source };
  const none = (reason: string, basis = 'no matching series'): ThresholdOutcome => ({
    ...base,
    status: 'no-data',
    ok: noData !== 'fail',
    observed: null,
    samples: 0,
    basis,
    reason,
  });
  if (series.length === 0) return none(`no ${key.metric} data${Object.keys(key.tags).length ? ' with these tags' : ''} in the results`);

  let observed: number | string;
  let samples: number;
  let basis: string;
  const agg = expression.aggregation;
  if (key.metric === 'http_req_duration') {
    const cacheKey = JSON.stringify([key.metric, Object.entries(key.tags).sort()]);
    const view = cache.get(cacheKey) ?? durationView(series);
    cache.set(cacheKey, view);
    if (typeof view === 'string') return { ...base, status: 'error', ok: false, observed: null, samples: 0, basis: describe(series), reason: view };
    samples = view.count;
    basis = view.basis;
    if (view.histogram && view.histogram.totalCount === 0) return none('the series hold no requests', basis);
    switch (agg.kind) {
      case 'p': observed = percentileOf(view, agg.percentile); break;
      case 'med': observed = percentileOf(view, 50); break;
      case 'avg': observed = view.histogram ? view.histogram.mean / 1000 : view.summary!.avg ?? 'this format reports no average'; break;
      case 'min': observed = view.histogram ? view.min ?? view.histogram.minNonZeroValue / 1000 : view.summary!.min ?? 'this format reports no minimum'; break;
      case 'max': observed = view.histogram ? view.max ?? view.histogram.maxValue / 1000 : view.summary!.max ?? 'this format reports no maximum'; break;
      case 'count': observed = Number.isFinite(view.count) ? view.count : 'this format reports no count'; break;
      default: observed = `${agg.kind} does not apply`;
    }
  } else if (key.metric === 'http_req_failed') {
    let failed = 0;
    let total = 0;
    for (const s of series) if (s.metric === 'http_req_failed') { failed += s.failed; total += s.total; }
    samples = total;
    basis = `failed/total over ${describe(series)}`;
    if (total === 0) return none('no requests', basis);
    observed = agg.kind === 'count' ? failed : failed / total;
  } else {
    let count = 0;
    let rate = 0;
    let rateKnown = true;
    let duration = 0;
    for (const s of series) {
      if (s.metric !== 'http_reqs' && s.metric !== 'dropped_requests') continue;
      count += s.count;
      if (s.perSecond !== undefined) rate += s.perSecond;
      else rateKnown = false;
      duration = Math.max(duration, s.durationSeconds ?? 0);
    }
    samples = count;
    basis = `${key.metric} over ${describe(series)}`;
    if (agg.kind === 'count') observed = count;
    else if (rateKnown) observed = rate;
    else if (duration > 0) observed = count / duration;
    else observed = 'the results give neither a rate nor the run duration';
    // dropped_requests with zero drops is data (a good run), not a missing metric.
    if (key.metric === 'http_reqs' && count === 0) return none('no requests', basis);
  }
  if (typeof observed === 'string') return { ...base, status: 'error', ok: false, observed: null, samples, basis, reason: observed };
  const ok = compare(observed, expression.operator, expression.value);
  return { ...base, status: ok ? 'pass' : 'fail', ok, observed, samples, basis };
}

export function locate(results: LoadResult[]): Located[] {
  return results.flatMap((r) => r.series.map((s) => ({ ...s, file: r.file, format: r.format, ...(r.durationSeconds !== undefined ? { durationSeconds: r.durationSeconds } : {}) })));
}
