import { describe, expect, it } from 'vitest';
import { start } from '../../src/commands/rollout/controls';
import { tick } from '../../src/commands/rollout/machine';
import { BREACH, CRITICAL, GREEN, at, makePlan, read } from './fixtures';

describe('no data', () => {
  it('noData: hold neither counts nor advances, and keeps an earlier breach count', () => {
    const plan = makePlan();
    const s = start(null, plan, { ref: 'v2', now: at(0) });
    const breach = tick(s.state, plan, read(plan, BREACH), at(10));
    expect(breach.consecutiveBreaches).toBe(1);
    // Past the hold, one gate silent: no advance, count unchanged.
    const silent = tick(breach.state, plan, read(plan, { 'error-rate': null, 'p95-latency': 0.5 }), at(90));
    expect(silent).toMatchObject({ action: 'held', percent: 1, consecutiveBreaches: 1 });
    expect(silent.reason).toBe('held: waiting for data from error-rate (noData: hold); breaches stay at 1 of 2');
    expect(silent.gates[0]).toEqual({ name: 'error-rate', status: 'no-data', observed: null, threshold: 'max 0.001' });
    // A gate the edge sent nothing for at all is no data too.
    const missing = tick(silent.state, plan, read(plan, { 'p95-latency': 0.5 }).filter((g) => g.name !== 'error-rate'), at(95));
    expect(missing).toMatchObject({ action: 'held', consecutiveBreaches: 1 });
    expect(missing.gates.map((g) => g.status)).toEqual(['no-data', 'pass']);
    // Data back and green: the count resets, and the elapsed hold advances.
    const back = tick(missing.state, plan, read(plan, GREEN), at(100));
    expect(back).toMatchObject({ action: 'advanced', percent: 5, consecutiveBreaches: 0 });
  });

  it('noData: fail counts as a breach, so two silent checks roll back', () => {
    const plan = makePlan({ noData: 'fail' });
    const s = start(null, plan, { ref: 'v2', now: at(0) });
    const first = tick(s.state, plan, read(plan, { 'p95-latency': 0.5 }), at(10));
    expect(first).toMatchObject({ action: 'held', consecutiveBreaches: 1 });
    expect(first.reason).toBe('held: breach 1 of 2 in a row at smoke (1%); error-rate has no data');
    const second = tick(first.state, plan, read(plan, { 'p95-latency': 0.5 }), at(20));
    expect(second).toMatchObject({ action: 'rolled-back', percent: 0, flagChange: { environment: 'production', percent: 0 } });
  });

  it('noData: pass counts as a pass and lets the stage advance', () => {
    const plan = makePlan({ noData: 'pass' });
    const s = start(null, plan, { ref: 'v2', now: at(0) });
    const breach = tick(s.state, plan, read(plan, BREACH), at(10));
    const silent = tick(breach.state, plan, read(plan, {}), at(60));
    expect(silent).toMatchObject({ action: 'advanced', percent: 5, consecutiveBreaches: 0 });
  });
});

describe('breaches', () => {
  it('one breach then recovery: no rollback, the counter resets', () => {
    const plan = makePlan();
    const s = start(null, plan, { ref: 'v2', now: at(0) });
    const breach = tick(s.state, plan, read(plan, BREACH), at(10));
    expect(breach).toMatchObject({ action: 'held', percent: 1, consecutiveBreaches: 1, flagChange: null });
    expect(breach.reason).toBe('held: breach 1 of 2 in a row at smoke (1%); error-rate 0.002 (max 0.001)');
    const ok = tick(breach.state, plan, read(plan, GREEN), at(20));
    expect(ok).toMatchObject({ action: 'held', consecutiveBreaches: 0 });
    // Another single breach later is breach 1 again, not 2.
    const again = tick(ok.state, plan, read(plan, BREACH), at(30));
    expect(again).toMatchObject({ action: 'held', consecutiveBreaches: 1, percent: 1 });
  });

  it('a breach holds even when the hold has elapsed', () => {
    const plan = makePlan();
    const s = start(null, plan, { ref: 'v2', now: at(0) });
    const breach = tick(s.state, plan, read(plan, BREACH), at(120));
    expect(breach).toMatchObject({ action: 'held', percent: 1 });
  });

  it('two consecutive breaches roll back to 0% and record why', () => {
    const plan = makePlan();
    const s = start(null, plan, { ref: 'v2', now: at(0) });
    const advanced = tick(s.state, plan, read(plan, GREEN), at(60));
    const one = tick(advanced.state, plan, read(plan, BREACH), at(70));
    const two = tick(one.state, plan, read(plan, { 'error-rate': 0.003, 'p95-latency': 2.5 }), at(80));
    expect(two).toMatchObject({ action: 'rolled-back', stage: 'canary', percent: 0, consecutiveBreaches: 2, nextCheckAfter: null, flagChange: { environment: 'production', percent: 0 } });
    expect(two.reason).toBe('rolled back to 0%: 2 breaching checks in a row; error-rate 0.003 (max 0.001); p95-latency 2.5 (max 2)');
    expect(two.state.status).toBe('rolled-back');
    expect(two.state.lastRollback).toEqual({
      at: '2026-11-29T14:20:00Z',
      manual: false,
      environment: 'production',
      stage: 1,
      fromPercent: 5,
      toPercent: 0,
      reason: two.reason,
      gates: [
        { name: 'error-rate', status: 'breach', observed: 0.003, threshold: 'max 0.001' },
        { name: 'p95-latency', status: 'breach', observed: 2.5, threshold: 'max 2' },
      ],
    });
    // Rolled back stays rolled back: ticks change nothing, even when green.
    const later = tick(two.state, plan, read(plan, GREEN), at(600));
    expect(later).toMatchObject({ action: 'none', percent: 0 });
    expect(later.reason).toMatch(/^rolled back at 2026-11-29T14:20:00Z .*only a manual resume restarts it$/);
  });

  it('rollbackTo: previous-stage lands on the stage before (and 0% from the first stage)', () => {
    const plan = makePlan({ rollbackTo: 'previous-stage' });
    const s = start(null, plan, { ref: 'v2', now: at(0) });
    const canary = tick(s.state, plan, read(plan, GREEN), at(60));
    const one = tick(canary.state, plan, read(plan, BREACH), at(70));
    const two = tick(one.state, plan, read(plan, BREACH), at(80));
    expect(two).toMatchObject({ action: 'rolled-back', percent: 1, flagChange: { environment: 'production', percent: 1 } });
    expect(two.reason).toMatch(/^rolled back to smoke \(1%\): /);

    const first = tick(s.state, plan, read(plan, CRITICAL), at(5));
    expect(first).toMatchObject({ action: 'rolled-back', percent: 0 });
  });

  it('a larger consecutiveBreaches needs that many in a row', () => {
    const plan = makePlan({ breaker: { consecutiveBreaches: 3, critical: {} } });
    let step = start(null, plan, { ref: 'v2', now: at(0) });
    for (const [minute, action] of [[1, 'held'], [2, 'held'], [3, 'rolled-back']] as const) {
      step = tick(step.state, plan, read(plan, BREACH), at(minute));
      expect(step.action).toBe(action);
    }
  });
});

describe('critical values', () => {
  it('roll back at once, on the first reading', () => {
    const plan = makePlan();
    const s = start(null, plan, { ref: 'v2', now: at(0) });
    const step = tick(s.state, plan, read(plan, CRITICAL), at(5));
    expect(step).toMatchObject({ action: 'rolled-back', percent: 0, consecutiveBreaches: 0 });
    expect(step.reason).toBe('rolled back to 0%: critical value on error-rate 0.05 (critical 0.01)');
    expect(step.state.lastRollback?.gates).toEqual([{ name: 'error-rate', status: 'critical', observed: 0.05, threshold: 'critical 0.01' }]);
  });

  it('exactly the critical value is critical; just under is a breach', () => {
    const plan = makePlan();
    const s = start(null, plan, { ref: 'v2', now: at(0) });
    expect(tick(s.state, plan, read(plan, { 'error-rate': 0.01, 'p95-latency': 1 }), at(5)).action).toBe('rolled-back');
    expect(tick(s.state, plan, read(plan, { 'error-rate': 0.0099, 'p95-latency': 1 }), at(5)).action).toBe('held');
  });
});
