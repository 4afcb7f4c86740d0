import { kolmogorovSf } from './internal/kolmogorov-finite';

/**
 * Survival function P(Dₙ > d) of the two-sided one-sample
 * Kolmogorov–Smirnov statistic for sample size n (scipy.stats.kstwo.sf).
 *
 * Follows Simard & L'Ecuyer (2011), "Computing the Two-Sided
 * Kolmogorov–Smirnov Distribution", J. Stat. Softw. 39(11), with scipy's
 * branch points so the two agree: Ruben–Gambino closed forms for n·d <= 1 and
 * n·d >= n − 1; 2·P(D⁺ₙ >= d) by the exact Smirnov sum for d >= ½ or
 * n·d² beyond 4 (n <= 140) or 2.2 (n > 140); otherwise the Durbin matrix
 * (Marsaglia–Tsang–Wang), Pomeranz's recursion, or the Pelz–Good expansion.
 * ksTwoSample uses it with n = round(n₁n₂/(n₁ + n₂)) for large samples.
 *
 * @param d - the statistic, in [0, 1]
 * @param n - sample size, a positive integer
 * @returns P(Dₙ > d)
 * @example
 * kolmogorovSmirnovSf(0.3, 20); // ≈ 0.0431
 */
export function kolmogorovSmirnovSf(d: number, n: number): number {
  return kolmogorovSf(n, d);
}
