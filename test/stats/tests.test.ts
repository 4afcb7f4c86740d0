import { afterAll, describe, expect, it } from 'vitest';
import {
  chiSquareGoodnessOfFit,
  chiSquareIndependence,
  ksTwoSample,
  linearTrend,
  mannWhitneyU,
  meanVarianceFromSums,
  studentTTest,
  twoProportionZTest,
  wassersteinDistance,
  welchTTest,
  type MannWhitneyOptions,
  type KsTwoSampleOptions,
} from '../../src/stats';
import { ErrorLog, reference, sample } from './reference';

const log = new ErrorLog();
afterAll(() => log.report('tests'));

describe('two-proportion z-test vs exact z and scipy', () => {
  it('statistic, p-value and Wald interval; z² equals the 2×2 chi-square (scipy chi2_contingency, correction=False)', () => {
    for (const row of reference.twoProportion!) {
      const [x1, n1] = row.control as [number, number];
      const [x2, n2] = row.treatment as [number, number];
      const where = JSON.stringify({ control: row.control, treatment: row.treatment });
      const result = twoProportionZTest({ successes: x1, trials: n1 }, { successes: x2, trials: n2 });
      log.check('zTest statistic', result.statistic, row.statistic, where);
      log.check('zTest pValue', result.pValue, row.pValue, where);
      log.check('zTest ci', result.confidenceInterval.lower, row.ciLower, where);
      log.check('zTest ci', result.confidenceInterval.upper, row.ciUpper, where);
      if (row.chi2 !== undefined) {
        log.check('zTest z² = chi2', result.statistic * result.statistic, row.chi2, where);
        log.check('zTest p = chi2 p', result.pValue, row.chi2PValue, where);
        const table = chiSquareIndependence([
          [x1, n1 - x1],
          [x2, n2 - x2],
        ]);
        log.check('zTest z² = chi2', table.statistic, result.statistic * result.statistic, where);
      }
    }
  });
});

describe('chi-square test of independence vs scipy.stats.chi2_contingency(correction=False)', () => {
  it('statistic, df, p-value and expected counts', () => {
    for (const row of reference.contingency!) {
      const where = JSON.stringify(row.table);
      const result = chiSquareIndependence(row.table as number[][]);
      expect(result.df).toBe(row.df);
      log.check('chi2 independence statistic', result.statistic, row.statistic, where);
      log.check('chi2 independence pValue', result.pValue, row.pValue, where);
      (row.expected as number[][]).forEach((expectedRow, i) =>
        expectedRow.forEach((e, j) => log.check('chi2 independence expected', result.expected[i]![j]!, e, where)),
      );
    }
  });

  it('rejects tables scipy rejects', () => {
    expect(() => chiSquareIndependence([[0, 0], [1, 2]])).toThrow(RangeError);
    expect(() => chiSquareIndependence([[1, 2], [3]])).toThrow(RangeError);
    expect(() => chiSquareIndependence([])).toThrow(RangeError);
  });
});

describe('chi-square goodness of fit (sample-ratio mismatch) vs scipy.stats.chisquare', () => {
  it('statistic, p-value and expected counts from proportions', () => {
    for (const row of reference.goodnessOfFit!) {
      const where = JSON.stringify({ observed: row.observed, weights: row.weights });
      const result = chiSquareGoodnessOfFit(row.observed as number[], row.weights as number[] | undefined);
      expect(result.df).toBe(row.df);
      log.check('goodness of fit statistic', result.statistic, row.statistic, where);
      log.check('goodness of fit pValue', result.pValue, row.pValue, where);
      (row.expected as number[]).forEach((e, i) => log.check('goodness of fit expected', result.expected[i]!, e, where));
    }
  });
});

describe('mean and variance from sufficient statistics', () => {
  it('matches the exact rational value implied by the float sums', () => {
    for (const row of reference.sums!) {
      const where = JSON.stringify({ n: row.n, sum: row.sum, sumOfSquares: row.sumOfSquares });
      const result = meanVarianceFromSums(row.n, row.sum, row.sumOfSquares);
      log.check('sums mean', result.mean, row.mean, where);
      log.check('sums variance', result.variance, row.variance, where, 1e-9, 1e-300);
    }
  });

  it('agrees with the two-pass variance of the raw data where the sums carry the information', () => {
    for (const row of reference.sums!) {
      const result = meanVarianceFromSums(row.n, row.sum, row.sumOfSquares);
      // The cancellation inherent in Σx² − (Σx)²/n when |mean| ≫ sd is in the
      // inputs; allow the error that sums rounded to 1 ulp can carry.
      if (row.dataVariance === 0) {
        expect(result.variance).toBe(0);
        continue;
      }
      const conditioning = (row.sumOfSquares / row.n / row.dataVariance) * 4.4e-16;
      expect(Math.abs(result.variance - row.dataVariance)).toBeLessThanOrEqual(row.dataVariance * Math.max(1e-12, 4 * conditioning));
    }
  });

  it('is NaN with fewer than two observations and never negative', () => {
    expect(meanVarianceFromSums(1, 3, 9).variance).toBeNaN();
    expect(meanVarianceFromSums(3, 0.3, 0.030000000000000002).variance).toBeGreaterThanOrEqual(0);
  });
});

describe('linear trend vs scipy.stats.linregress', () => {
  it('slope, intercept, standard error, p-value and interval', () => {
    for (const row of reference.linregress!) {
      const where = `n=${(row.x as number[]).length}, x0=${(row.x as number[])[0]}`;
      const result = linearTrend(row.x as number[], row.y as number[]);
      log.check('linregress slope', result.slope, row.slope, where);
      log.check('linregress intercept', result.intercept, row.intercept, where);
      log.check('linregress rSquared', result.rSquared, row.rSquared, where);
      if (row.stderr === 'NaN') {
        // scipy gives NaN for a flat line; a flat memory series is a clear "no growth", so ours says 0 and p = 1.
        expect(result).toMatchObject({ slope: 0, slopeStandardError: 0, pValue: 1 });
        continue;
      }
      log.check('linregress stderr', result.slopeStandardError, row.stderr, where);
      log.check('linregress pValue', result.pValue, row.pValue, where);
      log.check('linregress ci', result.slopeInterval.lower, row.ciLower, where);
      log.check('linregress ci', result.slopeInterval.upper, row.ciUpper, where);
    }
    expect(() => linearTrend([1, 2], [3, 4])).toThrow(/at least 3 points/);
    expect(() => linearTrend([1, 1, 1], [3, 4, 5])).toThrow(/two distinct values/);
  });
});

describe("Welch's and Student's t-tests from summary statistics vs scipy.stats.ttest_ind_from_stats", () => {
  it('statistic, df, p-value and interval', () => {
    for (const row of reference.tTest!) {
      const [n1, m1, v1] = row.control as number[];
      const [n2, m2, v2] = row.treatment as number[];
      const where = JSON.stringify({ control: row.control, treatment: row.treatment, equal: row.equalVariance });
      const test = row.equalVariance ? studentTTest : welchTTest;
      const result = test({ n: n1!, mean: m1!, variance: v1! }, { n: n2!, mean: m2!, variance: v2! });
      const family = row.equalVariance ? 'student' : 'welch';
      log.check(`${family} statistic`, result.statistic, row.statistic, where);
      log.check(`${family} pValue`, result.pValue, row.pValue, where);
      log.check(`${family} df`, result.df, row.df, where);
      log.check(`${family} ci`, result.confidenceInterval.lower, row.ciLower, where);
      log.check(`${family} ci`, result.confidenceInterval.upper, row.ciUpper, where);
    }
  });
});

describe('Mann–Whitney U vs scipy.stats.mannwhitneyu', () => {
  it('statistic and p-value, exact and asymptotic, with ties, one- and two-sided', () => {
    for (const row of reference.mannWhitney!) {
      const x = sample(row.x);
      const y = sample(row.y);
      const where = JSON.stringify({ n1: x.length, n2: y.length, options: row.options });
      const result = mannWhitneyU(x, y, row.options as MannWhitneyOptions);
      log.check('mannWhitney statistic', result.statistic, row.statistic, where);
      log.check('mannWhitney pValue', result.pValue, row.pValue, where);
    }
  });

  it("chooses the method as scipy's _mwu_choose_method does", () => {
    expect(mannWhitneyU([1, 2, 3], [4, 5, 6, 7]).method).toBe('exact');
    expect(mannWhitneyU([1, 2, 2], [4, 5, 6, 7]).method).toBe('asymptotic');
    const nine = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    expect(mannWhitneyU(nine, nine.map((v) => v + 0.5)).method).toBe('asymptotic');
    expect(mannWhitneyU(nine.slice(0, 8), Array.from({ length: 500 }, (_, i) => i + 0.25)).method).toBe('exact');
  });
});

describe('two-sample Kolmogorov–Smirnov vs scipy.stats.ks_2samp', () => {
  it('statistic and p-value, exact (<= 10 000 per sample) and asymptotic', () => {
    for (const row of reference.ksTwoSample!) {
      const x = sample(row.x);
      const y = sample(row.y);
      const where = JSON.stringify({ n1: x.length, n2: y.length, options: row.options });
      const result = ksTwoSample(x, y, row.options as KsTwoSampleOptions);
      log.check('ks statistic', result.statistic, row.statistic, where);
      log.check('ks pValue', result.pValue, row.pValue, where);
    }
  });

  it("chooses exact up to scipy's MAX_AUTO_N = 10 000", () => {
    const small = Array.from({ length: 10000 }, (_, i) => i);
    expect(ksTwoSample(small, [0.5, 1.5]).method).toBe('exact');
    expect(ksTwoSample([...small, 1e6], [0.5, 1.5]).method).toBe('asymptotic');
  });
});

describe('Wasserstein-1 distance vs scipy.stats.wasserstein_distance', () => {
  it('matches on small, tied and large samples', () => {
    for (const row of reference.wasserstein!) {
      const x = sample(row.x);
      const y = sample(row.y);
      log.check('wasserstein', wassersteinDistance(x, y), row.ref, JSON.stringify({ n1: x.length, n2: y.length }));
    }
  });
});
