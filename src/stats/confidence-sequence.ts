import type { Interval } from './types';

export interface ConfidenceSequenceResult extends Interval {
  halfWidth: number;
}

/**
 * Normal-mixture confidence sequence for an effect θ, the interval
 * counterpart of {@link alwaysValidPValue}: the set of θ₀ that the mSPRT
 * does not reject at level α (Howard, Ramdas, McAuliffe & Sekhon 2021,
 * "Time-uniform, nonparametric, nonasymptotic confidence sequences", eq. 14,
 * in the form used by Eppo and Optimizely).
 *
 * Solving √(V/(V + τ²))·exp((θ̂ − θ₀)²τ²/(2V(V + τ²))) < 1/α for θ₀ gives
 * θ̂ ± √( V(V + τ²)/τ² · (ln((V + τ²)/V) + 2 ln(1/α)) ).
 * With probability >= 1 − α the sequence of intervals covers θ at every look
 * simultaneously, so it is wider than the fixed-horizon interval
 * θ̂ ± z_{1−α/2}√V; intersecting the intervals over looks (see
 * {@link sequentialTest}) keeps the guarantee.
 *
 * @param estimate - θ̂
 * @param variance - V = Var(θ̂) at this look
 * @param mixingVariance - τ² > 0, the same value used for the p-value
 * @param alpha - 1 − coverage (default 0.05)
 * @example
 * confidenceSequence(0.2, 0.0025, 0.01).halfWidth; // ≈ 0.1541 (fixed-horizon: 1.96·0.05 = 0.098)
 */
export function confidenceSequence(estimate: number, variance: number, mixingVariance: number, alpha = 0.05): ConfidenceSequenceResult {
  if (!(variance > 0) || !(mixingVariance > 0) || !(alpha > 0 && alpha < 1)) {
    return { lower: Number.NaN, upper: Number.NaN, halfWidth: Number.NaN };
  }
  const total = variance + mixingVariance;
  const halfWidth = Math.sqrt(((variance * total) / mixingVariance) * (Math.log1p(mixingVariance / variance) - 2 * Math.log(alpha)));
  return { lower: estimate - halfWidth, upper: estimate + halfWidth, halfWidth };
}
