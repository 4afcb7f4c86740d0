import { normalCdf } from './normal-cdf';
import { normalPdf } from './normal-pdf';
import type { Goal } from './types';

export interface ExpectedLossResult {
  /** Expected shortfall if the treatment is shipped: E[max(0, −Δ)] in the goal's direction. */
  treatment: number;
  /** Expected shortfall if control is kept: E[max(0, Δ)] in the goal's direction. */
  control: number;
}

/**
 * Bayesian expected loss ("risk") of each decision under a Gaussian posterior
 * Δ ~ N(Δ̂, σ²) with a flat prior, the quantity GrowthBook and VWO compare to
 * a threshold of caring.
 *
 * For the goal 'increase', shipping the treatment loses max(0, −Δ), whose
 * expectation is the normal loss function
 *   E[max(0, −Δ)] = σφ(d) − Δ̂(1 − Φ(d)) = σ·(φ(d) − d·Φ(−d)),  d = Δ̂/σ,
 * and keeping control loses E[max(0, Δ)] = σ·(φ(d) + d·Φ(d)). For 'decrease'
 * the roles of the signs swap. For d > 2 the first form cancels (φ(d) and
 * dΦ(−d) agree to ~1/d² relative), so it is evaluated as
 * φ(d)·E/(d + E), where E = 1/(d + 2/(d + 3/(d + …))) is the tail of the
 * continued fraction of Mills' ratio Φ(−d)/φ(d) = 1/(d + E): then
 * φ(d) − dΦ(−d) = φ(d)(1 − d/(d + E)) = φ(d)E/(d + E) exactly, with nothing
 * subtracted.
 *
 * @param difference - Δ̂, treatment − control
 * @param standardError - σ > 0
 * @param goal - 'increase' (default) or 'decrease'
 * @example
 * expectedLoss(0.5, 0.25); // { treatment: ≈ 0.00212, control: ≈ 0.50212 }
 */
export function expectedLoss(difference: number, standardError: number, goal: Goal = 'increase'): ExpectedLossResult {
  if (!(standardError > 0) || !Number.isFinite(difference)) return { treatment: Number.NaN, control: Number.NaN };
  const d = (goal === 'increase' ? difference : -difference) / standardError;
  return { treatment: standardError * normalLoss(d), control: standardError * normalLoss(-d) };
}

/** φ(d) − d·Φ(−d) = E[max(0, −(Z + d))] for standard normal Z. */
function normalLoss(d: number): number {
  if (d <= 2) return normalPdf(d) - d * normalCdf(-d);
  // Backward evaluation of E = 1/(d + 2/(d + 3/(d + …))); the depth needed
  // for double precision shrinks like 1/d² (≈ 400 terms at d = 2).
  const depth = Math.ceil(40 + 1600 / (d * d));
  let tail = 0;
  for (let k = depth; k >= 2; k--) tail = k / (d + tail);
  const e = 1 / (d + tail);
  return (normalPdf(d) * e) / (d + e);
}
