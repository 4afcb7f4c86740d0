/**
 * Inverts a monotone tail probability F(u) = target by safeguarded Newton
 * steps on ln F, the scale on which every tail of interest here (normal-like,
 * power-law, log-gamma) is close to linear, so the iteration converges from a
 * rough guess and stays accurate for targets down to 1e-300.
 *
 * `u` is whatever variable the caller chose (usually ln x, so that relative
 * accuracy in x is absolute accuracy in u). The root is kept in a bracket
 * that shrinks every step; a step that would leave it is replaced by
 * bisection (or by doubling outwards while one side is still unbounded).
 *
 * @param tail - F(u), a probability, monotone in u
 * @param slope - dF/du
 * @param increasing - whether F increases with u
 * @param target - the probability wanted, in (0, 1)
 * @param guesses - starting points; the one whose F is closest on the log scale wins
 * @param scale - the |u| below which the tolerance is absolute (1 for log variables)
 */
export function solveTail(
  tail: (u: number) => number,
  slope: (u: number) => number,
  increasing: boolean,
  target: number,
  guesses: readonly number[],
  scale = 1,
): number {
  const logTarget = Math.log(target);
  let lo = Number.NEGATIVE_INFINITY;
  let hi = Number.POSITIVE_INFINITY;
  let u = Number.NaN;
  let value = Number.NaN;
  let bestGap = Number.POSITIVE_INFINITY;
  for (const guess of guesses) {
    if (!Number.isFinite(guess)) continue;
    const f = tail(guess);
    const gap = Math.abs(Math.log(f) - logTarget);
    // A point with F beyond the target (in the direction F grows) lies past the root.
    if (f > target === increasing) hi = Math.min(hi, guess);
    else lo = Math.max(lo, guess);
    if (gap < bestGap || Number.isNaN(u)) {
      bestGap = gap;
      u = guess;
      value = f;
    }
  }
  if (Number.isNaN(u)) return Number.NaN;
  for (let iteration = 0; iteration < 400; iteration++) {
    if (value === target) return u;
    const g = Math.log(value) - logTarget;
    if (value > target === increasing) hi = Math.min(hi, u);
    else lo = Math.max(lo, u);
    const derivative = slope(u) / value;
    let next = u - g / derivative;
    const tolerance = 4.440892098500626e-16 * Math.max(Math.abs(u), scale);
    // A step below the resolution of u is convergence, even if it lands on a bracket end.
    if (Math.abs(next - u) <= tolerance) return next;
    if (!(next > lo && next < hi)) next = fallback(lo, hi, u);
    if (hi - lo <= tolerance) return next;
    u = next;
    value = tail(u);
  }
  return u;
}

function fallback(lo: number, hi: number, u: number): number {
  const width = Math.max(1, Math.abs(u));
  if (lo === Number.NEGATIVE_INFINITY) return hi - 2 * width;
  if (hi === Number.POSITIVE_INFINITY) return lo + 2 * width;
  return lo + (hi - lo) / 2;
}
