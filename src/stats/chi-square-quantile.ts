import { chiSquareInverse } from './internal/chi-square-inverse';

/**
 * Quantile function (inverse CDF) of the chi-square distribution: the x with
 * P(X <= x) = p.
 *
 * Newton iteration on ln P (or ln Q above the median) in ln x, started from
 * the Wilson–Hilferty approximation or the power-law tail, and kept inside a
 * shrinking bracket; converges to the last bit of the CDF's own accuracy.
 * (@stdlib's gammaincinv was off by 1e-4 relative at df = 1e4, so it is not used.)
 *
 * @param p - probability in [0, 1]
 * @param df - degrees of freedom, > 0
 * @returns the p-quantile
 * @example
 * chiSquareQuantile(0.95, 1); // ≈ 3.841458820694124
 */
export function chiSquareQuantile(p: number, df: number): number {
  return chiSquareInverse(p, df, true);
}
