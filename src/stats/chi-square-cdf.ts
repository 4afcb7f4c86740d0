import { regularizedGamma } from './internal/gamma-kernel';

/**
 * Cumulative distribution function of the chi-square distribution with `df`
 * degrees of freedom: P(X <= x) = P(df/2, x/2), the regularized lower
 * incomplete gamma function.
 *
 * @param x - point at which to evaluate
 * @param df - degrees of freedom, > 0 (need not be an integer)
 * @returns P(X <= x)
 * @example
 * chiSquareCdf(3.841458820694124, 1); // ≈ 0.95
 */
export function chiSquareCdf(x: number, df: number): number {
  if (!(df > 0) || Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 0;
  return regularizedGamma(df / 2, x / 2, false);
}
