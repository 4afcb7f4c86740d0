import { betaTail } from './internal/beta-tails';

/**
 * Cumulative distribution function of the Beta(a, b) distribution,
 * P(X <= x) = I_x(a, b).
 *
 * When the CDF is above ½ it is formed as 1 − sf with the small upper tail
 * computed directly (see the internal `betaTail`), which avoids a ~1e-9
 * error of @stdlib's and Boost's `ibeta` near x = 1 (scipy.stats.beta.cdf
 * returns 0.99999997879 at x = 1 − 1e-15 for a = b = ½; the answer is
 * 0.99999997988).
 *
 * @param x - point at which to evaluate (values outside [0, 1] clamp to 0 or 1)
 * @param a - first shape, > 0
 * @param b - second shape, > 0
 * @returns P(X <= x)
 * @example
 * betaCdf(0.5, 2, 3); // 0.6875
 */
export function betaCdf(x: number, a: number, b: number): number {
  if (!(a > 0 && b > 0) || Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  return betaTail(x, a, b, false);
}
