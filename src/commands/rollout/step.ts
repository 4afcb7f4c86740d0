/**
 * What one tick or control hands back, and the checks every step starts with.
 * A step never performs I/O: the edge writes `flagChange` to the provider and
 * stores `state`, in that order or the reverse as its failure mode prefers.
 */
import { UserError } from '../../errors';
import { isoAt, msOf } from './duration';
import type { RolloutPlan } from './schema';
import { planEnvironments } from './schema';
import type { GateResult, RolloutAction, RolloutState, WaveState } from './state-schema';

export interface StepResult {
  state: RolloutState;
  /** The environment of the active wave. */
  environment: string;
  /** Name of the current stage; null before start. */
  stage: string | null;
  stageIndex: number | null;
  /** Percent of the active wave after this step. */
  percent: number;
  action: RolloutAction;
  /** Plain words: "held: smoke's hold ends at 2026-11-29T14:00:00Z (45 min left)". */
  reason: string;
  gates: GateResult[];
  consecutiveBreaches: number;
  /** Earliest instant this rollout can advance (holds end); null when only a person can move it on. Gates are still checked on every tick before then. */
  nextCheckAfter: string | null;
  /** The write the edge must make, or null when the percent did not change. */
  flagChange: { environment: string; percent: number } | null;
}

/** A control that cannot apply to the state (resume without a manual trigger, promote on a breach...). */
export class RolloutRefused extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'RolloutRefused';
  }
}

export function timeOf(now: Date): number {
  const ms = now.getTime();
  // A bad clock is a bug at the edge, not something to roll out on.
  if (!Number.isFinite(ms)) throw new TypeError('now is an invalid Date');
  return ms;
}

export function activeWave(state: RolloutState): WaveState {
  const wave = state.waves[state.wave];
  if (!wave) throw new RolloutRefused(`the stored state names wave ${state.wave}, but it has ${state.waves.length}`);
  return wave;
}

/**
 * The plan may be edited between ticks; carrying on with a state that no
 * longer fits it (another flag, other waves, fewer stages) would write the
 * wrong percent, so it is refused with what to do.
 */
export function assertCompatible(state: RolloutState, plan: RolloutPlan): void {
  if (state.flag !== plan.flag) throw new RolloutRefused(`the stored state is for flag "${state.flag}" but the plan rolls out "${plan.flag}"`);
  const planned = planEnvironments(plan);
  const stored = state.waves.map((wave) => wave.environment);
  if (planned.join('\u0000') !== stored.join('\u0000')) {
    throw new RolloutRefused(`the plan's environments (${planned.join(', ')}) differ from the stored rollout's (${stored.join(', ')}); start again from a fresh state: delete the stored state (or point state-file / state-path elsewhere) and run start`);
  }
  if (state.stage !== null && state.stage >= plan.stages.length) {
    throw new RolloutRefused(`the stored rollout is at stage ${state.stage + 1} but the plan has ${plan.stages.length} stages; start again from a fresh state: delete the stored state (or point state-file / state-path elsewhere) and run start`);
  }
}

/** "smoke (1%)". */
export function stageLabel(plan: RolloutPlan, index: number): string {
  const stage = plan.stages[index];
  return stage ? `${stage.name} (${stage.percent}%)` : `stage ${index}`;
}

/** Where a progressing rollout can next move on by time alone. */
function nextCheck(state: RolloutState, plan: RolloutPlan, nowMs: number): string | null {
  if (state.status !== 'progressing' || state.stage === null || state.stageStartedAt === null) return null;
  // Between waves the next tick starts the next one.
  if (activeWave(state).status === 'completed') return isoAt(nowMs);
  const holdMs = plan.stages[state.stage]?.holdMs ?? 0;
  return isoAt(Math.max(nowMs, msOf(state.stageStartedAt) + holdMs));
}

export function result(before: RolloutState | null, state: RolloutState, plan: RolloutPlan, action: RolloutAction, reason: string, gates: GateResult[], nowMs: number): StepResult {
  const wave = activeWave(state);
  const previous = before?.waves.find((w) => w.environment === wave.environment)?.percent ?? 0;
  return {
    state,
    environment: wave.environment,
    stage: state.stage === null ? null : (plan.stages[state.stage]?.name ?? null),
    stageIndex: state.stage,
    percent: wave.percent,
    action,
    reason,
    gates,
    consecutiveBreaches: state.consecutiveBreaches,
    nextCheckAfter: nextCheck(state, plan, nowMs),
    flagChange: previous === wave.percent ? null : { environment: wave.environment, percent: wave.percent },
  };
}

/** A step that changes nothing returns the very state it was given. */
export function unchanged(state: RolloutState, plan: RolloutPlan, reason: string, gates: GateResult[], nowMs: number): StepResult {
  return result(state, state, plan, 'none', reason, gates, nowMs);
}
