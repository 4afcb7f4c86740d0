/**
 * Error-free transformations (Dekker 1971, Knuth TAOCP §4.2.2): a·b and a + b
 * as an unevaluated sum hi + lo of two doubles. Used where a formula built
 * from sums must cancel (Σx² − (Σx)²/n) so that the only error left is the one
 * already in the inputs.
 */

const SPLITTER = 134217729; // 2^27 + 1

function split(a: number): [number, number] {
  const c = SPLITTER * a;
  const hi = c - (c - a);
  return [hi, a - hi];
}

/** a·b = hi + lo exactly (barring overflow). */
export function twoProduct(a: number, b: number): [number, number] {
  const hi = a * b;
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  const lo = al * bl - (((hi - ah * bh) - al * bh) - ah * bl);
  return [hi, lo];
}

/**
 * a·b − c·d with one rounding, via exact products: the centred second moment
 * n·Σxy − Σx·Σy of sufficient statistics.
 */
export function productDifference(a: number, b: number, c: number, d: number): number {
  const [p, pe] = twoProduct(a, b);
  const [q, qe] = twoProduct(c, d);
  // p − q is exact when the two are within a factor of 2 (Sterbenz), which is
  // precisely when cancellation would otherwise destroy the result.
  return p - q + (pe - qe);
}
