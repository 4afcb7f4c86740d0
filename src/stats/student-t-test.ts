import { checkSummary } from './internal/check-summary';
import { tTestResult } from './internal/t-test-result';
import type { SampleSummary } from './types';
import type { TTestResult } from './welch-t-test';

/**
 * Student's two-sample t-test with pooled variance from summary statistics
 * (scipy.stats.ttest_ind_from_stats with equal_var=True), with the matching
 * confidence interval for the difference in means.
 *
 * s_p² = ((n₁ − 1)s₁² + (n₂ − 1)s₂²)/(n₁ + n₂ − 2), SE = s_p·√(1/n₁ + 1/n₂),
 * df = n₁ + n₂ − 2. Prefer {@link welchTTest} unless the variances are known
 * to be equal; with equal n the two statistics coincide anyway.
 *
 * @param control - n, mean, sample variance of the control arm (n >= 1, n₁ + n₂ >= 3)
 * @param treatment - the same for the treatment arm
 * @param confidence - interval level (default 0.95)
 * @example
 * studentTTest({ n: 10, mean: 5, variance: 4 }, { n: 12, mean: 7, variance: 9 });
 * // statistic ≈ 1.7979, df = 20, pValue ≈ 0.0873
 */
export function studentTTest(control: SampleSummary, treatment: SampleSummary, confidence = 0.95): TTestResult {
  checkSummary('studentTTest', 'control', control, 1);
  checkSummary('studentTTest', 'treatment', treatment, 1);
  const df = control.n + treatment.n - 2;
  if (!(df >= 1)) throw new RangeError('studentTTest: need n₁ + n₂ >= 3');
  const pooled = ((control.n - 1) * control.variance + (treatment.n - 1) * treatment.variance) / df;
  const standardError = Math.sqrt(pooled * (1 / control.n + 1 / treatment.n));
  return tTestResult(treatment.mean - control.mean, standardError, df, confidence);
}
