import { productDifference } from './internal/exact-arithmetic';
import { normalIsf } from './normal-isf';
import { normalSf } from './normal-sf';
import type { Interval, ProportionSample } from './types';

export interface TwoProportionZTestResult {
  /** z statistic for treatment − control, with the pooled standard error. */
  statistic: number;
  /** Two-sided p-value, 2·P(Z > |z|). */
  pValue: number;
  controlRate: number;
  treatmentRate: number;
  /** treatmentRate − controlRate. */
  difference: number;
  /** Pooled standard error under H0: √(p̂(1 − p̂)(1/n₁ + 1/n₂)). */
  standardError: number;
  /** Wald interval for the difference, with the unpooled standard error. */
  confidenceInterval: Interval;
}

/**
 * Two-sided two-proportion z-test with the pooled variance under H0: p₁ = p₂.
 *
 * z = (p̂₂ − p̂₁)/√(p̂(1 − p̂)(1/n₁ + 1/n₂)), p̂ = (x₁ + x₂)/(n₁ + n₂). Written over
 * the integers as z = (x₂n₁ − x₁n₂)·√N/√(n₁n₂·s·(N − s)), s = x₁ + x₂, whose
 * numerator is exact (for counts below ~9e7) instead of a difference of two
 * rounded rates, which matters when the rates nearly agree at n in the
 * millions.
 *
 * z² equals Pearson's chi-square statistic of the 2×2 table
 * [[x₁, n₁ − x₁], [x₂, n₂ − x₂]] without Yates' correction, and the two
 * p-values coincide (χ²₁ is the square of a standard normal); see
 * {@link chiSquareIndependence}.
 *
 * If no trial or every trial succeeded in both arms the data say nothing
 * about a difference: statistic 0 and p-value 1.
 *
 * @param control - successes and trials of the control arm
 * @param treatment - successes and trials of the treatment arm
 * @param confidence - level of the Wald interval (default 0.95)
 * @example
 * twoProportionZTest({ successes: 200, trials: 1000 }, { successes: 250, trials: 1000 });
 * // statistic ≈ 2.6774, pValue ≈ 0.00742
 */
export function twoProportionZTest(
  control: ProportionSample,
  treatment: ProportionSample,
  confidence = 0.95,
): TwoProportionZTestResult {
  const { successes: x1, trials: n1 } = control;
  const { successes: x2, trials: n2 } = treatment;
  if (!(n1 > 0 && n2 > 0 && x1 >= 0 && x2 >= 0 && x1 <= n1 && x2 <= n2)) {
    throw new RangeError('twoProportionZTest: need 0 <= successes <= trials and trials > 0 in both arms');
  }
  const controlRate = x1 / n1;
  const treatmentRate = x2 / n2;
  const difference = treatmentRate - controlRate;
  const total = n1 + n2;
  const pooledSuccesses = x1 + x2;
  const pooledFailures = total - pooledSuccesses;
  const standardError = Math.sqrt((pooledSuccesses * pooledFailures) / (total * n1 * n2));
  let statistic = 0;
  if (pooledSuccesses > 0 && pooledFailures > 0) {
    const numerator = productDifference(x2, n1, x1, n2);
    statistic = (numerator * Math.sqrt(total)) / Math.sqrt(n1 * n2 * pooledSuccesses * pooledFailures);
  }
  const pValue = Math.min(1, 2 * normalSf(Math.abs(statistic)));
  const unpooled = Math.sqrt((controlRate * (1 - controlRate)) / n1 + (treatmentRate * (1 - treatmentRate)) / n2);
  const z = normalIsf((1 - confidence) / 2);
  return {
    statistic,
    pValue,
    controlRate,
    treatmentRate,
    difference,
    standardError,
    confidenceInterval: { lower: difference - z * unpooled, upper: difference + z * unpooled },
  };
}
