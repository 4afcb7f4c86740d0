import erfc from '@stdlib/math-base-special-erfc';

/**
 * Survival function of the normal distribution, P(X > x) = 1 − cdf(x).
 *
 * Uses the symmetry sf(x) = cdf(−x), i.e. ½·erfc(z/√2), instead of
 * subtracting from 1, so the upper tail is as accurate as the lower one
 * (sf(38) ≈ 2.9e-316, where 1 − cdf(38) is exactly 0).
 *
 * @param x - point at which to evaluate
 * @param mean - location (default 0)
 * @param sd - standard deviation, > 0 (default 1)
 * @returns P(X > x)
 * @example
 * normalSf(1.959963984540054); // ≈ 0.025
 */
export function normalSf(x: number, mean = 0, sd = 1): number {
  if (!(sd > 0)) return Number.NaN;
  const z = (x - mean) / sd;
  return 0.5 * erfc(z * Math.SQRT1_2);
}
