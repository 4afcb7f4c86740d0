import { betaInverse } from './internal/beta-inverse';

/**
 * Inverse survival function of the Beta(a, b) distribution: the x with
 * P(X > x) = q.
 *
 * @param q - upper-tail probability in [0, 1]
 * @param a - first shape, > 0
 * @param b - second shape, > 0
 * @returns x with sf(x) = q
 * @example
 * betaIsf(0.3125, 2, 3); // ≈ 0.5
 */
export function betaIsf(q: number, a: number, b: number): number {
  return betaInverse(q, a, b, false);
}
