/**
 * Parity with the SDKs users run today, over 100,000 generated keys each: the
 * same user must land in the same bucket after moving to Rollgate.
 */
import { GrowthBook } from '@growthbook/growthbook';
import { FlagdCore } from '@openfeature/flagd-core';
import fc from 'fast-check';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { fractional, growthbookHash as hash, inGrowthBookRollout, normalizedValue, UNLEASH_VARIANT_SEED } from '../../src/flags/index';

const require = createRequire(import.meta.url);
// unleash-client has no export map; its util module is the one its strategies call.
const unleashUtil = require('unleash-client/lib/strategy/util') as {
  normalizedStrategyValue(id: string, groupId: string): number;
  normalizedVariantValue(id: string, groupId: string, normalizer: number): number;
};

const N = 100_000;

/** Deterministic keys: ASCII ids of the shapes apps use, plus any-Unicode strings. */
function keys(seed: number, unit: fc.Arbitrary<string>): string[] {
  return fc.sample(unit, { numRuns: N, seed });
}
const asciiIds = fc.oneof(
  fc.uuid(),
  fc.integer({ min: 0, max: 2 ** 40 }).map(String),
  fc.emailAddress(),
  fc.string({ unit: 'grapheme-ascii', maxLength: 40 }),
);
const anyText = fc.string({ unit: 'binary', maxLength: 24 });

describe('unleash-client parity (100,000 keys each)', () => {
  it('normalizedStrategyValue, ASCII ids, 10 groups', () => {
    const ids = keys(1, asciiIds);
    let mismatches = 0;
    ids.forEach((id, i) => {
      const group = `feature-${i % 10}`;
      if (normalizedValue(id, group) !== unleashUtil.normalizedStrategyValue(id, group)) mismatches++;
    });
    expect(mismatches).toBe(0);
  });
  it('normalizedVariantValue (seed 86028157), ASCII ids, normalizers 1..1000', () => {
    const ids = keys(2, asciiIds);
    let mismatches = 0;
    ids.forEach((id, i) => {
      const norm = (i % 1000) + 1;
      if (normalizedValue(id, 'variant-group', norm, UNLEASH_VARIANT_SEED) !== unleashUtil.normalizedVariantValue(id, 'variant-group', norm)) mismatches++;
    });
    expect(mismatches).toBe(0);
  });
  it('any Unicode id: equal with utf16-low-byte encoding (what the Node SDK hashes)', () => {
    const ids = keys(3, anyText);
    let mismatches = 0;
    for (const id of ids) {
      if (normalizedValue(id, 'g', 100, 0, 'utf16-low-byte') !== unleashUtil.normalizedStrategyValue(id, 'g')) mismatches++;
    }
    expect(mismatches).toBe(0);
  });
});

describe('@growthbook/growthbook parity (100,000 keys each)', () => {
  // The SDK's hash is internal; its public evaluation exposes it as result.bucket.
  function sdkBucket(seed: string, id: string, hashVersion: 1 | 2): number | undefined {
    const gb = new GrowthBook({ attributes: { id } });
    const r = gb.run({ key: seed, seed, hashVersion, variations: [0, 1] });
    gb.destroy();
    return r.bucket;
  }
  for (const version of [1, 2] as const) {
    it(`hash v${version}, any Unicode id`, () => {
      // GrowthBook leaves users with an empty id out before hashing, so only non-empty ids compare.
      const ids = keys(10 + version, fc.oneof(asciiIds, anyText).filter((s) => s.length > 0));
      let mismatches = 0;
      ids.forEach((id, i) => {
        const seed = `exp-${i % 7}`;
        if (hash(seed, id, version) !== sdkBucket(seed, id, version)) mismatches++;
      });
      expect(mismatches).toBe(0);
    });
  }
});

describe('@growthbook/growthbook rollout parity (100,000 keys)', () => {
  it('force rule with coverage vs inGrowthBookRollout, hash v1 and v2, coverages 0..1', () => {
    const rows = fc.sample(
      fc.record({ id: fc.oneof(asciiIds, anyText), coverage: fc.integer({ min: 0, max: 100 }).map((c) => c / 100), v2: fc.boolean() }),
      { numRuns: N, seed: 30 },
    );
    let mismatches = 0;
    for (const { id, coverage, v2 } of rows) {
      const gb = new GrowthBook({
        attributes: { id },
        features: { f: { defaultValue: false, rules: [{ force: true, coverage, hashVersion: v2 ? 2 : 1 }] } },
      });
      if (gb.isOn('f') !== inGrowthBookRollout('f', id, coverage, v2 ? 2 : 1)) mismatches++;
      gb.destroy();
    }
    expect(mismatches).toBe(0);
  });
});

describe('@openfeature/flagd-core parity (100,000 keys each, v2 semantics)', () => {
  const buckets: [string, number][] = [['a', 10], ['b', 25], ['c', 1], ['d', 64]];
  const core = new FlagdCore();
  core.setConfigurations(
    JSON.stringify({
      flags: {
        implicit: {
          state: 'ENABLED',
          variants: { a: 'a', b: 'b', c: 'c', d: 'd' },
          defaultVariant: 'a',
          targeting: { fractional: buckets },
        },
      },
    }),
  );
  it('implicit flagKey + targetingKey, ASCII ids', () => {
    const ids = keys(20, asciiIds.filter((s) => s.length > 0));
    let mismatches = 0;
    for (const id of ids) {
      const sdk = core.resolveStringEvaluation('implicit', 'zz', { targetingKey: id }).value;
      if (fractional('implicit' + id, buckets) !== sdk) mismatches++;
    }
    expect(mismatches).toBe(0);
  });
});
