import { chiSquareSf } from './chi-square-sf';

export interface GoodnessOfFitResult {
  /** Pearson's Σ(O − E)²/E. */
  statistic: number;
  /** k − 1 degrees of freedom. */
  df: number;
  /** P(χ²_df > statistic). */
  pValue: number;
  /** Expected counts N·wᵢ/Σw. */
  expected: number[];
}

/**
 * Pearson's chi-square goodness-of-fit test of observed counts against
 * expected proportions (scipy.stats.chisquare with f_exp = N·w/Σw).
 *
 * This is the sample-ratio-mismatch (SRM) check of an experiment: pass the
 * users per arm and the configured traffic split, e.g. ([50_421, 49_579],
 * [1, 1]); a p-value below a strict threshold (0.001 is common) means the
 * assignment is broken and the experiment's results should not be trusted.
 *
 * The weights need not sum to 1. Each term is evaluated as
 * (Oᵢ·W − N·wᵢ)²/(W·N·wᵢ), algebraically (O − E)²/E, so the deviation is not
 * the difference of two rounded numbers.
 *
 * @param observed - counts per category (k >= 2)
 * @param weights - expected proportions per category, > 0 (default: uniform)
 * @example
 * chiSquareGoodnessOfFit([50_421, 49_579], [0.5, 0.5]).pValue; // ≈ 0.00775
 */
export function chiSquareGoodnessOfFit(observed: readonly number[], weights?: readonly number[]): GoodnessOfFitResult {
  const k = observed.length;
  if (k < 2) throw new RangeError('chiSquareGoodnessOfFit: need at least two categories');
  if (weights !== undefined && weights.length !== k) {
    throw new RangeError('chiSquareGoodnessOfFit: observed and weights must have the same length');
  }
  let total = 0;
  let weightTotal = 0;
  for (let i = 0; i < k; i++) {
    const count = observed[i]!;
    const weight = weights === undefined ? 1 : weights[i]!;
    if (!(count >= 0)) throw new RangeError('chiSquareGoodnessOfFit: counts must be non-negative numbers');
    if (!(weight > 0)) throw new RangeError('chiSquareGoodnessOfFit: weights must be positive');
    total += count;
    weightTotal += weight;
  }
  if (total === 0) throw new RangeError('chiSquareGoodnessOfFit: no observations');
  const expected: number[] = [];
  let statistic = 0;
  for (let i = 0; i < k; i++) {
    const weight = weights === undefined ? 1 : weights[i]!;
    const scaled = total * weight;
    expected.push(scaled / weightTotal);
    const deviation = observed[i]! * weightTotal - scaled;
    statistic += (deviation * deviation) / (weightTotal * scaled);
  }
  const df = k - 1;
  return { statistic, df, pValue: chiSquareSf(statistic, df), expected };
}
