import { seededRandom } from './seeded-random';
import type { Interval } from './types';

export interface BootstrapOptions {
  /** Number of resamples (default 2000). */
  resamples?: number;
  /** Interval level (default 0.95). */
  confidence?: number;
  /** Seed of the generator (default 0); the same seed gives the same interval. */
  seed?: number;
}

export interface BootstrapResult extends Interval {
  /** The statistic on the original samples. */
  estimate: number;
  resamples: number;
}

/**
 * Percentile bootstrap confidence interval (Efron & Tibshirani 1993, §13.3)
 * for any statistic of one or more independent samples, reproducible from a
 * seed.
 *
 * Each sample is resampled with replacement separately (so a two-arm
 * statistic such as a difference in means keeps the arm sizes), the
 * statistic is recomputed, and the interval is the α/2 and 1 − α/2
 * percentiles of the replicates with numpy's default linear interpolation.
 * Resample buffers are allocated once and reused; indices come from
 * {@link seededRandom} (xoshiro128**) as ⌊u·n⌋, whose bias (< n/2³²) is
 * negligible. Replicates that are not finite are an error.
 *
 * @param samples - the data, one array per group
 * @param statistic - receives one resampled buffer per group (reused between calls: do not keep it)
 * @param options - resamples, confidence, seed
 * @example
 * const mean = ([x]: readonly Float64Array[]) => x.reduce((a, b) => a + b, 0) / x.length;
 * bootstrapCi([[1, 2, 3, 4, 5, 6, 7, 8]], mean, { seed: 1 }); // { estimate: 4.5, lower: 2.875, upper: 6, resamples: 2000 }
 */
export function bootstrapCi(
  samples: readonly ArrayLike<number>[],
  statistic: (resampled: readonly Float64Array[]) => number,
  options: BootstrapOptions = {},
): BootstrapResult {
  const resamples = options.resamples ?? 2000;
  const confidence = options.confidence ?? 0.95;
  if (!(Number.isInteger(resamples) && resamples >= 2)) throw new RangeError('bootstrapCi: resamples must be an integer >= 2');
  if (!(confidence > 0 && confidence < 1)) throw new RangeError('bootstrapCi: confidence must be in (0, 1)');
  if (samples.length === 0 || samples.some((s) => s.length === 0)) throw new RangeError('bootstrapCi: every sample must be non-empty');
  const originals = samples.map((s) => Float64Array.from(s));
  const estimate = statistic(originals);
  const buffers = originals.map((s) => new Float64Array(s.length));
  const random = seededRandom(options.seed ?? 0);
  const replicates = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    for (let g = 0; g < originals.length; g++) {
      const source = originals[g]!;
      const target = buffers[g]!;
      const n = source.length;
      for (let i = 0; i < n; i++) target[i] = source[Math.floor(random() * n)]!;
    }
    const value = statistic(buffers);
    if (!Number.isFinite(value)) throw new RangeError('bootstrapCi: the statistic returned a non-finite value');
    replicates[r] = value;
  }
  replicates.sort();
  const alpha = 1 - confidence;
  return {
    estimate,
    lower: percentile(replicates, alpha / 2),
    upper: percentile(replicates, 1 - alpha / 2),
    resamples,
  };
}

/** numpy.percentile's default ('linear'): position q·(n − 1) between order statistics. */
function percentile(sorted: Float64Array, q: number): number {
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  const fraction = position - below;
  return sorted[below]! + fraction * (sorted[above]! - sorted[below]!);
}
