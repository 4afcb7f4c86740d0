import { normalCdf } from '../normal-cdf';

/**
 * Two-sided power of a z-test whose statistic is N(δ/σ₁, (σ₁/σ₁)²) under H1
 * while the critical value is built from the null standard error σ₀:
 * P(reject) = Φ((|δ| − z·σ₀)/σ₁) + Φ((−|δ| − z·σ₀)/σ₁), z = z_{1−α/2}.
 * Both rejection regions are counted; the second is negligible unless the
 * effect is tiny.
 */
export function twoSidedPower(delta: number, nullSe: number, alternativeSe: number, zCritical: number): number {
  const d = Math.abs(delta);
  return normalCdf((d - zCritical * nullSe) / alternativeSe) + normalCdf((-d - zCritical * nullSe) / alternativeSe);
}

/**
 * Solves power(n) = target for the continuous sample size n of the first
 * group, given a closed-form starting point. Power increases with n, so the
 * root is bracketed by doubling and found by bisection on ln n to full
 * precision (about 60 halvings).
 */
export function solveSampleSize(power: (n: number) => number, target: number, start: number): number {
  let lo = Math.max(start / 2, Number.MIN_VALUE);
  let hi = Math.max(start * 2, 2 * Number.MIN_VALUE);
  for (let i = 0; i < 2000 && power(lo) > target; i++) lo /= 2;
  for (let i = 0; i < 2000 && power(hi) < target; i++) hi *= 2;
  for (let i = 0; i < 200; i++) {
    const mid = Math.sqrt(lo * hi);
    if (!(mid > lo && mid < hi)) break;
    if (power(mid) < target) lo = mid;
    else hi = mid;
  }
  return hi;
}
