/**
 * `rollgate ab` end to end through the CLI: every decision, on data files
 * (CSV and NDJSON) and on summary files, and every kind of bad input.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { proportionSampleSize, relativeLiftCi, twoProportionZTest, welchTTest } from '../../src/stats/index';
import { cli } from '../helpers/cli';
import { tempProject } from '../helpers/workspace';

const CONFIG = `control: control
allocation: { control: 1, treatment: 1 }
minUnitsPerVariant: 100
metrics:
  - { name: conversion, column: converted, type: binomial, goal: increase, primary: true, mde: 0.1 }
  - { name: revenue, type: continuous, goal: increase }
  - { name: errors, column: error, type: binomial, goal: decrease, guardrail: true }
`;


interface Arm { units: number; converted: number; errors: number; revenue: (i: number) => number }

/** One row per unit with exact counts, so the expected statistics are known in closed form. */
function csv(arms: Record<string, Arm>): string {
  const rows = ['user_id,variant,converted,revenue,error'];
  for (const [variant, arm] of Object.entries(arms)) {
    for (let i = 0; i < arm.units; i++) rows.push(`${variant}-${i},${variant},${i < arm.converted ? 1 : 0},${arm.revenue(i)},${i % Math.floor(arm.units / Math.max(1, arm.errors)) === 0 && i / Math.floor(arm.units / Math.max(1, arm.errors)) < arm.errors ? 1 : 0}`);
  }
  return `${rows.join('\n')}\n`;
}

function summary(arms: Record<string, { units: number; converted: number; errors: number; revenueSum: number; revenueSumSquares: number }>): string {
  return `variants:\n${Object.entries(arms).map(([id, a]) => `  ${id}:\n    units: ${a.units}\n    metrics:\n      converted: { sum: ${a.converted} }\n      error: { sum: ${a.errors} }\n      revenue: { sum: ${a.revenueSum}, sumSquares: ${a.revenueSumSquares} }`).join('\n')}\n`;
}

const revenue = (i: number) => (i % 10) + 0.5;

describe('rollgate ab', () => {
  it('ships on a CSV when the primary metric is significantly better, with the numbers of the reference tests', async () => {
    const dir = tempProject({
      '.rollgate/ab.yml': CONFIG,
      'data.csv': csv({ control: { units: 2000, converted: 200, errors: 20, revenue }, treatment: { units: 2000, converted: 280, errors: 20, revenue } }),
    });
    const run = await cli(['ab', '--data', 'data.csv', '--json'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.decision).toBe('ship');
    expect(result.reasons[0]).toMatch(/^Primary: conversion is significantly better for treatment: \+40\.0% \[/);
    const conversion = result.metrics.find((m: { name: string }) => m.name === 'conversion');
    expect(conversion.control).toEqual({ id: 'control', units: 2000, mean: 0.1 });
    const v = conversion.variants[0];
    const z = twoProportionZTest({ successes: 200, trials: 2000 }, { successes: 280, trials: 2000 });
    expect(v.pValue).toBe(z.pValue);
    expect(v.absoluteCi).toEqual([z.confidenceInterval.lower, z.confidenceInterval.upper]);
    const rel = relativeLiftCi({ n: 2000, mean: 0.1, variance: 0.09 }, { n: 2000, mean: 0.14, variance: 0.14 * 0.86 });
    expect(v.relativeEffect).toBeCloseTo(0.4, 12);
    expect(v.relativeCi[0]).toBeCloseTo(rel.confidenceInterval.lower, 12);
    expect(v.relativeCi[1]).toBeCloseTo(rel.confidenceInterval.upper, 12);
    // Holm over conversion and revenue (errors is a guardrail, outside the family).
    const revenueP = result.metrics[1].variants[0].pValue;
    expect(v.adjustedPValue).toBeCloseTo(Math.min(1, 2 * Math.min(v.pValue, revenueP)), 15);
    expect(v.chanceToWin).toBeGreaterThan(0.999);
    expect(result.srm).toMatchObject({ chiSquare: 0, pValue: 1, mismatch: false });
    expect(result.power).toMatchObject({ primaryMetric: 'conversion', mde: 0.1, unitsNeededPerVariant: proportionSampleSize({ baseline: 0.1, expected: 0.11 }).controlN });
    expect(result.rows).toMatchObject({ read: 4000, used: 4000 });
  });

  it('stops on a summary file when a guardrail is significantly worse, and points at it', async () => {
    const dir = tempProject({
      '.rollgate/ab.yml': CONFIG,
      'sums.yml': summary({
        control: { units: 10000, converted: 1000, errors: 100, revenueSum: 52000, revenueSumSquares: 910000 },
        treatment: { units: 10000, converted: 1100, errors: 180, revenueSum: 53000, revenueSumSquares: 930000 },
      }),
    });
    const run = await cli(['ab', '--summary', 'sums.yml', '--json'], { cwd: dir });
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(result.decision).toBe('stop');
    expect(result.reasons.join(' ')).toMatch(/Guardrail: errors is significantly worse for treatment: \+80\.0%/);
    const errors = result.metrics.find((m: { name: string }) => m.name === 'errors').variants[0];
    // Guardrails are tested at alpha without correction.
    expect(errors.adjustedPValue).toBe(errors.pValue);
    expect(errors.pValue).toBe(twoProportionZTest({ successes: 100, trials: 10000 }, { successes: 180, trials: 10000 }).pValue);
    const rev = result.metrics.find((m: { name: string }) => m.name === 'revenue').variants[0];
    const control = { n: 10000, mean: 5.2, variance: (910000 - 52000 * 5.2) / 9999 };
    const treatment = { n: 10000, mean: 5.3, variance: (930000 - 53000 * 5.3) / 9999 };
    expect(rev.pValue).toBeCloseTo(welchTTest(control, treatment).pValue, 12);

    const text = await cli(['ab', '--summary', 'sums.yml', '--no-color'], { cwd: dir });
    expect(text.stdout).toContain('✗ FAILED  rollgate ab: Stop: significantly worse: errors +80.0% for treatment');
  });

  it('is invalid on a sample-ratio mismatch, with a red banner before any effect', async () => {
    const dir = tempProject({
      '.rollgate/ab.yml': CONFIG,
      'sums.json': JSON.stringify({ variants: {
        control: { units: 10000, metrics: { converted: { sum: 1000 }, error: { sum: 10 }, revenue: { sum: 5, sumSquares: 9 } } },
        treatment: { units: 9400, metrics: { converted: { sum: 1300 }, error: { sum: 10 }, revenue: { sum: 5, sumSquares: 9 } } },
      } }),
    });
    const run = await cli(['ab', '--summary', 'sums.json', '--json', '--markdown', 'summary.md'], { cwd: dir });
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(result.decision).toBe('invalid');
    expect(result.srm.mismatch).toBe(true);
    expect(result.srm.pValue).toBeLessThan(1e-4);
    expect(result.reasons[0]).toMatch(/^Sample ratio mismatch: control 10000 \(51\.55%, expected 50\.00%\), treatment 9400/);
    const { readFileSync } = await import('node:fs');
    const md = readFileSync(join(dir, 'summary.md'), 'utf8');
    expect(md.indexOf('> [!CAUTION]')).toBeGreaterThan(-1);
    expect(md.indexOf('> [!CAUTION]')).toBeLessThan(md.indexOf('Relative effect'));
  });

  it('is invalid when a variant has too few units', async () => {
    const dir = tempProject({
      '.rollgate/ab.yml': CONFIG.replace('minUnitsPerVariant: 100', 'minUnitsPerVariant: 5000'),
      'data.csv': csv({ control: { units: 300, converted: 30, errors: 3, revenue }, treatment: { units: 300, converted: 60, errors: 3, revenue } }),
    });
    const result = JSON.parse((await cli(['ab', '--data', 'data.csv', '--json'], { cwd: dir })).stdout);
    expect(result.decision).toBe('invalid');
    expect(result.reasons).toContain('Variant control has 300 units, fewer than minUnitsPerVariant 5000.');
  });

  it('stops when the primary metric is significantly worse', async () => {
    const dir = tempProject({
      '.rollgate/ab.yml': CONFIG,
      'sums.yml': summary({
        control: { units: 5000, converted: 600, errors: 50, revenueSum: 5000, revenueSumSquares: 10000 },
        treatment: { units: 5000, converted: 480, errors: 50, revenueSum: 5000, revenueSumSquares: 10000 },
      }),
    });
    const run = await cli(['ab', '--summary', 'sums.yml', '--json'], { cwd: dir });
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(result.decision).toBe('stop');
    expect(result.reasons.join(' ')).toMatch(/Primary: conversion is significantly worse for treatment: -20\.0%/);
  });

  it('keeps running on NDJSON when nothing is significant yet, and says how many units would be needed', async () => {
    const rows: string[] = [];
    for (const [variant, converted] of [['control', 100], ['treatment', 108]] as const) {
      for (let i = 0; i < 1000; i++) rows.push(JSON.stringify({ user_id: `${variant}${i}`, variant, converted: i < converted, revenue: revenue(i), error: 0 }));
    }
    const dir = tempProject({ '.rollgate/ab.yml': CONFIG, 'data.ndjson': `${rows.join('\n')}\n` });
    const run = await cli(['ab', '--data', 'data.ndjson', '--json'], { cwd: dir });
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.decision).toBe('keep-running');
    expect(result.reasons[0]).toMatch(/^Primary: conversion shows no significant change for treatment: \+8\.0%/);
    expect(result.reasons[1]).toMatch(/^Power: \d+% to detect a 10\.0% change; about [\d,]+ units per variant give 80% \(have 1,000\)\.$/);
    // errors is 0 in both arms: no variance, so no relative effect and a note instead of a crash.
    expect(result.metrics[2].notes).toEqual(['treatment: no relative effect, the control mean is 0']);
    expect(result.metrics[2].variants[0].relativeEffect).toBeNull();
  });

  it('counts unknown variants and malformed values instead of dropping them silently', async () => {
    const data = csv({ control: { units: 500, converted: 50, errors: 5, revenue }, treatment: { units: 500, converted: 90, errors: 5, revenue } })
      + 'x1,holdout,1,1,0\nx2,treatment,maybe,1,0\nx3,control,1,n/a,0\nx4,control,1,2\n';
    const dir = tempProject({ '.rollgate/ab.yml': CONFIG, 'data.csv': data });
    const run = await cli(['ab', '--data', 'data.csv', '--json'], { cwd: dir });
    const result = JSON.parse(run.stdout);
    expect(result.rows).toEqual({
      read: 1004,
      used: 1000,
      unknownVariant: { count: 1, firstLine: 1002, example: '"holdout"', names: ['holdout'] },
      malformed: {
        converted: { count: 1, firstLine: 1003, example: '"maybe"' },
        revenue: { count: 1, firstLine: 1004, example: '"n/a"' },
        error: { count: 1, firstLine: 1005, example: '(no such field: the row is short)' },
      },
    });
    const text = await cli(['ab', '--data', 'data.csv', '--no-color'], { cwd: dir });
    expect(text.stdout).toContain('1 rows with an unknown variant ("holdout"), first at line 1002.');
    expect(text.stdout).toMatch(/warning\s+data\.csv:1003\s+Rows with a bad converted value/);
  });

  it.each([
    ['a missing column', 'user_id,variant,converted,error\nu,control,1,0\n', 'data.csv:1: missing column "revenue"; the header has "user_id", "variant", "converted", "error"'],
    ['an empty file', '', 'data.csv: the data file is empty; expected a header line and one row per unit'],
    ['a header only', 'variant,converted,revenue,error\n', 'data.csv:2: the data file has a header but no rows'],
  ])('exits 2 on %s, naming the file and line', async (_, text, message) => {
    const dir = tempProject({ '.rollgate/ab.yml': CONFIG, 'data.csv': text });
    const run = await cli(['ab', '--data', 'data.csv'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`rollgate: ${message}\n`);
  });

  it('exits 2 when the data path is a directory', async () => {
    const dir = tempProject({ '.rollgate/ab.yml': CONFIG, 'data/.keep': '' });
    const run = await cli(['ab', '--data', 'data'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('rollgate: data: expected a data file, found a directory or other non-file\n');
  });

  it('exits 2 on a summary with an unknown variant or impossible sums, at their line', async () => {
    const dir = tempProject({
      '.rollgate/ab.yml': CONFIG,
      'bad.yml': summary({ control: { units: 100, converted: 10, errors: 1, revenueSum: 1, revenueSumSquares: 1 }, treatmnt: { units: 100, converted: 10, errors: 1, revenueSum: 1, revenueSumSquares: 1 } }),
      'sums.yml': summary({ control: { units: 100, converted: 10, errors: 1, revenueSum: 100, revenueSumSquares: 50 }, treatment: { units: 100, converted: 120, errors: 1, revenueSum: 1, revenueSumSquares: 1 } }),
    });
    const unknown = await cli(['ab', '--summary', 'bad.yml'], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('rollgate: bad.yml:9: variants.treatmnt: unknown variant "treatmnt"; the config\'s allocation has control, treatment\n');
    const sums = await cli(['ab', '--summary', 'sums.yml'], { cwd: dir });
    expect(sums.code).toBe(2);
    expect(sums.stderr).toMatch(/^rollgate: sums\.yml:7: variants\.control\.metrics\.revenue\.sumSquares: sumSquares 50 is smaller than sum²\/n = 100/);
  });

  it('exits 2 on a config error with its line, and on a missing input', async () => {
    const dir = tempProject({ '.rollgate/ab.yml': CONFIG.replace('control: control', 'control: baseline') });
    const bad = await cli(['ab', '--data', 'x.csv'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('rollgate: .rollgate/ab.yml:1:10: control: control "baseline" is not in allocation (control, treatment)\n');
    const none = await cli(['ab'], { cwd: tempProject({ '.rollgate/ab.yml': CONFIG }) });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no input: give --data FILE/);
  });

  it('sequential: always-valid p-values are never below the fixed ones, and --previous keeps the running minimum', async () => {
    const seq = CONFIG.replace('minUnitsPerVariant: 100', 'minUnitsPerVariant: 100\nsequential: true\nsequentialTuning: 5000');
    const big = { control: { units: 5000, converted: 500, errors: 50, revenueSum: 5000, revenueSumSquares: 10000 }, treatment: { units: 5000, converted: 650, errors: 50, revenueSum: 5000, revenueSumSquares: 10000 } };
    const later = { control: { units: 6000, converted: 600, errors: 60, revenueSum: 6000, revenueSumSquares: 12000 }, treatment: { units: 6000, converted: 680, errors: 60, revenueSum: 6000, revenueSumSquares: 12000 } };
    const dir = tempProject({ '.rollgate/ab.yml': seq, 'fixed.yml': CONFIG, 'day1.yml': summary(big), 'day2.yml': summary(later) });
    const fixed = JSON.parse((await cli(['ab', '--config', 'fixed.yml', '--summary', 'day1.yml', '--json'], { cwd: dir })).stdout);
    const day1 = await cli(['ab', '--summary', 'day1.yml', '--json', '--result-file', 'day1.json'], { cwd: dir });
    const first = JSON.parse(day1.stdout);
    const f = fixed.metrics[0].variants[0];
    const s = first.metrics[0].variants[0];
    expect(s.pValue).toBeGreaterThanOrEqual(f.pValue);
    expect(s.absoluteCi[1] - s.absoluteCi[0]).toBeGreaterThan(f.absoluteCi[1] - f.absoluteCi[0]);
    expect(first.decision).toBe('ship');

    const alone = JSON.parse((await cli(['ab', '--summary', 'day2.yml', '--json'], { cwd: dir })).stdout).metrics[0].variants[0];
    const carried = JSON.parse((await cli(['ab', '--summary', 'day2.yml', '--previous', 'day1.json', '--json'], { cwd: dir })).stdout);
    const c = carried.metrics[0].variants[0];
    expect(alone.pValue).toBeGreaterThan(s.pValue);
    expect(c.pValue).toBe(s.pValue);
    expect(c.absoluteCi[0]).toBe(Math.max(alone.absoluteCi[0], s.absoluteCi[0]));
    expect(c.absoluteCi[1]).toBe(Math.min(alone.absoluteCi[1], s.absoluteCi[1]));
    expect(carried.decision).toBe('ship');

    const refused = await cli(['ab', '--config', 'fixed.yml', '--summary', 'day2.yml', '--previous', 'day1.json'], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--previous needs sequential: true/);
  });

  it.each([
    ['ship', { control: [3000, 300, 30], treatment: [3000, 390, 30] }],
    ['stop', { control: [3000, 300, 15], treatment: [3000, 300, 60] }],
    ['keep-running', { control: [3000, 300, 30], treatment: [3000, 310, 30] }],
    ['invalid', { control: [3000, 300, 30], treatment: [2600, 260, 26] }],
  ] as const)('reaches %s from unit rows and from their sums alike', async (decision, arms) => {
    const rev = (i: number) => ((i * 37) % 100) / 4;
    const data: Record<string, Arm> = {};
    const sums: Record<string, { units: number; converted: number; errors: number; revenueSum: number; revenueSumSquares: number }> = {};
    for (const [id, [units, converted, errors]] of Object.entries(arms)) {
      data[id] = { units, converted, errors, revenue: rev };
      let sum = 0;
      let squares = 0;
      for (let i = 0; i < units; i++) { sum += rev(i); squares += rev(i) ** 2; }
      sums[id] = { units, converted, errors, revenueSum: sum, revenueSumSquares: squares };
    }
    const dir = tempProject({ '.rollgate/ab.yml': CONFIG, 'data.csv': csv(data), 'sums.yml': summary(sums) });
    const fromRows = JSON.parse((await cli(['ab', '--data', 'data.csv', '--json'], { cwd: dir })).stdout);
    const fromSums = JSON.parse((await cli(['ab', '--summary', 'sums.yml', '--json'], { cwd: dir })).stdout);
    expect(fromRows.decision).toBe(decision);
    expect(fromSums.decision).toBe(decision);
    expect(fromSums.srm).toEqual(fromRows.srm);
    fromRows.metrics.forEach((metric: { variants: Array<{ pValue: number; relativeCi: number[] }> }, i: number) => {
      const [a, b] = [metric.variants[0]!, fromSums.metrics[i].variants[0]];
      expect(b.pValue).toBeCloseTo(a.pValue, 12);
      if (a.relativeCi[0] !== null) expect(b.relativeCi[0]).toBeCloseTo(a.relativeCi[0]!, 10);
    });
  });

  it('ab size prints the units per variant for a rate and for a mean', async () => {
    const run = await cli(['ab', 'size', '--baseline', '0.10', '--mde', '0.05', '--alpha', '0.05', '--power', '0.8', '--json'], { cwd: tmpdir() });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.proportions.unitsPerVariant).toBe(proportionSampleSize({ baseline: 0.1, expected: 0.105 }).controlN);
    expect(result.means).toBeNull();
    const text = await cli(['ab', 'size', '--baseline', '52', '--sd', '40', '--mde', '0.03', '--no-color'], { cwd: tmpdir() });
    expect(text.stdout).toMatch(/per variant for a mean/);
    const help = await cli(['ab', 'size', '--help'], { cwd: tmpdir() });
    expect(help.stdout).toContain('Usage: rollgate ab size [options]');
    expect(help.stdout).not.toContain('--config');
    const bad = await cli(['ab', 'size', '--baseline', 'ten', '--mde', '0.05'], { cwd: tmpdir() });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('rollgate: --baseline: expected a number, found "ten"\n');
  });
});
