/**
 * First Wasserstein (earth mover's) distance between the empirical
 * distributions of two samples, ∫|F(t) − G(t)|dt (scipy.stats.
 * wasserstein_distance without weights).
 *
 * One merge of the sorted samples: between consecutive merged values the two
 * empirical CDFs are the constants i/n₁ and j/n₂, so the integral is
 * Σ|i·n₂ − j·n₁|·Δt/(n₁n₂), with the CDF gap kept as an exact integer.
 *
 * @param x - first sample (non-empty, finite)
 * @param y - second sample (non-empty, finite)
 * @returns W₁(x, y), in the units of the data
 * @example
 * wassersteinDistance([0, 1, 3], [5, 6, 8]); // 5
 */
export function wassersteinDistance(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0) throw new RangeError('wassersteinDistance: both samples must be non-empty');
  const a = Float64Array.from(x).sort();
  const b = Float64Array.from(y).sort();
  if (!Number.isFinite(a[0]!) || !Number.isFinite(a[n1 - 1]!) || !Number.isFinite(b[0]!) || !Number.isFinite(b[n2 - 1]!)) {
    throw new RangeError('wassersteinDistance: values must be finite');
  }
  let i = 0;
  let j = 0;
  let previous = Math.min(a[0]!, b[0]!);
  let total = 0;
  while (i < n1 || j < n2) {
    const value = j >= n2 || (i < n1 && a[i]! <= b[j]!) ? a[i]! : b[j]!;
    // The CDFs on [previous, value) are i/n₁ and j/n₂ (counts so far).
    total += Math.abs(i * n2 - j * n1) * (value - previous);
    while (i < n1 && a[i]! === value) i++;
    while (j < n2 && b[j]! === value) j++;
    previous = value;
  }
  return total / n1 / n2;
}
