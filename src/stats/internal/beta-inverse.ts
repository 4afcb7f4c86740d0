import betainc from '@stdlib/math-base-special-betainc';
import gammaln from '@stdlib/math-base-special-gammaln';
import { normalIsf } from '../normal-isf';
import { solveTail } from './solve-tail';

const LOG_MIN_SUBNORMAL = -744.44;

/**
 * Quantile (lower = true) or inverse survival function of Beta(a, b).
 *
 * Two choices keep the answer at full precision. The unknown is x itself when
 * the answer lies below ½ and w = 1 − x above it (Beta(a, b) at x is
 * Beta(b, a) at 1 − x), so a small answer is never formed as 1 − (something
 * near 1). Independently, the equation is written in whichever tail holds the
 * smaller probability (cdf or sf, via the upper incomplete beta function), so
 * tiny targets are matched in relative terms. Newton steps on the log tail in
 * ln w then converge from power-law or normal starting points.
 */
export function betaInverse(probability: number, a: number, b: number, lower: boolean): number {
  if (!(a > 0 && b > 0) || !(probability >= 0 && probability <= 1)) return Number.NaN;
  if (probability === 0) return lower ? 0 : 1;
  if (probability === 1) return lower ? 1 : 0;
  // P(X <= ½) tells on which side of ½ the answer lies.
  const half = betainc(0.5, a, b, true, false);
  const mirrored = lower ? probability > half : 1 - half > probability;
  // Unknown w (x or 1 − x) with shapes (α, β); the tail of w that holds the target.
  const alpha = mirrored ? b : a;
  const beta = mirrored ? a : b;
  const lowerTailProbability = mirrored ? (lower ? 1 - probability : probability) : lower ? probability : 1 - probability;
  // The smaller of the two tail probabilities, taken as given when possible.
  const givenIsLowerInW = mirrored !== lower;
  const wantLowerTail = lowerTailProbability <= 0.5;
  const target = wantLowerTail === givenIsLowerInW ? probability : 1 - probability;
  const w = solveShape(target, alpha, beta, wantLowerTail);
  return mirrored ? 1 - w : w;
}

function solveShape(target: number, a: number, b: number, lowerTail: boolean): number {
  const logBeta = gammaln(a) + gammaln(b) - gammaln(a + b);
  const tail = (u: number): number => betainc(Math.exp(u), a, b, true, !lowerTail);
  // d/du I_{eᵘ}(a, b) = wᵃ(1 − w)^(b−1)/B(a, b).
  const slope = (u: number): number => (lowerTail ? 1 : -1) * Math.exp(a * u + (b - 1) * Math.log1p(-Math.exp(u)) - logBeta);
  const guesses: number[] = [];
  if (lowerTail) {
    // Power-law lower tail I_w(a, b) ≈ wᵃ/(a·B(a, b)).
    const power = (Math.log(target) + Math.log(a) + logBeta) / a;
    if (power < LOG_MIN_SUBNORMAL) return 0;
    guesses.push(Math.min(power, -1e-16));
  }
  const mean = a / (a + b);
  const sd = Math.sqrt((a * b) / ((a + b) * (a + b) * (a + b + 1)));
  const x = mean + sd * normalIsf(target) * (lowerTail ? -1 : 1);
  if (x > 0 && x < 1) guesses.push(Math.log(x));
  if (!lowerTail) {
    // Near w = 1 the upper tail is ≈ (1 − w)ᵇ/(b·B(a, b)).
    const complement = Math.exp((Math.log(target) + Math.log(b) + logBeta) / b);
    if (complement > 0 && complement < 1) guesses.push(Math.log1p(-complement));
  }
  guesses.push(Math.log(0.5));
  return Math.exp(Math.min(solveTail(tail, slope, lowerTail, target, guesses), 0));
}
