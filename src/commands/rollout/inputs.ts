/**
 * The rollout's command-line flags and action inputs, checked at the edge:
 * which control, the clock, where the state lives.
 */
import type { RunContext } from '../../context';
import { UserError } from '../../errors';
import type { RolloutPlan } from './schema';

export const CONTROLS = ['tick', 'start', 'status', 'pause', 'resume', 'abort', 'promote', 'rollback'] as const;
export type Control = (typeof CONTROLS)[number];

export interface RolloutInputs {
  control: Control;
  now: Date;
  ref?: string;
  reason?: string;
  /** Resume after a rollback from this stage index. */
  fromStage?: number;
  stateFile?: string;
  statePath: string;
  stateBranch?: string;
  dryRun: boolean;
  /** Hold instead of advancing: the tick that may run without approval. */
  noAdvance: boolean;
  /** Skip the second write after lowering (scripted rehearsals, where no run races this one). */
  noConfirm: boolean;
  /** A person triggered this run (CLI, workflow_dispatch), not a schedule. */
  manual: boolean;
  /** GITHUB_EVENT_NAME, empty outside a workflow. */
  event: string;
  deployments: boolean;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function parseNow(raw: string | undefined, ctx: RunContext): Date {
  if (raw === undefined) return ctx.now();
  // Only full timestamps: "2026-11-29" alone would silently mean midnight UTC.
  const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(raw) ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(ms)) throw new UserError(`--now: expected an ISO 8601 time with a zone such as 2026-11-29T14:00:00Z, found "${raw}"`);
  return new Date(ms);
}

function parseStage(raw: string | undefined, plan: RolloutPlan): number | undefined {
  if (raw === undefined) return undefined;
  const byName = plan.stages.findIndex((stage) => stage.name === raw);
  if (byName >= 0) return byName;
  if (/^\d+$/.test(raw) && Number(raw) < plan.stages.length) return Number(raw);
  throw new UserError(`--stage: expected a stage name (${plan.stages.map((stage) => stage.name).join(', ')}) or an index from 0 to ${plan.stages.length - 1}, found "${raw}"`);
}

export function rolloutInputs(plan: RolloutPlan, ctx: RunContext): RolloutInputs {
  const inputs = ctx.inputs ?? {};
  const control = text(inputs.action) ?? 'tick';
  if (!(CONTROLS as readonly string[]).includes(control)) {
    throw new UserError(`--action (the action input): expected one of ${CONTROLS.join(', ')}, found "${control}"`);
  }
  const ref = text(inputs.ref);
  if (control === 'start' && ref === undefined) {
    throw new UserError('start needs --ref: what is being rolled out (a tag, a commit sha, a release name), e.g. rollgate rollout start --ref v1.4.0');
  }
  const event = ctx.github?.eventName ?? '';
  const statePath = text(inputs['state-path']) ?? `.rollgate/state/${plan.flag}.json`;
  return {
    control: control as Control,
    now: parseNow(text(inputs.now), ctx),
    ref,
    reason: text(inputs.reason),
    fromStage: parseStage(text(inputs.stage), plan),
    stateFile: text(inputs['state-file']),
    statePath,
    stateBranch: text(inputs['state-branch']),
    dryRun: inputs['dry-run'] === true || inputs['dry-run'] === 'true',
    noAdvance: inputs['no-advance'] === true || inputs['no-advance'] === 'true',
    // A file state is one machine's: nothing races it from another job.
    noConfirm: text(inputs['state-file']) !== undefined || !ctx.github?.client,
    // Outside a workflow a person typed the command; inside one, only a manual dispatch counts.
    manual: event === '' || event === 'workflow_dispatch',
    event,
    deployments: inputs['no-deployments'] !== true && inputs['no-deployments'] !== 'true',
  };
}
