import betainc from '@stdlib/math-base-special-betainc';

/**
 * Survival function of the Beta(a, b) distribution, P(X > x) = 1 − I_x(a, b),
 * evaluated as the upper regularized incomplete beta function (I_{1−x}(b, a)
 * in effect) rather than by subtraction, so it keeps full relative precision
 * when tiny.
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
  return betainc(x, a, b, true, true);
}
