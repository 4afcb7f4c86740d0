/**
 * The state changes ticks and controls share: entering a stage, starting a
 * wave, rolling back, stopping. Each returns a new state (the input is never
 * mutated, so a caller can compare before and after).
 */
import { isoAt } from './duration';
import type { RolloutPlan } from './schema';
import { planEnvironments } from './schema';
import { activeWave, stageLabel } from './step';
import type { GateResult, RolloutAction, RolloutState, WaveState } from './state-schema';
import { ROLLOUT_STATE_VERSION } from './state-schema';

export function copy(state: RolloutState): RolloutState {
  return structuredClone(state);
}

/** A rollout not yet started: every wave pending at 0%. */
export function createRollout(plan: RolloutPlan): RolloutState {
  return {
    version: ROLLOUT_STATE_VERSION,
    flag: plan.flag,
    ref: null,
    status: 'pending',
    wave: 0,
    waves: planEnvironments(plan).map((environment): WaveState => ({ environment, status: 'pending', percent: 0 })),
    stage: null,
    startedAt: null,
    stageStartedAt: null,
    pausedAt: null,
    consecutiveBreaches: 0,
    lastTickAt: null,
    lastControl: null,
    lastRollback: null,
    history: [],
    updatedAt: null,
    commit: null,
    pendingWrite: null,
  };
}

/** Appends the audit line for a change (mutates the fresh copy it is given). */
export function record(state: RolloutState, action: RolloutAction, reason: string, nowMs: number): void {
  state.history.push({ at: isoAt(nowMs), action, environment: activeWave(state).environment, stage: state.stage, percent: activeWave(state).percent, reason });
  state.updatedAt = isoAt(nowMs);
}

/**
 * Moves the active wave to stage `index`: its percent, a fresh hold clock
 * (the new stage's observation window starts now, when its traffic starts)
 * and a fresh breach count. Reaching the last stage completes the wave, and
 * the rollout when it was the last wave.
 */
export function enterStage(state: RolloutState, plan: RolloutPlan, index: number, nowMs: number): RolloutState {
  const next = copy(state);
  const stage = plan.stages[index]!;
  const wave = activeWave(next);
  next.stage = index;
  next.stageStartedAt = isoAt(nowMs);
  next.consecutiveBreaches = 0;
  next.status = 'progressing';
  wave.percent = stage.percent;
  wave.status = 'active';
  if (index === plan.stages.length - 1) {
    wave.status = 'completed';
    if (next.wave === next.waves.length - 1) next.status = 'completed';
  }
  return next;
}

/** Starts wave `index` at the first stage; only called once the wave before it completed. */
export function startWave(state: RolloutState, plan: RolloutPlan, index: number, nowMs: number): RolloutState {
  const next = copy(state);
  next.wave = index;
  return enterStage(next, plan, 0, nowMs);
}

/** Later waves never start after a rollback or an abort (until a manual resume). */
function cancelLaterWaves(state: RolloutState): void {
  state.waves.forEach((wave, index) => {
    if (index > state.wave && wave.status === 'pending') wave.status = 'cancelled';
  });
}

/** The percent a rollback lands on: 0, or the stage before the current one. */
export function rollbackPercent(state: RolloutState, plan: RolloutPlan): { percent: number; label: string } {
  if (plan.rollbackTo === 'previous-stage' && state.stage !== null && state.stage > 0) {
    return { percent: plan.stages[state.stage - 1]!.percent, label: stageLabel(plan, state.stage - 1) };
  }
  return { percent: 0, label: '0%' };
}

export function rollBack(state: RolloutState, plan: RolloutPlan, nowMs: number, why: { manual: boolean; reason: string; gates: GateResult[] }): RolloutState {
  const next = copy(state);
  const wave = activeWave(next);
  const target = rollbackPercent(state, plan);
  next.lastRollback = {
    at: isoAt(nowMs),
    manual: why.manual,
    environment: wave.environment,
    stage: state.stage ?? 0,
    fromPercent: wave.percent,
    toPercent: target.percent,
    reason: why.reason,
    gates: why.gates,
  };
  wave.percent = target.percent;
  wave.status = 'rolled-back';
  next.status = 'rolled-back';
  next.pausedAt = null;
  cancelLaterWaves(next);
  record(next, 'rolled-back', why.reason, nowMs);
  return next;
}

/** Abort: 0% in the active environment, final; later waves never start. */
export function stop(state: RolloutState, nowMs: number, reason: string): RolloutState {
  const next = copy(state);
  const wave = activeWave(next);
  wave.percent = 0;
  wave.status = 'aborted';
  next.status = 'aborted';
  next.pausedAt = null;
  cancelLaterWaves(next);
  record(next, 'aborted', reason, nowMs);
  return next;
}
