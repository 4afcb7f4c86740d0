/**
 * The manual controls of a rollout: start, pause, resume, abort, promote,
 * rollback. Each is pure and returns the same StepResult as a tick; a control
 * that does not apply throws RolloutRefused with what to do instead.
 *
 * Decisions, and why:
 * - promote skips the rest of the current hold and moves exactly one stage,
 *   but only with every gate green under the plan's noData rule (no breach,
 *   no critical value, and no missing data unless noData: pass). Skipping the
 *   wait is a person's call; promoting into a breach is never wanted, and a
 *   breach is the tick's business (it counts it and rolls back).
 * - resume after a rollback needs `manual: true` (a person, e.g. a
 *   workflow_dispatch run): a scheduled run must never undo a rollback. It
 *   restarts the rolled-back wave from plan.resumeFromStage (default the
 *   first stage) or the given stage; later waves become pending again.
 * - resume after a pause restarts the current stage's hold: nobody watched
 *   the gates while paused, so the observation window starts over. The breach
 *   count is kept (the pause is not evidence of health).
 * - abort sets 0% and is final: ticks and resume do nothing afterwards; only
 *   start (a new rollout) moves on. Completed rollouts cannot be aborted or
 *   rolled back: they are finished, the flag is the provider's now.
 * - The same control at the same instant is a duplicate (a retried job) and
 *   returns "none" with the same state: a double-clicked promote moves one
 *   stage, not two.
 */
import { isoAt } from './duration';
import { describeGateResult } from './gate';
import { alignGates, classifyGates } from './machine';
import type { RolloutPlan } from './schema';
import type { StepResult } from './step';
import { RolloutRefused, activeWave, assertCompatible, result, stageLabel, timeOf, unchanged } from './step';
import type { GateResult, RolloutAction, RolloutState } from './state-schema';
import { copy, createRollout, enterStage, record, rollBack, rollbackPercent, startWave, stop } from './transitions';

function duplicate(state: RolloutState, action: RolloutAction, nowMs: number): boolean {
  return state.lastControl !== null && state.lastControl.action === action && state.lastControl.at === isoAt(nowMs);
}

function stamp(state: RolloutState, action: RolloutAction, nowMs: number): RolloutState {
  state.lastControl = { action, at: isoAt(nowMs) };
  return state;
}

/**
 * Starts rolling out `ref` at the first stage of the first wave. From nothing,
 * a pending state, or a finished (completed or aborted) one: a new rollout
 * that keeps the old history. Refused while another rollout is underway.
 */
export function start(state: RolloutState | null, plan: RolloutPlan, input: { ref: string; now: Date }): StepResult {
  const nowMs = timeOf(input.now);
  if (state) {
    assertCompatible(state, plan);
    if (state.status === 'progressing' && state.ref === input.ref) return unchanged(state, plan, `${input.ref} is already rolling out`, [], nowMs);
    if (state.status === 'completed' && state.ref === input.ref) return unchanged(state, plan, `${input.ref} already completed its rollout`, [], nowMs);
    if (state.status === 'progressing' || state.status === 'paused' || state.status === 'rolled-back') {
      throw new RolloutRefused(`a rollout of ${state.ref ?? 'an unknown ref'} is ${state.status}; abort it before starting ${input.ref}${state.status === 'progressing' ? '' : ', or resume it'}`);
    }
  }
  const fresh = createRollout(plan);
  fresh.history = state ? [...state.history] : [];
  fresh.ref = input.ref;
  fresh.startedAt = isoAt(nowMs);
  const next = stamp(startWave(fresh, plan, 0, nowMs), 'started', nowMs);
  const reason = `started: ${input.ref} at ${stageLabel(plan, 0)} in ${activeWave(next).environment}`;
  record(next, 'started', reason, nowMs);
  return result(state, next, plan, 'started', reason, [], nowMs);
}

/** Freezes the percent where it is; ticks do nothing until resume. */
export function pause(state: RolloutState, plan: RolloutPlan, input: { now: Date; reason?: string }): StepResult {
  assertCompatible(state, plan);
  const nowMs = timeOf(input.now);
  if (state.status === 'paused') return unchanged(state, plan, `already paused since ${state.pausedAt ?? 'an unknown time'}`, [], nowMs);
  if (state.status !== 'progressing') throw new RolloutRefused(`cannot pause a rollout that is ${state.status}; only a progressing rollout can be paused`);
  const next = stamp(copy(state), 'paused', nowMs);
  next.status = 'paused';
  next.pausedAt = isoAt(nowMs);
  const reason = `paused at ${stageLabel(plan, state.stage ?? 0)} in ${activeWave(state).environment}${input.reason ? `: ${input.reason}` : ''}`;
  record(next, 'paused', reason, nowMs);
  return result(state, next, plan, 'paused', reason, [], nowMs);
}

/**
 * Continues a paused rollout (its hold restarts), or restarts a rolled-back
 * one from plan.resumeFromStage or `fromStage`, which needs `manual: true`.
 */
export function resume(state: RolloutState, plan: RolloutPlan, input: { now: Date; manual: boolean; fromStage?: number }): StepResult {
  assertCompatible(state, plan);
  const nowMs = timeOf(input.now);
  if (duplicate(state, 'resumed', nowMs)) return unchanged(state, plan, `already resumed at ${isoAt(nowMs)}`, [], nowMs);
  if (state.status === 'progressing') return unchanged(state, plan, 'not paused; nothing to resume', [], nowMs);
  if (state.status === 'paused') {
    const next = stamp(copy(state), 'resumed', nowMs);
    next.status = 'progressing';
    next.pausedAt = null;
    next.stageStartedAt = isoAt(nowMs);
    const reason = `resumed at ${stageLabel(plan, state.stage ?? 0)} in ${activeWave(state).environment}; its hold starts over`;
    record(next, 'resumed', reason, nowMs);
    return result(state, next, plan, 'resumed', reason, [], nowMs);
  }
  if (state.status === 'rolled-back') {
    if (!input.manual) {
      throw new RolloutRefused('resuming after a rollback needs a manual trigger (a person running the workflow, e.g. workflow_dispatch); a scheduled run never undoes a rollback');
    }
    const from = input.fromStage ?? plan.resumeFromStage;
    if (!Number.isInteger(from) || from < 0 || from >= plan.stages.length) {
      throw new RolloutRefused(`cannot resume from stage ${from}; the plan has stages 0 to ${plan.stages.length - 1}`);
    }
    const reopened = copy(state);
    reopened.waves.forEach((wave, index) => {
      if (index > state.wave && wave.status === 'cancelled') wave.status = 'pending';
    });
    const next = stamp(enterStage(reopened, plan, from, nowMs), 'resumed', nowMs);
    const reason = `resumed after the rollback: ${activeWave(next).environment} restarts at ${stageLabel(plan, from)}`;
    record(next, 'resumed', reason, nowMs);
    return result(state, next, plan, 'resumed', reason, [], nowMs);
  }
  throw new RolloutRefused(
    state.status === 'pending' ? 'the rollout has not started; use start' : `cannot resume a rollout that is ${state.status}; start a new rollout instead`,
  );
}

/** 0% in the active environment, final. */
export function abort(state: RolloutState, plan: RolloutPlan, input: { now: Date; reason?: string }): StepResult {
  assertCompatible(state, plan);
  const nowMs = timeOf(input.now);
  if (state.status === 'aborted') return unchanged(state, plan, 'already aborted', [], nowMs);
  if (state.status === 'completed') throw new RolloutRefused('the rollout completed; there is nothing to abort (change the flag with its provider, or start a new rollout)');
  const reason = `aborted: ${activeWave(state).environment} set to 0%${input.reason ? `: ${input.reason}` : ''}`;
  const next = stamp(stop(state, nowMs, reason), 'aborted', nowMs);
  return result(state, next, plan, 'aborted', reason, [], nowMs);
}

/**
 * Skips the rest of the current hold: one stage on, now, with every gate
 * green (see the decision above). Between waves it starts the next wave.
 */
export function promote(state: RolloutState, plan: RolloutPlan, input: { now: Date; gates: readonly GateResult[] }): StepResult {
  assertCompatible(state, plan);
  const nowMs = timeOf(input.now);
  if (duplicate(state, 'promoted', nowMs)) return unchanged(state, plan, `already promoted at ${isoAt(nowMs)}`, [], nowMs);
  if (state.status !== 'progressing') throw new RolloutRefused(`cannot promote a rollout that is ${state.status}${state.status === 'paused' ? '; resume it first' : ''}`);
  const wave = activeWave(state);
  if (wave.status === 'completed') {
    const next = stamp(startWave(state, plan, state.wave + 1, nowMs), 'promoted', nowMs);
    const reason = `promoted: ${activeWave(next).environment} starts at ${stageLabel(plan, 0)}`;
    record(next, 'promoted', reason, nowMs);
    return result(state, next, plan, 'promoted', reason, [], nowMs);
  }
  const judged = alignGates(plan, input.gates);
  const { critical, breaching, waiting } = classifyGates(plan, judged);
  const blocking = [...critical, ...breaching, ...waiting];
  if (blocking.length > 0) {
    throw new RolloutRefused(`cannot promote while a gate is not green: ${blocking.map(describeGateResult).join('; ')}`);
  }
  const from = state.stage ?? 0;
  const next = stamp(enterStage(state, plan, from + 1, nowMs), 'promoted', nowMs);
  const done = next.status === 'completed' ? '; rollout completed' : activeWave(next).status === 'completed' ? `; wave ${wave.environment} completed` : '';
  const reason = `promoted from ${stageLabel(plan, from)} to ${stageLabel(plan, from + 1)} in ${wave.environment}, skipping the rest of the hold${done}`;
  record(next, 'promoted', reason, nowMs);
  return result(state, next, plan, 'promoted', reason, judged, nowMs);
}

/** A person's rollback: as a breaker would, to 0% or the previous stage; resume needs a manual trigger. */
export function rollback(state: RolloutState, plan: RolloutPlan, input: { now: Date; reason?: string }): StepResult {
  assertCompatible(state, plan);
  const nowMs = timeOf(input.now);
  if (state.status === 'rolled-back') return unchanged(state, plan, `already rolled back at ${state.lastRollback?.at ?? 'an unknown time'}`, [], nowMs);
  if (state.status !== 'progressing' && state.status !== 'paused') {
    throw new RolloutRefused(`cannot roll back a rollout that is ${state.status}${state.status === 'pending' ? '; it has not started' : ''}`);
  }
  const reason = `rolled back by hand to ${rollbackPercent(state, plan).label}${input.reason ? `: ${input.reason}` : ''}`;
  const next = stamp(rollBack(state, plan, nowMs, { manual: true, reason, gates: [] }), 'rolled-back', nowMs);
  return result(state, next, plan, 'rolled-back', reason, [], nowMs);
}
