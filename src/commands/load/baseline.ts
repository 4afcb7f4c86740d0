/**
 * Baseline regression, pure: is the candidate run worse than a previous one
 * by more than noise? Latency compares per-window p95s (10 s windows) with a
 * Mann-Whitney U test and a seeded bootstrap interval of the shift; error and
 * 429 rates use the two-proportion z-test. A regression needs significance
 * *and* a shift above both floors, so shared-runner jitter does not fail gates.
 */
import { bootstrapCi } from '../../stats/bootstrap-ci';
import { mannWhitneyU } from '../../stats/mann-whitney-u';
import { twoProportionZTest } from '../../stats/two-proportion-z-test';
import { decodeHistogram, type Histogram } from './histogram';
import type { LoadResult } from './model';

export interface BaselineSettings {
  alpha: number;
  /** A latency shift smaller than this share of the baseline is never a regression. */
  relativeFloor: number;
  /** Nor one smaller than this many milliseconds. */
  absoluteFloorMs: number;
  /** Nor an error or 429 rate that rose by less than this (absolute, 0.001 = 0.1 point). */
  rateFloor: number;
  seed: number;
}

export interface BaselineComparison {
  metric: string;
  baseline: number | null;
  candidate: number | null;
  delta: number | null;
  /** Interval of the delta, at 1 − alpha. */
  ci: [number, number] | null;
  pValue: number | null;
  verdict: 'regression' | 'improvement' | 'no change' | 'not comparable';
  /** How it was decided, in plain words with the numbers. */
  reason: string;
}

export interface BaselineResult {
  file: string;
  regression: boolean;
  comparisons: BaselineComparison[];
}

/** p95 per 10 s window, in window order; windows are the runner's {window} series (or Artillery's). */
export function windowP95s(result: LoadResult): number[] {
  const windows = new Map<string, Histogram>();
  for (const s of result.series) {
    if (s.metric !== 'http_req_duration' || s.trend.kind !== 'histogram' || s.tags.window === undefined) continue;
    const h = decodeHistogram(s.trend.histogram);
    const into = windows.get(s.tags.window);
    if (into) into.add(h);
    else windows.set(s.tags.window, h);
  }
  return [...windows.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .filter(([, h]) => h.totalCount > 0)
    .map(([, h]) => h.getValueAtPercentile(95) / 1000);
}

const median = (xs: ArrayLike<number>) => {
  const sorted = Array.from(xs).sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

function rates(result: LoadResult, status?: '429'): { hits: number; total: number } {
  let hits = 0;
  let total = 0;
  for (const s of result.series) {
    if (s.exactOnly) continue;
    if (status === undefined && s.metric === 'http_req_failed') {
      hits += s.failed;
      total += s.total;
    } else if (status !== undefined && s.metric === 'http_reqs' && s.tags.status !== undefined) {
      total += s.count;
      if (s.tags.status === status) hits += s.count;
    }
  }
  return { hits, total };
}

const ms = (x: number) => `${Number(x.toPrecision(4))} ms`;
const pct = (x: number) => `${(x * 100).toPrecision(3)}%`;

function compareLatency(base: number[], cand: number[], settings: BaselineSettings): BaselineComparison {
  const metric = 'http_req_duration p(95) per 10 s window';
  if (base.length < 3 || cand.length < 3) {
    return { metric, baseline: base.length ? median(base) : null, candidate: cand.length ? median(cand) : null, delta: null, ci: null, pValue: null, verdict: 'not comparable', reason: `needs at least 3 windows of 10 s in each run (baseline ${base.length}, candidate ${cand.length}); run longer, or with rollgate load run, which records windows` };
  }
  const b = median(base);
  const c = median(cand);
  const test = mannWhitneyU(cand, base, { alternative: 'two-sided' });
  const ci = bootstrapCi([cand, base], ([x, y]) => median(x!) - median(y!), { confidence: 1 - settings.alpha, seed: settings.seed });
  const delta = c - b;
  const floor = Math.max(settings.relativeFloor * b, settings.absoluteFloorMs);
  const significant = test.pValue < settings.alpha;
  let verdict: BaselineComparison['verdict'] = 'no change';
  if (significant && delta > floor) verdict = 'regression';
  else if (significant && -delta > floor) verdict = 'improvement';
  const reason = `median window p95 ${ms(b)} → ${ms(c)} (${delta >= 0 ? '+' : ''}${ms(delta)}, ${delta >= 0 ? '+' : ''}${((delta / b) * 100).toFixed(1)}%), Mann-Whitney p = ${test.pValue.toPrecision(2)} over ${base.length} and ${cand.length} windows; ${verdict === 'regression' || verdict === 'improvement' ? `significant and beyond the ${ms(floor)} floor` : significant ? `significant but within the ${ms(floor)} floor` : `not significant at ${settings.alpha}`}`;
  return { metric, baseline: b, candidate: c, delta, ci: [ci.lower, ci.upper], pValue: test.pValue, verdict, reason };
}

function compareRate(metric: string, base: { hits: number; total: number }, cand: { hits: number; total: number }, settings: BaselineSettings): BaselineComparison {
  if (base.total === 0 || cand.total === 0) {
    return { metric, baseline: null, candidate: null, delta: null, ci: null, pValue: null, verdict: 'not comparable', reason: `no ${metric === 'error rate' ? 'request outcomes' : 'statuses'} in ${base.total === 0 ? 'the baseline' : 'the candidate'}` };
  }
  const z = twoProportionZTest({ successes: base.hits, trials: base.total }, { successes: cand.hits, trials: cand.total }, 1 - settings.alpha);
  const delta = z.difference;
  const significant = z.pValue < settings.alpha;
  let verdict: BaselineComparison['verdict'] = 'no change';
  if (significant && delta > settings.rateFloor) verdict = 'regression';
  else if (significant && -delta > settings.rateFloor) verdict = 'improvement';
  return {
    metric,
    baseline: z.controlRate,
    candidate: z.treatmentRate,
    delta,
    ci: [z.confidenceInterval.lower, z.confidenceInterval.upper],
    pValue: z.pValue,
    verdict,
    reason: `${pct(z.controlRate)} → ${pct(z.treatmentRate)} (${base.hits}/${base.total} vs ${cand.hits}/${cand.total}), two-proportion p = ${z.pValue.toPrecision(2)}`,
  };
}

export function compareToBaseline(baseline: LoadResult, candidate: LoadResult, settings: BaselineSettings): BaselineResult {
  const comparisons = [
    compareLatency(windowP95s(baseline), windowP95s(candidate), settings),
    compareRate('error rate', rates(baseline), rates(candidate), settings),
    compareRate('429 rate', rates(baseline, '429'), rates(candidate, '429'), settings),
  ];
  return { file: baseline.file, regression: comparisons.some((c) => c.verdict === 'regression'), comparisons };
}
