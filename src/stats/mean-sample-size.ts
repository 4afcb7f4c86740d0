import { solveSampleSize } from './internal/power-core';
import { meanPower } from './mean-power';
import { normalIsf } from './normal-isf';
import type { SampleSizeResult } from './proportion-sample-size';

export interface MeanSampleSizeInput {
  /** Difference in means to detect (treatment − control), ≠ 0. */
  difference: number;
  controlSd: number;
  /** Default: controlSd. */
  treatmentSd?: number;
  /** Two-sided significance level (default 0.05). */
  alpha?: number;
  /** Target power (default 0.8). */
  power?: number;
  /** treatmentN / controlN (default 1). */
  ratio?: number;
}

/**
 * Sample size per arm for the two-sided two-sample z-test on means to reach
 * the target power: the inverse of {@link meanPower}. Starts from
 * n₁ = (z_{1−α/2} + z_{power})²(σ₁² + σ₂²/k)/Δ² and solves the two-tailed power
 * equation exactly.
 *
 * @example
 * meanSampleSize({ difference: 0.5, controlSd: 2 }); // { controlN: 252, treatmentN: 252, … }
 */
export function meanSampleSize(input: MeanSampleSizeInput): SampleSizeResult {
  const { difference, controlSd } = input;
  const treatmentSd = input.treatmentSd ?? controlSd;
  const alpha = input.alpha ?? 0.05;
  const target = input.power ?? 0.8;
  const ratio = input.ratio ?? 1;
  if (!(difference !== 0 && Number.isFinite(difference))) throw new RangeError('meanSampleSize: difference must be finite and non-zero');
  if (!(controlSd > 0 && treatmentSd > 0)) throw new RangeError('meanSampleSize: standard deviations must be positive');
  if (!(alpha > 0 && alpha < 1)) throw new RangeError('meanSampleSize: alpha must be in (0, 1)');
  if (!(target > alpha && target < 1)) throw new RangeError('meanSampleSize: power must be in (alpha, 1)');
  if (!(ratio > 0)) throw new RangeError('meanSampleSize: ratio must be positive');
  const z = normalIsf(alpha / 2) + normalIsf(1 - target);
  const start = (z * z * (controlSd * controlSd + (treatmentSd * treatmentSd) / ratio)) / (difference * difference);
  const power = (n: number): number =>
    meanPower({ difference, controlSd, treatmentSd, controlN: n, treatmentN: ratio * n, alpha });
  const exactControlN = solveSampleSize(power, target, Math.max(start, 1e-9));
  return { controlN: Math.ceil(exactControlN), treatmentN: Math.ceil(ratio * exactControlN), exactControlN };
}
