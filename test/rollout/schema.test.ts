import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHold } from '../../src/commands/rollout/duration';
import { planEnvironments, rolloutPlanSchema } from '../../src/commands/rollout/schema';
import { planInput } from './arbitraries';

const base = { flag: 'checkout-v2', environment: 'production', provider: { type: 'flagd-file', path: 'flags/{environment}.json' } };
const errorRate = { name: 'error-rate', prometheus: { url: 'http://prometheus:9090', query: 'q' }, max: 0.001 };

/** "path: message" for every issue, the way the config loader reports them. */
function problems(input: unknown): string[] {
  const parsed = rolloutPlanSchema.safeParse(input);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('rollout plan', () => {
  it('parses the issue example, with defaults filled in', () => {
    const plan = rolloutPlanSchema.parse({
      ...base,
      stages: [
        { name: 'smoke', percent: 1, hold: '1h' },
        { name: 'canary', percent: 5, hold: '2h' },
        { name: 'early', percent: 10, hold: '4h' },
        { name: 'quarter', percent: 25, hold: '12h' },
        { name: 'half', percent: 50, hold: '24h' },
        { name: 'full', percent: 100 },
      ],
      gates: [errorRate, { name: 'p95-latency', http: { url: 'https://m.example.com/x', jsonPath: '$.p95' }, max: 2 }],
      noData: 'hold',
      breaker: { consecutiveBreaches: 2, critical: { 'error-rate': 0.01, 'p95-latency': 5.0 } },
      rollbackTo: 'zero',
      waves: ['staging', 'production-eu', 'production-us'],
    });
    expect(plan.stages[3]).toEqual({ name: 'quarter', percent: 25, holdMs: 12 * 3_600_000 });
    expect(plan.stages[5]).toEqual({ name: 'full', percent: 100, holdMs: null });
    expect(planEnvironments(plan)).toEqual(['staging', 'production-eu', 'production-us']);
  });

  it('defaults: 1/5/10/25/50/100 with holds of 1h/2h/4h/12h/24h, hold on no data, two breaches, rollback to zero', () => {
    const plan = rolloutPlanSchema.parse(base);
    expect(plan.stages.map((s) => `${s.name} ${s.percent}% ${s.holdMs === null ? '-' : formatHold(s.holdMs)}`)).toEqual([
      'smoke 1% 1h',
      'canary 5% 2h',
      'early 10% 4h',
      'quarter 25% 12h',
      'half 50% 1d',
      'full 100% -',
    ]);
    expect(plan).toMatchObject({ gates: [], noData: 'hold', breaker: { consecutiveBreaches: 2, critical: {} }, rollbackTo: 'zero', resumeFromStage: 0 });
    expect(planEnvironments(plan)).toEqual(['production']);
  });

  it('stages: strictly increasing percents in (0, 100], the last at 100, holds on all but the last', () => {
    expect(problems({ ...base, stages: [{ name: 'a', percent: 10, hold: '1h' }, { name: 'b', percent: 10, hold: '1h' }, { name: 'c', percent: 100 }] })).toEqual([
      'stages.1.percent: percents must increase strictly: stage "b" has 10%, not above "a" (10%)',
    ]);
    expect(problems({ ...base, stages: [{ name: 'a', percent: 10, hold: '1h' }, { name: 'b', percent: 50 }] })).toEqual([
      'stages.1.percent: the last stage must be 100%; "b" has 50%',
    ]);
    expect(problems({ ...base, stages: [{ name: 'a', percent: 0, hold: '1h' }, { name: 'b', percent: 100 }] })).toEqual([
      'stages.0.percent: expected a percent above 0 (a 0% stage exposes nobody)',
    ]);
    expect(problems({ ...base, stages: [{ name: 'a', percent: 150 }] })).toEqual(['stages.0.percent: expected a percent of at most 100']);
    expect(problems({ ...base, stages: [{ name: 'a', percent: 10 }, { name: 'b', percent: 100, hold: '2h' }] })).toEqual([
      'stages.0.hold: stage "a" needs a hold (e.g. 1h): how long to watch the gates before the next stage',
      'stages.1.hold: the last stage has no hold: reaching "b" completes the rollout (found 2h)',
    ]);
    expect(problems({ ...base, stages: [{ name: 'a', percent: 10, hold: '90 minutes' }, { name: 'b', percent: 100 }] })).toEqual([
      'stages.0.hold: expected a duration such as 30m, 1h, 2h30m or 1d, found "90 minutes"',
    ]);
    expect(problems({ ...base, stages: [{ name: 'a', percent: 10, hold: 3600 }, { name: 'b', percent: 100 }] })).toEqual([
      'stages.0.hold: expected a duration such as 30m, 1h, 2h30m or 1d, found 3600',
    ]);
    expect(problems({ ...base, stages: [{ name: 'a', percent: 10, hold: '0m' }, { name: 'b', percent: 100 }] })).toEqual(['stages.0.hold: expected a hold longer than 0, found "0m"']);
  });

  it('unique stage, gate and wave names', () => {
    expect(problems({ ...base, stages: [{ name: 'a', percent: 10, hold: '1h' }, { name: 'a', percent: 100 }] })).toEqual(['stages.1.name: duplicate stage name "a" (also stages[0])']);
    expect(problems({ ...base, gates: [errorRate, { ...errorRate, max: 0.01 }] })).toEqual(['gates.1.name: duplicate gate name "error-rate" (also gates[0])']);
    expect(problems({ ...base, waves: ['eu', 'us', 'eu'] })).toEqual(['waves.2: wave "eu" appears twice (also waves[0])']);
  });

  it('gates: exactly one source and a min or max', () => {
    expect(problems({ ...base, gates: [{ name: 'x', max: 1 }] })).toEqual(['gates.0: gate "x" needs a source: prometheus, http, file, check']);
    expect(problems({ ...base, gates: [{ name: 'x', file: { path: 'm.json', jsonPath: '$.x' }, http: { url: 'https://a.example', jsonPath: '$.x' }, max: 1 }] })).toEqual([
      'gates.0: gate "x" has 2 sources (http, file); give exactly one',
    ]);
    expect(problems({ ...base, gates: [{ name: 'x', file: { path: 'm.json', jsonPath: '$.x' } }] })).toEqual(['gates.0: gate "x" needs min, max or both']);
    expect(problems({ ...base, gates: [{ name: 'x', file: { path: 'm.json', jsonPath: '$.x' }, min: 5, max: 1 }] })).toEqual(['gates.0.min: min 5 is above max 1; no value could pass']);
    expect(problems({ ...base, gates: [{ name: 'x', prometheus: { url: 'ftp://x', query: 'q' }, max: 1 }] })).toEqual(['gates.0.prometheus.url: expected an http(s) URL']);
  });

  it('critical values must name gates and be worse than the normal threshold', () => {
    expect(problems({ ...base, gates: [errorRate], breaker: { critical: { 'p95-latency': 5 } } })).toEqual([
      'breaker.critical.p95-latency: no gate named "p95-latency"; gates are: error-rate',
    ]);
    expect(problems({ ...base, gates: [errorRate], breaker: { critical: { 'error-rate': 0.0005 } } })).toEqual([
      'breaker.critical.error-rate: critical 0.0005 for "error-rate" must be worse than the normal threshold: above its max 0.001',
    ]);
    expect(problems({ ...base, gates: [{ ...errorRate, max: undefined, min: 0.9 }], breaker: { critical: { 'error-rate': 0.95 } } })).toEqual([
      'breaker.critical.error-rate: critical 0.95 for "error-rate" must be worse than the normal threshold: below its min 0.9',
    ]);
    expect(problems({ ...base, gates: [errorRate], breaker: { consecutiveBreaches: 0 } })).toHaveLength(1);
  });

  it('environment or waves; known enums; provider types; no unknown keys', () => {
    expect(problems({ flag: 'f', provider: base.provider })).toEqual(['environment: give environment, or waves for several environments']);
    expect(problems({ flag: 'f', waves: ['staging'], provider: base.provider })).toEqual([]);
    expect(problems({ flag: 'f', waves: ['eu', 'us'], provider: { type: 'flagd-file', path: 'flags/flags.json' } })).toEqual([
      'provider.path: with 2 waves, the flagd file path needs {environment} (e.g. flags/{environment}.flagd.json); one file would hold one percent for every environment',
    ]);
    expect(problems({ ...base, noData: 'skip' })).toHaveLength(1);
    expect(problems({ ...base, rollbackTo: 'previous' })).toHaveLength(1);
    expect(problems({ ...base, provider: { type: 'launchdarkly' } })).toEqual(['provider.type: expected provider.type to be one of "flagd-file", "unleash", "webhook", "file"']);
    expect(problems({ ...base, provider: { type: 'unleash', url: 'https://unleash.example.com/api' } })).toEqual([]);
    expect(problems({ ...base, stage: [] })).toHaveLength(1);
    expect(problems({ ...base, resumeFromStage: 6 })).toEqual(['resumeFromStage: expected a stage index from 0 to 5, found 6']);
  });
});

describe('property: generated plans', () => {
  it('any generated valid plan parses, and its stages keep their order and percents', () => {
    fc.assert(
      fc.property(planInput, (input) => {
        const parsed = rolloutPlanSchema.safeParse(input);
        if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
        expect(parsed.data.stages.map((s) => s.percent)).toEqual(input.stages.map((s) => s.percent));
        expect(parsed.data.stages.at(-1)?.holdMs).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it('swapping two stages of a generated plan is always refused', () => {
    fc.assert(
      fc.property(planInput.filter((p) => p.stages.length >= 2), fc.nat(), (input, pick) => {
        const i = pick % (input.stages.length - 1);
        const stages = [...input.stages];
        [stages[i], stages[i + 1]] = [stages[i + 1]!, stages[i]!];
        expect(rolloutPlanSchema.safeParse({ ...input, stages }).success).toBe(false);
      }),
    );
  });
});

describe('messages stay precise when a stage is broken', () => {
  it('an empty stage name or list gives one message, not a cascade', () => {
    expect(problems({ ...base, stages: [{ name: '', percent: 10, hold: '1h' }, { name: 'b', percent: 100 }] })).toEqual(['stages.0.name: expected a stage name']);
    expect(problems({ ...base, stages: [] })).toEqual(['stages: expected at least one stage (the last at 100%)']);
  });
});
