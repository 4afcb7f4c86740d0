import { regularizedGamma } from './internal/gamma-kernel';

/**
 * Regularized upper incomplete gamma function Q(a, x) = Γ(a, x)/Γ(a) = 1 − P(a, x).
 *
 * Computed directly from the continued fraction when Q is the small tail, so
 * deep upper tails keep full relative precision (Q(5000, 7500) ≈ 5.9e-208);
 * see {@link regularizedGammaP} for the method.
 *
 * @param a - shape, > 0
 * @param x - argument, >= 0
 * @returns Q(a, x) in [0, 1]
 * @example
 * regularizedGammaQ(1, 1); // e⁻¹ ≈ 0.36787944117144233
 */
export function regularizedGammaQ(a: number, x: number): number {
  return regularizedGamma(a, x, true);
}
