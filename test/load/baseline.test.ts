import { describe, expect, it } from 'vitest';
import { compareToBaseline, windowP95s } from '../../src/commands/load/baseline';
import { createHistogram, encodeHistogram, recordMs } from '../../src/commands/load/histogram';
import type { LoadResult, Series } from '../../src/commands/load/model';
import { seededRandom } from '../../src/stats/seeded-random';

const settings = { alpha: 0.05, relativeFloor: 0.1, absoluteFloorMs: 5, rateFloor: 0.001, seed: 1 };

/** A 3-minute run in 10 s windows: log-normal latencies around `medianMs`, `failRate` of requests failing. */
function run(seed: number, medianMs: number, failRate: number, windows = 18, perWindow = 300): LoadResult {
  const random = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());
  const series: Series[] = [];
  const all = createHistogram();
  let failed = 0;
  for (let w = 0; w < windows; w++) {
    const h = createHistogram();
    const values: number[] = [];
    for (let i = 0; i < perWindow; i++) {
      const v = medianMs * Math.exp(0.35 * normal());
      values.push(v);
      recordMs(h, v);
      recordMs(all, v);
      if (random() < failRate) failed++;
    }
    series.push({ metric: 'http_req_duration', tags: { window: new Date(Date.UTC(2026, 10, 29, 12, 0, w * 10)).toISOString() }, exactOnly: true, trend: { kind: 'histogram', histogram: encodeHistogram(h), min: Math.min(...values), max: Math.max(...values) } });
  }
  const total = windows * perWindow;
  // The partition a threshold reads; the windows are a second, exact-only view of the same requests.
  series.push({ metric: 'http_req_duration', tags: {}, trend: { kind: 'histogram', histogram: encodeHistogram(all) } });
  series.push({ metric: 'http_req_failed', tags: {}, failed, total });
  series.push({ metric: 'http_reqs', tags: { status: '200' }, count: total - failed });
  series.push({ metric: 'http_reqs', tags: { status: '503' }, count: failed });
  return { format: 'rollgate', file: `run-${seed}.json`, series, notes: [] };
}

describe('baseline regression', () => {
  it('flags a 20% latency regression, with the shift, its interval and the test', () => {
    const result = compareToBaseline(run(1, 100, 0.01), run(2, 120, 0.01), settings);
    const latency = result.comparisons[0]!;
    expect(latency.verdict).toBe('regression');
    expect(latency.delta! / latency.baseline!).toBeGreaterThan(0.12);
    expect(latency.ci![0]).toBeGreaterThan(0);
    expect(latency.pValue!).toBeLessThan(0.001);
    expect(latency.reason).toMatch(/^median window p95 .* Mann-Whitney p = .* over 18 and 18 windows; significant and beyond the .* floor$/);
    expect(result.regression).toBe(true);
  });

  it('does not flag two runs of the same server, across many seeds', () => {
    let flagged = 0;
    for (let seed = 10; seed < 22; seed += 2) {
      const result = compareToBaseline(run(seed, 100, 0.01), run(seed + 1, 100, 0.01), settings);
      if (result.regression) flagged++;
    }
    expect(flagged).toBe(0);
  });

  it('does not flag a significant shift inside the floors', () => {
    const result = compareToBaseline(run(3, 100, 0.01, 18, 3000), run(4, 104, 0.01, 18, 3000), settings);
    expect(result.comparisons[0]!.verdict).toBe('no change');
    expect(result.comparisons[0]!.reason).toMatch(/within the [\d.]+ ms floor|not significant/);
  });

  it('flags a higher error rate with the two-proportion test, and says when windows are missing', () => {
    const result = compareToBaseline(run(5, 100, 0.01), run(6, 100, 0.04), settings);
    expect(result.comparisons[1]).toMatchObject({ metric: 'error rate', verdict: 'regression' });
    const short = compareToBaseline(run(7, 100, 0.01, 2), run(8, 100, 0.01, 2), settings);
    expect(short.comparisons[0]).toMatchObject({ verdict: 'not comparable' });
    expect(short.comparisons[0]!.reason).toMatch(/^needs at least 3 windows/);
  });

  it('reads window p95s in window order', () => {
    expect(windowP95s(run(9, 50, 0, 5))).toHaveLength(5);
  });
});

describe('--baseline through the CLI', () => {
  it('fails the gate on a regression even when every threshold passes, and shows the comparison', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { serializeRollgateResult } = await import('../../src/commands/load/ingest/rollgate');
    const { cli } = await import('../helpers/cli');
    const dir = mkdtempSync(join(tmpdir(), 'rollgate-baseline-'));
    mkdirSync(join(dir, '.rollgate'));
    writeFileSync(join(dir, '.rollgate', 'load.yml'), 'thresholds:\n  http_req_duration: "p(95)<1000"\n');
    writeFileSync(join(dir, 'base.json'), serializeRollgateResult(run(21, 100, 0.01)));
    writeFileSync(join(dir, 'cand.json'), serializeRollgateResult(run(22, 125, 0.01)));
    const out = await cli(['load', 'gate', '--results', 'cand.json', '--baseline', 'base.json', '--json'], { cwd: dir });
    expect(out.stderr).toBe('');
    expect(out.code).toBe(1);
    const result = JSON.parse(out.stdout);
    expect(result.thresholds[0].ok).toBe(true);
    expect(result.baseline.regression).toBe(true);
    expect(result.baseline.comparisons.map((c: { verdict: string }) => c.verdict)).toEqual(['regression', 'no change', 'no change']);
    const text = await cli(['load', 'gate', '--results', 'cand.json', '--baseline', 'base.json', '--no-color'], { cwd: dir });
    expect(text.stdout).toContain('regression against the baseline: http_req_duration p(95) per 10 s window');
    expect(text.stdout).toMatch(/Against the baseline \(base\.json\)/);
  });
});
