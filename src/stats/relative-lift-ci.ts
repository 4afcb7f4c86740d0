import { checkSummary } from './internal/check-summary';
import { normalIsf } from './normal-isf';
import { normalSf } from './normal-sf';
import type { Interval, SampleSummary } from './types';

export interface RelativeLiftResult {
  /** x̄_t/x̄_c − 1. */
  lift: number;
  /** Delta-method standard error of the lift. */
  standardError: number;
  confidenceInterval: Interval;
  /** Two-sided p-value of lift = 0 from z = lift/SE. */
  pValue: number;
}

/**
 * Confidence interval of the relative lift x̄_t/x̄_c − 1 by the delta method,
 * for independent arms.
 *
 * The first-order Taylor expansion of the ratio of two independent means
 * gives Var(x̄_t/x̄_c) ≈ Var(x̄_t)/x̄_c² + x̄_t²·Var(x̄_c)/x̄_c⁴ with
 * Var(x̄) = s²/n (Deng, Knoblich & Lu 2018, "Applying the Delta Method in
 * Metric Analytics", KDD). The interval is lift ± z_{1−α/2}·SE. It is only
 * trustworthy when x̄_c is many standard errors away from 0.
 *
 * @param control - n, mean (≠ 0), sample variance of the control arm
 * @param treatment - the same for the treatment arm
 * @param confidence - interval level (default 0.95)
 * @example
 * relativeLiftCi({ n: 1000, mean: 10, variance: 4 }, { n: 1000, mean: 10.5, variance: 4 });
 * // lift 0.05, standardError ≈ 0.00918
 */
export function relativeLiftCi(control: SampleSummary, treatment: SampleSummary, confidence = 0.95): RelativeLiftResult {
  checkSummary('relativeLiftCi', 'control', control, 1);
  checkSummary('relativeLiftCi', 'treatment', treatment, 1);
  if (control.mean === 0) throw new RangeError('relativeLiftCi: the control mean must not be 0');
  const mc = control.mean;
  const mt = treatment.mean;
  const varianceOfMeanT = treatment.variance / treatment.n;
  const varianceOfMeanC = control.variance / control.n;
  const ratio = mt / mc;
  const lift = (mt - mc) / mc;
  const standardError = Math.sqrt(varianceOfMeanT / (mc * mc) + (ratio * ratio * varianceOfMeanC) / (mc * mc));
  const z = normalIsf((1 - confidence) / 2);
  return {
    lift,
    standardError,
    confidenceInterval: { lower: lift - z * standardError, upper: lift + z * standardError },
    pValue: Math.min(1, 2 * normalSf(Math.abs(lift / standardError))),
  };
}
