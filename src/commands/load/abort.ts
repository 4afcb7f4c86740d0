/**
 * `--abort-on-fail`, pure: decides, while a run is still going, whether a
 * threshold can no longer pass whatever the rest of the run does.
 *
 * k6's abortOnFail stops as soon as a threshold is failing at a check, so a
 * slow start aborts a run that would have recovered. Here a threshold stops
 * the run only when even the best possible remainder cannot save it: every
 * request still to come (the rest of the schedule plus those in flight) is
 * assumed to land where it helps most — instantly, or successfully, or
 * failing, whichever the threshold needs. Counts only grow, and max and min
 * only move outward, so those decide as soon as they are crossed.
 *
 * Because the remainder is assumed to help, the partial result of an aborted
 * run fails the same threshold when gated: stopping early never turns a pass
 * into a fail.
 */
import { createHistogram, type Histogram } from './histogram';
import type { Tags } from './model';
import { compare, formatKey, type Expression, type MetricKey } from './thresholds';

/** What one phase × endpoint × status has recorded so far. */
export interface LiveCell {
  tags: Tags;
  /** Live histogram (µs); read, never modified. */
  histogram: Histogram;
  count: number;
  /** Of count, requests whose status the endpoint does not expect. */
  failed: number;
  /** Exact extremes in ms. */
  min: number;
  max: number;
}

export interface LiveState {
  cells: readonly LiveCell[];
  /** Requests dropped so far, by phase name. */
  dropped: Readonly<Record<string, number>>;
  /** Phase names in order. */
  phases: readonly string[];
  /** Upper bound on requests still to be recorded in each phase (the schedule's rest plus those in flight). */
  remaining: Readonly<Record<string, number>>;
}

export interface LiveThreshold {
  key: MetricKey;
  expression: Expression;
}

export interface AbortDecision {
  key: string;
  expression: string;
  /** The best value the threshold can still reach. */
  bound: number;
  /** Requests seen when it was decided. */
  samples: number;
  reason: string;
}

/** Tags the runner's cells carry; a filter on any other tag (window, scenario) is never decided early. */
const CELL_TAGS = new Set(['phase', 'endpoint', 'method', 'status']);

/** The first threshold that can no longer pass, or undefined. */
export function cannotPass(thresholds: readonly LiveThreshold[], live: LiveState): AbortDecision | undefined {
  for (const threshold of thresholds) {
    const decision = decide(threshold, live);
    if (decision) return decision;
  }
  return undefined;
}

function decide({ key, expression }: LiveThreshold, live: LiveState): AbortDecision | undefined {
  const filter = Object.entries(key.tags);
  if (filter.some(([name]) => !CELL_TAGS.has(name))) return undefined;
  const phaseFilter = key.tags.phase;
  const remaining = phaseFilter === undefined ? live.phases.reduce((sum, p) => sum + (live.remaining[p] ?? 0), 0) : (live.remaining[phaseFilter] ?? 0);
  const { operator, value: limit, aggregation } = expression;
  const fails = (bound: number) => !compare(bound, operator, limit);
  const verdict = (bound: number, samples: number, why: string): AbortDecision | undefined =>
    fails(bound) ? { key: formatKey(key), expression: expression.source, bound, samples, reason: why } : undefined;
  const upward = operator === '<' || operator === '<=';
  const downward = operator === '>' || operator === '>=';

  if (key.metric === 'dropped_requests') {
    if (filter.some(([name]) => name !== 'phase') || aggregation.kind !== 'count') return undefined;
    const count = phaseFilter === undefined ? Object.values(live.dropped).reduce((a, b) => a + b, 0) : (live.dropped[phaseFilter] ?? 0);
    return countBound(count, remaining, expression, (bound, why) => verdict(bound, count, why));
  }

  const cells = live.cells.filter((cell) => filter.every(([name, value]) => cell.tags[name] === value));
  const total = cells.reduce((sum, c) => sum + c.count, 0);

  if (key.metric === 'http_reqs') {
    if (aggregation.kind !== 'count') return undefined;
    return countBound(total, remaining, expression, (bound, why) => verdict(bound, total, why));
  }
  if (key.metric === 'http_req_failed') {
    const failed = cells.reduce((sum, c) => sum + c.failed, 0);
    if (aggregation.kind === 'count') return countBound(failed, remaining, expression, (bound, why) => verdict(bound, total, why));
    if (total + remaining === 0) return undefined;
    if (upward) return verdict(failed / (total + remaining), total, `at least ${rateText(failed / (total + remaining))} even if all ${remaining} remaining requests succeed`);
    if (downward) return verdict((failed + remaining) / (total + remaining), total, `at most ${rateText((failed + remaining) / (total + remaining))} even if all ${remaining} remaining requests fail`);
    return undefined;
  }
  if (key.metric !== 'http_req_duration' || total === 0) return undefined;

  switch (aggregation.kind) {
    case 'count':
      return countBound(total, remaining, expression, (bound, why) => verdict(bound, total, why));
    case 'max': {
      const max = Math.max(...cells.map((c) => c.max));
      if (upward) return verdict(max, total, `${ms(max)} has already been recorded`);
      return remaining === 0 ? verdict(max, total, 'no requests remain') : undefined;
    }
    case 'min': {
      const min = Math.min(...cells.map((c) => c.min));
      if (downward) return verdict(min, total, `${ms(min)} has already been recorded`);
      return remaining === 0 ? verdict(min, total, 'no requests remain') : undefined;
    }
    case 'avg': {
      const sumMs = cells.reduce((sum, c) => sum + (c.histogram.mean * c.histogram.totalCount) / 1000, 0);
      if (upward) return verdict(sumMs / (total + remaining), total, `at least ${ms(sumMs / (total + remaining))} even if all ${remaining} remaining requests took no time`);
      return remaining === 0 ? verdict(sumMs / total, total, 'no requests remain') : undefined;
    }
    case 'p':
    case 'med': {
      const percentile = aggregation.kind === 'p' ? aggregation.percentile : 50;
      const bound = percentileBound(cells, total, remaining, percentile, upward);
      if (bound === undefined) return undefined;
      const how = upward ? `at least ${ms(bound)} even if all ${remaining} remaining requests took no time` : `at most ${ms(bound)} even if all ${remaining} remaining requests took forever`;
      return verdict(bound, total, remaining === 0 ? `${ms(bound)} with no requests remaining` : how);
    }
    default:
      return undefined;
  }
}

/** Counts only grow: a ceiling is decided once crossed, a floor once even every remaining request cannot reach it. */
function countBound(count: number, remaining: number, { operator, value: limit }: Expression, verdict: (bound: number, why: string) => AbortDecision | undefined): AbortDecision | undefined {
  switch (operator) {
    case '<':
    case '<=':
      return verdict(count, `${count} already counted, and counts only grow`);
    case '==':
      if (count > limit) return verdict(count, `${count} already counted, and counts only grow`);
      return count + remaining < limit ? verdict(count + remaining, `at most ${count + remaining} even if all ${remaining} remaining requests count`) : undefined;
    case '>':
    case '>=':
      return verdict(count + remaining, `at most ${count + remaining} even if all ${remaining} remaining requests count`);
    default:
      return undefined;
  }
}

/**
 * The best percentile still reachable. For a ceiling (p(95)<500) the
 * remaining R requests are taken as 0 ms: of the final T+R values the one at
 * rank k = ⌈q·(T+R)⌉ is then the (k−R)-th smallest recorded so far. For a
 * floor they are taken as unbounded, and it is the k-th. One rank of slack
 * toward the threshold absorbs HDR's own rank rounding, so the bound never
 * overstates.
 */
function percentileBound(cells: readonly LiveCell[], total: number, remaining: number, percentile: number, ceiling: boolean): number | undefined {
  const all = total + remaining;
  const rank = Math.max(1, Math.ceil((percentile / 100) * all));
  let within: number;
  if (ceiling) {
    within = rank - remaining - 1;
    if (within < 1) return undefined;
  } else {
    within = rank + 1;
    if (within > total) return undefined;
  }
  const merged = cells.length === 1 ? cells[0]!.histogram : mergeCells(cells);
  return merged.getValueAtPercentile((100 * within) / total) / 1000;
}

function mergeCells(cells: readonly LiveCell[]): Histogram {
  const merged = createHistogram('fast');
  for (const cell of cells) merged.add(cell.histogram);
  return merged;
}

function ms(value: number): string {
  return `${Number(value.toPrecision(4))} ms`;
}

function rateText(value: number): string {
  return `${Number((value * 100).toPrecision(3))}%`;
}
