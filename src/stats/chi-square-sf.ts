import { regularizedGamma } from './internal/gamma-kernel';

/**
 * Survival function of the chi-square distribution: P(X > x) = Q(df/2, x/2),
 * the regularized upper incomplete gamma function, evaluated directly (not as
 * 1 − cdf) so that p-values in the far tail keep full relative precision
 * (e.g. sf(1300, 1) ≈ 1.13e-284).
 *
 * @param x - the statistic
 * @param df - degrees of freedom, > 0
 * @returns P(X > x)
 * @example
 * chiSquareSf(3.841458820694124, 1); // ≈ 0.05
 */
export function chiSquareSf(x: number, df: number): number {
  if (!(df > 0) || Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 1;
  return regularizedGamma(df / 2, x / 2, true);
}
