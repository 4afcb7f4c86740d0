import { betaInverse } from './internal/beta-inverse';

/**
 * Quantile function (inverse CDF) of the Beta(a, b) distribution: the x with
 * I_x(a, b) = p.
 *
 * Safeguarded Newton on ln I in ln x for p <= ½, and on the mirrored problem
 * I_{1−x}(b, a) = 1 − p above, so tiny tail probabilities (1e-300) are
 * inverted to full precision; @stdlib's `betaincinv` and scipy (Boost) both
 * fail there (scipy returns 4.1e-51 for p = 1e-300, a = 2, b = 5; the answer is
 * 2.58e-151).
 *
 * @param p - probability in [0, 1]
 * @param a - first shape, > 0
 * @param b - second shape, > 0
 * @returns the p-quantile
 * @example
 * betaQuantile(0.6875, 2, 3); // ≈ 0.5
 */
export function betaQuantile(p: number, a: number, b: number): number {
  return betaInverse(p, a, b, true);
}
