/**
 * Streaming first and second moments. Each column keeps sums of (x − shift)
 * with the shift fixed at its first value: no division per row, and none of
 * the cancellation Σx² − (Σx)²/n suffers when the mean dwarfs the spread.
 */
export interface Moments {
  n: number;
  mean: number;
  /** Σ (x − mean)²; the sample variance is m2 / (n − 1). */
  m2: number;
}

export const EMPTY_MOMENTS: Moments = { n: 0, mean: 0, m2: 0 };

export class ShiftedSums {
  n = 0;
  shift = 0;
  sum = 0;
  sumSquares = 0;

  add(x: number): void {
    if (this.n === 0) this.shift = x;
    const d = x - this.shift;
    this.n++;
    this.sum += d;
    this.sumSquares += d * d;
  }

  moments(): Moments {
    if (this.n === 0) return EMPTY_MOMENTS;
    const meanShifted = this.sum / this.n;
    // Integer data (counts, 0/1 flags) has an exact total; dividing it once gives the correctly rounded mean.
    const total = this.shift * this.n + this.sum;
    const exact = Number.isInteger(this.shift) && Number.isInteger(this.sum) && Math.abs(total) <= Number.MAX_SAFE_INTEGER;
    return { n: this.n, mean: exact ? total / this.n : this.shift + meanShifted, m2: Math.max(0, this.sumSquares - this.sum * meanShifted) };
  }
}

/** Chan et al.'s pairwise update: the moments of two disjoint parts combined exactly. */
export function mergeMoments(a: Moments, b: Moments): Moments {
  if (a.n === 0) return b;
  if (b.n === 0) return a;
  const n = a.n + b.n;
  const delta = b.mean - a.mean;
  return { n, mean: a.mean + (delta * b.n) / n, m2: a.m2 + b.m2 + (delta * delta * a.n * b.n) / n };
}

/**
 * Moments from a warehouse's sufficient statistics. Σx² − (Σx)²/n loses digits
 * when the mean is large against the spread; that is the price of sums, and
 * negative round-off is clamped.
 */
export function momentsFromSums(n: number, sum: number, sumSquares: number): Moments {
  if (n === 0) return EMPTY_MOMENTS;
  const mean = sum / n;
  return { n, mean, m2: Math.max(0, sumSquares - sum * mean) };
}

export function sampleVariance(m: Moments): number {
  return m.n > 1 ? m.m2 / (m.n - 1) : 0;
}
