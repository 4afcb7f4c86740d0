/**
 * `rollgate flags bucket` against the published vectors (Unleash client
 * specification, GrowthBook cases.json, the flagd testbed) and the SDKs
 * themselves, through the in-process CLI.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { growthbookHash, murmur3_32 } from '../../src/flags/index';
import { cli } from '../helpers/cli';
import { hasSharedFixtures, sharedFixture, sharedSkipReason } from '../helpers/fixtures';
import { tempProject } from '../helpers/workspace';
import { flagDefinition, flagdVectors, type FlagdVector } from './cli-vectors';

const require = createRequire(import.meta.url);
// unleash-client has no export map; its util module is the one its strategies call.
const unleashUtil = require('unleash-client/lib/strategy/util') as { normalizedStrategyValue(id: string, groupId: string): number };

interface Row {
  key: string;
  bucket: number;
}

async function buckets(args: string[], cwd = tempProject()): Promise<Row[]> {
  const run = await cli(['flags', 'bucket', ...args, '--json'], { cwd });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Row[];
}

// --key=K, so that a key starting with '-' is not read as an option.
const keyArgs = (keys: readonly string[]) => keys.map((key) => `--key=${key}`);
const skipTitle = (title: string) => (hasSharedFixtures ? title : `${title} (skipped: ${sharedSkipReason})`);

describe.skipIf(!hasSharedFixtures)(skipTitle('flags bucket: Unleash client-specification'), () => {
  interface Spec {
    state: { features: { name: string; strategies: { name: string; parameters?: Record<string, string> }[] }[] };
    tests: { description: string; context: Record<string, string>; toggleName: string; expectedResult: boolean }[];
  }
  for (const file of ['03-gradual-rollout-user-id-strategy.json', '10-flexible-rollout-strategy.json']) {
    it(`${file}: bucket <= percent exactly when the suite expects the feature on`, async () => {
      const spec = JSON.parse(readFileSync(sharedFixture('bucketing', 'unleash', file), 'utf8')) as Spec;
      let compared = 0;
      for (const t of spec.tests) {
        const feature = spec.state.features.find((f) => f.name === t.toggleName)!;
        if (feature.strategies.length !== 1) continue;
        const [strategy] = feature.strategies;
        const p = strategy!.parameters ?? {};
        const percent = Number(p.percentage ?? p.rollout);
        const stickiness = strategy!.name === 'gradualRolloutUserId' ? 'userId' : p.stickiness ?? 'default';
        const id = stickiness === 'default' ? t.context.userId ?? t.context.sessionId : t.context[stickiness];
        // Without an id Unleash hashes a random value; those rows test the strategy, not the hash.
        if (id === undefined) continue;
        const group = p.groupId ?? feature.name;
        const [row] = await buckets(['--algorithm', 'unleash', '--group', group, '--key', id]);
        expect(row!.bucket, t.description).toBe(unleashUtil.normalizedStrategyValue(id, group));
        expect(percent > 0 && row!.bucket <= percent, t.description).toBe(t.expectedResult);
        compared++;
      }
      expect(compared).toBeGreaterThanOrEqual(4);
    });
  }
});

describe.skipIf(!hasSharedFixtures)(skipTitle('flags bucket: GrowthBook cases.json'), () => {
  it('prints the published hash of every v1 and v2 case', async () => {
    const cases = (JSON.parse(readFileSync(sharedFixture('bucketing', 'growthbook', 'cases.json'), 'utf8')) as { hash: [string, string, number, number | null][] }).hash;
    const known = cases.filter(([, , version]) => version === 1 || version === 2);
    expect(known.length).toBe(14);
    for (const [seed, value, version, expected] of known) {
      const [row] = await buckets(['--algorithm', `growthbook-v${version}`, '--seed', seed, '--key', value]);
      expect(row, `${seed}|${value}|v${version}`).toEqual({ key: value, bucket: expected });
    }
  });
});

/** What --group and --key are for a testbed flag, from how its fractional forms the bucketing value. */
function bucketInputs(vector: FlagdVector, first: unknown): { group?: string; key: string } | undefined {
  if (Array.isArray(first)) return { group: vector.flagKey, key: vector.targetingKey! };
  const expression = first as { var?: string; cat?: [unknown, { var: string }] };
  if (expression.var === 'targetingKey') return { key: vector.targetingKey! };
  if (expression.cat && expression.cat[1].var === 'user.name') {
    const head = expression.cat[0] as string | { var: string };
    const group = typeof head === 'string' ? head : head.var === '$flagd.flagKey' ? vector.flagKey : undefined;
    const user = vector.attributes.user as Record<string, string>;
    return group === undefined ? undefined : { group, key: user.name! };
  }
  return undefined;
}

describe.skipIf(!hasSharedFixtures)(skipTitle('flags bucket: flagd testbed @fractional-v1/v2 rows'), () => {
  it('puts every row in the bucket of the variant the testbed expects', async () => {
    let compared = 0;
    for (const vector of flagdVectors()) {
      const flag = flagDefinition(vector);
      const args = flag.targeting.fractional;
      const inputs = bucketInputs(vector, args[0]);
      if (!inputs) continue;
      const pairs = (Array.isArray(args[0]) ? args : args.slice(1)) as [string, number?][];
      const weights = pairs.map(([, weight = 1]) => Math.max(0, weight));
      const total = weights.reduce((a, b) => a + b, 0);
      const [row] = await buckets([
        '--algorithm', `flagd-${vector.version}`,
        ...(inputs.group !== undefined ? ['--group', inputs.group] : []),
        ...(vector.version === 'v2' ? ['--total-weight', String(total)] : []),
        '--key', inputs.key,
      ]);
      // v1 lays variants out in cumulative integer percents, v2 in cumulative weights.
      let end = 0;
      const index = weights.findIndex((w) => (end += vector.version === 'v1' ? Math.trunc((w * 100) / total) : w) > row!.bucket);
      const variant = index === -1 ? flag.defaultVariant : pairs[index]![0];
      expect(flag.variants[variant], `${vector.name}: bucket ${row!.bucket}`).toBe(vector.expected);
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(40);
  });
});

describe('flags bucket: many keys from a file', () => {
  const N = 100_000;
  const keys = Array.from({ length: N }, (_, i) => (i % 3 === 0 ? `user-${i}` : i % 3 === 1 ? `${(i * 2654435761) >>> 0}@example.com` : `${i.toString(36)}-${(i * 40503) % 9973}`));

  it(`buckets ${N.toLocaleString('en-US')} keys from --keys-file exactly as unleash-client does, in --json as [{key, bucket}]`, async () => {
    const cwd = tempProject({ 'users.txt': `${keys.join('\n')}\n` });
    const rows = await buckets(['--algorithm', 'unleash', '--group', 'checkout', '--keys-file', 'users.txt'], cwd);
    expect(rows.length).toBe(N);
    expect(Object.keys(rows[0]!)).toEqual(['key', 'bucket']);
    expect(rows.map((r) => r.key)).toEqual(keys);
    const mismatches = rows.filter((r) => r.bucket !== unleashUtil.normalizedStrategyValue(r.key, 'checkout'));
    expect(mismatches).toEqual([]);
  });

  it('prints KEY<TAB>BUCKET lines on stdout and the summary on stderr', async () => {
    const cwd = tempProject({ 'users.txt': `\uFEFF${keys.slice(0, 1000).join('\r\n')}\r\n\r\n` });
    const run = await cli(['flags', 'bucket', '--algorithm', 'growthbook-v2', '--seed', 'exp-1', '--keys-file', 'users.txt', '--key', 'first'], { cwd });
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.length).toBe(1001);
    const expected = ['first', ...keys.slice(0, 1000)].map((key) => `${key}\t${growthbookHash('exp-1', key, 2)}`);
    expect(lines).toEqual(expected);
    expect(run.stderr).toMatch(/^✓ PASSED {2}rollgate flags bucket: 1,001 keys bucketed with growthbook-v2 \(seed "exp-1"\); buckets are \[0, 1\) in steps of 0\.0001\n$/);
  });

  it('writes the same JSON to --result-file and the distribution to --markdown', async () => {
    const cwd = tempProject();
    const run = await cli(['flags', 'bucket', '--algorithm', 'flagd-v2', '--group', 'f', ...keyArgs(['a', 'b', 'c']), '--json', '--result-file', 'out/b.json', '--markdown', 'out/b.md'], { cwd });
    expect(run.code).toBe(0);
    expect(readFileSync(join(cwd, 'out/b.json'), 'utf8')).toBe(run.stdout);
    expect(JSON.parse(run.stdout).map((r: Row) => r.key)).toEqual(['a', 'b', 'c']);
    expect(readFileSync(join(cwd, 'out/b.md'), 'utf8')).toContain('Distribution over the range');
  });
});

describe('flags bucket: any key, any total weight', () => {
  // References written the plain way: UTF-8 bytes from TextEncoder, the product in BigInt.
  const utf8 = new TextEncoder();
  const exactBucket = (key: string, total: number) => Number((BigInt(murmur3_32(utf8.encode(key))) * BigInt(total)) >> 32n);

  it('hashes non-ASCII keys as their UTF-8 bytes, lone surrogates included, wherever the first one falls', async () => {
    const unit = fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xffff })).map((code) => String.fromCharCode(code));
    const keys = fc.sample(fc.string({ unit, minLength: 1, maxLength: 20 }), { numRuns: 2000, seed: 7 });
    const rows = await buckets(['--algorithm', 'flagd-v2', '--group', 'flag', ...keyArgs(keys)]);
    expect(rows.filter((row, i) => row.bucket !== exactBucket(`flag${keys[i]}`, 100))).toEqual([]);
  });

  it('indexes a total weight up to 2^31-1 exactly, past where doubles would round', async () => {
    const keys = Array.from({ length: 2000 }, (_, i) => `user-${i * 7919}`);
    for (const total of [3, 2_097_152, 2_097_153, 123_456_789, 2_147_483_647]) {
      const rows = await buckets(['--algorithm', 'flagd-v2', '--total-weight', String(total), ...keyArgs(keys)]);
      expect(rows.filter((row) => row.bucket !== exactBucket(row.key, total)), `total ${total}`).toEqual([]);
    }
  });
});

describe('flags bucket: usage errors (exit 2, one actionable line)', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['no algorithm', ['--key', 'a'], /^--algorithm is required: one of unleash, flagd-v1, flagd-v2, growthbook-v1, growthbook-v2/],
    ['a misspelt algorithm', ['--algorithm', 'unleesh', '--key', 'a'], /^--algorithm: unknown "unleesh"; did you mean "unleash"\? Choose one of/],
    ['unleash with --seed', ['--algorithm', 'unleash', '--group', 'g', '--seed', 's', '--key', 'a'], /^--seed is not used by unleash: Unleash hashes "GROUP:KEY" with a fixed murmur3 seed; give the rollout's groupId as --group$/],
    ['unleash without --group', ['--algorithm', 'unleash', '--key', 'a'], /^--group is required for unleash: the rollout's groupId/],
    ['growthbook with --group', ['--algorithm', 'growthbook-v2', '--group', 'g', '--seed', 's', '--key', 'a'], /^--group is not used by growthbook-v2: GrowthBook hashes the experiment seed together with the key; give the seed as --seed$/],
    ['growthbook without --seed', ['--algorithm', 'growthbook-v1', '--key', 'a'], /^--seed is required for growthbook-v1: the experiment seed/],
    ['flagd with --seed', ['--algorithm', 'flagd-v2', '--seed', 's', '--key', 'a'], /^--seed is not used by flagd-v2: flagd hashes .* give the flag key as --group$/],
    ['--total-weight off flagd-v2', ['--algorithm', 'flagd-v1', '--total-weight', '10', '--key', 'a'], /^--total-weight applies to flagd-v2 only/],
    ['a bad --total-weight', ['--algorithm', 'flagd-v2', '--total-weight', '0', '--key', 'a'], /^--total-weight: expected the sum of the fractional weights, a whole number from 1 to 2147483647; found "0"$/],
    ['no keys', ['--algorithm', 'flagd-v1'], /^give the keys to bucket with --key K \(repeatable\) or --keys-file FILE/],
    ['a missing keys file', ['--algorithm', 'flagd-v1', '--keys-file', 'nope.txt'], /^nope\.txt: keys file not found; check the path given to --keys-file$/],
  ];
  for (const [name, args, message] of cases) {
    it(name, async () => {
      const run = await cli(['flags', 'bucket', ...args], { cwd: tempProject() });
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.split('\n').length).toBe(2);
      expect(run.stderr.replace(/^rollgate: /, '').trimEnd()).toMatch(message);
    });
  }

  it('an empty keys file says so', async () => {
    const cwd = tempProject({ 'empty.txt': '\n\n' });
    writeFileSync(join(cwd, 'empty.txt'), '\n\n');
    const run = await cli(['flags', 'bucket', '--algorithm', 'unleash', '--group', 'g', '--keys-file', 'empty.txt'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('rollgate: empty.txt holds no keys; write one key per line\n');
  });
});
