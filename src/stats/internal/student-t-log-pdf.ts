import gammaln from '@stdlib/math-base-special-gammaln';

/**
 * ln of Student's t density. Only used for Newton step sizes, so the
 * large-df branch may use the asymptotic ln Γ(z + ½) − ln Γ(z) ≈ ½ln z − 1/(8z)
 * + 1/(192z³), which avoids subtracting two lnΓ values of size ~z·ln z.
 */
export function studentTLogPdf(t: number, df: number): number {
  const z = df / 2;
  const ratio = df < 1e4 ? gammaln(z + 0.5) - gammaln(z) : 0.5 * Math.log(z) - 1 / (8 * z) + 1 / (192 * z * z * z);
  return ratio - 0.5 * Math.log(df * Math.PI) - ((df + 1) / 2) * Math.log1p((t * t) / df);
}
