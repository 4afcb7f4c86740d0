/** GrowthBook's cross-SDK cases.json (growthbook/growthbook sdk-js, see SOURCES.md). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  chooseVariation,
  getBucketRanges,
  getEqualWeights,
  hash,
  inNamespace,
  type BucketRange,
} from '../../src/flags/growthbook';
import { hasSharedFixtures, sharedFixture, sharedSkipReason } from '../helpers/fixtures';

type Cases = {
  hash: [string, string, number, number | null][];
  getBucketRange: [string, [number, number, number[] | null], [number, number][]][];
  chooseVariation: [string, number, [number, number][], number][];
  inNamespace: [string, string, [string, number, number], boolean][];
  getEqualWeights: [number, number[]][];
};

const cases: Cases | undefined = hasSharedFixtures
  ? (JSON.parse(readFileSync(sharedFixture('bucketing', 'growthbook', 'cases.json'), 'utf8')) as Cases)
  : undefined;

// cases.json rounds its expectations (e.g. 0.33333333); the SDK's own tests compare the same way.
const close = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((x, i) => Math.abs(x - b[i]!) < 1e-6);

describe.skipIf(!hasSharedFixtures)(hasSharedFixtures ? 'GrowthBook cases.json' : `GrowthBook cases.json (skipped: ${sharedSkipReason})`, () => {
  it(`hash: all ${cases?.hash.length} cases (v1, v2, unknown version)`, () => {
    for (const [seed, value, version, expected] of cases!.hash) {
      expect(hash(seed, value, version), `${seed}|${value}|v${version}`).toBe(expected);
    }
  });
  it(`getBucketRange: all ${cases?.getBucketRange.length} cases`, () => {
    for (const [name, [n, coverage, weights], expected] of cases!.getBucketRange) {
      const got = getBucketRanges(n, coverage, weights);
      expect(close(got.flat(), expected.flat()), `${name}: ${JSON.stringify(got)}`).toBe(true);
    }
  });
  it(`chooseVariation: all ${cases?.chooseVariation.length} cases`, () => {
    for (const [name, n, ranges, expected] of cases!.chooseVariation) {
      expect(chooseVariation(n, ranges as BucketRange[]), name).toBe(expected);
    }
  });
  it(`inNamespace: all ${cases?.inNamespace.length} cases`, () => {
    for (const [name, id, ns, expected] of cases!.inNamespace) {
      expect(inNamespace(id, ns), name).toBe(expected);
    }
  });
  it(`getEqualWeights: all ${cases?.getEqualWeights.length} cases`, () => {
    for (const [n, expected] of cases!.getEqualWeights) {
      expect(close(getEqualWeights(n), expected), `n=${n}`).toBe(true);
    }
  });
});

