/**
 * flagd's `fractional` operator, the bucketing step only (what JSONLogic hands it,
 * not JSONLogic itself). Three generations of semantics exist and the flagd
 * testbed tags vectors by them:
 * - v1 (flagd before the high-precision change): int32 murmur3 of the UTF-8 key,
 *   |h| / (2^31-1) * 100 truncated to a percent, cumulative integer percentages.
 * - v2 (flagd today, @openfeature/flagd-core 4.x): unsigned murmur3 of the UTF-8
 *   key, bucket = (h * totalWeight) >> 32, first variant whose running weight exceeds it.
 * - v3 (flagd ADR "fractional non-string randomisation units", in providers' PRs):
 *   as v2, but the hashed bytes are deterministic CBOR of the value, so numbers,
 *   booleans, objects and arrays can be bucketing keys.
 * v2 is the default since that is what current flagd and its JS core compute.
 */
import { cborEncode, type JsonValue } from './cbor';
import { murmur3_32 } from './murmur3';

export type { JsonValue } from './cbor';

/** Which flagd fractional semantics to follow; see the module comment. */
export type FractionalVersion = 'v1' | 'v2' | 'v3';

/**
 * One `fractional` bucket: [variant, weight]. A missing weight means 1, the
 * shorthand flagd accepts; negative weights count as 0, as in flagd.
 */
export type FractionalBucket<V> = readonly [variant: V, weight?: number];

/**
 * The value flagd buckets on when a `fractional` has no explicit first argument.
 * v1/v2 run flag key and targeting key together as one string; v3 hashes the pair
 * [flagKey, targetingKey]. Only a string targeting key qualifies (the testbed's
 * v3 "invalid implicit inputs" rows fall back to the default variant otherwise).
 *
 * @param flagKey the flag's key
 * @param targetingKey the evaluation context's targetingKey, whatever its type
 * @param version fractional semantics; default v2
 * @returns the value to pass to fractional(), or undefined when there is no usable targeting key
 * @example
 * implicitBucketingValue('my-flag', 'user-1') // => 'my-flaguser-1'
 * implicitBucketingValue('my-flag', 'user-1', 'v3') // => ['my-flag', 'user-1']
 */
export function implicitBucketingValue(
  flagKey: string,
  targetingKey: unknown,
  version: FractionalVersion = 'v2',
): JsonValue | undefined {
  if (typeof targetingKey !== 'string' || targetingKey === '') return undefined;
  return version === 'v3' ? [flagKey, targetingKey] : flagKey + targetingKey;
}

/**
 * The 32-bit murmur3 flagd computes for a bucketing value.
 *
 * @param value the bucketing value; v1/v2 stringify non-strings, v3 encodes them as CBOR
 * @param version fractional semantics; default v2
 * @returns the unsigned 32-bit hash
 * @example
 * fractionalHash('ejOoVL') // => 0
 */
export function fractionalHash(value: JsonValue, version: FractionalVersion = 'v2'): number {
  if (version === 'v3') return murmur3_32(cborEncode(value));
  return murmur3_32(typeof value === 'string' ? value : String(value));
}

/**
 * flagd's `fractional`: which variant a bucketing value lands in.
 *
 * @param value the bucketing value (e.g. flagKey + userId; see implicitBucketingValue)
 * @param buckets [variant, weight] pairs in definition order
 * @param version fractional semantics; default v2
 * @returns the variant, or null when no bucket takes the value (all weights 0,
 *   no buckets, or v1's edge where |int32 min| rounds past 100)
 * @example
 * fractional('fractional-flagjack', [['clubs', 25], ['diamonds', 25], ['hearts', 25], ['spades', 25]]) // => 'hearts'
 */
export function fractional<V>(
  value: JsonValue,
  buckets: readonly FractionalBucket<V>[],
  version: FractionalVersion = 'v2',
): V | null {
  // Plain loops: this runs per evaluation, and map/reduce allocated on every call.
  let total = 0;
  for (let i = 0; i < buckets.length; i++) total += weightOf(buckets[i]!);
  if (total <= 0) return null;
  const h = fractionalHash(value, version);
  if (version === 'v1') {
    const percent = Math.trunc((Math.abs(h | 0) / 0x7fffffff) * 100);
    let end = 0;
    for (let i = 0; i < buckets.length; i++) {
      end += Math.trunc((weightOf(buckets[i]!) * 100) / total);
      if (percent < end) return buckets[i]![0];
    }
    return null;
  }
  const bucket = fractionalBucket(h, total);
  let end = 0;
  for (let i = 0; i < buckets.length; i++) {
    end += weightOf(buckets[i]!);
    if (end > bucket) return buckets[i]![0];
  }
  return null;
}

function weightOf(bucket: FractionalBucket<unknown>): number {
  return Math.max(0, bucket[1] ?? 1);
}

/**
 * v2/v3 bucket index of a hash among totalWeight slots: floor(h * totalWeight / 2^32),
 * computed exactly (h * totalWeight can pass 2^53).
 *
 * @param hash unsigned 32-bit hash
 * @param totalWeight sum of the bucket weights, at most 2^31-1 as in flagd
 * @returns an integer in [0, totalWeight)
 * @example
 * fractionalBucket(2147483648, 100) // => 50
 */
export function fractionalBucket(hash: number, totalWeight: number): number {
  const h = hash >>> 0;
  // Below 2^21 the product stays under 2^53, so doubles are exact and BigInt is not needed.
  if (totalWeight <= 0x200000) return Math.floor((h * totalWeight) / 0x100000000);
  // Otherwise split h into 16-bit halves: each partial product is below 2^47, and
  // floor((hi*T*2^16 + lo*T) / 2^32) = floor((hi*T + floor(lo*T / 2^16)) / 2^16).
  const high = (h >>> 16) * totalWeight;
  const low = (h & 0xffff) * totalWeight;
  return Math.floor((high + Math.floor(low / 0x10000)) / 0x10000);
}

/**
 * Whether a bucketing value is in a `percent` rollout expressed as flagd
 * fractional [["on", percent], ["off", 100 - percent]]. Raising percent only adds values.
 *
 * @param value the bucketing value
 * @param percent 0..100, integer as flagd weights are
 * @param version fractional semantics; default v2
 * @returns true when the value lands in the "on" bucket
 * @example
 * inFractionalRollout('my-flaguser-1', 100) // => true
 */
export function inFractionalRollout(value: JsonValue, percent: number, version: FractionalVersion = 'v2'): boolean {
  return fractional(value, [[true, percent], [false, 100 - percent]], version) === true;
}
