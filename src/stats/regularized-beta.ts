import { betaTail } from './internal/beta-tails';

/**
 * Regularized incomplete beta function I_x(a, b), the CDF of Beta(a, b).
 *
 * Built on @stdlib's `betainc` (a port of Boost's `ibeta`: continued
 * fraction, series and the Didonato–Morris asymptotic expansions); near 1 it is
 * formed as 1 minus the directly computed upper tail (see the internal
 * `betaTail`).
 *
 * @param x - argument in [0, 1]
 * @param a - first shape, > 0
 * @param b - second shape, > 0
 * @returns I_x(a, b)
 * @example
 * regularizedBeta(0.5, 2, 3); // 0.6875
 */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (!(a > 0 && b > 0) || !(x >= 0 && x <= 1)) return Number.NaN;
  return betaTail(x, a, b, false);
}
