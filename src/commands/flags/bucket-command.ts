/**
 * `rollgate flags bucket`: each key's bucket under one flag system's algorithm,
 * so a team can see who is in a rollout before (or after) moving it to Rollgate.
 */
import type { RunContext } from '../../context';
import type { Report } from '../../report/model';
import type { CapabilityResult, RowOutput, SubcommandRun } from '../types';
import { bucketer, bucketRange, bucketSpec, rangeShare, type Algorithm, type BucketSpec } from './algorithms';
import { readKeys } from './keys';

const COMMAND = 'rollgate flags bucket';

export interface BucketResult extends CapabilityResult {
  passed: true;
  algorithm: Algorithm;
  group?: string;
  seed?: string;
  totalWeight?: number;
  range: string;
  keys: number;
}

/** What the algorithm was given, in words, for the headline. */
function inputsText(spec: BucketSpec): string {
  if (spec.algorithm === 'unleash') return `group "${spec.group}"`;
  if (spec.algorithm.startsWith('growthbook')) return `seed "${spec.seed}"`;
  const group = spec.group === undefined ? 'keys hashed as given' : `flag key "${spec.group}" before each key`;
  return spec.algorithm === 'flagd-v2' ? `${group}, total weight ${spec.totalWeight}` : group;
}

function distribution(spec: BucketSpec, buckets: Float64Array): Report['sections'][number] {
  const counts = new Array<number>(10).fill(0);
  for (const bucket of buckets) counts[Math.min(9, Math.floor(rangeShare(spec, bucket) * 10))]!++;
  return {
    title: 'Distribution over the range',
    text: 'A consistent hash spreads keys evenly: each tenth of the range should hold about a tenth of them.',
    table: {
      columns: ['Range', 'Keys', 'Share'],
      rows: counts.map((count, i) => [`${i * 10}–${(i + 1) * 10}%`, String(count), `${((count / buckets.length) * 100).toFixed(1)}%`]),
      align: ['left', 'right', 'right'],
    },
  };
}

/** Rows in batches, so a million keys make a few hundred strings, not a million. */
function rowOutput(keys: readonly string[], buckets: Float64Array): RowOutput {
  return {
    *text() {
      let chunk = '';
      for (let i = 0; i < keys.length; i++) {
        chunk += `${keys[i]}\t${buckets[i]}\n`;
        if (chunk.length >= 65_536) {
          yield chunk;
          chunk = '';
        }
      }
      if (chunk) yield chunk;
    },
    *json() {
      let chunk = '[\n';
      for (let i = 0; i < keys.length; i++) {
        chunk += `  {"key": ${JSON.stringify(keys[i])}, "bucket": ${buckets[i]}}${i + 1 < keys.length ? ',' : ''}\n`;
        if (chunk.length >= 65_536) {
          yield chunk;
          chunk = '';
        }
      }
      yield `${chunk}]\n`;
    },
  };
}

export async function runBucket(ctx: RunContext): Promise<SubcommandRun> {
  const spec = bucketSpec(ctx.inputs ?? {}, COMMAND);
  const keys = await readKeys(ctx, COMMAND);
  const bucketOf = bucketer(spec);
  const buckets = new Float64Array(keys.length);
  for (let i = 0; i < keys.length; i++) buckets[i] = bucketOf(keys[i]!);
  const range = bucketRange(spec);
  const result: BucketResult = {
    passed: true,
    algorithm: spec.algorithm,
    ...(spec.group !== undefined ? { group: spec.group } : {}),
    ...(spec.seed !== undefined ? { seed: spec.seed } : {}),
    ...(spec.algorithm === 'flagd-v2' ? { totalWeight: spec.totalWeight } : {}),
    range,
    keys: keys.length,
  };
  const report: Report = {
    command: 'flags bucket',
    passed: true,
    headline: `${keys.length.toLocaleString('en-US')} key${keys.length === 1 ? '' : 's'} bucketed with ${spec.algorithm} (${inputsText(spec)}); buckets are ${range}`,
    gates: [],
    findings: [],
    sections: [distribution(spec, buckets)],
    outputs: {},
  };
  return { result, report, rows: rowOutput(keys, buckets) };
}
