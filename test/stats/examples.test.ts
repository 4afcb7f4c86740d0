import { describe, expect, it } from 'vitest';
import * as stats from '../../src/stats';

/** The @example lines of the JSDoc comments, kept honest. */
describe('documented examples', () => {
  const close = (actual: number, expected: number, digits: number) => expect(actual).toBeCloseTo(expected, digits);

  it('distributions', () => {
    close(stats.normalCdf(1.959963984540054), 0.975, 15);
    expect(stats.normalCdf(-38)).toBeCloseTo(2.885e-316, 319);
    close(stats.normalSf(1.959963984540054), 0.025, 15);
    close(stats.normalPdf(0), 0.3989422804014327, 16);
    close(stats.normalQuantile(0.975), 1.959963984540054, 14);
    close(stats.normalIsf(0.025), 1.959963984540054, 14);
    close(stats.studentTCdf(2.228138851986274, 10), 0.975, 14);
    close(stats.studentTSf(2.228138851986274, 10), 0.025, 14);
    close(stats.studentTQuantile(0.975, 10), 2.228138851986274, 13);
    close(stats.studentTIsf(0.025, 10), 2.228138851986274, 13);
    close(stats.chiSquareCdf(3.841458820694124, 1), 0.95, 14);
    close(stats.chiSquareSf(3.841458820694124, 1), 0.05, 14);
    close(stats.chiSquareQuantile(0.95, 1), 3.841458820694124, 13);
    close(stats.chiSquareIsf(0.05, 1), 3.841458820694124, 13);
    expect(stats.chiSquareSf(1300, 1)).toBeCloseTo(1.13e-284, 286);
    close(stats.betaCdf(0.5, 2, 3), 0.6875, 15);
    close(stats.betaSf(0.5, 2, 3), 0.3125, 15);
    close(stats.regularizedBeta(0.5, 2, 3), 0.6875, 15);
    close(stats.betaQuantile(0.6875, 2, 3), 0.5, 14);
    close(stats.betaIsf(0.3125, 2, 3), 0.5, 14);
    close(stats.regularizedGammaP(1, 1), 1 - Math.exp(-1), 15);
    close(stats.regularizedGammaQ(1, 1), Math.exp(-1), 15);
    close(stats.kolmogorovSmirnovSf(0.3, 20), 0.0431, 4);
  });

  it('tests and estimators', () => {
    const z = stats.twoProportionZTest({ successes: 200, trials: 1000 }, { successes: 250, trials: 1000 });
    close(z.statistic, 2.6774, 4);
    close(z.pValue, 0.00742, 5);
    close(stats.chiSquareIndependence([[200, 800], [250, 750]]).statistic, 7.1685, 4);
    close(stats.chiSquareGoodnessOfFit([50_421, 49_579], [0.5, 0.5]).pValue, 0.00775, 5);
    expect(stats.meanVarianceFromSums(4, 10, 30)).toEqual({ n: 4, mean: 2.5, variance: 1.6666666666666667 });
    const welch = stats.welchTTest({ n: 10, mean: 5, variance: 4 }, { n: 12, mean: 7, variance: 9 });
    close(welch.statistic, 1.865, 4);
    close(welch.df, 19.19, 2);
    close(welch.pValue, 0.0775, 4);
    const student = stats.studentTTest({ n: 10, mean: 5, variance: 4 }, { n: 12, mean: 7, variance: 9 });
    close(student.statistic, 1.7979, 4);
    expect(student.df).toBe(20);
    close(student.pValue, 0.0873, 4);
    expect(stats.mannWhitneyU([19, 22, 16, 29, 24], [20, 11, 17, 12])).toEqual({ statistic: 17, pValue: 0.1111111111111111, method: 'exact' });
    const ks = stats.ksTwoSample([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]);
    expect(ks.statistic).toBe(1);
    close(ks.pValue, 2 / 252, 15);
    expect(stats.wassersteinDistance([0, 1, 3], [5, 6, 8])).toBe(5);
    expect(stats.bonferroni([0.01, 0.04, 0.03])).toEqual([0.03, 0.12, 0.09]);
    expect(stats.holm([0.01, 0.04, 0.03])).toEqual([0.03, 0.06, 0.06]);
    expect(stats.benjaminiHochberg([0.01, 0.04, 0.03])).toEqual([0.03, 0.04, 0.04]);
    const mean = ([x]: readonly Float64Array[]) => x!.reduce((a, b) => a + b, 0) / x!.length;
    expect(stats.bootstrapCi([[1, 2, 3, 4, 5, 6, 7, 8]], mean, { seed: 1 })).toEqual({ estimate: 4.5, lower: 2.875, upper: 6, resamples: 2000 });
    const lift = stats.relativeLiftCi({ n: 1000, mean: 10, variance: 4 }, { n: 1000, mean: 10.5, variance: 4 });
    close(lift.lift, 0.05, 15);
    close(lift.standardError, 0.00917, 5);
    expect(stats.ratioMetric({ n: 3, sumX: 6, sumY: 6, sumXX: 14, sumYY: 14, sumXY: 14 }).ratio).toBe(1);
  });

  it('planning, sequential and Bayesian helpers', () => {
    close(stats.proportionPower({ baseline: 0.1, expected: 0.12, controlN: 3841, treatmentN: 3841 }), 0.8, 3);
    expect(stats.proportionSampleSize({ baseline: 0.1, expected: 0.12 })).toMatchObject({ controlN: 3841, treatmentN: 3841 });
    close(stats.meanPower({ difference: 0.5, controlSd: 2, controlN: 252, treatmentN: 252 }), 0.8, 2);
    expect(stats.meanSampleSize({ difference: 0.5, controlSd: 2 })).toMatchObject({ controlN: 252, treatmentN: 252 });
    close(stats.alwaysValidPValue(0.2, 0.0025, 0.01), 0.00372, 5);
    close(stats.confidenceSequence(0.2, 0.0025, 0.01).halfWidth, 0.1541, 4);
    const test = stats.sequentialTest(0.01);
    test.look(0.05, 0.01);
    close(test.look(0.2, 0.0025).pValue, 0.00372, 5);
    close(stats.chanceToWin(0.5, 0.25), 0.97725, 5);
    close(stats.chanceToWin(0.5, 0.25, 'decrease'), 0.02275, 5);
    const loss = stats.expectedLoss(0.5, 0.25);
    close(loss.treatment, 0.00212, 5);
    close(loss.control, 0.50212, 5);
    const random = stats.seededRandom(42);
    expect(random()).toBe(stats.seededRandom(42)());
  });
});
