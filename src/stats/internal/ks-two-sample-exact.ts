/**
 * Exact two-sided p-value P(D_{m,n} >= h/lcm(m, n)) of the two-sample
 * Kolmogorov–Smirnov statistic under H0 (continuous data, no ties).
 *
 * D >= h/lcm exactly when the lattice path of the merged sample, from (0, 0)
 * to (m, n), touches the band edges |x/m − y/n| >= h/lcm, i.e.
 * |n'x − m'y| >= h with m' = m/g, n' = n/g. Following Viehmann (2021,
 * arXiv:2102.08037) the recursion tracks, for each lattice point, the
 * probability B(x, y) that a uniformly random path to it has already left the
 * band: B = 1 outside, B(0, 0) = 0, and inside
 *   B(x, y) = (x·B(x − 1, y) + y·B(x, y − 1))/(x + y),
 * since a random path reaches (x, y) from the left with probability x/(x + y).
 * Every step is a convex combination of numbers in [0, 1], so even p-values
 * of 1e-300 come out with full relative precision, and only the band (a
 * window of each column) is stored. B(m, n) is the p-value.
 */
export function ksTwoSampleExactPValue(m: number, n: number, h: number): number {
  if (h <= 0) return 1;
  if (m < n) [m, n] = [n, m];
  if (m === n) return outsideSquare(n, h);
  const g = gcd(m, n);
  const mg = m / g;
  const ng = n / g;
  // Column x = i holds y with (ng·i − h)/mg < y < (ng·i + h)/mg.
  let previous = new Float64Array(n + 1);
  let current = new Float64Array(n + 1);
  let previousLow = 0;
  let previousHigh = Math.min(Math.ceil(h / mg), n + 1); // exclusive
  // Column 0: inside points have B = 0 (the path is still inside).
  for (let y = previousLow; y < previousHigh; y++) previous[y] = 0;
  for (let i = 1; i <= m; i++) {
    const low = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    const high = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (high <= low) return 1;
    let below = low === 0 ? 0 : 1;
    for (let y = low; y < high; y++) {
      const left = y >= previousLow && y < previousHigh ? previous[y]! : 1;
      below = (left * i + below * y) / (i + y);
      current[y] = below;
    }
    [previous, current] = [current, previous];
    previousLow = low;
    previousHigh = high;
  }
  return previousHigh === n + 1 ? previous[n]! : 1;
}

/**
 * Equal sample sizes: P(D_{n,n} >= h/n) = 2Σ_{k>=1} (−1)^{k−1} C(2n, n − kh)/C(2n, n),
 * evaluated as 2·A₁(1 − A₂(1 − A₃(…))) with Aₖ = C(2n, n − kh)/C(2n, n − (k−1)h)
 * built from h simple factors each, which avoids the cancelling alternating sum.
 */
function outsideSquare(n: number, h: number): number {
  let p = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let ratio = 1;
    for (let j = 0; j < h; j++) ratio = ((n - k * h - j) * ratio) / (n + k * h + j + 1);
    p = ratio * (1 - p);
  }
  return 2 * p;
}

export function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}
