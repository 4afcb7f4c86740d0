import { studentTUpper } from './internal/student-t-inverse';

/**
 * Quantile function (inverse CDF) of Student's t distribution: the t with
 * P(T <= t) = p.
 *
 * By symmetry this solves P(T > |t|) = min(p, 1 − p) for |t|, by Newton steps
 * on the log tail probability in ln|t| (started from the Cornish–Fisher
 * expansion or the power-law tail), against the incomplete-beta CDF. This
 * stays accurate where @stdlib's `t-quantile` fails: it returns ±∞/NaN for
 * p = 1e-300 at small df and 0 for p = 0.4999 at df = 1e9.
 *
 * @param p - probability in [0, 1]
 * @param df - degrees of freedom, > 0 (∞ gives the normal quantile)
 * @returns the p-quantile
 * @example
 * studentTQuantile(0.975, 10); // ≈ 2.228138851986274
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(df > 0) || !(p >= 0 && p <= 1)) return Number.NaN;
  // 1 − p is exact for p ≥ ½.
  return p < 0.5 ? -studentTUpper(p, df) : studentTUpper(1 - p, df);
}
