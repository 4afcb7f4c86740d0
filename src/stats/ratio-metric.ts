import { productDifference } from './internal/exact-arithmetic';

/** Per-unit sums of a ratio metric: numerator x (e.g. revenue) and denominator y (e.g. sessions) per user. */
export interface RatioSums {
  /** Number of randomization units (users). */
  n: number;
  sumX: number;
  sumY: number;
  sumXX: number;
  sumYY: number;
  sumXY: number;
}

export interface RatioMetricResult {
  /** Σx/Σy. */
  ratio: number;
  /** Delta-method variance of the ratio estimate. */
  variance: number;
  standardError: number;
  meanX: number;
  meanY: number;
  /** Sample variances and covariance (ddof = 1) of the per-unit values. */
  varianceX: number;
  varianceY: number;
  covarianceXY: number;
}

/**
 * A ratio metric (revenue per session, clicks per page view: a ratio of two
 * per-user sums, where the analysis unit is not the randomization unit) and
 * the delta-method variance of its estimate, from sufficient statistics.
 *
 * R = x̄/ȳ and Var(R) ≈ (s_x² − 2R·s_xy + R²·s_y²)/(n·ȳ²) (Deng, Knoblich &
 * Lu 2018, eq. 3), where s are the sample (co)variances of the per-user
 * values. Treating sessions as independent instead would understate the
 * variance whenever users contribute several correlated sessions. The
 * centred moments n·Σxy − Σx·Σy are formed with exact products, as in
 * {@link meanVarianceFromSums}. Two arms' results plug into a z or Welch test
 * with variance = result.variance and n = 1 per arm's "mean".
 *
 * @example
 * ratioMetric({ n: 3, sumX: 6, sumY: 6, sumXX: 14, sumYY: 14, sumXY: 14 }).ratio; // 1
 */
export function ratioMetric(sums: RatioSums): RatioMetricResult {
  const { n, sumX, sumY, sumXX, sumYY, sumXY } = sums;
  if (!(n >= 2)) throw new RangeError('ratioMetric: need n >= 2');
  if (sumY === 0) throw new RangeError('ratioMetric: the denominator sum must not be 0');
  const scale = n * (n - 1);
  const varianceX = Math.max(0, productDifference(n, sumXX, sumX, sumX) / scale);
  const varianceY = Math.max(0, productDifference(n, sumYY, sumY, sumY) / scale);
  const covarianceXY = productDifference(n, sumXY, sumX, sumY) / scale;
  const meanX = sumX / n;
  const meanY = sumY / n;
  const ratio = sumX / sumY;
  const variance = Math.max(0, (varianceX - 2 * ratio * covarianceXY + ratio * ratio * varianceY) / (n * meanY * meanY));
  return { ratio, variance, standardError: Math.sqrt(variance), meanX, meanY, varianceX, varianceY, covarianceXY };
}
