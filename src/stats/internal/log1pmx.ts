/**
 * log(1 + t) − t without cancellation for small |t|.
 *
 * With u = t/(2 + t), log(1 + t) = 2·atanh(u), and 2u − t = −t²/(2 + t), so
 * log(1 + t) − t = −t²/(2 + t) + 2(u³/3 + u⁵/5 + …). For |t| ≤ ½, u² ≤ 1/9 and
 * the odd series converges to double precision in under 20 terms.
 */
export function log1pmx(t: number): number {
  if (!(Math.abs(t) <= 0.5)) return Math.log1p(t) - t;
  const u = t / (2 + t);
  const u2 = u * u;
  let power = u * u2;
  let sum = 0;
  for (let k = 3; k < 80; k += 2) {
    const term = power / k;
    sum += term;
    if (Math.abs(term) <= 1e-17 * Math.abs(sum)) break;
    power *= u2;
  }
  return (-t * t) / (2 + t) + 2 * sum;
}
