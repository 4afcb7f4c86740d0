/**
 * The staged-rollout plan, .rollgate/rollout.yml. Everything the state machine
 * relies on (increasing percents ending at 100, unique names, critical values
 * beyond the normal thresholds) is checked here, so the machine never has to.
 */
import { z } from 'zod';
import { HOLD_HINT, formatHold, parseHold } from './duration';
import { GATE_SOURCES, gateSourceShape } from './gates/schema';
import { providerSchema } from './providers/schema';

/** Holds become milliseconds: the machine compares them with timestamps. */
const hold = z.string({ error: (issue) => `${HOLD_HINT}, found ${issue.input === undefined ? 'nothing' : JSON.stringify(issue.input)}` }).transform((text, ctx) => {
  const ms = parseHold(text);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: `${HOLD_HINT}, found ${JSON.stringify(text)}` });
    return z.NEVER;
  }
  if (ms <= 0) {
    ctx.addIssue({ code: 'custom', message: `expected a hold longer than 0, found ${JSON.stringify(text)}` });
    return z.NEVER;
  }
  return ms;
});

const stageSchema = z
  .strictObject({
    name: z.string().min(1, { error: 'expected a stage name' }).describe('Stage name, as reasons and reports show it.'),
    percent: z
      .number()
      .gt(0, { error: 'expected a percent above 0 (a 0% stage exposes nobody)', abort: true })
      .lte(100, { error: 'expected a percent of at most 100', abort: true })
      .describe('Share of traffic with the flag on during this stage, in (0, 100].'),
    hold: hold.optional().describe('How long to watch the gates before the next stage (30m, 1h, 2h30m, 1d); every stage but the last needs one.'),
  })
  .transform(({ name, percent, hold: holdMs }) => ({ name, percent, holdMs: holdMs ?? null }));

export const DEFAULT_STAGES = [
  { name: 'smoke', percent: 1, hold: '1h' },
  { name: 'canary', percent: 5, hold: '2h' },
  { name: 'early', percent: 10, hold: '4h' },
  { name: 'quarter', percent: 25, hold: '12h' },
  { name: 'half', percent: 50, hold: '24h' },
  { name: 'full', percent: 100 },
];

const gateSchema = z
  .strictObject({
    name: z.string().min(1).describe('Gate name; breaker.critical refers to it.'),
    ...gateSourceShape,
    min: z.number().finite().optional().describe('The observed value must be at least this.'),
    max: z.number().finite().optional().describe('The observed value must be at most this.'),
  })
  .superRefine((gate, issues) => {
    const sources = GATE_SOURCES.filter((key) => gate[key] !== undefined);
    if (sources.length !== 1) {
      issues.addIssue({
        code: 'custom',
        message: sources.length === 0 ? `gate "${gate.name}" needs a source: ${GATE_SOURCES.join(', ')}` : `gate "${gate.name}" has ${sources.length} sources (${sources.join(', ')}); give exactly one`,
      });
    }
    if (gate.min === undefined && gate.max === undefined && gate.check === undefined) issues.addIssue({ code: 'custom', message: `gate "${gate.name}" needs min, max or both` });
    if (gate.min !== undefined && gate.max !== undefined && gate.min > gate.max) {
      issues.addIssue({ code: 'custom', path: ['min'], message: `min ${gate.min} is above max ${gate.max}; no value could pass` });
    }
  })
  // A check conclusion is 1 or 0: passing means success unless the plan says otherwise.
  .transform((gate) => (gate.check && gate.min === undefined && gate.max === undefined ? { ...gate, min: 1 } : gate));

export const rolloutPlanSchema = z
  .strictObject({
    flag: z.string().min(1).describe('The feature flag being rolled out.'),
    environment: z.string().min(1).optional().describe('The environment the flag is changed in (required unless waves lists several).'),
    stages: z.array(stageSchema).min(1, { error: 'expected at least one stage (the last at 100%)', abort: true }).prefault(DEFAULT_STAGES).describe('Percent steps, strictly increasing, the last at 100 (default 1/5/10/25/50/100).'),
    gates: z.array(gateSchema).default([]).describe('Metrics that must stay within min/max for a stage to advance; none means time alone decides.'),
    noData: z.enum(['hold', 'fail', 'pass']).default('hold').describe('A gate without a value: hold (neither counts nor advances), fail (counts as a breach), pass.'),
    breaker: z
      .strictObject({
        consecutiveBreaches: z.number().int().min(1).default(2).describe('Breaching ticks in a row that roll back.'),
        critical: z.record(z.string(), z.number().finite()).default({}).describe('Gate name → value that rolls back at once (beyond the gate\'s max, or below its min).'),
      })
      .default({ consecutiveBreaches: 2, critical: {} }),
    rollbackTo: z.enum(['zero', 'previous-stage']).default('zero').describe('Where a rollback sets the percent.'),
    resumeFromStage: z.number().int().min(0).default(0).describe('Stage index (0-based) a manual resume after a rollback restarts from.'),
    provider: providerSchema.describe('Where the percent is written.'),
    waves: z.array(z.string().min(1)).min(1).optional().describe('Environments rolled out one after another; a wave starts when the one before completed.'),
  })
  .superRefine((plan, issues) => {
    if (plan.environment === undefined && plan.waves === undefined) {
      issues.addIssue({ code: 'custom', path: ['environment'], message: 'give environment, or waves for several environments' });
    }
    // Zod still runs this refinement after some non-fatal issues inside a
    // stage; such a stage was not transformed (no holdMs), and its own issue
    // already says what is wrong, so the cross-stage checks wait for a fix.
    const stagesParsed = plan.stages.every((stage) => 'holdMs' in stage);
    if (stagesParsed) checkStages(plan.stages, issues);
    const gateNames = uniqueNames(plan.gates, 'gates', 'gate', issues);
    if (plan.waves) {
      const seen = new Map<string, number>();
      plan.waves.forEach((wave, index) => {
        const first = seen.get(wave);
        if (first !== undefined) issues.addIssue({ code: 'custom', path: ['waves', index], message: `wave "${wave}" appears twice (also waves[${first}])` });
        else seen.set(wave, index);
      });
    }
    // One flagd file holds one percent per flag: waves need a file per environment.
    if (plan.waves && plan.waves.length > 1 && plan.provider.type === 'flagd-file' && !plan.provider.path.includes('{environment}')) {
      issues.addIssue({ code: 'custom', path: ['provider', 'path'], message: `with ${plan.waves.length} waves, the flagd file path needs {environment} (e.g. flags/{environment}.flagd.json); one file would hold one percent for every environment` });
    }
    for (const [name, critical] of Object.entries(plan.breaker.critical)) {
      const gate = plan.gates[gateNames.get(name) ?? -1];
      const path = ['breaker', 'critical', name];
      if (!gate) {
        const known = plan.gates.map((g) => g.name).join(', ') || 'none';
        issues.addIssue({ code: 'custom', path, message: `no gate named "${name}"; gates are: ${known}` });
        continue;
      }
      // Critical must lie beyond the normal bound: a value that is critical
      // but not even a breach would make the threshold meaningless.
      const above = gate.max !== undefined && critical > gate.max;
      const below = gate.min !== undefined && critical < gate.min;
      if (!above && !below) {
        const bounds = [gate.max !== undefined ? `above its max ${gate.max}` : '', gate.min !== undefined ? `below its min ${gate.min}` : ''].filter(Boolean).join(' or ');
        issues.addIssue({ code: 'custom', path, message: `critical ${critical} for "${name}" must be worse than the normal threshold: ${bounds}` });
      }
    }
    if (stagesParsed && plan.resumeFromStage >= plan.stages.length) {
      issues.addIssue({ code: 'custom', path: ['resumeFromStage'], message: `expected a stage index from 0 to ${plan.stages.length - 1}, found ${plan.resumeFromStage}` });
    }
  });

type StageOut = { name: string; percent: number; holdMs: number | null };

function checkStages(stages: readonly StageOut[], issues: z.core.$RefinementCtx): void {
  uniqueNames(stages, 'stages', 'stage', issues);
  stages.forEach((stage, index) => {
    const previous = stages[index - 1];
    if (previous && stage.percent <= previous.percent) {
      issues.addIssue({
        code: 'custom',
        path: ['stages', index, 'percent'],
        message: `percents must increase strictly: stage "${stage.name}" has ${stage.percent}%, not above "${previous.name}" (${previous.percent}%)`,
      });
    }
    const last = index === stages.length - 1;
    if (last && stage.percent !== 100) {
      issues.addIssue({ code: 'custom', path: ['stages', index, 'percent'], message: `the last stage must be 100%; "${stage.name}" has ${stage.percent}%` });
    }
    if (last && stage.holdMs !== null) {
      issues.addIssue({ code: 'custom', path: ['stages', index, 'hold'], message: `the last stage has no hold: reaching "${stage.name}" completes the rollout (found ${formatHold(stage.holdMs)})` });
    }
    if (!last && stage.holdMs === null) {
      issues.addIssue({ code: 'custom', path: ['stages', index, 'hold'], message: `stage "${stage.name}" needs a hold (e.g. 1h): how long to watch the gates before the next stage` });
    }
  });
}

function uniqueNames(items: readonly { name: string }[], key: string, what: string, issues: z.core.$RefinementCtx): Map<string, number> {
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const first = seen.get(item.name);
    if (first !== undefined) issues.addIssue({ code: 'custom', path: [key, index, 'name'], message: `duplicate ${what} name "${item.name}" (also ${key}[${first}])` });
    else seen.set(item.name, index);
  });
  return seen;
}

export type RolloutPlanInput = z.input<typeof rolloutPlanSchema>;
export type RolloutPlan = z.output<typeof rolloutPlanSchema>;
export type StagePlan = RolloutPlan['stages'][number];
export type GateConfig = RolloutPlan['gates'][number];
export type ProviderConfig = RolloutPlan['provider'];

/** The environments the stage plan runs in, in order: the waves, or the one environment. */
export function planEnvironments(plan: RolloutPlan): string[] {
  return plan.waves ?? [plan.environment ?? ''];
}
