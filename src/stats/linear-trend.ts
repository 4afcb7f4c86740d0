import { studentTIsf } from './student-t-isf';
import { studentTSf } from './student-t-sf';
import type { Interval } from './types';

export interface LinearTrend {
  slope: number;
  intercept: number;
  /** Standard error of the slope. */
  slopeStandardError: number;
  /** Interval for the slope at the requested confidence (t with n − 2 df). */
  slopeInterval: Interval;
  /** Two-sided p-value of slope ≠ 0 (scipy.stats.linregress's pvalue). */
  pValue: number;
  /** Coefficient of determination. */
  rSquared: number;
  n: number;
}

/**
 * Ordinary least-squares line y = intercept + slope·x with the slope's
 * standard error, t interval and two-sided p-value, as scipy.stats.linregress.
 *
 * Sums are taken about the means (two passes), so a time axis in epoch
 * seconds, or memory in bytes, loses no precision to cancellation. Needs at
 * least three points and two distinct x; y all equal gives slope 0 with a
 * zero standard error and p-value 1 (scipy says NaN for both).
 *
 * @param x - predictor values
 * @param y - responses, same length
 * @param confidence - interval level (default 0.95)
 * @example
 * linearTrend([0, 1, 2, 3, 4], [1, 3, 2, 5, 4]);
 * // slope 0.8, intercept 1.4, slopeStandardError ≈ 0.3464, pValue ≈ 0.1041
 */
export function linearTrend(x: readonly number[], y: readonly number[], confidence = 0.95): LinearTrend {
  const n = x.length;
  if (n !== y.length) throw new RangeError(`linearTrend: x has ${n} values and y has ${y.length}`);
  if (n < 3) throw new RangeError(`linearTrend: needs at least 3 points, got ${n}`);
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (!(sxx > 0)) throw new RangeError('linearTrend: x needs at least two distinct values');
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  const df = n - 2;
  // Residual sum of squares about the fitted line; clamped since rounding can take it just below 0 for a perfect fit.
  const residual = Math.max(0, syy - slope * sxy);
  const slopeStandardError = Math.sqrt(residual / df / sxx);
  const rSquared = syy > 0 ? Math.min(1, (sxy * sxy) / (sxx * syy)) : 0;
  let pValue: number;
  if (slopeStandardError > 0) pValue = Math.min(1, 2 * studentTSf(Math.abs(slope / slopeStandardError), df));
  else pValue = slope === 0 ? 1 : 0;
  const margin = studentTIsf((1 - confidence) / 2, df) * slopeStandardError;
  return { slope, intercept, slopeStandardError, slopeInterval: { lower: slope - margin, upper: slope + margin }, pValue, rSquared, n };
}
