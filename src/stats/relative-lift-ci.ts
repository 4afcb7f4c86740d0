import { checkSummary } from './internal/check-summary';
import { normalIsf } from './normal-isf';
import { normalSf } from './normal-sf';
import { studentTIsf } from './student-t-isf';
import { studentTSf } from './student-t-sf';
import type { Interval, SampleSummary } from './types';

export interface RelativeLiftOptions {
  /** Interval level (default 0.95). */
  confidence?: number;
  /**
   * Reference distribution of lift/SE: 'normal' (default) or 'welch', Student's
   * t with the Welch–Satterthwaite degrees of freedom of the two arms, as
   * GrowthBook's frequentist engine does (it matters only for small samples).
   */
  distribution?: 'normal' | 'welch';
}

export interface RelativeLiftResult {
  /** x̄_t/x̄_c − 1. */
  lift: number;
  /** Delta-method standard error of the lift. */
  standardError: number;
  confidenceInterval: Interval;
  /** Two-sided p-value of lift = 0 from lift/SE. */
  pValue: number;
  /** Degrees of freedom used (Infinity for 'normal'). */
  df: number;
}

/**
 * Confidence interval of the relative lift x̄_t/x̄_c − 1 by the delta method,
 * for independent arms.
 *
 * The first-order Taylor expansion of the ratio of two independent means
 * gives Var(x̄_t/x̄_c) ≈ Var(x̄_t)/x̄_c² + x̄_t²·Var(x̄_c)/x̄_c⁴ with
 * Var(x̄) = s²/n (Deng, Knoblich & Lu 2018, "Applying the Delta Method in
 * Metric Analytics", KDD). The interval is lift ± c·SE with c = z_{1−α/2}, or
 * t_{ν, 1−α/2} with Welch's ν when `distribution` is 'welch'. It is only
 * trustworthy when x̄_c is many standard errors away from 0.
 *
 * @param control - n, mean (≠ 0), sample variance of the control arm
 * @param treatment - the same for the treatment arm
 * @param options - confidence (default 0.95) and reference distribution, or just the confidence
 * @example
 * relativeLiftCi({ n: 1000, mean: 10, variance: 4 }, { n: 1000, mean: 10.5, variance: 4 });
 * // lift 0.05, standardError ≈ 0.00917
 */
export function relativeLiftCi(
  control: SampleSummary,
  treatment: SampleSummary,
  options: RelativeLiftOptions | number = {},
): RelativeLiftResult {
  // A bare number is the confidence level (the original signature).
  const settings: RelativeLiftOptions = typeof options === 'number' ? { confidence: options } : options;
  const confidence = settings.confidence ?? 0.95;
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
  let df = Number.POSITIVE_INFINITY;
  if (settings.distribution === 'welch') {
    checkSummary('relativeLiftCi', 'control', control, 2);
    checkSummary('relativeLiftCi', 'treatment', treatment, 2);
    const se2 = varianceOfMeanT + varianceOfMeanC;
    df = (se2 * se2) / ((varianceOfMeanT * varianceOfMeanT) / (treatment.n - 1) + (varianceOfMeanC * varianceOfMeanC) / (control.n - 1));
  }
  const statistic = Math.abs(lift / standardError);
  const critical = df === Number.POSITIVE_INFINITY ? normalIsf((1 - confidence) / 2) : studentTIsf((1 - confidence) / 2, df);
  const tail = df === Number.POSITIVE_INFINITY ? normalSf(statistic) : studentTSf(statistic, df);
  return {
    lift,
    standardError,
    confidenceInterval: { lower: lift - critical * standardError, upper: lift + critical * standardError },
    pValue: Math.min(1, 2 * tail),
    df,
  };
}
