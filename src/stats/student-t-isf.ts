import { studentTUpper } from './internal/student-t-inverse';

/**
 * Inverse survival function of Student's t distribution: the t with
 * P(T > t) = q; for two-sided critical values use studentTIsf(α/2, df).
 *
 * @param q - upper-tail probability in [0, 1]
 * @param df - degrees of freedom, > 0
 * @returns t with sf(t) = q
 * @example
 * studentTIsf(0.025, 10); // ≈ 2.228138851986274
 */
export function studentTIsf(q: number, df: number): number {
  if (!(df > 0) || !(q >= 0 && q <= 1)) return Number.NaN;
  return q <= 0.5 ? studentTUpper(q, df) : -studentTUpper(1 - q, df);
}
