/**
 * Average ranks (1-based, ties share the mean of their positions) of the
 * concatenation of x and y, plus Σ(t³ − t) over tie groups, in one sort of an
 * index array (no per-element objects).
 */
export function rankTwoSamples(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
): { rankSumX: number; tieTerm: number; hasTies: boolean } {
  const n1 = x.length;
  const n = n1 + y.length;
  const values = new Float64Array(n);
  for (let i = 0; i < n1; i++) values[i] = x[i]!;
  for (let i = n1; i < n; i++) values[i] = y[i - n1]!;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => values[a]! - values[b]!);
  let rankSumX = 0;
  let tieTerm = 0;
  let start = 0;
  while (start < n) {
    const value = values[order[start]!]!;
    let end = start + 1;
    while (end < n && values[order[end]!]! === value) end++;
    // Positions start+1 … end share the rank (start + 1 + end)/2.
    const rank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) if (order[k]! < n1) rankSumX += rank;
    const t = end - start;
    if (t > 1) tieTerm += t * t * t - t;
    start = end;
  }
  return { rankSumX, tieTerm, hasTies: tieTerm > 0 };
}
