import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arrivalTime, ArrivalCursor, buildSchedule, cumulativeWeights, phaseArrivals, pickWeighted } from '../../../src/commands/load/runner/schedule';

const rate = fc.double({ min: 0, max: 500, noNaN: true });
const duration = fc.double({ min: 0.1, max: 60, noNaN: true });
const phaseArb = fc.record({ duration, rate: fc.record({ from: rate, to: rate }) });

describe('schedule', () => {
  it('sends k/r for a constant rate, ⌊r·d⌋ requests', () => {
    const phase = { duration: 2, rate: { from: 200, to: 200 } };
    expect(phaseArrivals(phase)).toBe(400);
    expect(arrivalTime(phase, 0)).toBe(0);
    expect(arrivalTime(phase, 1)).toBeCloseTo(0.005, 12);
    expect(arrivalTime(phase, 399)).toBeCloseTo(1.995, 12);
    expect(phaseArrivals({ duration: 100, rate: { from: 0.29, to: 0.29 } })).toBe(29);
  });

  it('inverts the cumulative arrivals of a ramp exactly', () => {
    const phase = { duration: 10, rate: { from: 20, to: 200 } };
    expect(phaseArrivals(phase)).toBe(1100);
    for (const k of [1, 10, 500, 1099]) {
      const t = arrivalTime(phase, k);
      expect(20 * t + ((200 - 20) * t * t) / (2 * 10)).toBeCloseTo(k, 6);
    }
    // A ramp down to zero, and one up from zero.
    const down = { duration: 4, rate: { from: 100, to: 0 } };
    expect(phaseArrivals(down)).toBe(200);
    expect(arrivalTime(down, 199)).toBeLessThanOrEqual(4);
    const up = { duration: 4, rate: { from: 0, to: 100 } };
    expect(arrivalTime(up, 50)).toBeCloseTo(Math.sqrt((2 * 4 * 50) / 100), 9);
  });

  it('property: counts equal the rate integral, times are non-decreasing and inside their phase', () => {
    fc.assert(
      fc.property(fc.array(phaseArb, { minLength: 1, maxLength: 4 }), (phases) => {
        const plan = { phases, endpoints: [{ weight: 1 }] };
        const arrivals = buildSchedule(plan);
        const cursor = new ArrivalCursor(plan);
        phases.forEach((p, i) => {
          const expected = Math.floor(((p.rate.from + p.rate.to) / 2) * p.duration + 1e-6);
          expect(Math.abs(arrivals.filter((a) => a.phase === i).length - expected)).toBeLessThanOrEqual(0);
        });
        expect(arrivals.length).toBe(cursor.total);
        for (let i = 1; i < arrivals.length; i++) expect(arrivals[i]!.at).toBeGreaterThanOrEqual(arrivals[i - 1]!.at);
        for (const a of arrivals) {
          const start = cursor.starts[a.phase]!;
          expect(a.at).toBeGreaterThanOrEqual(start);
          expect(a.at).toBeLessThanOrEqual(start + phases[a.phase]!.duration + 1e-9);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('property: weighted endpoint choice is deterministic and respects weights', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 1, maxLength: 5 }), fc.integer(), (weights, seed) => {
        const plan = { phases: [{ duration: 100, rate: { from: 100, to: 100 } }], endpoints: weights.map((weight) => ({ weight })) };
        const a = buildSchedule(plan, seed);
        expect(buildSchedule(plan, seed)).toEqual(a);
        const total = weights.reduce((s, w) => s + w, 0);
        const n = a.length;
        weights.forEach((w, i) => {
          const share = a.filter((x) => x.endpoint === i).length / n;
          const p = w / total;
          expect(Math.abs(share - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n) + 1e-9);
        });
      }),
      { numRuns: 20 },
    );
  });

  it('picks by cumulative weight', () => {
    const cum = cumulativeWeights([1, 3]);
    expect([...cum]).toEqual([0.25, 1]);
    expect(pickWeighted(cum, 0)).toBe(0);
    expect(pickWeighted(cum, 0.2499)).toBe(0);
    expect(pickWeighted(cum, 0.25)).toBe(1);
    expect(pickWeighted(cum, 0.9999)).toBe(1);
  });
});
