// The pricing simulator from before the rewrite. Being retired: see
// .rollgate/legacy-lint.yml (no-legacy-simulator) for the sunset date.
export function legacySimulate(prices: number[]): number {
  return prices.reduce((sum, p) => sum + p, 0) / Math.max(1, prices.length);
}

export function legacyBinEdges(prices: number[], bins = 10): number[] {
  const lo = Math.min(...prices);
  const hi = Math.max(...prices);
  return Array.from({ length: bins + 1 }, (_, i) => lo + ((hi - lo) * i) / bins);
}
