import { describe, expect, it } from 'vitest';
import { start } from '../../src/commands/rollout/controls';
import { tick } from '../../src/commands/rollout/machine';
import { rolloutStateSchema } from '../../src/commands/rollout/state-schema';
import { GREEN, HOUR, T0, at, makePlan, read } from './fixtures';

describe('progression through the stages', () => {
  it('walks 1/5/10/25/50/100 to completed, each hold respected exactly at its boundary', () => {
    const plan = makePlan();
    const green = read(plan, GREEN);
    let step = start(null, plan, { ref: 'v2.0.0', now: at(0) });
    expect(step).toMatchObject({ action: 'started', stage: 'smoke', percent: 1, flagChange: { environment: 'production', percent: 1 } });
    expect(step.nextCheckAfter).toBe('2026-11-29T14:00:00Z');

    let stageStart = T0;
    const expected = [
      ['smoke', 1, 1],
      ['canary', 5, 2],
      ['early', 10, 4],
      ['quarter', 25, 12],
      ['half', 50, 24],
    ] as const;
    for (const [index, [name, percent, hours]] of expected.entries()) {
      const boundary = stageStart + hours * HOUR;
      // One millisecond before the hold ends: held, percent unchanged.
      const early = tick(step.state, plan, green, new Date(boundary - 1));
      expect(early).toMatchObject({ action: 'held', stage: name, percent, flagChange: null });
      expect(early.reason).toBe(`held: ${name}'s hold ends at ${new Date(boundary).toISOString().replace('.000Z', 'Z')} (1 min left)`);
      // Exactly at the boundary: advances.
      step = tick(early.state, plan, green, new Date(boundary));
      const next = plan.stages[index + 1]!;
      expect(step.action).toBe(next.percent === 100 ? 'completed' : 'advanced');
      expect(step).toMatchObject({ stage: next.name, percent: next.percent, flagChange: { environment: 'production', percent: next.percent } });
      stageStart = boundary;
    }
    expect(step.state.status).toBe('completed');
    expect(step.reason).toBe("completed: full (100%) reached in production; half's hold of 1d ended and every gate passed");
    expect(step.nextCheckAfter).toBeNull();
    expect(Date.parse(step.state.updatedAt!) - T0).toBe(43 * HOUR);
    expect(step.state.history.map((entry) => entry.action)).toEqual(['started', 'advanced', 'advanced', 'advanced', 'advanced', 'completed']);
    expect(rolloutStateSchema.parse(JSON.parse(JSON.stringify(step.state)))).toEqual(step.state);

    const after = tick(step.state, plan, green, at(50 * 60));
    expect(after).toMatchObject({ action: 'none', reason: 'completed; nothing more to do', percent: 100 });
    expect(after.state).toBe(step.state);
  });

  it('says when the hold ends and how long is left', () => {
    const plan = makePlan();
    const started = start(null, plan, { ref: 'v2', now: at(0) });
    const held = tick(started.state, plan, read(plan, GREEN), at(15));
    expect(held.action).toBe('held');
    expect(held.reason).toBe("held: smoke's hold ends at 2026-11-29T14:00:00Z (45 min left)");
    expect(held.nextCheckAfter).toBe('2026-11-29T14:00:00Z');
    expect(held.percent).toBe(1);
    expect(held.gates).toEqual([
      { name: 'error-rate', status: 'pass', observed: 0.0002, threshold: 'max 0.001' },
      { name: 'p95-latency', status: 'pass', observed: 0.8, threshold: 'max 2' },
    ]);

    const longer = makePlan({ stages: [{ name: 'tiny', percent: 2, hold: '1d2h30m' }, { name: 'all', percent: 100 }] });
    const s = start(null, longer, { ref: 'v2', now: at(0) });
    expect(tick(s.state, longer, read(longer, GREEN), at(30)).reason).toBe("held: tiny's hold ends at 2026-11-30T15:30:00Z (1 d 2 h left)");
    expect(tick(s.state, longer, read(longer, GREEN), at(26 * 60 + 10)).reason).toBe("held: tiny's hold ends at 2026-11-30T15:30:00Z (20 min left)");
  });

  it('a plan without gates advances on time alone', () => {
    const plan = makePlan({ gates: [], breaker: { consecutiveBreaches: 2, critical: {} } });
    const s = start(null, plan, { ref: 'v2', now: at(0) });
    const step = tick(s.state, plan, [], at(60));
    expect(step).toMatchObject({ action: 'advanced', stage: 'canary', percent: 5 });
    expect(step.reason).toBe("advanced from smoke (1%) to canary (5%) in production; smoke's hold of 1h ended and no gates are configured");
  });
});

describe('late or skipped cron runs', () => {
  // Decision: one stage per tick. The readings in hand were taken at the
  // current percent; the next stage needs its own observation window.
  it('a tick long after the hold advances one stage, and the next hold starts at that tick', () => {
    const plan = makePlan();
    const green = read(plan, GREEN);
    const s = start(null, plan, { ref: 'v2', now: at(0) });
    const late = tick(s.state, plan, green, at(100 * 60));
    expect(late).toMatchObject({ action: 'advanced', stage: 'canary', percent: 5 });
    expect(late.state.stageStartedAt).toBe(at(100 * 60).toISOString().replace('.000Z', 'Z'));
    const next = tick(late.state, plan, green, at(100 * 60 + 1));
    expect(next.action).toBe('held');
    expect(next.reason).toMatch(/\(1 h 59 min left\)$/);
  });

  it('ticks every 3 hours (skipping runs) still move at most one stage each', () => {
    const plan = makePlan();
    const green = read(plan, GREEN);
    let step = start(null, plan, { ref: 'v2', now: at(0) });
    const percents: number[] = [];
    for (let hour = 3; hour <= 90; hour += 3) {
      step = tick(step.state, plan, green, at(hour * 60));
      percents.push(step.percent);
    }
    const moves = percents.map((p, i) => (i === 0 ? p !== 1 : p !== percents[i - 1]));
    // Each advance is to the next stage only.
    const distinct = [...new Set(percents)];
    expect(distinct).toEqual([5, 10, 25, 50, 100]);
    expect(moves.filter(Boolean).length).toBe(5);
    expect(step.state.status).toBe('completed');
  });
});

describe('idempotence', () => {
  it('the same tick twice acts once; the second returns none and the very same state', () => {
    const plan = makePlan();
    const green = read(plan, GREEN);
    const s = start(null, plan, { ref: 'v2', now: at(0) });
    const first = tick(s.state, plan, green, at(60));
    expect(first.action).toBe('advanced');
    const again = tick(first.state, plan, green, at(60));
    expect(again.action).toBe('none');
    expect(again.state).toBe(first.state);
    expect(again.flagChange).toBeNull();
    expect(again.percent).toBe(5);
    expect(again.reason).toBe('already ticked at 2026-11-29T14:00:00Z; a tick at 2026-11-29T14:00:00Z is a duplicate and changes nothing');
  });

  it('a duplicate breach is not counted twice, and a tick from the past does nothing', () => {
    const plan = makePlan();
    const breach = read(plan, { 'error-rate': 0.002, 'p95-latency': 0.5 });
    const s = start(null, plan, { ref: 'v2', now: at(0) });
    const first = tick(s.state, plan, breach, at(10));
    expect(first).toMatchObject({ action: 'held', consecutiveBreaches: 1 });
    const dup = tick(first.state, plan, breach, at(10));
    expect(dup).toMatchObject({ action: 'none', consecutiveBreaches: 1 });
    const stale = tick(first.state, plan, breach, at(5));
    expect(stale).toMatchObject({ action: 'none', consecutiveBreaches: 1 });
    expect(stale.state).toBe(first.state);
  });

  it('does not mutate the state it is given', () => {
    const plan = makePlan();
    const s = start(null, plan, { ref: 'v2', now: at(0) });
    const frozen = JSON.stringify(s.state);
    tick(s.state, plan, read(plan, GREEN), at(60));
    tick(s.state, plan, read(plan, { 'error-rate': 1 }), at(61));
    expect(JSON.stringify(s.state)).toBe(frozen);
  });
});
