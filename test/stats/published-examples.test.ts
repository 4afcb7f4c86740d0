import { describe, expect, it } from 'vitest';
import { mannWhitneyU, relativeLiftCi, welchTTest } from '../../src/stats';

/**
 * Results published by other A/B and canary-analysis engines, reproduced to
 * the precision they state.
 */
describe('published examples', () => {
  it("Kayenta's Mann–Whitney test (spinnaker/kayenta, kayenta-mannwhitney MannWhitneyFooTest.java)", () => {
    // control [1, 2, 3, 4] vs experiment [10, 20, 30, 40]: p = 0.02857142857142857 (= 2/C(8, 4)),
    // asserted there to 1e-6. (The same file's Hodges–Lehmann estimate and interval are not provided here.)
    const result = mannWhitneyU([10, 20, 30, 40], [1, 2, 3, 4]);
    expect(result.method).toBe('exact');
    expect(result.statistic).toBe(16);
    expect(result.pValue).toBeCloseTo(0.02857142857142857, 15);
  });

  it("GrowthBook's two-sided t-test of a relative lift (growthbook/growthbook, packages/stats/tests/frequentist/test_tests.py)", () => {
    // Control mean 0.41, sd 3.9, n 3407; treatment mean 0.70, sd 6.2, n 3461. Published, to 5 decimals:
    // expected 0.70732, uplift N(0.70732, 0.37879), ci [-0.03526, 1.44989], p 0.06191.
    const control = { n: 3407, mean: 0.41, variance: 3.9 * 3.9 };
    const treatment = { n: 3461, mean: 0.41 + 0.29, variance: 6.2 * 6.2 };
    const result = relativeLiftCi(control, treatment, { distribution: 'welch' });
    const round = (x: number) => Math.round(x * 1e5) / 1e5;
    expect(round(result.lift)).toBe(0.70732);
    expect(round(result.standardError)).toBe(0.37879);
    expect(round(result.confidenceInterval.lower)).toBe(-0.03526);
    expect(round(result.confidenceInterval.upper)).toBe(1.44989);
    expect(round(result.pValue)).toBe(0.06191);
    // GrowthBook's degrees of freedom are Welch's, as for the absolute difference.
    expect(result.df).toBeCloseTo(welchTTest(control, treatment).df, 9);
  });

  it("scipy's mannwhitneyu docstring example (Shier 2004, diabetes ages)", () => {
    expect(mannWhitneyU([19, 22, 16, 29, 24], [20, 11, 17, 12])).toEqual({ statistic: 17, pValue: 0.1111111111111111, method: 'exact' });
    expect(mannWhitneyU([19, 22, 16, 29, 24], [20, 11, 17, 12], { method: 'asymptotic' }).pValue).toBeCloseTo(0.11134688653314041, 14);
    expect(mannWhitneyU([19, 22, 16, 29, 24], [20, 11, 17, 12], { method: 'asymptotic', continuity: false }).pValue).toBeCloseTo(0.0864107329737, 12);
  });
});
