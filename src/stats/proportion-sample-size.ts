import { solveSampleSize } from './internal/power-core';
import { normalIsf } from './normal-isf';
import { proportionPower } from './proportion-power';

export interface ProportionSampleSizeInput {
  /** Conversion rate of the control arm, in (0, 1). */
  baseline: number;
  /** Conversion rate to detect in the treatment arm, in (0, 1), ≠ baseline. */
  expected: number;
  /** Two-sided significance level (default 0.05). */
  alpha?: number;
  /** Target power (default 0.8). */
  power?: number;
  /** treatmentN / controlN (default 1). */
  ratio?: number;
  /** See {@link ProportionPowerInput.variance} (default 'pooled'). */
  variance?: 'pooled' | 'unpooled';
}

export interface SampleSizeResult {
  /** Required control size, rounded up. */
  controlN: number;
  /** Required treatment size, rounded up (⌈ratio·exact⌉). */
  treatmentN: number;
  /** The continuous solution for the control arm before rounding. */
  exactControlN: number;
}

/**
 * Sample size per arm for the two-sided two-proportion z-test to reach the
 * target power: the inverse of {@link proportionPower}.
 *
 * The classical closed form (Fleiss et al. 2003, eq. 4.14 without continuity
 * correction; unpooled: n₁ = (z_{1−α/2} + z_{power})²(p₁q₁ + p₂q₂/k)/Δ²;
 * pooled: n₁ = (z_{1−α/2}√(p̄q̄(1 + 1/k)) + z_{power}√(p₁q₁ + p₂q₂/k))²/Δ² with
 * p̄ = (p₁ + kp₂)/(1 + k)) ignores the far rejection region; it is used as
 * the starting point and the exact equation proportionPower(n) = power is
 * then solved by bisection, so the two functions are inverses of each other.
 *
 * @example
 * proportionSampleSize({ baseline: 0.1, expected: 0.12 }); // { controlN: 3841, treatmentN: 3841, … }
 */
export function proportionSampleSize(input: ProportionSampleSizeInput): SampleSizeResult {
  const { baseline: p1, expected: p2 } = input;
  const alpha = input.alpha ?? 0.05;
  const target = input.power ?? 0.8;
  const ratio = input.ratio ?? 1;
  const variance = input.variance ?? 'pooled';
  if (!(p1 > 0 && p1 < 1 && p2 > 0 && p2 < 1) || p1 === p2) {
    throw new RangeError('proportionSampleSize: rates must be in (0, 1) and differ');
  }
  if (!(alpha > 0 && alpha < 1)) throw new RangeError('proportionSampleSize: alpha must be in (0, 1)');
  if (!(target > alpha && target < 1)) throw new RangeError('proportionSampleSize: power must be in (alpha, 1)');
  if (!(ratio > 0)) throw new RangeError('proportionSampleSize: ratio must be positive');
  const za = normalIsf(alpha / 2);
  const zb = normalIsf(1 - target);
  const delta = p2 - p1;
  const spread = p1 * (1 - p1) + (p2 * (1 - p2)) / ratio;
  let start: number;
  if (variance === 'pooled') {
    const pooled = (p1 + ratio * p2) / (1 + ratio);
    const root = za * Math.sqrt(pooled * (1 - pooled) * (1 + 1 / ratio)) + zb * Math.sqrt(spread);
    start = (root * root) / (delta * delta);
  } else {
    start = ((za + zb) * (za + zb) * spread) / (delta * delta);
  }
  const power = (n: number): number =>
    proportionPower({ baseline: p1, expected: p2, controlN: n, treatmentN: ratio * n, alpha, variance });
  const exactControlN = solveSampleSize(power, target, Math.max(start, 1e-9));
  return { controlN: Math.ceil(exactControlN), treatmentN: Math.ceil(ratio * exactControlN), exactControlN };
}
