import betainc from '@stdlib/math-base-special-betainc';

/**
 * I_x(a, b) (upper = false) or 1 − I_x(a, b) (upper = true), with full
 * relative precision.
 *
 * The smaller of the two is computed directly and the other as 1 minus it.
 * This matters because @stdlib's `betainc` is accurate for the lower
 * function everywhere and for the upper one when it is small, but its upper
 * value near 1 carries absolute errors up to ~1e-9 (I_x(½, ½) upper at
 * x = 1e-15 returns 0.99999997879 instead of 0.99999997988); scipy's
 * beta.cdf (Boost) shows the same error at x = 1 − 1e-15.
 */
export function betaTail(x: number, a: number, b: number, upper: boolean): number {
  const lower = betainc(x, a, b, true, false);
  if (lower <= 0.5) return upper ? 1 - lower : lower;
  const complement = betainc(x, a, b, true, true);
  return upper ? complement : 1 - complement;
}
