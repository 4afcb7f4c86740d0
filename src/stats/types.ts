/**
 * Shared input and result shapes for the statistics core. Every function
 * takes plain numbers or arrays and returns a fresh plain object; nothing here
 * performs I/O.
 */

/** Sufficient statistics of one group: size, mean and sample variance (ddof = 1). */
export interface SampleSummary {
  n: number;
  mean: number;
  /** Unbiased sample variance, Σ(x − x̄)²/(n − 1). */
  variance: number;
}

/** Count data for one arm of a conversion experiment. */
export interface ProportionSample {
  successes: number;
  trials: number;
}

/** Which direction of change counts as an improvement. */
export type Goal = 'increase' | 'decrease';

/** Alternative hypothesis of a test; 'greater' means the first sample tends to be larger. */
export type Alternative = 'two-sided' | 'less' | 'greater';

/** A closed interval [lower, upper]. */
export interface Interval {
  lower: number;
  upper: number;
}
