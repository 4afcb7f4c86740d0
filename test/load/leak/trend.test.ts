import { describe, expect, it } from 'vitest';
import { assessLeak, type MemorySample } from '../../../src/commands/load/leak/trend';

const MB = 1 << 20;

/** Samples every 5 s for `minutes`, from `bytes(t)` with a deterministic ±1 MB wobble. */
function series(minutes: number, bytes: (t: number) => number, phase = 'sustained'): MemorySample[] {
  return Array.from({ length: (minutes * 60) / 5 }, (_, i) => ({ at: i * 5, bytes: bytes(i * 5) + (((i * 7919) % 5) - 2) * 0.5 * MB, phase }));
}

describe('assessLeak', () => {
  const options = { maxGrowthPerHour: 0.1, source: 'RSS of pid 1' };

  it('calls steady growth above the limit a leak, with its rate and interval', () => {
    // 200 MB growing 40 MB/h: 20%/h.
    const leak = assessLeak(series(30, (t) => 200 * MB + (40 * MB * t) / 3600), options);
    expect(leak.verdict).toBe('leak');
    expect(leak.growthPerHour).toBeCloseTo(0.2, 2);
    expect(leak.interval![0]).toBeGreaterThan(0.1);
    expect(leak.reason).toMatch(/^memory grew 20\.\d%\/h \(95% CI .* over 360 samples in 1795 s, from 200\.\d MiB to 2\d\d\.\d MiB: above the 10\.0%\/h limit/);
  });

  it('passes flat memory, a GC sawtooth, and growth under the limit', () => {
    expect(assessLeak(series(30, () => 200 * MB), options).verdict).toBe('ok');
    expect(assessLeak(series(30, (t) => 200 * MB + ((t % 60) / 60) * 30 * MB), options).verdict).toBe('ok');
    const slow = assessLeak(series(30, (t) => 200 * MB + (10 * MB * t) / 3600), options);
    expect(slow.verdict).toBe('ok');
    expect(slow.growthPerHour).toBeCloseTo(0.05, 2);
  });

  it('does not call noise a leak: over the limit as estimated, but the interval includes zero', () => {
    const noisy: MemorySample[] = [0, 5, 10, 15, 20, 25].map((at, i) => ({ at, bytes: 100 * MB + [0, 30, -25, 20, -10, 35][i]! * MB, phase: 'p' }));
    const verdict = assessLeak(noisy, options);
    expect(verdict.growthPerHour).toBeGreaterThan(0.1);
    expect(verdict.verdict).toBe('ok');
    expect(verdict.reason).toMatch(/too noisy to tell from no growth/);
  });

  it('fits only the configured phase, and says no data when too few samples remain', () => {
    const ramp = series(5, (t) => 100 * MB + t * MB, 'ramp');
    const steady = series(10, () => 400 * MB).map((s) => ({ ...s, at: s.at + 300 }));
    expect(assessLeak([...ramp, ...steady], options).verdict).toBe('leak');
    expect(assessLeak([...ramp, ...steady], { ...options, phase: 'sustained' })).toMatchObject({ verdict: 'ok', samples: 120, taken: 180 });
    expect(assessLeak(ramp.slice(0, 4), options)).toMatchObject({ verdict: 'no-data', reason: '4 memory samples; at least 6 are needed to fit a trend (sample more often with leak.every, or run longer)' });
    expect(assessLeak(ramp, { ...options, phase: 'spike' }).reason).toMatch(/^0 memory samples in phase spike/);
  });
});
