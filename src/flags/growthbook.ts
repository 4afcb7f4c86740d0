/**
 * GrowthBook's bucketing, as in @growthbook/growthbook's util module and its
 * cross-SDK cases.json, so an experiment moved to Rollgate assigns the same users.
 */
import { FNV_OFFSET, fnv1a32Continue, fnv1a32Decimal } from './fnv1a32';

/** Hash algorithm versions GrowthBook knows; anything else hashes to null. */
export type GrowthBookHashVersion = 1 | 2;

/** A half-open interval [start, end) of the unit line. */
export type BucketRange = readonly [start: number, end: number];

/**
 * GrowthBook's hash of a seed and an attribute value onto [0, 1).
 * v1 is kept only because old experiments use it: it is biased and has 1000 steps.
 * v2 hashes the decimal text of a first hash, which removes the seed/value
 * correlation of v1, and has 10000 steps.
 *
 * @param seed experiment seed (usually the experiment or feature key)
 * @param value the hashed attribute's value, e.g. the user id
 * @param version 1 or 2; any other number gives null, as the SDK does
 * @returns a number in [0, 1), or null for an unknown version
 * @example
 * hash('', 'a', 1) // => 0.22
 * hash('seed', 'a', 2) // => 0.0505
 * hash('abc', 'def', 99) // => null
 */
export function hash(seed: string, value: string, version: number): number | null {
  // The pieces are folded in one after the other rather than joined first: the
  // same hash without a string built per call.
  if (version === 2) return (fnv1a32Decimal(fnv1a32Continue(fnv1a32Continue(FNV_OFFSET, seed), value) >>> 0) % 10000) / 10000;
  // Note the order: v1 puts the value first, v2 the seed.
  if (version === 1) return ((fnv1a32Continue(fnv1a32Continue(FNV_OFFSET, value), seed) >>> 0) % 1000) / 1000;
  return null;
}

/**
 * Whether n lies in a half-open range.
 *
 * @param n a hash value in [0, 1)
 * @param range [start, end)
 * @returns start <= n < end
 * @example
 * inRange(0.5, [0.5, 1]) // => true
 */
export function inRange(n: number, range: BucketRange): boolean {
  return n >= range[0] && n < range[1];
}

/**
 * Equal weights for n variations.
 *
 * @param n number of variations
 * @returns n copies of 1/n, or [] when n <= 0
 * @example
 * getEqualWeights(4) // => [0.25, 0.25, 0.25, 0.25]
 */
export function getEqualWeights(n: number): number[] {
  if (n <= 0) return [];
  return new Array<number>(n).fill(1 / n);
}

/**
 * Variation ranges for an experiment. Each variation keeps its slot start whatever
 * the coverage, so raising coverage only adds users to a variation and never moves
 * one between variations.
 *
 * @param numVariations number of variations
 * @param coverage share of traffic included, clamped to [0, 1]; default 1
 * @param weights per-variation weights; replaced by equal weights when missing,
 *   of the wrong length, or not summing to 1 within 0.01 (as the SDK does)
 * @returns one [start, end) range per variation
 * @example
 * getBucketRanges(2, 0.5) // => [[0, 0.25], [0.5, 0.75]]
 */
export function getBucketRanges(
  numVariations: number,
  coverage = 1,
  weights?: readonly number[] | null,
): BucketRange[] {
  if (numVariations <= 0) return [];
  const cover = Math.min(1, Math.max(0, coverage));
  // One loop each, in the SDK's order of summation, so the same weights give the same ranges bit for bit.
  let w: readonly number[] | undefined = weights && weights.length === numVariations ? weights : undefined;
  if (w) {
    let total = 0;
    for (let i = 0; i < w.length; i++) total += w[i]!;
    if (total < 0.99 || total > 1.01) w = undefined;
  }
  const equal = 1 / numVariations;
  const ranges = new Array<BucketRange>(numVariations);
  let cumulative = 0;
  for (let i = 0; i < numVariations; i++) {
    const x = w ? w[i]! : equal;
    const start = cumulative;
    cumulative += x;
    ranges[i] = [start, start + cover * x];
  }
  return ranges;
}

/**
 * The variation whose range holds n.
 *
 * @param n a hash value in [0, 1)
 * @param ranges ranges from getBucketRanges
 * @returns the index of the first range holding n, or -1 (user not in the experiment)
 * @example
 * chooseVariation(0.4, [[0, 0.25], [0.5, 0.75]]) // => -1
 */
export function chooseVariation(n: number, ranges: readonly BucketRange[]): number {
  for (let i = 0; i < ranges.length; i++) {
    if (inRange(n, ranges[i]!)) return i;
  }
  return -1;
}

/**
 * Whether a user falls in a namespace slice. GrowthBook always uses hash v1 with
 * seed "__" + namespace id here, whatever the experiment's own hash version.
 *
 * @param hashValue the user's hash attribute value
 * @param namespace [id, start, end)
 * @returns true when the namespace hash is in [start, end)
 * @example
 * inNamespace('1', ['namespace1', 0.4, 1]) // => true
 */
export function inNamespace(
  hashValue: string,
  namespace: readonly [id: string, start: number, end: number],
): boolean {
  const n = hash('__' + namespace[0], hashValue, 1);
  if (n === null) return false;
  return n >= namespace[1] && n < namespace[2];
}

/**
 * Whether a user is in a GrowthBook percentage rollout (a force rule with coverage),
 * decided as the SDK's isIncludedInRollout does: hash <= coverage, with coverage 0
 * and an empty id always out. Monotone in coverage, since the hash does not depend on it.
 *
 * @param seed the rule's seed, or the feature key when the rule has none
 * @param value the user's hash attribute value
 * @param coverage share of users to include, in [0, 1]
 * @param version hash version; default 1, as the SDK assumes when a rule names none
 * @returns true when included; false for an unknown hash version
 * @example
 * inRollout('seed', 'a', 0.1, 2) // => true (hash is 0.0505)
 */
export function inRollout(seed: string, value: string, coverage: number, version: number = 1): boolean {
  if (coverage === 0 || value === '') return false;
  const n = hash(seed, value, version);
  return n !== null && n <= coverage;
}
