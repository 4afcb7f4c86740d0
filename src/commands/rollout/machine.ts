/**
 * The scheduled step of a staged rollout. Pure: the clock and the gate
 * readings are inputs, the result says what to write.
 *
 * Decisions, and why:
 * - Holds are measured from the stored stageStartedAt, never by counting
 *   ticks: cron runs late, skips, or runs twice.
 * - At most one stage per tick, however late the tick. The readings in hand
 *   were taken at the current percent; the next stage needs its own
 *   observation window, which starts when its traffic starts (at this tick,
 *   not at the instant the previous hold happened to end).
 * - Idempotence: a tick at or before lastTickAt is a duplicate (a re-run
 *   job, a retried workflow, a clock that went back) and returns action
 *   "none" with the very same state, so no breach is counted twice and no
 *   stage is skipped.
 * - Between waves: the tick that reaches 100% completes the wave; the next
 *   tick starts the next wave. One percent write per tick keeps a failed
 *   write easy to retry.
 * - With any gate waiting for data (noData: hold) and none breaching, the
 *   breach count is kept, not reset: nothing proved the rollout healthy.
 */
import { formatHold, formatTimeLeft, isoAt, msOf } from './duration';
import { describeGateResult, judgeGate } from './gate';
import type { RolloutPlan } from './schema';
import type { StepResult } from './step';
import { activeWave, assertCompatible, result, stageLabel, timeOf, unchanged } from './step';
import type { GateResult, RolloutState } from './state-schema';
import { copy, enterStage, record, rollBack, rollbackPercent, startWave } from './transitions';

export { createRollout } from './transitions';

/** The plan's gates in plan order; a gate the edge sent nothing for is no-data. Readings for unknown gates are ignored. */
export function alignGates(plan: RolloutPlan, gates: readonly GateResult[]): GateResult[] {
  const byName = new Map(gates.map((gate) => [gate.name, gate]));
  return plan.gates.map((gate) => byName.get(gate.name) ?? judgeGate(gate, null));
}

/** How the plan's noData rule reads the gates: what rolls back, what counts, what waits. */
export function classifyGates(plan: RolloutPlan, gates: readonly GateResult[]) {
  const noData = gates.filter((gate) => gate.status === 'no-data');
  return {
    critical: gates.filter((gate) => gate.status === 'critical'),
    breaching: gates.filter((gate) => gate.status === 'breach' || (gate.status === 'no-data' && plan.noData === 'fail')),
    waiting: plan.noData === 'hold' ? noData : [],
  };
}

function list(gates: readonly GateResult[]): string {
  return gates.map(describeGateResult).join('; ');
}

function stoppedReason(state: RolloutState): string {
  switch (state.status) {
    case 'pending':
      return 'not started; start the rollout first';
    case 'paused':
      return `paused since ${state.pausedAt ?? 'an unknown time'}; resume to continue`;
    case 'rolled-back':
      return `rolled back${state.lastRollback ? ` at ${state.lastRollback.at} (${state.lastRollback.reason})` : ''}; only a manual resume restarts it`;
    case 'aborted':
      return 'aborted; nothing more happens';
    case 'completed':
      return 'completed; nothing more to do';
    default:
      return `nothing to do while ${state.status}`;
  }
}

/**
 * One scheduled step. `gates` are the readings taken just now for the active
 * environment (judgeGate turns numbers into them). Returns the new state and
 * what happened, in words.
 */
export function tick(state: RolloutState, plan: RolloutPlan, gates: readonly GateResult[], now: Date): StepResult {
  assertCompatible(state, plan);
  const nowMs = timeOf(now);
  const judged = alignGates(plan, gates);
  if (state.status !== 'progressing') return unchanged(state, plan, stoppedReason(state), judged, nowMs);
  if (state.lastTickAt !== null && nowMs <= msOf(state.lastTickAt)) {
    return unchanged(state, plan, `already ticked at ${state.lastTickAt}; a tick at ${isoAt(nowMs)} is a duplicate and changes nothing`, judged, nowMs);
  }

  const wave = activeWave(state);
  if (wave.status === 'completed') {
    // Between waves: the readings are for the finished environment, so they decide nothing here.
    const next = startWave(state, plan, state.wave + 1, nowMs);
    next.lastTickAt = isoAt(nowMs);
    const reason = `started: ${wave.environment} completed, so ${activeWave(next).environment} starts at ${stageLabel(plan, 0)}`;
    record(next, 'started', reason, nowMs);
    return result(state, next, plan, 'started', reason, judged, nowMs);
  }

  const stageIndex = state.stage ?? 0;
  const stage = plan.stages[stageIndex]!;
  const { critical, breaching, waiting } = classifyGates(plan, judged);

  if (critical.length > 0) {
    const reason = `rolled back to ${rollbackPercent(state, plan).label}: critical value on ${list(critical)}`;
    const next = rollBack(state, plan, nowMs, { manual: false, reason, gates: critical });
    next.lastTickAt = isoAt(nowMs);
    return result(state, next, plan, 'rolled-back', reason, judged, nowMs);
  }

  const next = copy(state);
  next.lastTickAt = isoAt(nowMs);
  next.updatedAt = isoAt(nowMs);
  const limit = plan.breaker.consecutiveBreaches;

  if (breaching.length > 0) {
    next.consecutiveBreaches = state.consecutiveBreaches + 1;
    if (next.consecutiveBreaches >= limit) {
      const reason = `rolled back to ${rollbackPercent(state, plan).label}: ${next.consecutiveBreaches} breaching checks in a row; ${list(breaching)}`;
      const rolled = rollBack(next, plan, nowMs, { manual: false, reason, gates: breaching });
      return result(state, rolled, plan, 'rolled-back', reason, judged, nowMs);
    }
    const reason = `held: breach ${next.consecutiveBreaches} of ${limit} in a row at ${stageLabel(plan, stageIndex)}; ${list(breaching)}`;
    return result(state, next, plan, 'held', reason, judged, nowMs);
  }

  if (waiting.length > 0) {
    const reason = `held: waiting for data from ${waiting.map((gate) => gate.name).join(', ')} (noData: hold); breaches stay at ${state.consecutiveBreaches} of ${limit}`;
    return result(state, next, plan, 'held', reason, judged, nowMs);
  }

  // Every gate green: the streak is broken.
  next.consecutiveBreaches = 0;
  const holdEnds = msOf(state.stageStartedAt ?? isoAt(nowMs)) + (stage.holdMs ?? 0);
  if (nowMs < holdEnds) {
    const reason = `held: ${stage.name}'s hold ends at ${isoAt(holdEnds)} (${formatTimeLeft(holdEnds - nowMs)} left)`;
    return result(state, next, plan, 'held', reason, judged, nowMs);
  }

  const advanced = enterStage(next, plan, stageIndex + 1, nowMs);
  const why = `${stage.name}'s hold of ${formatHold(stage.holdMs ?? 0)} ended and ${plan.gates.length ? 'every gate passed' : 'no gates are configured'}`;
  if (advanced.status === 'completed') {
    const reason = `completed: ${stageLabel(plan, stageIndex + 1)} reached in ${wave.environment}; ${why}`;
    record(advanced, 'completed', reason, nowMs);
    return result(state, advanced, plan, 'completed', reason, judged, nowMs);
  }
  const waveDone = activeWave(advanced).status === 'completed';
  const following = advanced.waves[advanced.wave + 1];
  const reason =
    `advanced from ${stageLabel(plan, stageIndex)} to ${stageLabel(plan, stageIndex + 1)} in ${wave.environment}; ${why}` +
    (waveDone && following ? `; wave ${wave.environment} completed, ${following.environment} starts on the next tick` : '');
  record(advanced, 'advanced', reason, nowMs);
  return result(state, advanced, plan, 'advanced', reason, judged, nowMs);
}
