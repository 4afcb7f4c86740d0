import { afterAll, describe, expect, it } from 'vitest';
import {
  alwaysValidPValue,
  benjaminiHochberg,
  bonferroni,
  chanceToWin,
  confidenceSequence,
  cuped,
  expectedLoss,
  holm,
  meanPower,
  meanSampleSize,
  proportionPower,
  proportionSampleSize,
  ratioMetric,
  relativeLiftCi,
  type CupedArmSums,
  type Goal,
  type RatioSums,
} from '../../src/stats';
import { ErrorLog, reference } from './reference';

const log = new ErrorLog();
afterAll(() => log.report('estimators'));

describe('multiple-testing adjustments vs numpy formulas and scipy.stats.false_discovery_control', () => {
  it('Bonferroni, Holm and Benjamini–Hochberg, in input order', () => {
    for (const row of reference.adjust!) {
      const p = row.p as number[];
      const where = JSON.stringify(p);
      bonferroni(p).forEach((v, i) => log.check('bonferroni', v, row.bonferroni[i], where));
      holm(p).forEach((v, i) => log.check('holm', v, row.holm[i], where));
      benjaminiHochberg(p).forEach((v, i) => log.check('benjaminiHochberg', v, row.bh[i], where));
    }
  });

  it('rejects values outside [0, 1]', () => {
    expect(() => holm([0.1, 1.2])).toThrow(RangeError);
    expect(() => benjaminiHochberg([Number.NaN])).toThrow(RangeError);
  });
});

describe('power and sample size vs scipy.stats.norm formulas and brentq', () => {
  it('proportions and means, both directions', () => {
    for (const row of reference.power!) {
      const where = JSON.stringify(row);
      switch (row.kind) {
        case 'proportionSampleSize': {
          const result = proportionSampleSize({
            baseline: row.baseline,
            expected: row.expected,
            alpha: row.alpha,
            power: row.power,
            ratio: row.ratio,
            variance: row.variance,
          });
          log.check('proportion sample size', result.exactControlN, row.exactControlN, where);
          expect(result.controlN).toBe(row.controlN);
          expect(result.treatmentN).toBe(row.treatmentN);
          // The two directions are inverses.
          const power = proportionPower({
            baseline: row.baseline,
            expected: row.expected,
            controlN: result.exactControlN,
            treatmentN: row.ratio * result.exactControlN,
            alpha: row.alpha,
            variance: row.variance,
          });
          log.check('proportion power round trip', power, row.power, where);
          break;
        }
        case 'proportionPower':
          log.check(
            'proportion power',
            proportionPower({
              baseline: row.baseline,
              expected: row.expected,
              controlN: row.controlN,
              treatmentN: row.treatmentN,
              alpha: row.alpha,
              variance: row.variance,
            }),
            row.ref,
            where,
          );
          break;
        case 'meanSampleSize': {
          const result = meanSampleSize({
            difference: row.difference,
            controlSd: row.controlSd,
            treatmentSd: row.treatmentSd,
            alpha: row.alpha,
            power: row.power,
            ratio: row.ratio,
          });
          log.check('mean sample size', result.exactControlN, row.exactControlN, where);
          expect(result.controlN).toBe(row.controlN);
          expect(result.treatmentN).toBe(row.treatmentN);
          break;
        }
        case 'meanPower':
          log.check(
            'mean power',
            meanPower({
              difference: row.difference,
              controlSd: row.controlSd,
              treatmentSd: row.treatmentSd,
              controlN: row.controlN,
              treatmentN: row.treatmentN,
              alpha: row.alpha,
            }),
            row.ref,
            where,
          );
          break;
        default:
          throw new Error(`unknown power row ${String(row.kind)}`);
      }
    }
  });
});

describe('delta-method relative lift', () => {
  it('lift, standard error, interval and p-value', () => {
    for (const row of reference.lift!) {
      const [n1, m1, v1] = row.control as number[];
      const [n2, m2, v2] = row.treatment as number[];
      const where = JSON.stringify({ control: row.control, treatment: row.treatment });
      const result = relativeLiftCi({ n: n1!, mean: m1!, variance: v1! }, { n: n2!, mean: m2!, variance: v2! });
      log.check('lift', result.lift, row.lift, where);
      log.check('lift standardError', result.standardError, row.standardError, where);
      log.check('lift ci', result.confidenceInterval.lower, row.ciLower, where);
      log.check('lift ci', result.confidenceInterval.upper, row.ciUpper, where);
      log.check('lift pValue', result.pValue, row.pValue, where);
    }
  });
});

describe('ratio metric by the delta method vs numpy on the raw per-user data', () => {
  it('ratio, variance and moments from sums', () => {
    for (const row of reference.ratio!) {
      const where = `n=${row.sums.n}`;
      const result = ratioMetric(row.sums as RatioSums);
      log.check('ratio', result.ratio, row.ratio, where);
      log.check('ratio variance', result.variance, row.variance, where);
      log.check('ratio moments', result.varianceX, row.varianceX, where);
      log.check('ratio moments', result.varianceY, row.varianceY, where);
      log.check('ratio moments', result.covarianceXY, row.covarianceXY, where);
    }
  });
});

describe('CUPED vs numpy on the raw data', () => {
  it('theta and the adjusted means and variances from per-arm sums', () => {
    for (const row of reference.cuped!) {
      const result = cuped(row.arms as CupedArmSums[]);
      const where = `arms=${JSON.stringify((row.arms as CupedArmSums[]).map((a) => a.n))}`;
      log.check('cuped theta', result.theta, row.theta, where);
      (row.results as Record<string, number>[]).forEach((expected, i) => {
        const arm = result.arms[i]!;
        log.check('cuped mean', arm.mean, expected.mean, where);
        log.check('cuped variance', arm.variance, expected.variance, where);
        log.check('cuped unadjusted', arm.unadjustedMean, expected.unadjustedMean, where);
        log.check('cuped unadjusted', arm.unadjustedVariance, expected.unadjustedVariance, where);
      });
      expect(result.varianceReduction).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('always-valid inference (mSPRT, normal mixture)', () => {
  it('p-value and confidence-sequence half-width match the closed forms', () => {
    for (const row of reference.sequential!) {
      const where = JSON.stringify({ estimate: row.estimate, variance: row.variance, tau2: row.mixingVariance });
      log.check('mSPRT pValue', alwaysValidPValue(row.estimate, row.variance, row.mixingVariance), row.pValue, where);
      const cs = confidenceSequence(row.estimate, row.variance, row.mixingVariance, 0.05);
      log.check('confidence sequence halfWidth', cs.halfWidth, row.halfWidth, where);
      // Always at least as conservative as the fixed-horizon analysis of the same data.
      expect(alwaysValidPValue(row.estimate, row.variance, row.mixingVariance)).toBeGreaterThanOrEqual(row.fixedPValue);
      expect(cs.halfWidth).toBeGreaterThan(row.fixedHalfWidth);
    }
  });
});

describe('chance to win and expected loss vs scipy.stats.norm and scipy.integrate.quad', () => {
  it('respects the goal and matches numeric integration, including far tails', () => {
    for (const row of reference.bayes!) {
      const where = JSON.stringify({ difference: row.difference, se: row.standardError, goal: row.goal });
      const goal = row.goal as Goal;
      log.check('chanceToWin', chanceToWin(row.difference, row.standardError, goal), row.chanceToWin, where);
      const loss = expectedLoss(row.difference, row.standardError, goal);
      log.check('expectedLoss', loss.treatment, row.lossTreatment.ref, where);
      log.check('expectedLoss', loss.control, row.lossControl.ref, where);
    }
  });
});
