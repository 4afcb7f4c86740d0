import { betaTail } from './internal/beta-tails';

/**
 * Survival function of the Beta(a, b) distribution, P(X > x) = 1 − I_x(a, b).
 *
 * When it is the smaller tail it is evaluated directly as the upper
 * regularized incomplete beta function, not by subtraction, so it keeps full
 * relative precision when tiny (see the internal `betaTail`).
 *
 * @param x - point at which to evaluate
 * @param a - first shape, > 0
 * @param b - second shape, > 0
 * @returns P(X > x)
 * @example
 * betaSf(0.5, 2, 3); // 0.3125
 */
export function betaSf(x: number, a: number, b: number): number {
  if (!(a > 0 && b > 0) || Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 1;
  if (x >= 1) return 0;
  return betaTail(x, a, b, true);
}
