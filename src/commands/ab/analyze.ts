/**
 * The A/B analysis, pure: per-variant moments and the config in, the
 * decision with its numbers out. No I/O and no clock.
 */
import {
  alwaysValidPValue,
  benjaminiHochberg,
  bonferroni,
  chanceToWin,
  chiSquareGoodnessOfFit,
  confidenceSequence,
  expectedLoss,
  holm,
  meanPower,
  meanSampleSize,
  proportionPower,
  proportionSampleSize,
  relativeLiftCi,
  twoProportionZTest,
  welchTTest,
} from '../../stats/index';
import type { SampleSummary } from '../../stats/types';
import { sampleVariance, type Moments } from './data/moments';
import type { ExperimentData } from './inputs';
import type { AbConfig, MetricConfig } from './schema';

export type Decision = 'ship' | 'keep-running' | 'stop' | 'invalid';

export interface VariantEffect {
  id: string;
  units: number;
  mean: number;
  absoluteEffect: number;
  absoluteCi: [number, number];
  relativeEffect: number;
  relativeCi: [number, number];
  pValue: number;
  adjustedPValue: number;
  chanceToWin: number;
  /** Expected shortfall, in the metric's units, if this variant ships (Gaussian, flat prior). */
  expectedLoss: number;
  significant: boolean;
  /** better | worse | flat: the significant direction against the goal. */
  verdict: 'better' | 'worse' | 'flat';
}

export interface MetricResult {
  name: string;
  type: MetricConfig['type'];
  goal: MetricConfig['goal'];
  primary: boolean;
  guardrail: boolean;
  control: { id: string; units: number; mean: number };
  variants: VariantEffect[];
  /** Why a comparison could not be made (say, a control mean of 0 for a relative effect). */
  notes: string[];
}

export interface PowerResult {
  primaryMetric: string;
  /** Relative minimum detectable effect the numbers are for. */
  mde: number;
  unitsNeededPerVariant: number;
  achievedPower: number;
}

export interface PreviousLook {
  metrics: Array<{ name: string; variants: Array<{ id: string; pValue: number; absoluteCi: [number, number]; relativeCi: [number, number] }> }>;
}

export interface AbResult {
  passed: boolean;
  decision: Decision;
  reasons: string[];
  srm: { chiSquare: number; pValue: number; mismatch: boolean; expected: Record<string, number>; observed: Record<string, number> };
  metrics: MetricResult[];
  power: PowerResult | null;
  settings: { alpha: number; correction: AbConfig['correction']; sequential: boolean; srmAlpha: number; minUnitsPerVariant: number };
  source: ExperimentData['source'];
  rows?: { read: number; used: number; unknownVariant: ExperimentData['unknownVariant']; malformed: ExperimentData['malformed'] };
}

/** The mixture CS is tightest, relative to the fixed interval, where τ²/V is this (found numerically; depends on α only). */
export function bestMixingRatio(alpha: number): number {
  const width = (r: number) => (1 + 1 / r) * (Math.log1p(r) + 2 * Math.log(1 / alpha));
  let lo = 0.01;
  let hi = 1e4;
  // Golden-section search on log r: width is unimodal in r.
  const phi = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 200; i++) {
    const a = Math.exp(Math.log(hi) - phi * (Math.log(hi) - Math.log(lo)));
    const b = Math.exp(Math.log(lo) + phi * (Math.log(hi) - Math.log(lo)));
    if (width(a) < width(b)) hi = b; else lo = a;
  }
  return Math.sqrt(lo * hi);
}

function summary(m: Moments, type: MetricConfig['type']): SampleSummary {
  // For 0/1 data the Wald convention uses p(1 − p), the MLE, as the per-unit variance.
  return { n: m.n, mean: m.mean, variance: type === 'binomial' ? m.mean * (1 - m.mean) : sampleVariance(m) };
}

const percent = (x: number, digits = 1) => `${x > 0 ? '+' : ''}${(x * 100).toFixed(digits)}%`;
const p = (x: number) => (x < 1e-4 ? x.toExponential(1) : x.toPrecision(2));

interface Comparison {
  variant: VariantEffect;
  /** Raw p used for the correction family, or null for guardrails. */
  family: boolean;
}

function compare(config: AbConfig, metric: MetricConfig, control: Moments, treatment: Moments, id: string, units: number, notes: string[]): VariantEffect {
  const alpha = config.alpha;
  const c = summary(control, metric.type);
  const t = summary(treatment, metric.type);
  let absoluteEffect: number;
  let absoluteCi: [number, number];
  let pValue: number;
  let se: number;
  if (metric.type === 'binomial') {
    const z = twoProportionZTest({ successes: Math.round(control.mean * control.n), trials: control.n }, { successes: Math.round(treatment.mean * treatment.n), trials: treatment.n }, 1 - alpha);
    absoluteEffect = z.difference;
    absoluteCi = [z.confidenceInterval.lower, z.confidenceInterval.upper];
    pValue = z.pValue;
    se = Math.sqrt(c.variance / c.n + t.variance / t.n);
  } else {
    const w = welchTTest(c, t, 1 - alpha);
    absoluteEffect = w.difference;
    absoluteCi = [w.confidenceInterval.lower, w.confidenceInterval.upper];
    pValue = w.pValue;
    se = w.standardError;
  }
  let relativeEffect = Number.NaN;
  let relativeCi: [number, number] = [Number.NaN, Number.NaN];
  let relativeSe = Number.NaN;
  if (c.mean !== 0) {
    const rel = relativeLiftCi(c, t, 1 - alpha);
    relativeEffect = rel.lift;
    relativeCi = [rel.confidenceInterval.lower, rel.confidenceInterval.upper];
    relativeSe = rel.standardError;
  } else {
    notes.push(`${id}: no relative effect, the control mean is 0`);
  }
  if (config.sequential && se > 0) {
    // τ² fixed by the tuning size: the sequence is tightest when each arm has that many units.
    const ratio = bestMixingRatio(alpha);
    const perUnit = c.variance + t.variance;
    const tau2 = ratio * (perUnit / config.sequentialTuning);
    const variance = se * se;
    pValue = alwaysValidPValue(absoluteEffect, variance, tau2);
    const cs = confidenceSequence(absoluteEffect, variance, tau2, alpha);
    absoluteCi = [cs.lower, cs.upper];
    if (Number.isFinite(relativeSe) && relativeSe > 0) {
      const relPerUnit = relativeSe * relativeSe * Math.min(c.n, t.n);
      const rcs = confidenceSequence(relativeEffect, relativeSe * relativeSe, ratio * (relPerUnit / config.sequentialTuning), alpha);
      relativeCi = [rcs.lower, rcs.upper];
    }
  }
  const win = se > 0 ? chanceToWin(absoluteEffect, se, metric.goal) : absoluteEffect === 0 ? 0.5 : (absoluteEffect > 0) === (metric.goal === 'increase') ? 1 : 0;
  const loss = se > 0 ? expectedLoss(absoluteEffect, se, metric.goal).treatment : 0;
  return {
    id,
    units,
    mean: treatment.mean,
    absoluteEffect,
    absoluteCi,
    relativeEffect,
    relativeCi,
    pValue,
    adjustedPValue: pValue,
    chanceToWin: win,
    expectedLoss: loss,
    significant: false,
    verdict: 'flat',
  };
}

function adjust(pValues: number[], correction: AbConfig['correction']): number[] {
  if (pValues.length === 0) return [];
  switch (correction) {
    case 'holm': return holm(pValues);
    case 'bh': return benjaminiHochberg(pValues);
    case 'bonferroni': return bonferroni(pValues);
    case 'none': return [...pValues];
  }
}

/** Carries a running minimum p-value and intersected intervals over looks (sequential mode). */
function applyPrevious(metric: MetricResult, previous: PreviousLook | undefined): void {
  const before = previous?.metrics.find((m) => m.name === metric.name);
  if (!before) return;
  for (const variant of metric.variants) {
    const prior = before.variants.find((v) => v.id === variant.id);
    if (!prior) continue;
    variant.pValue = Math.min(variant.pValue, prior.pValue);
    const meet = (a: [number, number], b: [number, number]): [number, number] => [Math.max(a[0], b[0]), Math.min(a[1], b[1])];
    variant.absoluteCi = meet(variant.absoluteCi, prior.absoluteCi);
    if (Number.isFinite(prior.relativeCi[0])) variant.relativeCi = meet(variant.relativeCi, prior.relativeCi);
  }
}

function powerFor(config: AbConfig, data: ExperimentData): PowerResult | null {
  const metric = config.metrics.find((m) => m.primary);
  if (!metric || metric.mde === undefined) return null;
  const control = data.variants.find((v) => v.id === config.control)!.metrics[metric.name]!;
  const treatments = data.variants.filter((v) => v.id !== config.control);
  const smallest = Math.min(...treatments.map((v) => v.metrics[metric.name]!.n), control.n);
  if (control.n < 2 || control.mean === 0) return null;
  const alpha = config.alpha;
  if (metric.type === 'binomial') {
    const baseline = control.mean;
    const expected = baseline * (1 + (metric.goal === 'decrease' ? -metric.mde : metric.mde));
    if (!(baseline > 0 && baseline < 1 && expected > 0 && expected < 1)) return null;
    const needed = proportionSampleSize({ baseline, expected, alpha, power: config.power });
    return {
      primaryMetric: metric.name,
      mde: metric.mde,
      unitsNeededPerVariant: needed.controlN,
      achievedPower: proportionPower({ baseline, expected, controlN: Math.max(1, smallest), treatmentN: Math.max(1, smallest), alpha }),
    };
  }
  const sd = Math.sqrt(sampleVariance(control));
  if (!(sd > 0)) return null;
  const difference = Math.abs(control.mean) * metric.mde;
  const needed = meanSampleSize({ difference, controlSd: sd, alpha, power: config.power });
  return {
    primaryMetric: metric.name,
    mde: metric.mde,
    unitsNeededPerVariant: needed.controlN,
    achievedPower: meanPower({ difference, controlSd: sd, controlN: Math.max(1, smallest), treatmentN: Math.max(1, smallest), alpha }),
  };
}

export function analyze(config: AbConfig, data: ExperimentData, previous?: PreviousLook): AbResult {
  const alpha = config.alpha;
  const ids = data.variants.map((v) => v.id);
  const weights = ids.map((id) => config.allocation[id]!);
  const observed = data.variants.map((v) => v.units);
  const total = observed.reduce((a, b) => a + b, 0);
  const reasons: string[] = [];

  const srmTest = total > 0 ? chiSquareGoodnessOfFit(observed, weights) : { statistic: 0, pValue: 1, expected: observed.map(() => 0), df: 0 };
  const srm = {
    chiSquare: srmTest.statistic,
    pValue: srmTest.pValue,
    mismatch: total > 0 && srmTest.pValue < config.srmAlpha,
    expected: Object.fromEntries(ids.map((id, i) => [id, srmTest.expected[i]!])),
    observed: Object.fromEntries(ids.map((id, i) => [id, observed[i]!])),
  };
  const weightSum = weights.reduce((a, b) => a + b, 0);
  if (srm.mismatch) {
    const split = ids.map((id, i) => `${id} ${observed[i]} (${((observed[i]! / total) * 100).toFixed(2)}%, expected ${((weights[i]! / weightSum) * 100).toFixed(2)}%)`).join(', ');
    reasons.push(`Sample ratio mismatch: ${split}; χ² = ${srm.chiSquare.toFixed(2)}, p = ${p(srm.pValue)} < ${config.srmAlpha}. Assignment or logging is broken; do not trust the effects.`);
  }
  const small = data.variants.filter((v) => v.units < config.minUnitsPerVariant);
  for (const v of small) reasons.push(`Variant ${v.id} has ${v.units} units, fewer than minUnitsPerVariant ${config.minUnitsPerVariant}.`);

  const controlData = data.variants.find((v) => v.id === config.control)!;
  const comparisons: Comparison[] = [];
  const metrics: MetricResult[] = config.metrics.map((metric) => {
    const notes: string[] = [];
    const control = controlData.metrics[metric.name]!;
    const variants: VariantEffect[] = [];
    for (const v of data.variants) {
      if (v.id === config.control) continue;
      const treatment = v.metrics[metric.name]!;
      if (control.n < 2 || treatment.n < 2) {
        notes.push(`${v.id}: too few units to compare (control ${control.n}, ${v.id} ${treatment.n})`);
        continue;
      }
      const effect = compare(config, metric, control, treatment, v.id, v.units, notes);
      variants.push(effect);
      comparisons.push({ variant: effect, family: !metric.guardrail });
    }
    const result: MetricResult = {
      name: metric.name,
      type: metric.type,
      goal: metric.goal,
      primary: metric.primary,
      guardrail: metric.guardrail,
      control: { id: config.control, units: controlData.units, mean: control.mean },
      variants,
      notes,
    };
    if (config.sequential) applyPrevious(result, previous);
    return result;
  });

  // The correction runs over the non-guardrail family; guardrails are each tested at alpha, which is the stricter choice for safety.
  const family = comparisons.filter((c) => c.family);
  const adjusted = adjust(family.map((c) => c.variant.pValue), config.correction);
  family.forEach((c, i) => { c.variant.adjustedPValue = adjusted[i]!; });
  metrics.forEach((metric) => {
    for (const v of metric.variants) {
      v.significant = v.adjustedPValue < alpha;
      const good = metric.goal === 'increase' ? v.absoluteEffect > 0 : v.absoluteEffect < 0;
      v.verdict = v.significant ? (good ? 'better' : 'worse') : 'flat';
    }
  });

  const describe = (metric: MetricResult, v: VariantEffect) => {
    const effect = Number.isFinite(v.relativeEffect) ? `${percent(v.relativeEffect)} [${percent(v.relativeCi[0])}, ${percent(v.relativeCi[1])}]` : `${v.absoluteEffect.toPrecision(3)} absolute`;
    const adj = metric.guardrail || config.correction === 'none' ? '' : `, ${config.correction}-adjusted p = ${p(v.adjustedPValue)}`;
    return `${metric.name} ${v.verdict === 'flat' ? 'shows no significant change' : `is significantly ${v.verdict}`} for ${v.id}: ${effect}, p = ${p(v.pValue)}${adj}`;
  };

  const primary = metrics.find((m) => m.primary);
  const worseGuardrails = metrics.filter((m) => m.guardrail).flatMap((m) => m.variants.filter((v) => v.verdict === 'worse').map((v) => describe(m, v)));
  const primaryWorse = primary?.variants.filter((v) => v.verdict === 'worse') ?? [];
  const primaryBetter = primary?.variants.filter((v) => v.verdict === 'better') ?? [];

  let decision: Decision;
  if (srm.mismatch || small.length > 0) {
    decision = 'invalid';
  } else if (worseGuardrails.length > 0 || primaryWorse.length > 0) {
    decision = 'stop';
    reasons.push(...worseGuardrails.map((r) => `Guardrail: ${r}.`), ...primaryWorse.map((v) => `Primary: ${describe(primary!, v)}.`));
  } else if (primaryBetter.length > 0) {
    decision = 'ship';
    const best = [...primaryBetter].sort((a, b) => (b.chanceToWin - a.chanceToWin) || (Math.abs(b.relativeEffect) - Math.abs(a.relativeEffect)))[0]!;
    reasons.push(`Primary: ${describe(primary!, best)}; chance to win ${(best.chanceToWin * 100).toFixed(1)}%.`);
    const guards = metrics.filter((m) => m.guardrail);
    if (guards.length > 0) reasons.push(`No guardrail is significantly worse (${guards.map((m) => m.name).join(', ')}).`);
  } else {
    decision = 'keep-running';
    if (!primary) reasons.push('No primary metric is configured, so nothing can ship; guardrails are fine.');
    else for (const v of primary.variants) reasons.push(`Primary: ${describe(primary, v)}.`);
  }

  const power = powerFor(config, data);
  if (decision === 'keep-running' && power) {
    const have = Math.min(...data.variants.map((v) => v.metrics[power.primaryMetric]!.n));
    reasons.push(have < power.unitsNeededPerVariant
      ? `Power: ${(power.achievedPower * 100).toFixed(0)}% to detect a ${(power.mde * 100).toFixed(1)}% change; about ${power.unitsNeededPerVariant.toLocaleString('en-US')} units per variant give ${(config.power * 100).toFixed(0)}% (have ${have.toLocaleString('en-US')}).`
      : `Power: ${(power.achievedPower * 100).toFixed(0)}% to detect a ${(power.mde * 100).toFixed(1)}% change, so an effect that size would likely have shown; the true effect is probably smaller.`);
  }

  return {
    passed: decision === 'ship' || decision === 'keep-running',
    decision,
    reasons,
    srm,
    metrics,
    power,
    settings: { alpha, correction: config.correction, sequential: config.sequential, srmAlpha: config.srmAlpha, minUnitsPerVariant: config.minUnitsPerVariant },
    source: data.source,
    ...(data.rows !== undefined ? {
      rows: {
        read: data.rows,
        used: data.variants.reduce((a, v) => a + v.units, 0),
        unknownVariant: data.unknownVariant,
        malformed: data.malformed,
      },
    } : {}),
  };
}

