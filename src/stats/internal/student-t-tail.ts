import betainc from '@stdlib/math-base-special-betainc';
import gammaln from '@stdlib/math-base-special-gammaln';

/**
 * P(T < −|t|) for Student's t with `df` degrees of freedom, with full
 * relative precision from the centre (≈ ½) to the far tail.
 *
 * With I = P(|T| < |t|) = I_{t²/(df+t²)}(½, df/2), the tail is (1 − I)/2. Near
 * the centre I is small and (1 − I)/2 is formed directly; once I > ½ the
 * complement comes from the incomplete beta function itself, as
 * I_{df/(df+t²)}(df/2, ½)/2 (or the upper I_{t²/(df+t²)}(½, df/2) while
 * df > 2t², which is the better-conditioned argument there). Neither path
 * subtracts two numbers of similar size.
 *
 * z = df/(df + t²) is formed as r²/(1 + r²) with r = √df/|t| so that |t| up
 * to 1.8e308 does not overflow t², and when z itself is below 1e-20 the
 * leading term of the series, I_z(a, ½) ≈ zᵃ/(a·B(a, ½)), is used in logs
 * (t = 3.2e299, df = 1 gives 1e-300 rather than 0).
 */
export function studentTLowerTail(t: number, df: number): number {
  const at = Math.abs(t);
  if (at === 0) return 0.5;
  if (at === Number.POSITIVE_INFINITY) return 0;
  if (at < 1e150) {
    const t2 = at * at;
    const zCentre = t2 / (df + t2);
    const inner = betainc(zCentre, 0.5, df / 2, true, false);
    if (inner <= 0.5) return 0.5 - inner / 2;
    if (df > 2 * t2) return betainc(zCentre, 0.5, df / 2, true, true) / 2;
  }
  const r = Math.sqrt(df) / at;
  const r2 = r * r;
  const z = r2 / (1 + r2);
  if (z > 1e-20) return betainc(z, df / 2, 0.5, true, false) / 2;
  const a = df / 2;
  const logZ = 2 * Math.log(r) - Math.log1p(r2);
  const logBeta = gammaln(a) + gammaln(0.5) - gammaln(a + 0.5);
  return Math.exp(a * logZ - Math.log(a) - logBeta) / 2;
}
