import { alwaysValidPValue } from './always-valid-p-value';
import { confidenceSequence } from './confidence-sequence';
import type { Interval } from './types';

export interface SequentialLook {
  /** Running minimum of the always-valid p-values so far. */
  pValue: number;
  /** Running intersection of the confidence sequence so far. */
  interval: Interval;
  /** Whether pValue <= alpha (stays true once reached). */
  significant: boolean;
  /** Number of looks taken, including this one. */
  looks: number;
}

export interface SequentialTest {
  /** Record a look at the cumulative data: the current estimate and its variance. */
  look(estimate: number, variance: number): SequentialLook;
}

/**
 * Tracks an always-valid test across looks: the running minimum of the mSPRT
 * p-values and the running intersection of the confidence sequence.
 *
 * Both operations keep the anytime guarantee, because the guarantee is about
 * the whole path: if the null is rejected at some look the running p-value
 * stays below α, exactly as "stop the first time p <= α" would. Each look
 * passes the cumulative estimate and its variance (not increments).
 *
 * @param mixingVariance - τ² > 0, fixed before the experiment starts
 * @param alpha - significance level (default 0.05)
 * @example
 * const test = sequentialTest(0.01);
 * test.look(0.05, 0.01);
 * test.look(0.2, 0.0025).pValue; // ≈ 0.00372
 */
export function sequentialTest(mixingVariance: number, alpha = 0.05): SequentialTest {
  if (!(mixingVariance > 0)) throw new RangeError('sequentialTest: mixingVariance must be positive');
  if (!(alpha > 0 && alpha < 1)) throw new RangeError('sequentialTest: alpha must be in (0, 1)');
  let pValue = 1;
  let lower = Number.NEGATIVE_INFINITY;
  let upper = Number.POSITIVE_INFINITY;
  let looks = 0;
  return {
    look(estimate: number, variance: number): SequentialLook {
      const p = alwaysValidPValue(estimate, variance, mixingVariance);
      if (Number.isNaN(p)) throw new RangeError('sequentialTest: need a finite estimate and a positive variance');
      const cs = confidenceSequence(estimate, variance, mixingVariance, alpha);
      looks += 1;
      pValue = Math.min(pValue, p);
      lower = Math.max(lower, cs.lower);
      upper = Math.min(upper, cs.upper);
      return { pValue, interval: { lower, upper }, significant: pValue <= alpha, looks };
    },
  };
}
