/**
 * The open-model arrival schedule, pure: when each request is due and which
 * endpoint it goes to. It depends only on the plan and the seed, never on how
 * the target responds — a slow server does not slow the arrivals down.
 *
 * A phase with rate r over d seconds sends ⌊r·d⌋ requests at k/r (k = 0, 1, …).
 * A linear ramp from a to b sends ⌊(a+b)/2·d⌋ requests, the k-th at the exact
 * inverse of the cumulative arrival function: a·t + (b−a)·t²/(2d) = k.
 */
import { seededRandom } from '../../../stats/seeded-random';

export interface ScheduledPhase {
  duration: number;
  rate: { readonly from: number; readonly to: number };
}

export interface SchedulePlan {
  readonly phases: readonly ScheduledPhase[];
  readonly endpoints: readonly { readonly weight: number }[];
}

/** Requests a phase sends: ⌊rate integral⌋, robust to float noise such as 0.29·100. */
export function phaseArrivals(phase: ScheduledPhase): number {
  const exact = ((phase.rate.from + phase.rate.to) / 2) * phase.duration;
  return Math.max(0, Math.floor(exact + 1e-9 * Math.max(1, exact)));
}

/** Seconds from the phase start at which its k-th request (from 0) is due. */
export function arrivalTime(phase: ScheduledPhase, k: number): number {
  if (k <= 0) return 0;
  const a = phase.rate.from;
  const slope = (phase.rate.to - a) / phase.duration;
  // t = (−a + √(a² + 2sk)) / s, written so that it also holds for s = 0 and stays exact near it.
  const root = Math.sqrt(Math.max(0, a * a + 2 * slope * k));
  const t = (2 * k) / (a + root);
  return Number.isFinite(t) ? Math.min(t, phase.duration) : phase.duration;
}

/** Target rate (requests per second) `t` seconds into a phase. */
export function rateAt(phase: ScheduledPhase, t: number): number {
  const f = Math.min(1, Math.max(0, t / phase.duration));
  return phase.rate.from + (phase.rate.to - phase.rate.from) * f;
}

/** Cumulative weights normalized to 1 (the last exactly 1), for pickWeighted. */
export function cumulativeWeights(weights: readonly number[]): Float64Array {
  const total = weights.reduce((sum, w) => sum + w, 0);
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => {
    sum += w;
    out[i] = sum / total;
  });
  if (out.length > 0) out[out.length - 1] = 1;
  return out;
}

/** The index i with cumulative[i−1] <= u < cumulative[i], for u in [0, 1). */
export function pickWeighted(cumulative: Float64Array, u: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (u < cumulative[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Walks the schedule in order without materializing it (a long plan is
 * millions of requests): call next() until it returns false, reading phase,
 * at and endpoint after each call. No allocation per arrival.
 */
export class ArrivalCursor {
  /** Phase of the current arrival. */
  phase = 0;
  /** Index of the current arrival within its phase. */
  k = -1;
  /** Seconds from the start of the run at which the current arrival is due. */
  at = 0;
  /** Endpoint the current arrival goes to. */
  endpoint = 0;
  /** Arrivals returned so far. */
  index = -1;
  readonly counts: readonly number[];
  /** Seconds from the start of the run at which each phase begins. */
  readonly starts: Float64Array;
  readonly total: number;
  private readonly random: () => number;
  private readonly cumulative: Float64Array;
  /**
   * The phases' numbers, copied into objects of one shape. A plan's phase
   * objects take other shapes depending on where they came from (parsed
   * YAML, `rate: N` or `{from, to}`, the warm-up's own plan); code that V8
   * optimised on one shape is thrown away when it meets another, and next()
   * runs for every request.
   */
  private readonly phases: readonly ScheduledPhase[];

  constructor(plan: SchedulePlan, seed = 1) {
    this.phases = plan.phases.map((p) => ({ duration: p.duration, rate: { from: p.rate.from, to: p.rate.to } }));
    this.counts = plan.phases.map(phaseArrivals);
    this.starts = new Float64Array(plan.phases.length);
    let offset = 0;
    plan.phases.forEach((p, i) => {
      this.starts[i] = offset;
      offset += p.duration;
    });
    this.total = this.counts.reduce((sum, n) => sum + n, 0);
    this.random = seededRandom(seed);
    this.cumulative = cumulativeWeights(plan.endpoints.map((e) => e.weight));
  }

  /** Advances to the next arrival; false when the schedule is over. */
  next(): boolean {
    this.k++;
    while (this.phase < this.counts.length && this.k >= this.counts[this.phase]!) {
      this.phase++;
      this.k = 0;
    }
    if (this.phase >= this.counts.length) return false;
    this.index++;
    this.at = this.starts[this.phase]! + arrivalTime(this.phases[this.phase]!, this.k);
    this.endpoint = this.cumulative.length === 1 ? 0 : pickWeighted(this.cumulative, this.random());
    return true;
  }
}

export interface Arrival {
  phase: number;
  at: number;
  endpoint: number;
}

/** The whole schedule as an array: for tests and small plans; the runner uses ArrivalCursor. */
export function buildSchedule(plan: SchedulePlan, seed = 1): Arrival[] {
  const cursor = new ArrivalCursor(plan, seed);
  const out: Arrival[] = [];
  while (cursor.next()) out.push({ phase: cursor.phase, at: cursor.at, endpoint: cursor.endpoint });
  return out;
}
