import { checkPValues } from './internal/check-p-values';

/**
 * Bonferroni-adjusted p-values, min(1, m·pᵢ), in input order
 * (statsmodels multipletests method='bonferroni'). Controls the family-wise
 * error rate under any dependence; reject Hᵢ when the adjusted value <= α.
 *
 * @param pValues - raw p-values in [0, 1]
 * @returns adjusted p-values, same order and length
 * @example
 * bonferroni([0.01, 0.04, 0.03]); // [0.03, 0.12, 0.09]
 */
export function bonferroni(pValues: readonly number[]): number[] {
  checkPValues('bonferroni', pValues);
  const m = pValues.length;
  return pValues.map((p) => Math.min(1, p * m));
}
