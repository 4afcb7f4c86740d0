import { twoProduct } from './exact-arithmetic';

const MIN_LOG = -708.3964185322641;
const EPS = 2.220446049250313e-16;

/**
 * Survival function of the one-sided Kolmogorov–Smirnov statistic D⁺ₙ,
 * P(D⁺ₙ >= x), by the Birnbaum–Tingey / Smirnov finite sum
 *
 *   P(D⁺ₙ >= x) = x·Σ_{j=0}^{⌊n(1−x)⌋} C(n, j)·(1 − x − j/n)^(n−j)·(x + j/n)^(j−1),
 *
 * following the case analysis of Cephes' `smirnov` as revised by van Mulbregt
 * (arXiv:1802.06966) and used by scipy.special.smirnov: closed forms for
 * x <= 1/n and x >= 1 − 1/n, 0 once −2nx² underflows, and the approximation
 * exp(−(6nx + 1)²/(18n)) above n = 1e6. The terms are summed in logs: n·x is
 * split exactly into hi + lo so that the bases 1 − x − j/n and x + j/n are
 * correct to an ulp even when small, and C(n, j) is accumulated as a running
 * sum of ln((n − j)/(j + 1)).
 *
 * (Cephes also has an alternating "upper sum" for x <= 0.5/√n; callers here
 * only reach this function with n·x² > 2.2 or x >= ½, where it is not used.)
 */
export function smirnovSf(n: number, x: number): number {
  if (!(n > 0) || !(x >= 0 && x <= 1)) return Number.NaN;
  if (n === 1) return 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;
  const [nxHi, nxLo] = twoProduct(n, x);
  let floorNx = Math.floor(nxHi);
  let alpha = nxHi - floorNx + nxLo;
  if (alpha < 0) {
    floorNx -= 1;
    alpha += 1;
  } else if (alpha >= 1) {
    floorNx += 1;
    alpha -= 1;
  }
  if (floorNx === 0 || (floorNx === 1 && alpha === 0)) {
    // x <= 1/n: P(D⁺ < x) = x(1 + x)^(n−1).
    return 1 - x * Math.pow(1 + x, n - 1);
  }
  if (-2 * n * x * x < MIN_LOG) return 0;
  if (floorNx >= n - 1) return Math.pow(1 - x, n);
  if (n > 1e6) {
    const logp = -Math.pow(6 * n * x + 1, 2) / 18 / n;
    // Below ½ the exponential itself; above, 1 − cdf with cdf = −expm1 (as Cephes).
    return logp < -Math.LN2 ? Math.exp(logp) : 1 + Math.expm1(logp);
  }
  // Last index ⌊n(1 − x)⌋ = n − ⌊nx⌋ − 1 (when n·x is an integer the next term is 0).
  const lastJ = n - floorNx - 1;
  const logN = Math.log(n);
  let logBinomial = 0;
  let sum = 0;
  const terms = lastJ + 1;
  for (let j = 0; j <= lastJ; j++) {
    // n(1 − x) − j = (n − j − nxHi) − nxLo, exact-ish; likewise n·x + j.
    const lowerBase = n - j - nxHi - nxLo;
    const upperBase = nxHi + j + nxLo;
    const logTerm = logBinomial + (n - j) * (Math.log(lowerBase) - logN) + (j - 1) * (Math.log(upperBase) - logN);
    const term = Math.exp(logTerm);
    sum += term;
    if (term !== 0 && 4 * (terms - j) * term < EPS * sum && j !== lastJ) break;
    if (term === 0 && j > n / 2) break;
    logBinomial += Math.log((n - j) / (j + 1));
  }
  return Math.min(1, Math.max(0, x * sum));
}
