import { twoSidedPower } from './internal/power-core';
import { normalIsf } from './normal-isf';

export interface ProportionPowerInput {
  /** Conversion rate of the control arm, in (0, 1). */
  baseline: number;
  /** Conversion rate to detect in the treatment arm, in (0, 1). */
  expected: number;
  controlN: number;
  treatmentN: number;
  /** Two-sided significance level (default 0.05). */
  alpha?: number;
  /**
   * 'pooled' (default) matches {@link twoProportionZTest}: the critical value
   * uses the pooled null variance p̄(1 − p̄)(1/n₁ + 1/n₂) and the alternative
   * the unpooled one. 'unpooled' uses p₁q₁/n₁ + p₂q₂/n₂ for both.
   */
  variance?: 'pooled' | 'unpooled';
}

/**
 * Power of the two-sided two-proportion z-test for given group sizes.
 *
 * With Δ = p₂ − p₁, σ₁ = √(p₁q₁/n₁ + p₂q₂/n₂) and σ₀ the null standard error
 * (pooled: √(p̄q̄(1/n₁ + 1/n₂)), p̄ = (n₁p₁ + n₂p₂)/(n₁ + n₂); unpooled: σ₁),
 * power = Φ((|Δ| − z_{1−α/2}σ₀)/σ₁) + Φ((−|Δ| − z_{1−α/2}σ₀)/σ₁) (Fleiss,
 * Levin & Paik 2003, §4.2, without continuity correction; both tails
 * counted, as statsmodels' NormalIndPower does).
 *
 * @example
 * proportionPower({ baseline: 0.1, expected: 0.12, controlN: 3841, treatmentN: 3841 }); // ≈ 0.80
 */
export function proportionPower(input: ProportionPowerInput): number {
  const { baseline: p1, expected: p2, controlN: n1, treatmentN: n2 } = input;
  const alpha = input.alpha ?? 0.05;
  if (!(p1 > 0 && p1 < 1 && p2 > 0 && p2 < 1)) throw new RangeError('proportionPower: rates must be in (0, 1)');
  if (!(n1 > 0 && n2 > 0)) throw new RangeError('proportionPower: group sizes must be positive');
  if (!(alpha > 0 && alpha < 1)) throw new RangeError('proportionPower: alpha must be in (0, 1)');
  const alternativeSe = Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  let nullSe = alternativeSe;
  if ((input.variance ?? 'pooled') === 'pooled') {
    const pooled = (n1 * p1 + n2 * p2) / (n1 + n2);
    nullSe = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  }
  return twoSidedPower(p2 - p1, nullSe, alternativeSe, normalIsf(alpha / 2));
}
