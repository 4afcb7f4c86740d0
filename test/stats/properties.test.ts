import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  alwaysValidPValue,
  benjaminiHochberg,
  betaCdf,
  betaQuantile,
  betaSf,
  bonferroni,
  chanceToWin,
  chiSquareCdf,
  chiSquareIndependence,
  chiSquareIsf,
  chiSquareQuantile,
  chiSquareSf,
  confidenceSequence,
  expectedLoss,
  holm,
  ksTwoSample,
  mannWhitneyU,
  meanPower,
  meanSampleSize,
  meanVarianceFromSums,
  normalCdf,
  normalIsf,
  normalQuantile,
  normalSf,
  proportionPower,
  proportionSampleSize,
  studentTCdf,
  studentTQuantile,
  studentTSf,
  twoProportionZTest,
  wassersteinDistance,
} from '../../src/stats';

const double = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const probability = fc.double({ min: 1e-300, max: 1 - 1e-12, noNaN: true });
const df = fc.oneof(double(0.5, 50), double(50, 1e9));

describe('distribution invariants', () => {
  it('CDFs are monotone', () => {
    fc.assert(
      fc.property(double(-40, 40), double(-40, 40), df, (a, b, nu) => {
        const [x, y] = a <= b ? [a, b] : [b, a];
        expect(normalCdf(x)).toBeLessThanOrEqual(normalCdf(y));
        expect(studentTCdf(x, nu)).toBeLessThanOrEqual(studentTCdf(y, nu));
        expect(chiSquareCdf(Math.abs(x) * 10, nu)).toBeLessThanOrEqual(chiSquareCdf(Math.abs(x) * 10 + (y - x) * 10, nu));
      }),
    );
  });

  it('cdf + sf = 1 and the t distribution is symmetric', () => {
    fc.assert(
      fc.property(double(-40, 40), df, double(0, 1), double(0.05, 500), double(0.05, 500), (x, nu, u, a, b) => {
        expect(Math.abs(normalCdf(x) + normalSf(x) - 1)).toBeLessThanOrEqual(2.3e-16);
        expect(Math.abs(studentTCdf(x, nu) + studentTSf(x, nu) - 1)).toBeLessThanOrEqual(4.5e-16);
        expect(studentTCdf(-x, nu)).toBe(studentTSf(x, nu));
        const c = Math.abs(x) * nu ** 0.5;
        expect(Math.abs(chiSquareCdf(c, nu) + chiSquareSf(c, nu) - 1)).toBeLessThanOrEqual(4.5e-16);
        expect(Math.abs(betaCdf(u, a, b) + betaSf(u, a, b) - 1)).toBeLessThanOrEqual(4.5e-16);
      }),
    );
  });

  it('quantile(cdf(x)) ≈ x and cdf(quantile(p)) ≈ p, to within the problem’s conditioning', () => {
    fc.assert(
      fc.property(double(-8, 8), probability, df, (x, p, nu) => {
        // Each tail inverted through the function that holds it precisely.
        const back = x <= 0 ? normalQuantile(normalCdf(x)) : normalIsf(normalSf(x));
        expect(Math.abs(back - x)).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(x)));
        expectInverse((v) => normalCdf(v), normalQuantile(p), p);
        expectInverse((v) => studentTCdf(v, nu), studentTQuantile(p, nu), p);
        expectInverse((v) => chiSquareCdf(v, nu), chiSquareQuantile(p, nu), p);
        expectInverse((v) => chiSquareSf(v, nu), chiSquareIsf(p, nu), p);
      }),
    );
  });

  it('beta quantile inverts the CDF', () => {
    fc.assert(
      fc.property(double(1e-6, 1 - 1e-6), double(0.1, 200), double(0.1, 200), (p, a, b) => {
        expectInverse((x) => betaCdf(x, a, b), betaQuantile(p, a, b), p);
      }),
    );
  });

  it('normal isf is the negated quantile', () => {
    fc.assert(
      fc.property(probability, (p) => {
        expect(normalIsf(p) + normalQuantile(p)).toBe(0);
      }),
    );
  });
});

describe('test invariants', () => {
  it('z² of the pooled two-proportion test equals the 2×2 chi-square without correction', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5_000_000 }), fc.integer({ min: 1, max: 5_000_000 }), double(0, 1), double(0, 1), (n1, n2, r1, r2) => {
        const x1 = Math.floor(r1 * n1);
        const x2 = Math.floor(r2 * n2);
        const s = x1 + x2;
        fc.pre(s > 0 && s < n1 + n2);
        const z = twoProportionZTest({ successes: x1, trials: n1 }, { successes: x2, trials: n2 });
        const chi = chiSquareIndependence([
          [x1, n1 - x1],
          [x2, n2 - x2],
        ]);
        expect(Math.abs(z.statistic * z.statistic - chi.statistic)).toBeLessThanOrEqual(1e-12 * Math.max(1, chi.statistic));
        expect(Math.abs(z.pValue - chi.pValue)).toBeLessThanOrEqual(1e-12 * Math.max(z.pValue, 1e-300) + 1e-300);
      }),
    );
  });

  it('Mann–Whitney: U₁ + U₂ = n₁n₂, two-sided p symmetric, exact p equals full enumeration', () => {
    const distinct = fc.uniqueArray(fc.integer({ min: 0, max: 1000 }), { minLength: 2, maxLength: 11 });
    fc.assert(
      fc.property(distinct, fc.integer({ min: 1, max: 10 }), (values, cut) => {
        const k = Math.min(cut, values.length - 1);
        const x = values.slice(0, k);
        const y = values.slice(k);
        const forward = mannWhitneyU(x, y, { method: 'exact' });
        const backward = mannWhitneyU(y, x, { method: 'exact' });
        expect(forward.statistic + backward.statistic).toBe(x.length * y.length);
        expect(Math.abs(forward.pValue - backward.pValue)).toBeLessThanOrEqual(1e-15);
        expect(Math.abs(forward.pValue - enumeratedMannWhitney(x, y)) / forward.pValue).toBeLessThanOrEqual(1e-12);
      }),
      { numRuns: 60 },
    );
  });

  it('KS exact p-value equals full enumeration of assignments', () => {
    const distinct = fc.uniqueArray(fc.integer({ min: 0, max: 1000 }), { minLength: 2, maxLength: 12 });
    fc.assert(
      fc.property(distinct, fc.integer({ min: 1, max: 11 }), (values, cut) => {
        const k = Math.min(cut, values.length - 1);
        const x = values.slice(0, k);
        const y = values.slice(k);
        const result = ksTwoSample(x, y, { method: 'exact' });
        expect(Math.abs(result.pValue - enumeratedKs(x, y, result.statistic)) / result.pValue).toBeLessThanOrEqual(1e-12);
      }),
      { numRuns: 60 },
    );
  });

  it('Wasserstein distance is a metric on shifts: W(x, x + c) = |c|, symmetric, >= 0', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 30 }), fc.integer({ min: -50, max: 50 }), (x, c) => {
        expect(wassersteinDistance(x, x.map((v) => v + c))).toBeCloseTo(Math.abs(c), 9);
        const y = x.map((v) => v * 2 - 3);
        expect(wassersteinDistance(x, y)).toBe(wassersteinDistance(y, x));
        expect(wassersteinDistance(x, y)).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('mean and variance from sums agree with two-pass formulas', () => {
    fc.assert(
      fc.property(fc.array(double(-1e3, 1e3), { minLength: 2, maxLength: 50 }), (xs) => {
        const n = xs.length;
        const sum = xs.reduce((a, b) => a + b, 0);
        const sumOfSquares = xs.reduce((a, b) => a + b * b, 0);
        const mean = sum / n;
        const twoPass = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
        const result = meanVarianceFromSums(n, sum, sumOfSquares);
        expect(result.variance).toBeGreaterThanOrEqual(0);
        expect(Math.abs(result.variance - twoPass)).toBeLessThanOrEqual(1e-9 * (sumOfSquares / n) + 1e-12);
      }),
    );
  });
});

describe('multiple-testing invariants', () => {
  const pValues = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 40 });

  it('adjusted p-values are >= raw, <= 1, monotone in the raw values, and ordered BH <= Holm <= Bonferroni', () => {
    fc.assert(
      fc.property(pValues, (ps) => {
        const adjusted = { bonferroni: bonferroni(ps), holm: holm(ps), bh: benjaminiHochberg(ps) };
        for (const values of Object.values(adjusted)) {
          expect(values).toHaveLength(ps.length);
          values.forEach((v, i) => {
            expect(v).toBeGreaterThanOrEqual(ps[i]!);
            expect(v).toBeLessThanOrEqual(1);
          });
          for (let i = 0; i < ps.length; i++) {
            for (let j = 0; j < ps.length; j++) if (ps[i]! <= ps[j]!) expect(values[i]!).toBeLessThanOrEqual(values[j]!);
          }
        }
        ps.forEach((_, i) => {
          expect(adjusted.bh[i]!).toBeLessThanOrEqual(adjusted.holm[i]! + 1e-15);
          expect(adjusted.holm[i]!).toBeLessThanOrEqual(adjusted.bonferroni[i]!);
        });
      }),
    );
  });
});

describe('planning and decision invariants', () => {
  it('sample size and power are inverses', () => {
    fc.assert(
      fc.property(double(0.01, 0.9), double(0.01, 0.5), double(0.5, 0.99), fc.constantFrom('pooled' as const, 'unpooled' as const), (p1, lift, power, variance) => {
        const p2 = Math.min(0.99, p1 * (1 + lift));
        fc.pre(p2 !== p1);
        const size = proportionSampleSize({ baseline: p1, expected: p2, power, variance });
        const achieved = proportionPower({ baseline: p1, expected: p2, controlN: size.exactControlN, treatmentN: size.exactControlN, variance });
        expect(achieved).toBeCloseTo(power, 12);
        expect(proportionPower({ baseline: p1, expected: p2, controlN: size.controlN, treatmentN: size.treatmentN, variance })).toBeGreaterThanOrEqual(power - 1e-12);
        const means = meanSampleSize({ difference: lift, controlSd: 1, power });
        expect(meanPower({ difference: lift, controlSd: 1, controlN: means.exactControlN, treatmentN: means.exactControlN })).toBeCloseTo(power, 12);
      }),
      { numRuns: 50 },
    );
  });

  it('the always-valid p-value is never below the fixed-horizon one and the sequence is wider than the fixed interval', () => {
    fc.assert(
      fc.property(double(-10, 10), double(1e-6, 10), double(1e-6, 10), double(1e-4, 0.5), (estimate, variance, tau2, alpha) => {
        const fixedP = Math.min(1, 2 * normalSf(Math.abs(estimate) / Math.sqrt(variance)));
        expect(alwaysValidPValue(estimate, variance, tau2)).toBeGreaterThanOrEqual(fixedP * (1 - 1e-12));
        expect(confidenceSequence(estimate, variance, tau2, alpha).halfWidth).toBeGreaterThan(normalIsf(alpha / 2) * Math.sqrt(variance));
      }),
    );
  });

  it('chance to win sums to 1 over goals; expected losses are >= 0 and differ by the estimate', () => {
    fc.assert(
      fc.property(double(-100, 100), double(1e-3, 100), (difference, se) => {
        expect(chanceToWin(difference, se, 'increase') + chanceToWin(difference, se, 'decrease')).toBeCloseTo(1, 14);
        const loss = expectedLoss(difference, se);
        expect(loss.treatment).toBeGreaterThanOrEqual(0);
        expect(loss.control).toBeGreaterThanOrEqual(0);
        // E[max(0, Δ)] − E[max(0, −Δ)] = E[Δ].
        expect(loss.control - loss.treatment).toBeCloseTo(difference, 9);
      }),
    );
  });
});

/**
 * x came from inverting F at p: p must lie between F at a few ulps below and
 * above x (the definition of a quantile accurate to those ulps, whatever the
 * conditioning). Solving on ln x costs |ln x| ulps, which the margin allows.
 * The check runs many random cases with fresh seeds: it has found real bugs.
 */
function expectInverse(F: (x: number) => number, x: number, p: number): void {
  // Subnormal answers (chi-square with df < 1 at p ~ 1e-140) carry only a few bits.
  if (!Number.isFinite(x) || Math.abs(x) < 2.2250738585072014e-308) return;
  const steps = 8 + Math.ceil(2 * Math.abs(Math.log(Math.abs(x))));
  let below = x;
  let above = x;
  for (let i = 0; i < steps; i++) {
    below = nextDouble(below, -1);
    above = nextDouble(above, 1);
  }
  const [low, high] = [F(below), F(above)].sort((a, b) => a - b) as [number, number];
  // Tail probabilities are formed from their logarithm, good to ~|ln p|·ulp.
  const slack = 1e-14 + 4.4e-16 * Math.abs(Math.log(p));
  expect(p).toBeGreaterThanOrEqual(low * (1 - slack));
  expect(p).toBeLessThanOrEqual(high * (1 + slack));
}

function nextDouble(x: number, direction: 1 | -1): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigInt64(0);
  view.setBigInt64(0, bits + BigInt((x >= 0 ? 1 : -1) * direction));
  return view.getFloat64(0);
}

/** Exact two-sided Mann–Whitney p-value by enumerating every split of the pooled ranks. */
function enumeratedMannWhitney(x: number[], y: number[]): number {
  const all = [...x, ...y].sort((a, b) => a - b);
  const n1 = x.length;
  const n = all.length;
  const u1 = mannWhitneyU(x, y, { method: 'exact' }).statistic;
  const u = Math.max(u1, n1 * y.length - u1);
  let extreme = 0;
  let total = 0;
  forEachSubset(n, n1, (chosen) => {
    let rankSum = 0;
    for (const i of chosen) rankSum += i + 1;
    const ux = rankSum - (n1 * (n1 + 1)) / 2;
    if (Math.max(ux, n1 * (n - n1) - ux) >= u) extreme++;
    total++;
  });
  return Math.min(1, extreme / total);
}

/** Exact KS p-value P(D >= d) by enumerating every assignment of the pooled values. */
function enumeratedKs(x: number[], y: number[], d: number): number {
  const all = [...x, ...y].sort((a, b) => a - b);
  const n1 = x.length;
  const n2 = y.length;
  let extreme = 0;
  let total = 0;
  forEachSubset(all.length, n1, (chosen) => {
    const inX = new Set(chosen);
    let i = 0;
    let j = 0;
    let best = 0;
    for (let k = 0; k < all.length; k++) {
      if (inX.has(k)) i++;
      else j++;
      best = Math.max(best, Math.abs(i * n2 - j * n1));
    }
    if (best / (n1 * n2) >= d - 1e-12) extreme++;
    total++;
  });
  return extreme / total;
}

function forEachSubset(n: number, k: number, visit: (chosen: number[]) => void): void {
  const chosen: number[] = [];
  const walk = (start: number): void => {
    if (chosen.length === k) {
      visit(chosen);
      return;
    }
    for (let i = start; i <= n - (k - chosen.length); i++) {
      chosen.push(i);
      walk(i + 1);
      chosen.pop();
    }
  };
  walk(0);
}
