/**
 * Random plans driven by random sequences of gate readings and controls,
 * checking what must hold whatever happens: the percent never exceeds the
 * current stage's, never rises after a rollback until a resume, only rises
 * while progressing; one stage per tick; ticks idempotent; state valid JSON.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { abort, pause, promote, resume, rollback, start } from '../../src/commands/rollout/controls';
import { tick } from '../../src/commands/rollout/machine';
import type { RolloutPlan } from '../../src/commands/rollout/schema';
import { rolloutPlanSchema } from '../../src/commands/rollout/schema';
import type { StepResult } from '../../src/commands/rollout/step';
import { RolloutRefused } from '../../src/commands/rollout/step';
import type { GateResult, GateStatus, RolloutState } from '../../src/commands/rollout/state-schema';
import { rolloutStateSchema } from '../../src/commands/rollout/state-schema';
import { planInput } from './arbitraries';
import { T0 } from './fixtures';

const status = fc.oneof(
  { weight: 20, arbitrary: fc.constant<GateStatus | 'missing'>('pass') },
  { weight: 3, arbitrary: fc.constant<GateStatus | 'missing'>('breach') },
  { weight: 1, arbitrary: fc.constant<GateStatus | 'missing'>('critical') },
  { weight: 2, arbitrary: fc.constant<GateStatus | 'missing'>('no-data') },
  { weight: 1, arbitrary: fc.constant<GateStatus | 'missing'>('missing') },
);
const minutes = fc.oneof(fc.constant(0), fc.nat(90), fc.nat(5000));

const command = fc.oneof(
  { weight: 12, arbitrary: fc.record({ kind: fc.constant('tick' as const), after: minutes, gates: fc.array(status, { minLength: 4, maxLength: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('pause' as const, 'abort' as const, 'rollback' as const, 'start' as const), after: minutes }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('resume' as const), after: minutes, manual: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('promote' as const), after: minutes, gates: fc.array(status, { minLength: 4, maxLength: 4 }) }) },
);
type Command = typeof command extends fc.Arbitrary<infer C> ? C : never;

function readings(plan: RolloutPlan, statuses: readonly (GateStatus | 'missing')[]): GateResult[] {
  return plan.gates.flatMap((gate, index): GateResult[] => {
    const s = statuses[index] ?? 'pass';
    if (s === 'missing') return [];
    return [{ name: gate.name, status: s, observed: s === 'no-data' ? null : 1, threshold: 'max 1' }];
  });
}

function run(state: RolloutState, plan: RolloutPlan, cmd: Command, now: Date): StepResult | null {
  try {
    switch (cmd.kind) {
      case 'tick':
        return tick(state, plan, readings(plan, cmd.gates), now);
      case 'promote':
        return promote(state, plan, { now, gates: readings(plan, cmd.gates) });
      case 'resume':
        return resume(state, plan, { now, manual: cmd.manual });
      case 'pause':
        return pause(state, plan, { now });
      case 'abort':
        return abort(state, plan, { now });
      case 'rollback':
        return rollback(state, plan, { now });
      case 'start':
        return start(state, plan, { ref: `r${now.getTime()}`, now });
    }
  } catch (error) {
    // Refusals are part of the contract; anything else is a bug.
    if (error instanceof RolloutRefused) return null;
    throw error;
  }
}

function percents(state: RolloutState): number[] {
  return state.waves.map((wave) => wave.percent);
}

function checkState(state: RolloutState, plan: RolloutPlan): void {
  expect(rolloutStateSchema.parse(JSON.parse(JSON.stringify(state)))).toEqual(state);
  state.waves.forEach((wave, index) => {
    if (index < state.wave) expect(wave).toMatchObject({ status: 'completed', percent: 100 });
    if (index > state.wave) {
      expect(['pending', 'cancelled']).toContain(wave.status);
      expect(wave.percent).toBe(0);
    }
  });
  const active = state.waves[state.wave]!;
  // Never above the current stage's percent.
  if (state.stage !== null) expect(active.percent).toBeLessThanOrEqual(plan.stages[state.stage]!.percent);
  else expect(active.percent).toBe(0);
  if (state.status === 'rolled-back') {
    expect(active.status).toBe('rolled-back');
    for (const wave of state.waves.slice(state.wave + 1)) expect(wave.status).toBe('cancelled');
  }
}

describe('property: rollout invariants over random plans and event sequences', () => {
  it('holds for every sequence', () => {
    fc.assert(
      fc.property(planInput, fc.array(command, { minLength: 1, maxLength: 40 }), (input, commands) => {
        const plan = rolloutPlanSchema.parse(input);
        let clock = T0;
        let step = start(null, plan, { ref: 'r0', now: new Date(clock) });
        checkState(step.state, plan);
        for (const cmd of commands) {
          clock += cmd.after * 60_000;
          const now = new Date(clock);
          const before = step.state;
          const next = run(before, plan, cmd, now);
          if (next === null) continue;
          checkState(next.state, plan);
          const after = next.state;

          expect(next.percent).toBe(after.waves[after.wave]!.percent);
          if (next.action === 'none') {
            expect(after).toBe(before);
            expect(next.flagChange).toBeNull();
          }
          if (next.flagChange) expect(next.flagChange).toEqual({ environment: next.environment, percent: next.percent });

          const sameRollout = next.action !== 'started' || cmd.kind === 'tick';
          if (before.status === 'rolled-back' && next.action !== 'resumed' && sameRollout) {
            // After a rollback, no percent rises without a resume.
            percents(after).forEach((p, i) => expect(p).toBeLessThanOrEqual(percents(before)[i]!));
          }
          if (before.status === 'progressing' && (after.status === 'progressing' || after.status === 'completed') && before.wave === after.wave) {
            // Monotone while progressing, and at most one stage per step.
            expect(next.percent).toBeGreaterThanOrEqual(before.waves[before.wave]!.percent);
            expect((after.stage ?? 0) - (before.stage ?? 0)).toBeLessThanOrEqual(1);
            expect(after.stage ?? 0).toBeGreaterThanOrEqual(before.stage ?? 0);
          }
          if (cmd.kind === 'tick') {
            // Idempotent: the same tick again does nothing.
            const again = tick(after, plan, readings(plan, cmd.gates), now);
            expect(again.action).toBe('none');
            expect(again.state).toBe(after);
            if (before.status !== 'progressing') expect(next.action).toBe('none');
          }
          if (after.status === 'aborted') expect(next.percent).toBe(0);
          step = next;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a breach never rolls back before consecutiveBreaches ticks in a row, a critical value always does at once', () => {
    fc.assert(
      fc.property(planInput.filter((p) => p.gates.length > 0 && p.stages.length >= 2), fc.array(fc.boolean(), { minLength: 1, maxLength: 12 }), (input, breaches) => {
        const plan = rolloutPlanSchema.parse(input);
        let step = start(null, plan, { ref: 'r', now: new Date(T0) });
        if (step.state.status === 'completed') return;
        let streak = 0;
        for (const [i, breach] of breaches.entries()) {
          const gates = plan.gates.map((g, j): GateResult => ({ name: g.name, status: breach && j === 0 ? 'breach' : 'pass', observed: 1, threshold: '' }));
          const atStageZero = step.state.stage;
          step = tick(step.state, plan, gates, new Date(T0 + (i + 1) * 1000));
          streak = breach ? streak + 1 : 0;
          if (step.action === 'rolled-back') {
            expect(streak).toBe(plan.breaker.consecutiveBreaches);
            return;
          }
          expect(step.state.stage).toBe(atStageZero);
          expect(step.consecutiveBreaches).toBe(streak);
        }
        const critical = plan.gates.map((g, j): GateResult => ({ name: g.name, status: j === 0 ? 'critical' : 'pass', observed: 1, threshold: '' }));
        expect(tick(step.state, plan, critical, new Date(T0 + 3_600_000)).action).toBe('rolled-back');
      }),
      { numRuns: 200 },
    );
  });
});
