/**
 * Unleash's bucketing (gradualRolloutUserId, flexibleRollout, variants), as in
 * unleash-client's strategy/util module and the Unleash client-specification.
 */
import { murmur3_32, murmur3_32Joined } from './murmur3';

/** Seed Unleash uses for rollout strategies. */
export const UNLEASH_STRATEGY_SEED = 0;
/** Seed Unleash uses when choosing a variant, so variant and rollout are independent. */
export const UNLEASH_VARIANT_SEED = 86028157;

/**
 * How the "groupId:id" text becomes bytes. `utf8` is what Unleash's Rust engine
 * (Yggdrasil) and the Go/Java SDKs hash. `utf16-low-byte` is what the Node SDK
 * (unleash-client, via murmurhash3js) hashes: the low byte of each UTF-16 unit.
 * The two agree on ASCII ids and differ on any other character.
 */
export type UnleashKeyEncoding = 'utf8' | 'utf16-low-byte';

/**
 * Unleash's normalised value of an id within a group: murmur3 of "groupId:id",
 * mod normalizer, plus 1.
 *
 * @param id the stickiness value, e.g. the userId
 * @param groupId the group, by default the feature name
 * @param normalizer number of buckets; 100 for rollouts, the total variant weight for variants
 * @param seed 0 for strategies, 86028157 for variants
 * @param encoding see UnleashKeyEncoding; default utf8
 * @returns an integer in 1..normalizer
 * @example
 * normalizedValue('123', 'gr1') // => a stable integer in 1..100
 */
export function normalizedValue(
  id: string,
  groupId: string,
  normalizer = 100,
  seed: number = UNLEASH_STRATEGY_SEED,
  encoding: UnleashKeyEncoding = 'utf8',
): number {
  if (encoding !== 'utf8') return (murmur3_32(lowBytes(`${groupId}:${id}`), seed) % normalizer) + 1;
  return (murmur3_32Joined(prefixOf(groupId), id, seed) % normalizer) + 1;
}

// Bucketing many ids runs one group at a time; keeping its "groupId:" saves a string per id.
let lastGroup = '';
let lastPrefix = ':';

function prefixOf(groupId: string): string {
  if (groupId !== lastGroup) {
    lastGroup = groupId;
    lastPrefix = `${groupId}:`;
  }
  return lastPrefix;
}

/**
 * Whether an id is inside an Unleash gradual/flexible rollout of `percent`.
 * A user is in when normalizedValue <= percent, so raising the percent only adds users.
 *
 * @param id the stickiness value, e.g. the userId
 * @param groupId the rollout's groupId (Unleash defaults it to the feature name)
 * @param percent rollout percentage, 0..100
 * @param encoding see UnleashKeyEncoding; default utf8
 * @returns true when the id is in the rollout
 * @example
 * isEnabledForPercent('123', 'gr1', 100) // => true
 * isEnabledForPercent('123', 'gr1', 0) // => false
 */
export function isEnabledForPercent(
  id: string,
  groupId: string,
  percent: number,
  encoding: UnleashKeyEncoding = 'utf8',
): boolean {
  return percent > 0 && normalizedValue(id, groupId, 100, UNLEASH_STRATEGY_SEED, encoding) <= percent;
}

/** An Unleash variant definition, reduced to what bucketing reads. */
export interface UnleashVariant {
  readonly name: string;
  readonly weight: number;
}

/**
 * The variant Unleash assigns an id: variants laid end to end by weight, the id's
 * normalised value (variant seed, normalizer = total weight) picks the one it lands in.
 * Overrides and fixed weights are resolved by the caller; this is only the hash step.
 *
 * @param variants the variants in definition order
 * @param id the stickiness value
 * @param groupId the variants' group: the feature name, or the strategy's groupId for strategy variants
 * @param encoding see UnleashKeyEncoding; default utf8
 * @returns the chosen variant, or undefined when there is none or all weights are 0
 * @example
 * selectVariant([{ name: 'a', weight: 50 }, { name: 'b', weight: 50 }], 'u1', 'f') // => one of them
 */
export function selectVariant<V extends UnleashVariant>(
  variants: readonly V[],
  id: string,
  groupId: string,
  encoding: UnleashKeyEncoding = 'utf8',
): V | undefined {
  const total = variants.reduce((sum, v) => sum + v.weight, 0);
  if (total <= 0) return undefined;
  const target = normalizedValue(id, groupId, total, UNLEASH_VARIANT_SEED, encoding);
  let counter = 0;
  for (const v of variants) {
    if (v.weight === 0) continue;
    counter += v.weight;
    if (counter >= target) return v;
  }
  return undefined;
}

function lowBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}
