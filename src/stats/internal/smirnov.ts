import { productError } from './exact-arithmetic';

// ln of the smallest subnormal (Cephes MINLOG): below it every term underflows.
const MIN_LOG = -745.1332191019412;
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
 * exp(−(6nx + 1)²/(18n)) above n = 1e6. Each term is evaluated in logs, which
 * for n in the hundreds of thousands must be done carefully: n·x is split
 * exactly into hi + lo, (n − j)·ln(1 − x − j/n) uses log1p of x + j/n rather
 * than ln(n − j − nx) − ln n (whose cancellation, times n − j, cost 1e-9),
 * and ln C(n, j) is a compensated running sum of ln((n − j)/(j + 1)).
 *
 * (Cephes also has an alternating "upper sum" for x <= 0.5/√n; callers here
 * only reach this function with n·x² > 2.2 or x >= ½, where it is not used.)
 */
export function smirnovSf(n: number, x: number): number {
  if (!(n > 0) || !(x >= 0 && x <= 1)) return Number.NaN;
  if (n === 1) return 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;
  const nxHi = n * x;
  const nxLo = productError(n, x, nxHi);
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
  // ln C(n, j) as a compensated (Neumaier) running sum of ln((n − j)/(j + 1)).
  let logBinomial = 0;
  let logBinomialError = 0;
  let sum = 0;
  const terms = lastJ + 1;
  for (let j = 0; j <= lastJ; j++) {
    // s = x + j/n from the exact split of n·x; 1 − s = (n − j − n·x)/n.
    const s = (nxHi + j + nxLo) / n;
    // ln(1 − s): log1p keeps it exact for small s; near s = 1 the exactly
    // formed n − j − n·x avoids the cancellation in 1 − s instead.
    const logLower = s < 0.5 ? Math.log1p(-s) : Math.log(n - j - nxHi - nxLo) - logN;
    const logTerm = logBinomial + logBinomialError + (n - j) * logLower + (j - 1) * Math.log(s);
    const term = Math.exp(logTerm);
    sum += term;
    if (term !== 0 && 4 * (terms - j) * term < EPS * sum && j !== lastJ) break;
    if (term === 0 && j > n / 2) break;
    const increment = Math.log((n - j) / (j + 1));
    const total = logBinomial + increment;
    logBinomialError +=
      Math.abs(logBinomial) >= Math.abs(increment) ? logBinomial - total + increment : increment - total + logBinomial;
    logBinomial = total;
  }
  return Math.min(1, Math.max(0, x * sum));
}
