import { checkSummary } from './internal/check-summary';
import { tTestResult } from './internal/t-test-result';
import type { Interval, SampleSummary } from './types';

export interface TTestResult {
  /** t statistic for treatment − control. */
  statistic: number;
  /** Degrees of freedom (fractional for Welch). */
  df: number;
  /** Two-sided p-value, 2·P(T > |t|). */
  pValue: number;
  /** treatment.mean − control.mean. */
  difference: number;
  standardError: number;
  /** Interval for the difference at the requested confidence. */
  confidenceInterval: Interval;
}

/**
 * Welch's unequal-variances t-test from summary statistics (scipy.stats.
 * ttest_ind_from_stats with equal_var=False), with the matching confidence
 * interval for the difference in means.
 *
 * SE² = s₁²/n₁ + s₂²/n₂ and the Welch–Satterthwaite degrees of freedom
 * ν = SE⁴/((s₁²/n₁)²/(n₁ − 1) + (s₂²/n₂)²/(n₂ − 1)). The interval is
 * Δ ± t_{ν, 1−α/2}·SE. Both variances 0 gives an undefined statistic (NaN).
 *
 * @param control - n, mean, sample variance of the control arm (n >= 2)
 * @param treatment - the same for the treatment arm
 * @param confidence - interval level (default 0.95)
 * @example
 * welchTTest({ n: 10, mean: 5, variance: 4 }, { n: 12, mean: 7, variance: 9 });
 * // statistic ≈ 1.8650, df ≈ 19.19, pValue ≈ 0.0775
 */
export function welchTTest(control: SampleSummary, treatment: SampleSummary, confidence = 0.95): TTestResult {
  checkSummary('welchTTest', 'control', control);
  checkSummary('welchTTest', 'treatment', treatment);
  const a = control.variance / control.n;
  const b = treatment.variance / treatment.n;
  const se2 = a + b;
  const standardError = Math.sqrt(se2);
  const df = (se2 * se2) / ((a * a) / (control.n - 1) + (b * b) / (treatment.n - 1));
  return tTestResult(treatment.mean - control.mean, standardError, df, confidence);
}
