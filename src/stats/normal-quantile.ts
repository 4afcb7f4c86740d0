import erfcinv from '@stdlib/math-base-special-erfcinv';

/**
 * Quantile function (inverse CDF) of the normal distribution: the x with
 * P(X <= x) = p.
 *
 * Computed as −√2·erfcinv(2p) for p < ½ and √2·erfcinv(2(1 − p)) above, so
 * that tiny lower-tail probabilities (p = 1e-300 → z ≈ −37.04) keep full
 * precision; the textbook √2·erfinv(2p − 1) rounds 2p − 1 to −1 for any
 * p < 1.1e-16. For upper-tail probabilities given as q = 1 − p use
 * {@link normalIsf}, which avoids forming 1 − q.
 *
 * @param p - probability in [0, 1]
 * @param mean - location (default 0)
 * @param sd - standard deviation, > 0 (default 1)
 * @returns the p-quantile (−∞ at 0, +∞ at 1)
 * @example
 * normalQuantile(0.975); // ≈ 1.959963984540054
 */
export function normalQuantile(p: number, mean = 0, sd = 1): number {
  if (!(sd > 0) || !(p >= 0 && p <= 1)) return Number.NaN;
  // 1 − p is exact for p ≥ ½ (Sterbenz), so no precision is lost there.
  const z = p < 0.5 ? -Math.SQRT2 * erfcinv(2 * p) : Math.SQRT2 * erfcinv(2 * (1 - p));
  return mean + sd * z;
}
