import { mannWhitneyExactCdf } from './internal/mann-whitney-exact';
import { rankTwoSamples } from './internal/rank';
import { normalSf } from './normal-sf';
import type { Alternative } from './types';

export interface MannWhitneyOptions {
  /** 'auto' (default) follows scipy: exact when either sample has <= 8 values and there are no ties. */
  method?: 'auto' | 'exact' | 'asymptotic';
  /** Continuity correction of ½ in the normal approximation (default true). */
  continuity?: boolean;
  /** Default 'two-sided'; 'greater' means x tends to be larger than y. */
  alternative?: Alternative;
}

export interface MannWhitneyResult {
  /** U₁, the statistic of the first sample: R₁ − n₁(n₁ + 1)/2. */
  statistic: number;
  pValue: number;
  method: 'exact' | 'asymptotic';
}

/**
 * Mann–Whitney U (Wilcoxon rank-sum) test of two independent samples,
 * reproducing scipy.stats.mannwhitneyu (scipy 1.17).
 *
 * U₁ = R₁ − n₁(n₁ + 1)/2 from average ranks. The asymptotic p-value is the
 * normal approximation with the tie-corrected variance
 * σ² = n₁n₂/12·((N + 1) − Σ(t³ − t)/(N(N − 1))) and the continuity correction
 * z = (U − n₁n₂/2 − ½)/σ, U being U₁, U₂ or max(U₁, U₂) (two-sided, doubled).
 * The exact p-value sums the null distribution of U (no tie correction; see
 * the internal Gaussian-binomial routine). 'auto' picks exact when
 * min(n₁, n₂) <= 8 and there are no ties, which is scipy's
 * `_mwu_choose_method` rule ("if n1 > 8 and n2 > 8: asymptotic; if ties:
 * asymptotic; else exact").
 *
 * @param x - first sample (e.g. treatment)
 * @param y - second sample (e.g. control)
 * @param options - method, continuity, alternative
 * @example
 * mannWhitneyU([19, 22, 16, 29, 24], [20, 11, 17, 12]); // { statistic: 17, pValue: 0.1111…, method: 'exact' }
 */
export function mannWhitneyU(x: ArrayLike<number>, y: ArrayLike<number>, options: MannWhitneyOptions = {}): MannWhitneyResult {
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0) throw new RangeError('mannWhitneyU: both samples must be non-empty');
  for (let i = 0; i < n1; i++) if (Number.isNaN(x[i])) throw new RangeError('mannWhitneyU: NaN in x');
  for (let i = 0; i < n2; i++) if (Number.isNaN(y[i])) throw new RangeError('mannWhitneyU: NaN in y');
  const alternative = options.alternative ?? 'two-sided';
  const { rankSumX, tieTerm, hasTies } = rankTwoSamples(x, y);
  const u1 = rankSumX - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  const u = alternative === 'greater' ? u1 : alternative === 'less' ? u2 : Math.max(u1, u2);
  const factor = alternative === 'two-sided' ? 2 : 1;
  let method = options.method ?? 'auto';
  if (method === 'auto') method = (n1 > 8 && n2 > 8) || hasTies ? 'asymptotic' : 'exact';
  let p: number;
  if (method === 'exact') {
    // P(U >= k) with k = ⌊u⌋ (u is an integer unless ties were forced through
    // 'exact'; scipy truncates the same way). By symmetry of the null
    // distribution that is P(U <= n₁n₂ − k) on the short side, else
    // 1 − P(U <= k − 1).
    const k = Math.floor(u);
    const complement = n1 * n2 - k;
    p = complement <= k ? mannWhitneyExactCdf(complement, n1, n2) : 1 - mannWhitneyExactCdf(k - 1, n1, n2);
  } else {
    const n = n1 + n2;
    const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
    const numerator = u - (n1 * n2) / 2 - (options.continuity === false ? 0 : 0.5);
    p = normalSf(numerator / sigma);
  }
  return { statistic: u1, pValue: Math.min(1, Math.max(0, p * factor)), method };
}
