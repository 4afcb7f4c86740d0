/**
 * Probability density function of the normal distribution.
 *
 * @param x - point at which to evaluate
 * @param mean - location (default 0)
 * @param sd - standard deviation, > 0 (default 1)
 * @returns the density at x
 * @example
 * normalPdf(0); // ≈ 0.3989422804014327
 */
export function normalPdf(x: number, mean = 0, sd = 1): number {
  if (!(sd > 0)) return Number.NaN;
  const z = (x - mean) / sd;
  // 1/√(2π); exp(−z²/2) underflows to 0 past |z| ≈ 38.6, as it should.
  return (0.3989422804014327 * Math.exp(-0.5 * z * z)) / sd;
}
