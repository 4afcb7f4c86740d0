import { describe, expect, it } from 'vitest';
import { abort, promote, resume, start } from '../../src/commands/rollout/controls';
import { tick } from '../../src/commands/rollout/machine';
import type { StepResult } from '../../src/commands/rollout/step';
import { BREACH, GREEN, at, makePlan, read } from './fixtures';

const waves = ['staging', 'production-eu', 'production-us'];
const plan = makePlan({
  waves,
  stages: [
    { name: 'canary', percent: 10, hold: '1h' },
    { name: 'half', percent: 50, hold: '1h' },
    { name: 'full', percent: 100 },
  ],
});
const green = read(plan, GREEN);

function statuses(step: StepResult): string[] {
  return step.state.waves.map((wave) => `${wave.environment}:${wave.status}:${wave.percent}`);
}

describe('waves', () => {
  it('each wave starts only after the one before completed', () => {
    let step = start(null, plan, { ref: 'v2', now: at(0) });
    expect(step).toMatchObject({ environment: 'staging', percent: 10 });
    expect(statuses(step)).toEqual(['staging:active:10', 'production-eu:pending:0', 'production-us:pending:0']);
    step = tick(step.state, plan, green, at(60));
    expect(step).toMatchObject({ action: 'advanced', environment: 'staging', percent: 50 });
    step = tick(step.state, plan, green, at(120));
    expect(step).toMatchObject({ action: 'advanced', environment: 'staging', percent: 100, flagChange: { environment: 'staging', percent: 100 } });
    expect(step.reason).toBe("advanced from half (50%) to full (100%) in staging; half's hold of 1h ended and every gate passed; wave staging completed, production-eu starts on the next tick");
    expect(statuses(step)).toEqual(['staging:completed:100', 'production-eu:pending:0', 'production-us:pending:0']);
    expect(step.state.status).toBe('progressing');

    // The next tick starts the next wave: one percent write per tick.
    step = tick(step.state, plan, green, at(130));
    expect(step).toMatchObject({ action: 'started', environment: 'production-eu', stage: 'canary', percent: 10, flagChange: { environment: 'production-eu', percent: 10 } });
    expect(step.reason).toBe('started: staging completed, so production-eu starts at canary (10%)');
    expect(statuses(step)).toEqual(['staging:completed:100', 'production-eu:active:10', 'production-us:pending:0']);

    step = tick(step.state, plan, green, at(190));
    step = tick(step.state, plan, green, at(250));
    expect(step).toMatchObject({ environment: 'production-eu', percent: 100, action: 'advanced' });
    step = tick(step.state, plan, green, at(251));
    expect(step).toMatchObject({ action: 'started', environment: 'production-us' });
    step = tick(step.state, plan, green, at(311));
    step = tick(step.state, plan, green, at(371));
    expect(step).toMatchObject({ action: 'completed', environment: 'production-us', percent: 100 });
    expect(step.reason).toMatch(/^completed: full \(100%\) reached in production-us; /);
    expect(statuses(step)).toEqual(['staging:completed:100', 'production-eu:completed:100', 'production-us:completed:100']);
  });

  it('a rollback in one wave stops all later waves; they never start', () => {
    let step = start(null, plan, { ref: 'v2', now: at(0) });
    step = tick(step.state, plan, read(plan, BREACH), at(10));
    step = tick(step.state, plan, read(plan, BREACH), at(20));
    expect(step).toMatchObject({ action: 'rolled-back', environment: 'staging', percent: 0 });
    expect(statuses(step)).toEqual(['staging:rolled-back:0', 'production-eu:cancelled:0', 'production-us:cancelled:0']);
    for (const minute of [100, 200, 1000]) {
      step = tick(step.state, plan, green, at(minute));
      expect(step).toMatchObject({ action: 'none', environment: 'staging', percent: 0 });
    }
    // A manual resume restarts the wave that rolled back; the later ones are pending again.
    const resumed = resume(step.state, plan, { now: at(1001), manual: true });
    expect(statuses(resumed)).toEqual(['staging:active:10', 'production-eu:pending:0', 'production-us:pending:0']);
  });

  it('a rollback in a later wave leaves the completed ones alone', () => {
    let step = start(null, plan, { ref: 'v2', now: at(0) });
    step = tick(step.state, plan, green, at(60));
    step = tick(step.state, plan, green, at(120));
    step = tick(step.state, plan, green, at(121));
    expect(step.environment).toBe('production-eu');
    step = tick(step.state, plan, read(plan, { 'error-rate': 0.5, 'p95-latency': 1 }), at(130));
    expect(step).toMatchObject({ action: 'rolled-back', environment: 'production-eu', percent: 0, flagChange: { environment: 'production-eu', percent: 0 } });
    expect(statuses(step)).toEqual(['staging:completed:100', 'production-eu:rolled-back:0', 'production-us:cancelled:0']);
  });

  it('abort cancels later waves; promote between waves starts the next one', () => {
    let step = start(null, plan, { ref: 'v2', now: at(0) });
    const aborted = abort(step.state, plan, { now: at(5) });
    expect(statuses(aborted)).toEqual(['staging:aborted:0', 'production-eu:cancelled:0', 'production-us:cancelled:0']);

    step = tick(step.state, plan, green, at(60));
    step = tick(step.state, plan, green, at(120));
    const promoted = promote(step.state, plan, { now: at(121), gates: [] });
    expect(promoted).toMatchObject({ action: 'promoted', environment: 'production-eu', percent: 10, reason: 'promoted: production-eu starts at canary (10%)' });
  });
});
