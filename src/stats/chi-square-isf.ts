import { chiSquareInverse } from './internal/chi-square-inverse';

/**
 * Inverse survival function of the chi-square distribution: the x with
 * P(X > x) = q, accurate for tiny q (critical values for very small α).
 *
 * @param q - upper-tail probability in [0, 1]
 * @param df - degrees of freedom, > 0
 * @returns x with sf(x) = q
 * @example
 * chiSquareIsf(0.05, 1); // ≈ 3.841458820694124
 */
export function chiSquareIsf(q: number, df: number): number {
  return chiSquareInverse(q, df, false);
}
