import { describe, expect, it } from 'vitest';
import { start } from '../../src/commands/rollout/controls';
import { createRollout, tick } from '../../src/commands/rollout/machine';
import { ROLLOUT_STATE_VERSION, rolloutStateSchema } from '../../src/commands/rollout/state-schema';
import { BREACH, at, makePlan, read } from './fixtures';

describe('stored state', () => {
  it('a pending, started and rolled-back state round-trip through JSON and validate', () => {
    const plan = makePlan({ waves: ['staging', 'production'] });
    const pending = createRollout(plan);
    const started = start(pending, plan, { ref: 'v2', now: at(0) }).state;
    const one = tick(started, plan, read(plan, BREACH), at(1)).state;
    const rolled = tick(one, plan, read(plan, BREACH), at(2)).state;
    for (const state of [pending, started, one, rolled]) {
      expect(rolloutStateSchema.parse(JSON.parse(JSON.stringify(state)))).toEqual(state);
    }
    expect(rolled.version).toBe(ROLLOUT_STATE_VERSION);
    expect(rolled.waves.map((w) => w.status)).toEqual(['rolled-back', 'cancelled']);
  });

  it('refuses another version, a bad timestamp, or a wave index out of range, saying which', () => {
    const plan = makePlan();
    const state = start(null, plan, { ref: 'v2', now: at(0) }).state;
    const issues = (value: unknown) => rolloutStateSchema.safeParse(value).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues({ ...state, version: 2 })).toEqual(['version: expected state version 1']);
    expect(issues({ ...state, stageStartedAt: 'yesterday' })).toEqual(['stageStartedAt: expected an ISO 8601 UTC timestamp such as 2026-11-29T14:00:00Z']);
    expect(issues({ ...state, wave: 3 })).toEqual(['wave: wave 3 does not exist; there are 1']);
    expect(issues({ ...state, extra: true })).toHaveLength(1);
  });
});
