import { describe, expect, it } from 'vitest';
import { abort, pause, promote, resume, rollback, start } from '../../src/commands/rollout/controls';
import { createRollout, tick } from '../../src/commands/rollout/machine';
import { RolloutRefused } from '../../src/commands/rollout/step';
import { BREACH, CRITICAL, GREEN, at, makePlan, read } from './fixtures';

describe('start', () => {
  it('starts from nothing or a pending state, and refuses a second ref while one is underway', () => {
    const plan = makePlan();
    const pending = createRollout(plan);
    expect(pending).toMatchObject({ status: 'pending', stage: null, waves: [{ environment: 'production', status: 'pending', percent: 0 }] });
    expect(tick(pending, plan, read(plan, GREEN), at(0))).toMatchObject({ action: 'none', reason: 'not started; start the rollout first' });
    const s = start(pending, plan, { ref: 'v2', now: at(0) });
    expect(s).toMatchObject({ action: 'started', percent: 1, reason: 'started: v2 at smoke (1%) in production' });
    expect(start(s.state, plan, { ref: 'v2', now: at(1) })).toMatchObject({ action: 'none', reason: 'v2 is already rolling out' });
    expect(() => start(s.state, plan, { ref: 'v3', now: at(1) })).toThrow('a rollout of v2 is progressing; abort it before starting v3');
  });

  it('refuses a stored state that no longer fits the plan', () => {
    const plan = makePlan();
    const s = start(null, plan, { ref: 'v2', now: at(0) });
    expect(() => tick(s.state, makePlan({ flag: 'other' }), [], at(1))).toThrow('the stored state is for flag "checkout-v2" but the plan rolls out "other"');
    expect(() => tick(s.state, makePlan({ waves: ['staging', 'production'] }), [], at(1))).toThrow(/differ from the stored rollout's \(production\)/);
  });
});

describe('abort', () => {
  it('sets 0% and is final', () => {
    const plan = makePlan();
    const s = start(null, plan, { ref: 'v2', now: at(0) });
    const up = tick(s.state, plan, read(plan, GREEN), at(60));
    const aborted = abort(up.state, plan, { now: at(70), reason: 'support tickets' });
    expect(aborted).toMatchObject({ action: 'aborted', percent: 0, reason: 'aborted: production set to 0%: support tickets', flagChange: { environment: 'production', percent: 0 }, nextCheckAfter: null });
    expect(tick(aborted.state, plan, read(plan, GREEN), at(500))).toMatchObject({ action: 'none', percent: 0, reason: 'aborted; nothing more happens' });
    expect(() => resume(aborted.state, plan, { now: at(501), manual: true })).toThrow('cannot resume a rollout that is aborted; start a new rollout instead');
    expect(() => promote(aborted.state, plan, { now: at(501), gates: read(plan, GREEN) })).toThrow(RolloutRefused);
    expect(abort(aborted.state, plan, { now: at(502) })).toMatchObject({ action: 'none', reason: 'already aborted' });
    // A new start is a new rollout, keeping the history.
    const again = start(aborted.state, plan, { ref: 'v2.1', now: at(600) });
    expect(again).toMatchObject({ action: 'started', percent: 1 });
    expect(again.state.history.map((h) => h.action)).toEqual(['started', 'advanced', 'aborted', 'started']);
  });

  it('refuses to abort a completed rollout', () => {
    const plan = makePlan({ stages: [{ name: 'all', percent: 100 }] });
    const s = start(null, plan, { ref: 'v2', now: at(0) });
    expect(s.state.status).toBe('completed');
    expect(() => abort(s.state, plan, { now: at(1) })).toThrow(/^the rollout completed; there is nothing to abort/);
  });
});

describe('pause and resume', () => {
  it('pause freezes the percent; resume restarts the stage hold', () => {
    const plan = makePlan();
    const s = start(null, plan, { ref: 'v2', now: at(0) });
    const paused = pause(s.state, plan, { now: at(30), reason: 'investigating' });
    expect(paused).toMatchObject({ action: 'paused', percent: 1, flagChange: null, reason: 'paused at smoke (1%) in production: investigating', nextCheckAfter: null });
    expect(tick(paused.state, plan, read(plan, CRITICAL), at(90))).toMatchObject({ action: 'none', reason: 'paused since 2026-11-29T13:30:00Z; resume to continue' });
    expect(pause(paused.state, plan, { now: at(31) }).action).toBe('none');
    expect(() => promote(paused.state, plan, { now: at(40), gates: read(plan, GREEN) })).toThrow('cannot promote a rollout that is paused; resume it first');

    // A scheduled resume of a pause is fine (no rollback to undo).
    const resumed = resume(paused.state, plan, { now: at(120), manual: false });
    expect(resumed).toMatchObject({ action: 'resumed', percent: 1, nextCheckAfter: '2026-11-29T16:00:00Z' });
    expect(tick(resumed.state, plan, read(plan, GREEN), at(130)).reason).toBe("held: smoke's hold ends at 2026-11-29T16:00:00Z (50 min left)");
    expect(resume(resumed.state, plan, { now: at(131), manual: true })).toMatchObject({ action: 'none', reason: 'not paused; nothing to resume' });
  });

  it('resume after a rollback requires a manual trigger and restarts from the first stage', () => {
    const plan = makePlan();
    let step = start(null, plan, { ref: 'v2', now: at(0) });
    step = tick(step.state, plan, read(plan, GREEN), at(60));
    step = tick(step.state, plan, read(plan, GREEN), at(180));
    expect(step.stage).toBe('early');
    step = tick(step.state, plan, read(plan, CRITICAL), at(190));
    expect(step).toMatchObject({ action: 'rolled-back', percent: 0 });

    expect(() => resume(step.state, plan, { now: at(200), manual: false })).toThrow(
      'resuming after a rollback needs a manual trigger (a person running the workflow, e.g. workflow_dispatch); a scheduled run never undoes a rollback',
    );
    const resumed = resume(step.state, plan, { now: at(200), manual: true });
    expect(resumed).toMatchObject({ action: 'resumed', stage: 'smoke', percent: 1, consecutiveBreaches: 0, flagChange: { environment: 'production', percent: 1 } });
    expect(resumed.reason).toBe('resumed after the rollback: production restarts at smoke (1%)');
    expect(resumed.state.lastRollback?.toPercent).toBe(0);
    expect(tick(resumed.state, plan, read(plan, GREEN), at(260))).toMatchObject({ action: 'advanced', stage: 'canary' });
  });

  it('resume after a rollback can restart from a configured or given stage', () => {
    const plan = makePlan({ resumeFromStage: 1 });
    const s = start(null, plan, { ref: 'v2', now: at(0) });
    const rolled = rollback(s.state, plan, { now: at(10), reason: 'bad deploy' });
    expect(resume(rolled.state, plan, { now: at(20), manual: true })).toMatchObject({ stage: 'canary', percent: 5 });
    expect(resume(rolled.state, plan, { now: at(20), manual: true, fromStage: 2 })).toMatchObject({ stage: 'early', percent: 10 });
    expect(() => resume(rolled.state, plan, { now: at(20), manual: true, fromStage: 6 })).toThrow('cannot resume from stage 6; the plan has stages 0 to 5');
  });
});

describe('promote', () => {
  // Decision: promote skips the rest of the hold, one stage, and only with every gate green.
  it('skips the rest of the hold by one stage when every gate is green', () => {
    const plan = makePlan();
    const s = start(null, plan, { ref: 'v2', now: at(0) });
    const promoted = promote(s.state, plan, { now: at(10), gates: read(plan, GREEN) });
    expect(promoted).toMatchObject({ action: 'promoted', stage: 'canary', percent: 5, flagChange: { environment: 'production', percent: 5 } });
    expect(promoted.reason).toBe('promoted from smoke (1%) to canary (5%) in production, skipping the rest of the hold');
    // The new stage gets its full hold.
    expect(promoted.nextCheckAfter).toBe('2026-11-29T15:10:00Z');
    // A duplicate promote at the same instant moves nothing.
    const dup = promote(promoted.state, plan, { now: at(10), gates: read(plan, GREEN) });
    expect(dup).toMatchObject({ action: 'none', stage: 'canary', percent: 5 });
    expect(dup.state).toBe(promoted.state);
  });

  it('refuses on a breach, a critical value, or missing data under noData: hold', () => {
    const plan = makePlan();
    const s = start(null, plan, { ref: 'v2', now: at(0) });
    expect(() => promote(s.state, plan, { now: at(10), gates: read(plan, BREACH) })).toThrow('cannot promote while a gate is not green: error-rate 0.002 (max 0.001)');
    expect(() => promote(s.state, plan, { now: at(10), gates: read(plan, CRITICAL) })).toThrow('cannot promote while a gate is not green: error-rate 0.05 (critical 0.01)');
    expect(() => promote(s.state, plan, { now: at(10), gates: read(plan, { 'p95-latency': 1 }) })).toThrow('cannot promote while a gate is not green: error-rate has no data');
    const lenient = makePlan({ noData: 'pass' });
    const l = start(null, lenient, { ref: 'v2', now: at(0) });
    expect(promote(l.state, lenient, { now: at(10), gates: [] }).action).toBe('promoted');
  });

  it('promoting the last step completes the rollout', () => {
    const plan = makePlan({ stages: [{ name: 'half', percent: 50, hold: '1d' }, { name: 'full', percent: 100 }] });
    const s = start(null, plan, { ref: 'v2', now: at(0) });
    const done = promote(s.state, plan, { now: at(5), gates: read(plan, GREEN) });
    expect(done).toMatchObject({ action: 'promoted', percent: 100, reason: 'promoted from half (50%) to full (100%) in production, skipping the rest of the hold; rollout completed' });
    expect(done.state.status).toBe('completed');
  });
});

describe('manual rollback', () => {
  it('rolls back a progressing or paused rollout and records it as manual', () => {
    const plan = makePlan({ rollbackTo: 'previous-stage' });
    const s = start(null, plan, { ref: 'v2', now: at(0) });
    const up = tick(s.state, plan, read(plan, GREEN), at(60));
    const paused = pause(up.state, plan, { now: at(70) });
    const rolled = rollback(paused.state, plan, { now: at(80), reason: 'pager' });
    expect(rolled).toMatchObject({ action: 'rolled-back', percent: 1, reason: 'rolled back by hand to smoke (1%): pager' });
    expect(rolled.state).toMatchObject({ status: 'rolled-back', pausedAt: null, lastRollback: { manual: true, fromPercent: 5, toPercent: 1, gates: [] } });
    expect(rollback(rolled.state, plan, { now: at(90) }).action).toBe('none');
    expect(() => rollback(createRollout(plan), plan, { now: at(0) })).toThrow('cannot roll back a rollout that is pending; it has not started');
  });
});
