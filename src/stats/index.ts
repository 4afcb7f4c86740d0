/**
 * The statistics core: pure functions, one per file, checked against scipy
 * (see test/stats/reference). Distributions first, then tests, estimators,
 * planning and sequential/Bayesian decision helpers.
 */
export type { Alternative, Goal, Interval, ProportionSample, SampleSummary } from './types';

export { normalCdf } from './normal-cdf';
export { normalSf } from './normal-sf';
export { normalPdf } from './normal-pdf';
export { normalQuantile } from './normal-quantile';
export { normalIsf } from './normal-isf';
export { studentTCdf } from './student-t-cdf';
export { studentTSf } from './student-t-sf';
export { studentTQuantile } from './student-t-quantile';
export { studentTIsf } from './student-t-isf';
export { regularizedGammaP } from './regularized-gamma-p';
export { regularizedGammaQ } from './regularized-gamma-q';
export { chiSquareCdf } from './chi-square-cdf';
export { chiSquareSf } from './chi-square-sf';
export { chiSquareQuantile } from './chi-square-quantile';
export { chiSquareIsf } from './chi-square-isf';
export { regularizedBeta } from './regularized-beta';
export { betaCdf } from './beta-cdf';
export { betaSf } from './beta-sf';
export { betaQuantile } from './beta-quantile';
export { betaIsf } from './beta-isf';
export { kolmogorovSmirnovSf } from './kolmogorov-smirnov-sf';

export { meanVarianceFromSums } from './mean-variance-from-sums';
export { twoProportionZTest, type TwoProportionZTestResult } from './two-proportion-z-test';
export { chiSquareIndependence, type ChiSquareTestResult } from './chi-square-independence';
export { chiSquareGoodnessOfFit, type GoodnessOfFitResult } from './chi-square-goodness-of-fit';
export { welchTTest, type TTestResult } from './welch-t-test';
export { studentTTest } from './student-t-test';
export { mannWhitneyU, type MannWhitneyOptions, type MannWhitneyResult } from './mann-whitney-u';
export { ksTwoSample, type KsTwoSampleOptions, type KsTwoSampleResult } from './ks-two-sample';
export { wassersteinDistance } from './wasserstein-distance';
export { seededRandom } from './seeded-random';
export { bootstrapCi, type BootstrapOptions, type BootstrapResult } from './bootstrap-ci';
export { bonferroni } from './bonferroni';
export { holm } from './holm';
export { benjaminiHochberg } from './benjamini-hochberg';
export { proportionPower, type ProportionPowerInput } from './proportion-power';
export { proportionSampleSize, type ProportionSampleSizeInput, type SampleSizeResult } from './proportion-sample-size';
export { meanPower, type MeanPowerInput } from './mean-power';
export { meanSampleSize, type MeanSampleSizeInput } from './mean-sample-size';
export { relativeLiftCi, type RelativeLiftOptions, type RelativeLiftResult } from './relative-lift-ci';
export { ratioMetric, type RatioMetricResult, type RatioSums } from './ratio-metric';
export { cuped, type CupedArmResult, type CupedArmSums, type CupedResult } from './cuped';
export { alwaysValidPValue } from './always-valid-p-value';
export { confidenceSequence, type ConfidenceSequenceResult } from './confidence-sequence';
export { sequentialTest, type SequentialLook, type SequentialTest } from './sequential-test';
export { chanceToWin } from './chance-to-win';
export { expectedLoss, type ExpectedLossResult } from './expected-loss';
export { linearTrend, type LinearTrend } from './linear-trend';
