import { productDifference } from './internal/exact-arithmetic';
import type { SampleSummary } from './types';

/**
 * Mean and unbiased sample variance (ddof = 1) from the sufficient statistics
 * n, Σx and Σx², as A/B pipelines usually store them.
 *
 * The variance is (n·Σx² − (Σx)²)/(n(n − 1)). The two products are formed
 * exactly (Dekker's error-free product) and subtracted once, so the result
 * carries only the rounding already present in Σx and Σx², instead of the
 * additional loss of the textbook Σx² − (Σx)²/n. Cancellation inherent in the
 * inputs cannot be undone: when |mean| ≫ sd, accumulate sums of x − c for a
 * constant c near the mean (the variance is shift-invariant) and add c back to
 * the mean. Rounding can still leave a tiny negative value, which is clamped
 * to 0. With n < 2 the variance is NaN.
 *
 * @param n - number of observations
 * @param sum - Σx
 * @param sumOfSquares - Σx²
 * @returns { n, mean, variance }
 * @example
 * meanVarianceFromSums(4, 10, 30); // { n: 4, mean: 2.5, variance: 1.6666666666666667 }
 */
export function meanVarianceFromSums(n: number, sum: number, sumOfSquares: number): SampleSummary {
  const mean = sum / n;
  if (!(n >= 2)) return { n, mean, variance: Number.NaN };
  const centred = productDifference(n, sumOfSquares, sum, sum);
  const variance = Math.max(0, centred / n / (n - 1));
  return { n, mean, variance };
}
