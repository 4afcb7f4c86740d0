import { describe, expect, it } from 'vitest';
import { bootstrapCi, normalIsf, normalSf, seededRandom, sequentialTest } from '../../src/stats';

/** Standard normal draws from the seeded generator (Box–Muller). */
function normals(random: () => number): () => number {
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    const u = 1 - random();
    const v = random();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}

const mean = ([x]: readonly Float64Array[]): number => {
  let sum = 0;
  for (const v of x!) sum += v;
  return sum / x!.length;
};

describe('seededRandom', () => {
  it('is reproducible, seed-dependent and uniform on [0, 1)', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const first = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(first);
    const random = seededRandom(7);
    const bins = new Array<number>(10).fill(0);
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const u = random();
      if (!(u >= 0 && u < 1)) outside++;
      else bins[Math.floor(u * 10)]! += 1;
    }
    expect(outside).toBe(0);
    // Chi-square with 9 df: 99.9th percentile ≈ 27.9.
    const chi = bins.reduce((s, o) => s + (o - 10_000) ** 2 / 10_000, 0);
    expect(chi).toBeLessThan(27.9);
  });
});

describe('bootstrapCi (percentile)', () => {
  const data = Array.from({ length: 40 }, (_, i) => ((i * 7919) % 101) / 10);

  it('gives the same interval for the same seed and a different one for another seed', () => {
    const one = bootstrapCi([data], mean, { seed: 123, resamples: 1000 });
    const two = bootstrapCi([data], mean, { seed: 123, resamples: 1000 });
    const other = bootstrapCi([data], mean, { seed: 124, resamples: 1000 });
    expect(two).toEqual(one);
    expect(other).not.toEqual(one);
    expect(one.estimate).toBe(mean([Float64Array.from(data)]));
    expect(one.lower).toBeLessThan(one.estimate);
    expect(one.upper).toBeGreaterThan(one.estimate);
  });

  it('resamples each group separately for two-arm statistics', () => {
    const control = [1, 2, 3, 4, 5, 6, 7, 8];
    const treatment = [11, 12, 13, 14, 15, 16];
    const difference = ([a, b]: readonly Float64Array[]) => mean([b!]) - mean([a!]);
    const result = bootstrapCi([control, treatment], difference, { seed: 9, resamples: 500 });
    expect(result.estimate).toBeCloseTo(9, 12);
    expect(result.lower).toBeGreaterThan(6);
    expect(result.upper).toBeLessThan(12);
  });

  it('covers the true mean at about the nominal rate (sanity, not exactness)', () => {
    const draw = normals(seededRandom(2024));
    let covered = 0;
    const trials = 200;
    for (let t = 0; t < trials; t++) {
      const sample = Array.from({ length: 60 }, () => 3 + 2 * draw());
      const ci = bootstrapCi([sample], mean, { seed: t, resamples: 400, confidence: 0.9 });
      if (ci.lower <= 3 && 3 <= ci.upper) covered++;
    }
    // Percentile intervals undercover slightly at n = 60; nominal 0.9, binomial sd ≈ 0.021.
    expect(covered / trials).toBeGreaterThan(0.8);
    expect(covered / trials).toBeLessThan(0.97);
  });

  it('rejects bad options', () => {
    expect(() => bootstrapCi([data], mean, { resamples: 1 })).toThrow(RangeError);
    expect(() => bootstrapCi([data], mean, { confidence: 1 })).toThrow(RangeError);
    expect(() => bootstrapCi([[]], mean)).toThrow(RangeError);
    expect(() => bootstrapCi([data], () => Number.NaN)).toThrow(RangeError);
  });
});

describe('always-valid sequential test under the null (seeded simulation)', () => {
  it('keeps the chance of ever crossing α over 100 looks at or below α, while peeking at fixed-horizon p-values does not', () => {
    const alpha = 0.05;
    const sequences = 2000;
    const looks = 100;
    const perLook = 10;
    const draw = normals(seededRandom(99));
    let alwaysValidRejections = 0;
    let naiveRejections = 0;
    const critical = normalIsf(alpha / 2);
    for (let s = 0; s < sequences; s++) {
      const test = sequentialTest(0.05, alpha);
      let sum = 0;
      let everAlwaysValid = false;
      let everNaive = false;
      for (let k = 1; k <= looks; k++) {
        // Σ of `perLook` N(0, 1) observations is N(0, perLook).
        sum += Math.sqrt(perLook) * draw();
        const n = k * perLook;
        const estimate = sum / n;
        const variance = 1 / n;
        if (test.look(estimate, variance).significant) everAlwaysValid = true;
        if (2 * normalSf(Math.abs(estimate) / Math.sqrt(variance)) <= alpha || Math.abs(estimate) / Math.sqrt(variance) > critical) everNaive = true;
      }
      if (everAlwaysValid) alwaysValidRejections++;
      if (everNaive) naiveRejections++;
    }
    const rate = alwaysValidRejections / sequences;
    // Monte-Carlo sd at 0.05 is ≈ 0.005; allow three of them.
    expect(rate).toBeLessThanOrEqual(alpha + 0.015);
    // Repeated fixed-horizon tests inflate the error several-fold (≈ 0.3 at 100 looks).
    expect(naiveRejections / sequences).toBeGreaterThan(0.15);
  });

  it('keeps the running minimum p-value and the intersected interval', () => {
    const test = sequentialTest(0.01);
    const first = test.look(0.2, 0.0025);
    const second = test.look(0.01, 0.0025);
    expect(second.pValue).toBe(first.pValue);
    expect(second.interval.lower).toBeGreaterThanOrEqual(first.interval.lower);
    expect(second.interval.upper).toBeLessThanOrEqual(first.interval.upper);
    expect(second.looks).toBe(2);
    expect(() => test.look(0, 0)).toThrow(RangeError);
  });
});
