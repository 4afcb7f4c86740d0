import { normalIsf } from '../normal-isf';
import gammaln from '@stdlib/math-base-special-gammaln';
import { logGammaPrefix, regularizedGamma } from './gamma-kernel';
import { solveTail } from './solve-tail';

/**
 * The x with P(X <= x) = p (lower = true) or P(X > x) = p (lower = false) for
 * a chi-square variable, solving on u = ln x with whichever tail the target
 * lies in so the answer is accurate for tail probabilities down to 1e-300.
 */
export function chiSquareInverse(probability: number, df: number, lower: boolean): number {
  if (!(df > 0) || !(probability >= 0 && probability <= 1)) return Number.NaN;
  if (probability === 0) return lower ? 0 : Number.POSITIVE_INFINITY;
  if (probability === 1) return lower ? Number.POSITIVE_INFINITY : 0;
  // Work in the smaller tail: its probability is known to full relative precision.
  const useLower = lower ? probability <= 0.5 : probability > 0.5;
  const target = lower === useLower ? probability : 1 - probability;
  const a = df / 2;
  // d/du of P(a, eᵘ/2) is (x/2)ᵃe^(−x/2)/Γ(a), the gamma prefix itself.
  const tail = (u: number): number => regularizedGamma(a, Math.exp(u) / 2, !useLower);
  const slope = (u: number): number => (useLower ? 1 : -1) * Math.exp(logGammaPrefix(a, Math.exp(u) / 2));
  const z = normalIsf(target) * (useLower ? -1 : 1);
  const guesses: number[] = [];
  // Wilson–Hilferty cube-root normal approximation.
  const c = 2 / (9 * df);
  const cube = 1 - c + z * Math.sqrt(c);
  if (cube > 0) guesses.push(Math.log(df) + 3 * Math.log(cube));
  // Power-law lower tail P(a, y) ≈ yᵃ/Γ(a + 1); below the last subnormal the answer is 0.
  if (useLower) {
    const power = Math.LN2 + (Math.log(target) + gammaln(a + 1)) / a;
    if (power < -744.44) return 0;
    guesses.push(power);
  }
  // Exponential upper tail Q(a, y) ≈ y^(a−1)e^(−y)/Γ(a): one fixed-point step from y = −ln q.
  else {
    const y = Math.max(1, -Math.log(target) + (a - 1) * Math.log(Math.max(1, -Math.log(target))) - gammaln(a));
    guesses.push(Math.LN2 + Math.log(y));
  }
  return Math.exp(solveTail(tail, slope, useLower, target, guesses));
}
