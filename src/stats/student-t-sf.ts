import { normalSf } from './normal-sf';
import { studentTLowerTail } from './internal/student-t-tail';

/**
 * Survival function of Student's t distribution, P(T > t).
 *
 * Uses the symmetry sf(t) = cdf(−t), with the lower tail computed from the
 * incomplete beta function directly, so upper-tail p-values keep full
 * relative precision (no 1 − cdf cancellation): sf(37, 1e9) ≈ 5.7e-300.
 *
 * @param t - point at which to evaluate
 * @param df - degrees of freedom, > 0
 * @returns P(T > t)
 * @example
 * studentTSf(2.228138851986274, 10); // ≈ 0.025
 */
export function studentTSf(t: number, df: number): number {
  if (!(df > 0) || Number.isNaN(t)) return Number.NaN;
  if (df === Number.POSITIVE_INFINITY) return normalSf(t);
  const tail = studentTLowerTail(t, df);
  return t >= 0 ? tail : 1 - tail;
}
