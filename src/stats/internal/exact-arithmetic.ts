/**
 * Error-free transformations (Dekker 1971, Knuth TAOCP §4.2.2): a·b and a + b
 * as an unevaluated sum hi + lo of two doubles. Used where a formula built
 * from sums must cancel (Σx² − (Σx)²/n) so that the only error left is the one
 * already in the inputs.
 */

const SPLITTER = 134217729; // 2^27 + 1

/** The rounding error of a·b: a·b = fl(a·b) + productError(a, b) exactly (barring overflow). */
export function productError(a: number, b: number, product: number): number {
  let c = SPLITTER * a;
  const ah = c - (c - a);
  const al = a - ah;
  c = SPLITTER * b;
  const bh = c - (c - b);
  const bl = b - bh;
  return al * bl - (((product - ah * bh) - al * bh) - ah * bl);
}

/**
 * a·b − c·d with one rounding, via exact products: the centred second moment
 * n·Σxy − Σx·Σy of sufficient statistics.
 */
export function productDifference(a: number, b: number, c: number, d: number): number {
  const p = a * b;
  const q = c * d;
  // p − q is exact when the two are within a factor of 2 (Sterbenz), which is
  // precisely when cancellation would otherwise destroy the result.
  return p - q + (productError(a, b, p) - productError(c, d, q));
}
