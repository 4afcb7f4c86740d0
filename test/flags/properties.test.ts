/**
 * Properties every bucketing scheme must keep: values stay in range, and raising a
 * rollout percentage only ever adds users (nobody who was in drops out).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fractional,
  fractionalBucket,
  growthbookHash,
  inFractionalRollout,
  inGrowthBookRollout,
  isEnabledForPercent,
  murmur3_32,
  fnv1a32,
  normalizedValue,
} from '../../src/flags/index';

const id = fc.string({ unit: 'binary', maxLength: 40 });
const percentPair = fc
  .tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }))
  .map(([a, b]): [number, number] => (a <= b ? [a, b] : [b, a]));

describe('monotone: enabled(p1) implies enabled(p2) for p1 <= p2', () => {
  it('Unleash rollout', () => {
    fc.assert(
      fc.property(id, id, percentPair, (user, group, [p1, p2]) => !isEnabledForPercent(user, group, p1) || isEnabledForPercent(user, group, p2)),
      { numRuns: 5000 },
    );
  });
  for (const version of ['v1', 'v2', 'v3'] as const) {
    it(`flagd fractional ${version}`, () => {
      fc.assert(
        fc.property(id, percentPair, (key, [p1, p2]) => !inFractionalRollout(key, p1, version) || inFractionalRollout(key, p2, version)),
        { numRuns: 5000 },
      );
    });
  }
  for (const version of [1, 2] as const) {
    it(`GrowthBook rollout, hash v${version}`, () => {
      fc.assert(
        fc.property(id, id, percentPair, (seed, user, [p1, p2]) => !inGrowthBookRollout(seed, user, p1 / 100, version) || inGrowthBookRollout(seed, user, p2 / 100, version)),
        { numRuns: 5000 },
      );
    });
  }
  it('0% lets nobody in and 100% lets everybody in (Unleash, flagd v2)', () => {
    fc.assert(
      fc.property(id, id, (user, group) => {
        expect(isEnabledForPercent(user, group, 0)).toBe(false);
        expect(isEnabledForPercent(user, group, 100)).toBe(true);
        expect(inFractionalRollout(group + user, 0)).toBe(false);
        expect(inFractionalRollout(group + user, 100)).toBe(true);
      }),
    );
  });
});

describe('range', () => {
  it('hashes are unsigned 32-bit integers', () => {
    fc.assert(
      fc.property(id, fc.integer({ min: 0, max: 0xffffffff }), (s, seed) => {
        for (const h of [murmur3_32(s, seed), fnv1a32(s)]) {
          expect(Number.isInteger(h) && h >= 0 && h <= 0xffffffff).toBe(true);
        }
      }),
    );
  });
  it('Unleash normalizedValue is an integer in 1..normalizer', () => {
    fc.assert(
      fc.property(id, id, fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 0, max: 0xffffffff }), (user, group, n, seed) => {
        const v = normalizedValue(user, group, n, seed);
        expect(Number.isInteger(v) && v >= 1 && v <= n).toBe(true);
      }),
    );
  });
  it('GrowthBook hash is in [0, 1) on its grid (1/1000 for v1, 1/10000 for v2), null otherwise', () => {
    fc.assert(
      fc.property(id, id, fc.integer({ min: -5, max: 5 }), (seed, user, version) => {
        const h = growthbookHash(seed, user, version);
        if (version !== 1 && version !== 2) {
          expect(h).toBeNull();
          return;
        }
        const steps = version === 1 ? 1000 : 10000;
        expect(h! >= 0 && h! < 1).toBe(true);
        expect(Number.isInteger(Math.round(h! * steps)) && Math.abs(h! * steps - Math.round(h! * steps)) < 1e-6).toBe(true);
      }),
    );
  });
  it('flagd bucket is in [0, totalWeight) and a positive-weight variant is always chosen', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 8 }).filter((w) => w.some((x) => x > 0)),
        id,
        (h, weights, key) => {
          const total = weights.reduce((a, b) => a + b, 0);
          const b = fractionalBucket(h, total);
          expect(b >= 0 && b < total).toBe(true);
          const buckets = weights.map((w, i) => [i, w] as const);
          const chosen = fractional(key, buckets);
          expect(chosen !== null && weights[chosen]! > 0).toBe(true);
        },
      ),
    );
  });
});
