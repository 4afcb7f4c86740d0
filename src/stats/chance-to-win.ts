import { normalCdf } from './normal-cdf';
import { normalSf } from './normal-sf';
import type { Goal } from './types';

/**
 * Probability that the treatment is better than control under a Gaussian
 * posterior for the difference with a flat prior: Δ ~ N(Δ̂, σ²) gives
 * P(Δ > 0) = Φ(Δ̂/σ) when the goal is to increase the metric and
 * P(Δ < 0) = Φ(−Δ̂/σ) when it is to decrease it (the "chance to win" of
 * GrowthBook and similar Bayesian engines under a flat prior). Each tail is
 * evaluated directly, so 1 − ε outcomes are not rounded to 1 prematurely.
 *
 * @param difference - Δ̂, treatment − control (absolute or relative, matching σ)
 * @param standardError - σ > 0
 * @param goal - 'increase' (default) or 'decrease'
 * @example
 * chanceToWin(0.5, 0.25); // ≈ 0.97725
 * chanceToWin(0.5, 0.25, 'decrease'); // ≈ 0.02275
 */
export function chanceToWin(difference: number, standardError: number, goal: Goal = 'increase'): number {
  if (!(standardError > 0)) return Number.NaN;
  const z = difference / standardError;
  return goal === 'increase' ? normalCdf(z) : normalSf(z);
}
