import { productDifference } from './internal/exact-arithmetic';
import type { SampleSummary } from './types';

/** Sufficient statistics of one arm: metric y and pre-experiment covariate x per unit. */
export interface CupedArmSums {
  n: number;
  sumY: number;
  sumYY: number;
  sumX: number;
  sumXX: number;
  sumXY: number;
}

export interface CupedArmResult extends SampleSummary {
  /** Mean and variance of y before adjustment. */
  unadjustedMean: number;
  unadjustedVariance: number;
}

export interface CupedResult {
  /** θ = pooled within-arm cov(y, x)/var(x). */
  theta: number;
  /** Adjusted summaries in input order, ready for {@link welchTTest}. */
  arms: CupedArmResult[];
  /** 1 − Σ adjusted variance/Σ unadjusted variance, pooled over arms (≈ ρ²). */
  varianceReduction: number;
}

/**
 * CUPED variance reduction (Deng, Xu, Kohavi & Walker 2013, "Improving the
 * Sensitivity of Online Controlled Experiments by Utilizing Pre-Experiment
 * Data") from per-arm sufficient statistics.
 *
 * Each unit's metric becomes y − θ(x − x̄), with x̄ the covariate mean over all
 * arms (so adjusted means stay on the metric's scale and differences between
 * arms are unbiased: x is independent of assignment). θ is the pooled
 * within-arm regression slope Σₐ S_xy,a / Σₐ S_xx,a with the centred moments
 * S_xy,a = Σxy − Σx·Σy/n of each arm — the ANCOVA estimate, which unlike the
 * slope of the pooled data is not moved by a treatment effect on y. Per arm,
 * mean = ȳ − θ(x̄ₐ − x̄) and variance = s_y² − 2θ·s_xy + θ²·s_x² (ddof = 1).
 * Centred moments use exact products (see {@link meanVarianceFromSums}).
 *
 * @param arms - one entry per arm, each n >= 2
 * @example
 * cuped([controlSums, treatmentSums]).arms; // [{ n, mean, variance, … }, …]
 */
export function cuped(arms: readonly CupedArmSums[]): CupedResult {
  if (arms.length === 0) throw new RangeError('cuped: need at least one arm');
  let sxyTotal = 0;
  let sxxTotal = 0;
  let nTotal = 0;
  let sumXTotal = 0;
  for (const arm of arms) {
    if (!(arm.n >= 2)) throw new RangeError('cuped: every arm needs n >= 2');
    sxyTotal += productDifference(arm.n, arm.sumXY, arm.sumX, arm.sumY) / arm.n;
    sxxTotal += productDifference(arm.n, arm.sumXX, arm.sumX, arm.sumX) / arm.n;
    nTotal += arm.n;
    sumXTotal += arm.sumX;
  }
  // A constant covariate carries no information: no adjustment.
  const theta = sxxTotal > 0 ? sxyTotal / sxxTotal : 0;
  const grandMeanX = sumXTotal / nTotal;
  let adjustedTotal = 0;
  let unadjustedTotal = 0;
  const results = arms.map((arm) => {
    const scale = arm.n * (arm.n - 1);
    const varianceY = Math.max(0, productDifference(arm.n, arm.sumYY, arm.sumY, arm.sumY) / scale);
    const varianceX = Math.max(0, productDifference(arm.n, arm.sumXX, arm.sumX, arm.sumX) / scale);
    const covariance = productDifference(arm.n, arm.sumXY, arm.sumX, arm.sumY) / scale;
    const meanY = arm.sumY / arm.n;
    const meanX = arm.sumX / arm.n;
    const variance = Math.max(0, varianceY - 2 * theta * covariance + theta * theta * varianceX);
    adjustedTotal += variance;
    unadjustedTotal += varianceY;
    return {
      n: arm.n,
      mean: meanY - theta * (meanX - grandMeanX),
      variance,
      unadjustedMean: meanY,
      unadjustedVariance: varianceY,
    };
  });
  return { theta, arms: results, varianceReduction: unadjustedTotal > 0 ? 1 - adjustedTotal / unadjustedTotal : 0 };
}
