import erfc from '@stdlib/math-base-special-erfc';
import erfcinv from '@stdlib/math-base-special-erfcinv';

/**
 * Quantile function (inverse CDF) of the normal distribution: the x with
 * P(X <= x) = p.
 *
 * Starts from −√2·erfcinv(2q) with q = min(p, 1 − p) (1 − p is exact for
 * p >= ½), so that tiny tail probabilities keep full precision — the textbook
 * √2·erfinv(2p − 1), used by @stdlib's `normal-quantile`, rounds 2p − 1 to −1
 * for any p < 1.1e-16. One Newton step on ln Φ then removes the ~7e-14
 * relative error erfcinv leaves in the far tail (p = 1e-300 → z ≈ −37.047).
 * For upper-tail probabilities given as q = 1 − p use {@link normalIsf}, which
 * avoids forming 1 − q.
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
  const q = p < 0.5 ? p : 1 - p;
  let z = -Math.SQRT2 * erfcinv(2 * q);
  if (q > 0 && q < 0.5) {
    // Newton on ln Φ(z) = ln q: step = (ln Φ − ln q)·Φ/φ.
    const tail = 0.5 * erfc(-z * Math.SQRT1_2);
    const density = 0.3989422804014327 * Math.exp(-0.5 * z * z);
    if (tail > 0 && density > 0) z -= (Math.log(tail) - Math.log(q)) * (tail / density);
  }
  return mean + sd * (p < 0.5 ? z : -z);
}
