/** Consistent bucketing compatible with Unleash, flagd and GrowthBook. */
export { murmur3_32 } from './murmur3';
export { fnv1a32 } from './fnv1a32';
export { cborEncode, type JsonValue } from './cbor';
export {
  normalizedValue,
  isEnabledForPercent,
  selectVariant,
  UNLEASH_STRATEGY_SEED,
  UNLEASH_VARIANT_SEED,
  type UnleashKeyEncoding,
  type UnleashVariant,
} from './unleash';
export {
  fractional,
  fractionalBucket,
  fractionalHash,
  implicitBucketingValue,
  inFractionalRollout,
  type FractionalBucket,
  type FractionalVersion,
} from './flagd';
export {
  hash as growthbookHash,
  inRange,
  getEqualWeights,
  getBucketRanges,
  chooseVariation,
  inNamespace,
  inRollout as inGrowthBookRollout,
  type BucketRange,
  type GrowthBookHashVersion,
} from './growthbook';
