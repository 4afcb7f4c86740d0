import { twoSidedPower } from './internal/power-core';
import { normalIsf } from './normal-isf';

export interface MeanPowerInput {
  /** True difference in means to detect (treatment − control). */
  difference: number;
  /** Standard deviation of the control arm's observations. */
  controlSd: number;
  /** Standard deviation of the treatment arm (default: controlSd). */
  treatmentSd?: number;
  controlN: number;
  treatmentN: number;
  /** Two-sided significance level (default 0.05). */
  alpha?: number;
}

/**
 * Power of the two-sided two-sample z-test for a difference in means (the
 * large-sample approximation to Welch's t-test that A/B platforms use):
 * with SE = √(σ₁²/n₁ + σ₂²/n₂),
 * power = Φ(|Δ|/SE − z_{1−α/2}) + Φ(−|Δ|/SE − z_{1−α/2}).
 * (The t-based power, via the noncentral t distribution, differs by
 * O(1/n) and is not provided.)
 *
 * @example
 * meanPower({ difference: 0.5, controlSd: 2, controlN: 252, treatmentN: 252 }); // ≈ 0.80
 */
export function meanPower(input: MeanPowerInput): number {
  const { difference, controlSd, controlN: n1, treatmentN: n2 } = input;
  const treatmentSd = input.treatmentSd ?? controlSd;
  const alpha = input.alpha ?? 0.05;
  if (!(controlSd > 0 && treatmentSd > 0)) throw new RangeError('meanPower: standard deviations must be positive');
  if (!(n1 > 0 && n2 > 0)) throw new RangeError('meanPower: group sizes must be positive');
  if (!(alpha > 0 && alpha < 1)) throw new RangeError('meanPower: alpha must be in (0, 1)');
  const se = Math.sqrt((controlSd * controlSd) / n1 + (treatmentSd * treatmentSd) / n2);
  return twoSidedPower(difference, se, se, normalIsf(alpha / 2));
}
