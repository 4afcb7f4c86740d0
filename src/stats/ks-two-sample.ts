import { kolmogorovSf } from './internal/kolmogorov-finite';
import { gcd, ksTwoSampleExactPValue } from './internal/ks-two-sample-exact';

export interface KsTwoSampleOptions {
  /** 'auto' (default) follows scipy: exact when both samples have <= 10 000 values. */
  method?: 'auto' | 'exact' | 'asymptotic';
}

export interface KsTwoSampleResult {
  /** D = sup |F₁(x) − F₂(x)| of the two empirical CDFs. */
  statistic: number;
  /** Two-sided p-value. */
  pValue: number;
  method: 'exact' | 'asymptotic';
}

/**
 * Two-sample two-sided Kolmogorov–Smirnov test, reproducing
 * scipy.stats.ks_2samp (scipy 1.17) including its method choice.
 *
 * D is found in one merge of the sorted samples, as the exact integer
 * max |i·n₂ − j·n₁| over the merged values (ties advance both counts
 * together, like scipy's searchsorted(side='right')), divided by n₁n₂.
 * 'auto' computes the exact p-value when max(n₁, n₂) <= 10 000 (scipy's
 * MAX_AUTO_N), by Viehmann's stable lattice-path recursion (or the
 * closed-form alternating sum when n₁ = n₂); otherwise the asymptotic
 * p-value is the one-sample distribution kstwo.sf(D, round(n₁n₂/(n₁ + n₂))),
 * as scipy does (round half to even, like numpy).
 *
 * @param x - first sample
 * @param y - second sample
 * @example
 * ksTwoSample([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]); // { statistic: 1, pValue: 0.0079…, method: 'exact' }
 */
export function ksTwoSample(x: ArrayLike<number>, y: ArrayLike<number>, options: KsTwoSampleOptions = {}): KsTwoSampleResult {
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0) throw new RangeError('ksTwoSample: both samples must be non-empty');
  const a = Float64Array.from(x).sort();
  const b = Float64Array.from(y).sort();
  if (Number.isNaN(a[n1 - 1]!) || Number.isNaN(b[n2 - 1]!)) throw new RangeError('ksTwoSample: NaN in input');
  let i = 0;
  let j = 0;
  let maxGap = 0;
  while (i < n1 || j < n2) {
    const value = j >= n2 || (i < n1 && a[i]! <= b[j]!) ? a[i]! : b[j]!;
    while (i < n1 && a[i]! === value) i++;
    while (j < n2 && b[j]! === value) j++;
    const gap = Math.abs(i * n2 - j * n1);
    if (gap > maxGap) maxGap = gap;
  }
  const g = gcd(n1, n2);
  const lcm = (n1 / g) * n2;
  const h = maxGap / g;
  const statistic = h / lcm;
  let method = options.method ?? 'auto';
  if (method === 'auto') method = Math.max(n1, n2) <= 10000 ? 'exact' : 'asymptotic';
  if (method === 'exact') return { statistic, pValue: ksTwoSampleExactPValue(n1, n2, h), method };
  const en = (n1 * n2) / (n1 + n2);
  return { statistic, pValue: kolmogorovSf(roundHalfEven(en), statistic), method };
}

function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const fraction = value - floor;
  if (fraction > 0.5) return floor + 1;
  if (fraction < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}
