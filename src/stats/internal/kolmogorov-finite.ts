import { stirlingRemainder } from './gamma-kernel';
import { smirnovSf } from './smirnov';

const SCALE_EXPONENT = 128;
const BIG = 2 ** SCALE_EXPONENT;
const SMALL = 2 ** -SCALE_EXPONENT;
const LOG_SQRT_2PI = 0.9189385332046728;

/**
 * P(Dₙ <= d), two-sided one-sample Kolmogorov–Smirnov statistic, by the
 * Durbin matrix algorithm as organised by Marsaglia, Tsang & Wang (2003):
 * with d = (k − h)/n, the answer is n!/nⁿ times the (k, k) entry of Hⁿ for an
 * (2k − 1)-square matrix H, computed by repeated squaring while an exponent
 * is carried separately so nothing overflows.
 */
export function kolmogorovDurbin(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;
  const H = new Float64Array(m * m);
  // v[j] = (1 − h^(j+1))/(j+1)!, w[j] = 1/j!
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let factorial = 1;
  for (let j = 1; j <= m; j++) {
    w[j - 1] = factorial;
    factorial /= j;
    v[j - 1] = (1 - Math.pow(h, j)) * factorial;
  }
  const corner = Math.pow(Math.max(2 * h - 1, 0), m) - 2 * Math.pow(h, m);
  v[m - 1] = (1 + corner) * factorial;
  // H[r][c] = 1/(r − c + 1)! on and below the superdiagonal, first column v,
  // last row v reversed.
  for (let c = 1; c < m; c++) for (let r = c - 1; r < m; r++) H[r * m + c] = w[r - c + 1]!;
  for (let r = 0; r < m; r++) H[r * m] = v[r]!;
  for (let c = 0; c < m; c++) H[(m - 1) * m + c] = v[m - 1 - c]!;

  let power: Float64Array = identity(m);
  let base: Float64Array = H;
  let exponent = 0;
  let baseExponent = 0;
  let remaining = n;
  const diagonal = (k - 1) * m + (k - 1);
  while (remaining > 0) {
    if (remaining % 2 === 1) {
      power = multiply(power, base, m, new Float64Array(m * m));
      exponent += baseExponent;
    }
    base = multiply(base, base, m, new Float64Array(m * m));
    baseExponent *= 2;
    if (Math.abs(base[diagonal]!) > BIG) {
      for (let i = 0; i < base.length; i++) base[i]! *= SMALL;
      baseExponent += SCALE_EXPONENT;
    }
    remaining = Math.floor(remaining / 2);
  }
  let p = power[diagonal]!;
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < SMALL) {
      p *= BIG;
      exponent -= SCALE_EXPONENT;
    }
  }
  return exponent === 0 ? p : p * Math.pow(2, exponent);
}

function identity(m: number): Float64Array {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) out[i * m + i] = 1;
  return out;
}

function multiply(a: Float64Array, b: Float64Array, m: number, out: Float64Array): Float64Array {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      let sum = 0;
      for (let l = 0; l < m; l++) sum += a[i * m + l]! * b[l * m + j]!;
      out[i * m + j] = sum;
    }
  }
  return out;
}

/** Row bounds of Pomeranz's recursion (scipy's `_pomeranz_compute_j1j2`). */
function pomeranzBounds(i: number, n: number, ll: number, ceilf: number, roundf: number): [number, number] {
  let j1: number;
  let j2: number;
  if (i === 0) {
    j1 = -ll - ceilf - 1;
    j2 = ll + ceilf - 1;
  } else {
    const half = Math.floor((i + 1) / 2);
    if ((i + 1) % 2 === 0) {
      if (half === n + 1) {
        j1 = n - ll - ceilf - 1;
        j2 = n + ll + ceilf - 1;
      } else {
        j1 = half - 1 - ll - roundf - 1;
        j2 = half + ll - 1 + ceilf - 1;
      }
    } else {
      j1 = half - 1 - ll - 1;
      j2 = half + ll + roundf - 1;
    }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)];
}

/**
 * P(Dₙ <= d) by Pomeranz's recursion (1974): 2n + 1 rows, each the
 * convolution of the previous one with truncated Poisson-like weights, with
 * underflow handled by a carried binary exponent. Used for small n and
 * intermediate d, as chosen by Simard & L'Ecuyer.
 */
export function kolmogorovPomeranz(n: number, d: number): number {
  const t = n * d;
  const ll = Math.floor(t);
  const f = t - ll;
  const g = Math.min(f, 1 - f);
  const ceilf = f > 0 ? 1 : 0;
  const roundf = f > 0.5 ? 1 : 0;
  const size = 2 * (ll + 1);
  const gPower = new Float64Array(size);
  const twoGPower = new Float64Array(size);
  const oneMinusTwoGPower = new Float64Array(size);
  gPower[0] = 1;
  twoGPower[0] = 1;
  oneMinusTwoGPower[0] = 1;
  for (let m = 1; m < size; m++) {
    gPower[m] = (gPower[m - 1]! * (g / n)) / m;
    twoGPower[m] = (twoGPower[m - 1]! * ((2 * g) / n)) / m;
    oneMinusTwoGPower[m] = (oneMinusTwoGPower[m - 1]! * ((1 - 2 * g) / n)) / m;
  }
  let previous = new Float64Array(size);
  let current = new Float64Array(size);
  current[0] = 1;
  let previousStart = 0;
  let currentStart = 0;
  let exponent = 0;
  let [j1] = pomeranzBounds(0, n, ll, ceilf, roundf);
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1;
    [previous, current] = [current, previous];
    [previousStart, currentStart] = [currentStart, previousStart];
    current.fill(0);
    const bounds = pomeranzBounds(i, n, ll, ceilf, roundf);
    j1 = bounds[0];
    const j2 = bounds[1];
    const weights = i === 1 || i === 2 * n + 1 ? gPower : i % 2 === 1 ? twoGPower : oneMinusTwoGPower;
    const span = j2 - k1 + 1;
    if (span > 0) {
      const offset = k1 - previousStart;
      const available = Math.max(0, Math.min(span, size - offset));
      const start = j1 - k1;
      const length = j2 - j1 + 1;
      let max = 0;
      for (let r = 0; r < length; r++) {
        // Entry start + r of the full convolution of previous[offset…] with weights.
        const index = start + r;
        let sum = 0;
        const lower = Math.max(0, index - (span - 1));
        const upper = Math.min(index, available - 1);
        for (let a = lower; a <= upper; a++) sum += previous[offset + a]! * weights[index - a]!;
        current[r] = sum;
        if (sum > max) max = sum;
      }
      if (max > 0 && max < SMALL) {
        for (let r = 0; r < size; r++) current[r]! *= BIG;
        exponent -= SCALE_EXPONENT;
      }
      currentStart = previousStart + j1 - k1;
    }
  }
  let answer = current[n - currentStart]!;
  for (let m = 1; m <= n; m++) {
    if (Math.abs(answer) > BIG) {
      answer *= SMALL;
      exponent += SCALE_EXPONENT;
    }
    answer *= m;
  }
  return exponent === 0 ? answer : answer * Math.pow(2, exponent);
}

/**
 * Pelz & Good's (1976) expansion of P(Dₙ <= d) ≈ K₀(z) + K₁(z)/√n + K₂(z)/n +
 * K₃(z)/n^{3/2}, z = d√n, in the theta-function form suited to small z; the
 * large-n branch of Simard & L'Ecuyer.
 */
export function kolmogorovPelzGood(n: number, d: number): number {
  if (d <= 0) return 0;
  if (d >= 1) return 1;
  const pi2 = Math.PI * Math.PI;
  const pi4 = pi2 * pi2;
  const pi6 = pi4 * pi2;
  const sqrt2pi = Math.sqrt(2 * Math.PI);
  const z = Math.sqrt(n) * d;
  const z2 = z * z;
  const z3 = z2 * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  const qlog = -pi2 / 8 / z2;
  if (qlog < -708) return 0;
  let q = Math.exp(qlog);
  const k1a = -z2;
  const k1b = pi2 / 4;
  const k2a = 6 * z6 + 2 * z4;
  const k2b = ((2 * z4 - 5 * z2) * pi2) / 4;
  const k2c = (pi4 * (1 - 2 * z2)) / 16;
  const k3d = (pi6 * (5 - 30 * z2)) / 64;
  const k3c = (pi4 * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (pi2 * (135 * z4 - 96 * z6)) / 4;
  const k3a = -30 * z6 - 90 * z4 * z4;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const maxK = Math.ceil((16 * z) / Math.PI);
  for (let k = maxK; k >= 1; k--) {
    const m = 2 * k - 1;
    const m2 = m * m;
    const m4 = m2 * m2;
    const m6 = m4 * m2;
    const qPower = Math.pow(q, 8 * k);
    s0 = s0 * qPower + 1;
    s1 = s1 * qPower + (k1a + k1b * m2);
    s2 = s2 * qPower + (k2a + k2b * m2 + k2c * m4);
    s3 = s3 * qPower + (k3a + k3b * m2 + k3c * m4 + k3d * m6);
  }
  const common = q * sqrt2pi;
  s0 = (s0 * common) / z;
  s1 = (s1 * common) / (6 * z4);
  s2 = (s2 * common) / (72 * z6 * z);
  s3 = (s3 * common) / (6480 * z6 * z4);
  q = Math.exp(-pi2 / 2 / z2);
  let extra2 = 0;
  let extra3 = 0;
  const sqrt3z = Math.sqrt(3) * z;
  // Summed from k = maxK down, as numpy sums the reversed arange.
  for (let k = maxK; k >= 1; k--) {
    const k2 = k * k;
    const qk = Math.pow(q, k2);
    const kpi = Math.PI * k;
    extra2 += k2 * qk;
    extra3 += (sqrt3z + kpi) * (sqrt3z - kpi) * k2 * qk;
  }
  s2 += (extra2 * pi2 * sqrt2pi) / (-36 * z3);
  s3 += (extra3 * pi2 * sqrt2pi) / (216 * z6);
  const rootN = Math.sqrt(n);
  return s0 + s1 / rootN + s2 / n + s3 / (n * rootN);
}

/** ln(n!/nⁿ) by Stirling's series, without forming n·ln n. */
function logFactorialOverPower(n: number): number {
  return 0.5 * Math.log(n) - n + LOG_SQRT_2PI + stirlingRemainder(n);
}

/**
 * P(Dₙ > d) for the two-sided one-sample Kolmogorov–Smirnov statistic with
 * sample size n (scipy.stats.kstwo.sf), choosing among exact and asymptotic
 * methods as Simard & L'Ecuyer (2011) recommend and as scipy's `_kolmogn`
 * implements: Ruben–Gambino closed forms at the ends of the support,
 * 2·smirnov(n, d) once the two one-sided events cannot overlap (d >= ½) or the
 * overlap is negligible, the Durbin matrix or Pomeranz recursion for small n,
 * and Pelz–Good for large n.
 */
export function kolmogorovSf(n: number, d: number): number {
  if (!(n >= 1) || !Number.isInteger(n) || Number.isNaN(d)) return Number.NaN;
  if (d >= 1) return 0;
  if (d <= 0) return 1;
  const t = n * d;
  if (t <= 1) {
    if (t <= 0.5) return 1;
    let prob: number;
    if (n <= 140) {
      prob = 1;
      for (let i = 1; i <= n; i++) prob *= (i / n) * (2 * t - 1);
    } else {
      prob = Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
    }
    return clip(1 - prob);
  }
  if (t >= n - 1) return clip(2 * Math.pow(1 - d, n));
  if (d >= 0.5) return clip(2 * smirnovSf(n, d));
  const nd2 = t * d;
  if (n <= 140) {
    if (nd2 <= 0.754693) return clip(1 - clip(kolmogorovDurbin(n, d)));
    if (nd2 <= 4) return clip(1 - clip(kolmogorovPomeranz(n, d)));
    return clip(2 * smirnovSf(n, d));
  }
  if (nd2 >= 370) return 0;
  if (nd2 >= 2.2) return clip(2 * smirnovSf(n, d));
  let cdf: number;
  if (nd2 >= 18) cdf = 1;
  else if (n <= 100000 && n * Math.pow(d, 1.5) <= 1.4) cdf = kolmogorovDurbin(n, d);
  else cdf = kolmogorovPelzGood(n, d);
  return clip(1 - cdf);
}

function clip(p: number): number {
  return Math.min(1, Math.max(0, p));
}
