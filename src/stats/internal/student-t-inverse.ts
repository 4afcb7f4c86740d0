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
  const tail = (u: number): number => studentTLowerTail(Math.exp(u), df);
  const slope = (u: number): number => {
    const t = Math.exp(u);
    return -Math.exp(studentTLogPdf(t, df) + u);
  };
  const z = normalIsf(q);
  const z2 = z * z;
  const guesses: number[] = [];
  const cornishFisher = z + (z * (z2 + 1)) / (4 * df) + (z * (5 * z2 * z2 + 16 * z2 + 3)) / (96 * df * df);
  if (cornishFisher > 0) guesses.push(Math.log(cornishFisher));
  // Density ~ c·df^((df+1)/2)·t^(−df−1) with c = e^{studentTLogPdf(0)}, integrated.
  const logC = studentTLogPdf(0, df);
  guesses.push((logC + ((df + 1) / 2) * Math.log(df) - Math.log(df) - Math.log(q)) / df);
  return Math.exp(solveTail(tail, slope, false, q, guesses));
}
