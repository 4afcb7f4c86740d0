import { legacySimulate } from '../legacy/simulator';
import { legacyBinEdges } from '../legacy/simulator';

// A known use, recorded in .rollgate/legacy-baseline.json: it may stay until the sunset.
export function quote(prices: number[]): { mean: number; edges: number[] } {
  return { mean: legacySimulate(prices), edges: legacyBinEdges(prices) };
}
