/**
 * The bucketing algorithms `rollgate flags bucket` offers, what each one hashes,
 * and the bucket it reports, as the flag system itself defines it. Which of
 * --group and --seed an algorithm reads follows from what its SDK hashes.
 */
import { UserError } from '../../errors';
import { fractionalBucket, fractionalHash, growthbookHash, normalizedValue } from '../../flags/index';
import { didYouMean } from '../../cli/suggest';

export const ALGORITHMS = ['unleash', 'flagd-v1', 'flagd-v2', 'growthbook-v1', 'growthbook-v2'] as const;
export type Algorithm = (typeof ALGORITHMS)[number];

/** flagd caps the sum of fractional weights at int32's maximum. */
export const MAX_TOTAL_WEIGHT = 0x7fffffff;

export interface BucketSpec {
  algorithm: Algorithm;
  /** unleash: the groupId; flagd: the flag key put before each key. */
  group?: string;
  /** growthbook: the experiment seed. */
  seed?: string;
  /** flagd-v2: the sum of the fractional weights the bucket indexes into. */
  totalWeight: number;
}

interface Rule {
  group: 'required' | 'optional' | 'unused';
  seed: 'required' | 'unused';
  /** Said when the user passes an option the algorithm does not read. */
  unusedWhy: string;
  /** Said when a required option is missing. */
  requiredWhy: string;
}

const FLAGD: Rule = {
  group: 'optional',
  seed: 'unused',
  unusedWhy: 'flagd hashes the bucketing value with murmur3 seed 0; to bucket as flagd does by default (flag key + targeting key), give the flag key as --group',
  requiredWhy: '',
};
const GROWTHBOOK: Rule = {
  group: 'unused',
  seed: 'required',
  unusedWhy: 'GrowthBook hashes the experiment seed together with the key; give the seed as --seed',
  requiredWhy: 'the experiment seed, hashed with each key (GrowthBook uses the experiment key when an experiment sets no seed, the feature key for a rollout rule)',
};
const RULES: Record<Algorithm, Rule> = {
  unleash: {
    group: 'required',
    seed: 'unused',
    unusedWhy: 'Unleash hashes "GROUP:KEY" with a fixed murmur3 seed; give the rollout\'s groupId as --group',
    requiredWhy: 'the rollout\'s groupId, hashed as "GROUP:KEY" (Unleash defaults it to the feature name)',
  },
  'flagd-v1': FLAGD,
  'flagd-v2': FLAGD,
  'growthbook-v1': GROWTHBOOK,
  'growthbook-v2': GROWTHBOOK,
};

/** The bucket each algorithm prints, for help and for the report. */
export function bucketRange(spec: Pick<BucketSpec, 'algorithm' | 'totalWeight'>): string {
  switch (spec.algorithm) {
    case 'unleash':
      return 'integer 1..100';
    case 'flagd-v1':
      return 'integer percent 0..99';
    case 'flagd-v2':
      return `integer 0..${spec.totalWeight - 1}`;
    case 'growthbook-v1':
      return '[0, 1) in steps of 0.001';
    case 'growthbook-v2':
      return '[0, 1) in steps of 0.0001';
  }
}

function text(inputs: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = inputs[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Reads and checks --algorithm, --group, --seed and --total-weight: a wrong
 * combination is a usage error that says what the algorithm hashes instead.
 */
export function bucketSpec(inputs: Readonly<Record<string, unknown>>, command = 'rollgate flags bucket'): BucketSpec {
  const name = text(inputs, 'algorithm');
  if (name === undefined) throw new UserError(`--algorithm is required: one of ${ALGORITHMS.join(', ')}; see ${command} --help`);
  if (!(ALGORITHMS as readonly string[]).includes(name)) {
    throw new UserError(`--algorithm: unknown "${name}"${didYouMean(name, ALGORITHMS) || '.'} Choose one of ${ALGORITHMS.join(', ')}`);
  }
  const algorithm = name as Algorithm;
  const rule = RULES[algorithm];
  const group = text(inputs, 'group');
  const seed = text(inputs, 'seed');
  if (group !== undefined && rule.group === 'unused') throw new UserError(`--group is not used by ${algorithm}: ${rule.unusedWhy}`);
  if (seed !== undefined && rule.seed === 'unused') throw new UserError(`--seed is not used by ${algorithm}: ${rule.unusedWhy}`);
  if (group === undefined && rule.group === 'required') throw new UserError(`--group is required for ${algorithm}: ${rule.requiredWhy}`);
  if (seed === undefined && rule.seed === 'required') throw new UserError(`--seed is required for ${algorithm}: ${rule.requiredWhy}`);
  return { algorithm, group, seed, totalWeight: totalWeight(inputs, algorithm) };
}

function totalWeight(inputs: Readonly<Record<string, unknown>>, algorithm: Algorithm): number {
  const raw = text(inputs, 'total-weight');
  if (raw === undefined) return 100;
  if (algorithm !== 'flagd-v2') {
    throw new UserError(`--total-weight applies to flagd-v2 only, whose bucket indexes the sum of the fractional weights; ${algorithm}'s bucket is an ${bucketRange({ algorithm, totalWeight: 100 })} whatever the weights`);
  }
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !(value >= 1 && value <= MAX_TOTAL_WEIGHT)) {
    throw new UserError(`--total-weight: expected the sum of the fractional weights, a whole number from 1 to ${MAX_TOTAL_WEIGHT}; found "${raw}"`);
  }
  return value;
}

/**
 * flagd v1's percent: |int32 hash| over int32's maximum, times 100, truncated.
 * The one hash at int32's minimum gives 100, which no v1 bucket holds.
 */
export function flagdV1Percent(hash: number): number {
  return Math.trunc((Math.abs(hash | 0) / 0x7fffffff) * 100);
}

/** The function from a key to its bucket, with the spec's options bound once. */
export function bucketer(spec: BucketSpec): (key: string) => number {
  const group = spec.group ?? '';
  const seed = spec.seed ?? '';
  switch (spec.algorithm) {
    case 'unleash':
      return (key) => normalizedValue(key, group);
    case 'flagd-v1':
      return (key) => flagdV1Percent(fractionalHash(group + key, 'v1'));
    case 'flagd-v2':
      return (key) => fractionalBucket(fractionalHash(group + key, 'v2'), spec.totalWeight);
    case 'growthbook-v1':
      return (key) => growthbookHash(seed, key, 1)!;
    case 'growthbook-v2':
      return (key) => growthbookHash(seed, key, 2)!;
  }
}

/** Where a bucket lies in the algorithm's range, as a fraction in [0, 1), for the distribution table. */
export function rangeShare(spec: BucketSpec, bucket: number): number {
  switch (spec.algorithm) {
    case 'unleash':
      return (bucket - 1) / 100;
    case 'flagd-v1':
      return Math.min(bucket, 99) / 100;
    case 'flagd-v2':
      return bucket / spec.totalWeight;
    default:
      return bucket;
  }
}
