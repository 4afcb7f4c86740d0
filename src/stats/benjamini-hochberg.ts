import { ascendingOrder, checkPValues } from './internal/check-p-values';

/**
 * Benjamini–Hochberg adjusted p-values ("q-values" of the step-up
 * procedure; Benjamini & Hochberg 1995), in input order — statsmodels
 * multipletests method='fdr_bh' and scipy.stats.false_discovery_control.
 *
 * With p₍₁₎ <= … <= p₍ₘ₎, the adjusted value of the k-th smallest is
 * min(1, min_{j>=k} m·p₍ⱼ₎/j): a running minimum from the largest down, so
 * the adjustments are monotone. Rejecting adjusted values <= q controls the
 * false discovery rate at q for independent or positively dependent tests.
 *
 * @param pValues - raw p-values in [0, 1]
 * @returns adjusted p-values, same order and length
 * @example
 * benjaminiHochberg([0.01, 0.04, 0.03]); // [0.03, 0.04, 0.04]
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  checkPValues('benjaminiHochberg', pValues);
  const m = pValues.length;
  const order = ascendingOrder(pValues);
  const adjusted = new Array<number>(m);
  let runningMin = 1;
  for (let k = m - 1; k >= 0; k--) {
    const index = order[k]!;
    runningMin = Math.min(runningMin, (m * pValues[index]!) / (k + 1));
    // m·p/m can round one ulp below p; an adjustment never lowers a p-value.
    adjusted[index] = Math.max(runningMin, pValues[index]!);
  }
  return adjusted;
}
