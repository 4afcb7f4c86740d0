import gammaln from '@stdlib/math-base-special-gammaln';
import { log1pmx } from './log1pmx';

const LOG_SQRT_2PI = 0.9189385332046728;
const EPS = 2.220446049250313e-16;
const TINY = 1e-300;

/**
 * lnΓ(a) − [(a − ½)ln a − a + ½ln 2π], the Stirling-series remainder, for
 * a ≥ 10 where eight terms are below double rounding.
 */
export function stirlingRemainder(a: number): number {
  const r = 1 / a;
  const r2 = r * r;
  return (
    r *
    (1 / 12 +
      r2 * (-1 / 360 + r2 * (1 / 1260 + r2 * (-1 / 1680 + r2 * (1 / 1188 + r2 * (-691 / 360360 + r2 * (1 / 156 + r2 * (-3617 / 122400))))))))
  );
}

/**
 * ln(xᵃ·e⁻ˣ/Γ(a)), the common factor of P(a, x) and Q(a, x).
 *
 * For large a the three terms a·ln x, x and lnΓ(a) are each ~a·ln a and cancel
 * to a small number; summing them directly would lose ~log10(a·ln a) digits
 * (6 at a = 5e8). Rewriting with Stirling's series gives
 * a·(ln(x/a) − (x − a)/a) + ½ln(a/2π) − remainder(a), and the first term is
 * a·log1pmx((x − a)/a), which has no cancellation near x = a (the approach of
 * Temme and of Boost's `regularised_gamma_prefix`).
 */
export function logGammaPrefix(a: number, x: number): number {
  if (a < 10) return a * Math.log(x) - x - gammaln(a);
  const t = (x - a) / a;
  const core = Math.abs(t) <= 0.5 ? a * log1pmx(t) : a * Math.log(x / a) - (x - a);
  return core + 0.5 * Math.log(a) - LOG_SQRT_2PI - stirlingRemainder(a);
}

/**
 * Regularized incomplete gamma function: P(a, x) (upper = false) or
 * Q(a, x) = 1 − P(a, x) (upper = true), each with full relative precision
 * when it is the small tail.
 *
 * Below the transition point P is summed from its power series
 * P = xᵃe⁻ˣ/Γ(a+1)·Σ xⁿ/((a+1)…(a+n)); above it Q comes from Legendre's
 * continued fraction, evaluated with the modified Lentz algorithm. Both need
 * O(√a) terms near x ≈ a, which stays under 3e5 iterations for a <= 1e9.
 * The other value is formed as 1 − (the small one), which is then >= ½ and
 * loses nothing. No allocation: this sits inside quantile solvers.
 */
export function regularizedGamma(a: number, x: number, upper: boolean): number {
  if (!(a > 0) || !(x >= 0)) return Number.NaN;
  if (x === 0) return upper ? 1 : 0;
  if (x === Number.POSITIVE_INFINITY) return upper ? 0 : 1;
  const logPrefix = logGammaPrefix(a, x);
  if (useSeries(a, x)) {
    const p = Math.exp(logPrefix) * (lowerSeries(a, x) / a);
    return upper ? 1 - p : p;
  }
  const q = Math.exp(logPrefix) * upperFraction(a, x);
  return upper ? q : 1 - q;
}

/**
 * The series is used where it is the natural representation (x < a + 1, P is
 * the smaller tail). For a < 1, P(a, x) ≈ xᵃ/Γ(a + 1) is close to 1 already
 * at small x; once it passes ½ (and x >= 0.3, where the continued fraction
 * needs under ~300 terms) Q is the small tail and the continued fraction
 * computes it directly instead of as 1 − P (Q(0.01, 1) = 0.0022 to 1e-15
 * rather than 3e-13).
 */
function useSeries(a: number, x: number): boolean {
  if (a < 1) {
    if (x >= 1.5) return false;
    if (x < 0.3) return true;
    return Math.exp(a * Math.log(x) - gammaln(a + 1)) < 0.5;
  }
  return x < a + 1;
}

function lowerSeries(a: number, x: number): number {
  let sum = 1;
  let term = 1;
  let denominator = a;
  const limit = 100 + 40 * Math.sqrt(a + x);
  for (let n = 1; n < limit; n++) {
    denominator += 1;
    term *= x / denominator;
    sum += term;
    if (term <= EPS * 0.25 * sum) break;
  }
  return sum;
}

function upperFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  // A safety cap only: convergence takes ~60/x terms for small x and O(√a) near x ≈ a.
  const limit = 1000 + 200 / x + 40 * Math.sqrt(a + x);
  for (let i = 1; i < limit; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) <= EPS * 0.5) break;
  }
  return h;
}
