import { normalQuantile } from './normal-quantile';

/**
 * Inverse survival function of the normal distribution: the x with
 * P(X > x) = q. Accurate for tiny q (q = 1e-300 → x ≈ 37.04), which is what
 * critical values such as z_{1−α/2} need.
 *
 * @param q - upper-tail probability in [0, 1]
 * @param mean - location (default 0)
 * @param sd - standard deviation, > 0 (default 1)
 * @returns x with sf(x) = q
 * @example
 * normalIsf(0.025); // ≈ 1.959963984540054
 */
export function normalIsf(q: number, mean = 0, sd = 1): number {
  if (!(sd > 0)) return Number.NaN;
  // The normal law is symmetric: isf(q) = −quantile(q) about the mean.
  return mean - sd * normalQuantile(q);
}
