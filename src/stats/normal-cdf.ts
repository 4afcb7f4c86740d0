import erfc from '@stdlib/math-base-special-erfc';

/**
 * Cumulative distribution function of the normal distribution, P(X <= x).
 *
 * Evaluated as ½·erfc(−z/√2) with z = (x − mean)/sd, the form used by Cephes'
 * `ndtr` (and so by scipy.stats.norm.cdf): erfc keeps full relative accuracy in
 * the lower tail, down to the last subnormal near z = −38.5, where
 * ½·(1 + erf(z/√2)) would already have cancelled to 0 at z ≈ −8.3.
 *
 * @param x - point at which to evaluate
 * @param mean - location (default 0)
 * @param sd - standard deviation, > 0 (default 1)
 * @returns P(X <= x)
 * @example
 * normalCdf(1.959963984540054); // ≈ 0.975
 * normalCdf(-38); // ≈ 2.885e-316
 */
export function normalCdf(x: number, mean = 0, sd = 1): number {
  if (!(sd > 0)) return Number.NaN;
  const z = (x - mean) / sd;
  return 0.5 * erfc(-z * Math.SQRT1_2);
}
