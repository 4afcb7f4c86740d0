import betainc from '@stdlib/math-base-special-betainc';
import { normalIsf } from '../normal-isf';
import { studentTLowerTail } from './student-t-tail';
import { solveTail } from './solve-tail';
import { studentTLogPdf } from './student-t-log-pdf';

/**
 * The t > 0 with P(T > t) = q for q in (0, ½], solving on u = ln t. The
 * Cornish–Fisher expansion starts large-df cases next to the root; the
 * power-law tail P(T > t) ≈ c·df^((df−1)/2)·t^(−df) starts small-df, tiny-q
 * cases (t ≈ 8.8e119 for df = 2.5, q = 1e-300).
 */
export function studentTUpper(q: number, df: number): number {
  if (q === 0.5) return 0;
  if (q === 0) return Number.POSITIVE_INFINITY;
  if (df === Number.POSITIVE_INFINITY) return normalIsf(q);
  // Near the centre (q > ¼) solve P(|T| < t) = I_{t²/(df+t²)}(½, df/2) = 1 − 2q
  // instead: 1 − 2q is exact there and I is computed with full relative
  // precision, while P(T > t) ≈ ½ carries only absolute precision (5e-13
  // relative in t at q = 0.4999, df = 10, against 4e-17 this way).
  const centre = q > 0.25;
  const tail = centre
    ? (u: number): number => {
        const t2 = Math.exp(2 * u);
        return betainc(t2 / (df + t2), 0.5, df / 2, true, false);
      }
    : (u: number): number => studentTLowerTail(Math.exp(u), df);
  const slope = (u: number): number => {
    const t = Math.exp(u);
    return (centre ? 2 : -1) * Math.exp(studentTLogPdf(t, df) + u);
  };
  const z = normalIsf(q);
  const z2 = z * z;
  const guesses: number[] = [];
  const cornishFisher = z + (z * (z2 + 1)) / (4 * df) + (z * (5 * z2 * z2 + 16 * z2 + 3)) / (96 * df * df);
  if (cornishFisher > 0) guesses.push(Math.log(cornishFisher));
  // Density ~ c·df^((df+1)/2)·t^(−df−1) with c = e^{studentTLogPdf(0)}, integrated.
  const logC = studentTLogPdf(0, df);
  const logTail = (logC + ((df + 1) / 2) * Math.log(df) - Math.log(df) - Math.log(q)) / df;
  // The power law is exact in the far tail: past ln(MAX_VALUE) the answer overflows.
  if (logTail > 709.8) return Number.POSITIVE_INFINITY;
  guesses.push(logTail);
  return Math.exp(centre ? solveTail(tail, slope, true, 1 - 2 * q, guesses) : solveTail(tail, slope, false, q, guesses));
}
