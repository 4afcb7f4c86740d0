/**
 * P(U <= k) for the Mann–Whitney U statistic of samples of sizes m and n
 * under H0 with no ties.
 *
 * The counts of U are the coefficients of the Gaussian binomial
 * [m + n choose m]_q = Π_{i=1..m} (1 − q^{n+i})/(1 − q^i). Only the
 * coefficients 0..k are needed, and each factor costs one pass: dividing by
 * (1 − q^i) is a running sum with stride i, multiplying by (1 − q^{n+i}) a
 * shifted subtraction. Scaling each step by i/(n + i) keeps the coefficients
 * as probabilities (the total goes from C(n+i−1, i−1) to C(n+i, i)), so
 * nothing overflows. O(min(m, n)·k) time and O(k) memory; with k <= mn/2.
 */
export function mannWhitneyExactCdf(k: number, m: number, n: number): number {
  if (k < 0) return 0;
  if (k >= m * n) return 1;
  const small = Math.min(m, n);
  const large = Math.max(m, n);
  const coefficients = new Float64Array(k + 1);
  coefficients[0] = 1;
  for (let i = 1; i <= small; i++) {
    for (let u = i; u <= k; u++) coefficients[u]! += coefficients[u - i]!;
    const shift = large + i;
    for (let u = k; u >= shift; u--) coefficients[u]! -= coefficients[u - shift]!;
    const scale = i / (large + i);
    for (let u = 0; u <= k; u++) coefficients[u]! *= scale;
  }
  let cdf = 0;
  for (let u = 0; u <= k; u++) cdf += coefficients[u]!;
  return Math.min(1, cdf);
}
