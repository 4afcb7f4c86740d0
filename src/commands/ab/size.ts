/**
 * `rollgate ab size`: units per variant before an experiment starts, for a
 * conversion metric and, given its standard deviation, for a mean.
 */
import type { RunContext } from '../../context';
import { UserError } from '../../errors';
import type { Report } from '../../report/model';
import { meanSampleSize, proportionSampleSize } from '../../stats/index';
import type { SubcommandRun } from '../types';

export interface SizeResult {
  passed: true;
  inputs: { baseline: number; mde: number; alpha: number; power: number; sd?: number; variants: number };
  proportions: { baselineRate: number; targetRate: number; unitsPerVariant: number; totalUnits: number } | null;
  means: { baselineMean: number; difference: number; sd: number; unitsPerVariant: number; totalUnits: number } | null;
  notes: string[];
}

function numberInput(ctx: RunContext, name: string, fallback?: number): number {
  const raw = ctx.inputs?.[name];
  if (raw === undefined || raw === '') {
    if (fallback !== undefined) return fallback;
    throw new UserError(`--${name} is required; see rollgate ab size --help`);
  }
  const value = Number(raw);
  if (typeof raw !== 'string' || !Number.isFinite(value)) throw new UserError(`--${name}: expected a number, found "${raw}"`);
  return value;
}

export function sampleSizes(inputs: SizeResult['inputs']): SizeResult {
  const { baseline, mde, alpha, power, sd, variants } = inputs;
  if (!(mde > 0)) throw new UserError(`--mde: expected a relative effect above 0 (0.05 = 5%), found ${mde}`);
  if (!(alpha > 0 && alpha < 0.5)) throw new UserError(`--alpha: expected a value between 0 and 0.5, found ${alpha}`);
  if (!(power > 0 && power < 1)) throw new UserError(`--power: expected a value between 0 and 1, found ${power}`);
  if (!(Number.isInteger(variants) && variants >= 2)) throw new UserError(`--variants: expected a whole number ≥ 2, found ${variants}`);
  const notes: string[] = [];
  let proportions: SizeResult['proportions'] = null;
  const target = baseline * (1 + mde);
  if (baseline > 0 && baseline < 1 && target < 1) {
    const n = proportionSampleSize({ baseline, expected: target, alpha, power }).controlN;
    proportions = { baselineRate: baseline, targetRate: target, unitsPerVariant: n, totalUnits: n * variants };
  } else {
    notes.push(`proportions: the baseline ${baseline} with a ${mde * 100}% lift is not a rate between 0 and 1`);
  }
  let means: SizeResult['means'] = null;
  if (sd !== undefined) {
    if (!(sd > 0)) throw new UserError(`--sd: expected a standard deviation above 0, found ${sd}`);
    if (baseline === 0) throw new UserError('--baseline: a relative effect on a mean of 0 is undefined');
    const difference = Math.abs(baseline) * mde;
    const n = meanSampleSize({ difference, controlSd: sd, alpha, power }).controlN;
    means = { baselineMean: baseline, difference, sd, unitsPerVariant: n, totalUnits: n * variants };
  } else {
    notes.push('means: give --sd (the per-unit standard deviation) to size a continuous metric');
  }
  // Several treatments share one control; a Bonferroni split of alpha keeps the family-wise rate.
  if (variants > 2) notes.push(`with ${variants - 1} treatments, consider --alpha ${(alpha / (variants - 1)).toPrecision(3)} (Bonferroni) to keep the family-wise error at ${alpha}`);
  return { passed: true, inputs, proportions, means, notes };
}

function sizeReport(result: SizeResult): Report {
  const { inputs } = result;
  const parts = [
    result.proportions ? `${result.proportions.unitsPerVariant.toLocaleString('en-US')} per variant for a rate` : '',
    result.means ? `${result.means.unitsPerVariant.toLocaleString('en-US')} per variant for a mean` : '',
  ].filter(Boolean);
  const rows: string[][] = [];
  if (result.proportions) rows.push(['proportion', `${(inputs.baseline * 100).toFixed(2)}% → ${(result.proportions.targetRate * 100).toFixed(2)}%`, result.proportions.unitsPerVariant.toLocaleString('en-US'), result.proportions.totalUnits.toLocaleString('en-US')]);
  if (result.means) rows.push(['mean', `${inputs.baseline} → ${inputs.baseline + result.means.difference} (sd ${inputs.sd})`, result.means.unitsPerVariant.toLocaleString('en-US'), result.means.totalUnits.toLocaleString('en-US')]);
  return {
    command: 'ab size',
    passed: true,
    headline: `${parts.join('; ')} (${(inputs.mde * 100).toFixed(1)}% relative change, alpha ${inputs.alpha} two-sided, power ${inputs.power})`,
    gates: [],
    findings: [],
    sections: [
      { title: 'Sample size', primary: true, table: { columns: ['Metric', 'Change to detect', 'Units per variant', `Total (${inputs.variants} variants)`], rows, align: ['left', 'left', 'right', 'right'] } },
      ...(result.notes.length ? [{ title: 'Notes', primary: true, text: result.notes.join('\n') }] : []),
    ],
    outputs: {},
  };
}

export async function runSize(ctx: RunContext): Promise<SubcommandRun> {
  const inputs = {
    baseline: numberInput(ctx, 'baseline'),
    mde: numberInput(ctx, 'mde'),
    alpha: numberInput(ctx, 'alpha', 0.05),
    power: numberInput(ctx, 'power', 0.8),
    variants: numberInput(ctx, 'variants', 2),
    ...(ctx.inputs?.sd !== undefined ? { sd: numberInput(ctx, 'sd') } : {}),
  };
  const result = sampleSizes(inputs);
  return { result, report: sizeReport(result) };
}
