export function checkPValues(name: string, pValues: ArrayLike<number>): void {
  for (let i = 0; i < pValues.length; i++) {
    const p = pValues[i]!;
    if (!(p >= 0 && p <= 1)) throw new RangeError(`${name}: p-values must be numbers in [0, 1] (index ${i} is ${p})`);
  }
}

/** Indices that sort the p-values ascending (stable). */
export function ascendingOrder(pValues: ArrayLike<number>): Uint32Array {
  const order = new Uint32Array(pValues.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => pValues[a]! - pValues[b]! || a - b);
}
