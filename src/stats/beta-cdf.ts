import betainc from '@stdlib/math-base-special-betainc';

/**
 * Cumulative distribution function of the Beta(a, b) distribution,
 * P(X <= x) = I_x(a, b).
 *
 * @param x - point at which to evaluate (values outside [0, 1] clamp to 0 or 1)
 * @param a - first shape, > 0
 * @param b - second shape, > 0
 * @returns P(X <= x)
 * @example
 * betaCdf(0.5, 2, 3); // 0.6875
 */
export function betaCdf(x: number, a: number, b: number): number {
  if (!(a > 0 && b > 0) || Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  return betainc(x, a, b, true, false);
}
