import { normalCdf } from './normal-cdf';
import { studentTLowerTail } from './internal/student-t-tail';

/**
 * Cumulative distribution function of Student's t distribution with `df`
 * degrees of freedom, P(T <= t).
 *
 * Evaluated from the regularized incomplete beta function (@stdlib's
 * `betainc`, a port of Boost's `ibeta`) in whichever form does not cancel:
 * ½ − I_{t²/(df+t²)}(½, df/2)/2 near the centre and I_{df/(df+t²)}(df/2, ½)/2
 * in the tails. Matches mpmath to ~1e-13 for df from 0.5 to 1e9 and |t| up
 * to 1e200. (@stdlib's own `t-cdf` uses the upper incomplete beta near t = 0,
 * whose value near 1 carries ~1e-13 absolute error — 4e-10 relative in the
 * quantile at p = 0.4999, df = 1 — and overflows t² past 1.3e154.) An infinite
 * `df` is the standard normal.
 *
 * @param t - point at which to evaluate
 * @param df - degrees of freedom, > 0 (may be fractional, e.g. Welch)
 * @returns P(T <= t)
 * @example
 * studentTCdf(2.228138851986274, 10); // ≈ 0.975
 */
export function studentTCdf(t: number, df: number): number {
  if (!(df > 0) || Number.isNaN(t)) return Number.NaN;
  if (df === Number.POSITIVE_INFINITY) return normalCdf(t);
  const tail = studentTLowerTail(t, df);
  // For t > 0 the CDF is ≥ ½, so 1 − tail loses nothing relative to its size.
  return t <= 0 ? tail : 1 - tail;
}
