import { ascendingOrder, checkPValues } from './internal/check-p-values';

/**
 * Holm's step-down adjusted p-values (Holm 1979; statsmodels multipletests
 * method='holm'), in input order.
 *
 * With p₍₁₎ <= … <= p₍ₘ₎, the adjusted value of the k-th smallest is
 * min(1, max_{j<=k} (m − j + 1)·p₍ⱼ₎): the running maximum makes the
 * adjustments monotone in the raw p-values. Controls the family-wise error
 * rate under any dependence and is uniformly more powerful than Bonferroni.
 *
 * @param pValues - raw p-values in [0, 1]
 * @returns adjusted p-values, same order and length
 * @example
 * holm([0.01, 0.04, 0.03]); // [0.03, 0.06, 0.06]
 */
export function holm(pValues: readonly number[]): number[] {
  checkPValues('holm', pValues);
  const m = pValues.length;
  const order = ascendingOrder(pValues);
  const adjusted = new Array<number>(m);
  let runningMax = 0;
  for (let k = 0; k < m; k++) {
    const index = order[k]!;
    runningMax = Math.max(runningMax, Math.min(1, (m - k) * pValues[index]!));
    adjusted[index] = runningMax;
  }
  return adjusted;
}
