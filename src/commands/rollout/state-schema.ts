/**
 * The stored rollout state: plain JSON (a file in the repository, or the
 * GitHub Contents API), validated on every read because a person or another
 * tool may have edited it. `version` lets a later format migrate old files.
 */
import { z } from 'zod';

export const ROLLOUT_STATE_VERSION = 1;

const timestamp = z.iso.datetime({ error: 'expected an ISO 8601 UTC timestamp such as 2026-11-29T14:00:00Z' });
const percent = z.number().min(0).max(100);
const stageIndex = z.number().int().min(0);

export const gateResultSchema = z.strictObject({
  name: z.string().min(1),
  status: z.enum(['pass', 'breach', 'critical', 'no-data']),
  observed: z.number().nullable().describe('The value read; null when the source answered nothing.'),
  threshold: z.string().describe('The bound that decided, in words: "max 0.001", "min 0.99", "critical 0.01".'),
  samples: z.number().int().min(0).optional().describe('Series, points or rows behind the value, where the source says.'),
  query: z.string().optional().describe('What was asked: the PromQL, the URL and JSON path, the file, the check.'),
  note: z.string().optional().describe('Why there is no value, when there is none.'),
});

export const ACTIONS = ['advanced', 'held', 'rolled-back', 'none', 'completed', 'started', 'paused', 'resumed', 'aborted', 'promoted'] as const;
export const STATUSES = ['pending', 'progressing', 'paused', 'rolled-back', 'aborted', 'completed'] as const;

/** One wave per environment; without `waves` in the plan there is exactly one. */
const waveSchema = z.strictObject({
  environment: z.string().min(1),
  // cancelled: a later wave that will never start because an earlier one rolled back or was aborted.
  status: z.enum(['pending', 'active', 'completed', 'rolled-back', 'aborted', 'cancelled']),
  percent,
});

const rollbackSchema = z.strictObject({
  at: timestamp,
  manual: z.boolean(),
  environment: z.string().min(1),
  stage: stageIndex,
  fromPercent: percent,
  toPercent: percent,
  reason: z.string(),
  gates: z.array(gateResultSchema).describe('The gates that caused it, with their values (empty for a manual rollback).'),
});

/** An audit line per change of state; holds are not recorded (they change nothing but counters). */
const transitionSchema = z.strictObject({
  at: timestamp,
  action: z.enum(ACTIONS),
  environment: z.string().min(1),
  stage: stageIndex.nullable(),
  percent,
  reason: z.string(),
});

export const rolloutStateSchema = z.strictObject({
  version: z.literal(ROLLOUT_STATE_VERSION, { error: `expected state version ${ROLLOUT_STATE_VERSION}` }),
  flag: z.string().min(1),
  ref: z.string().nullable().describe('What is being rolled out (commit, tag, release), given to start.'),
  status: z.enum(STATUSES),
  wave: z.number().int().min(0).describe('Index of the active wave in `waves`.'),
  waves: z.array(waveSchema).min(1),
  stage: stageIndex.nullable().describe('Index of the current stage of the active wave; null before start.'),
  startedAt: timestamp.nullable(),
  stageStartedAt: timestamp.nullable().describe('When the current stage began: its hold is measured from here, never by counting ticks.'),
  pausedAt: timestamp.nullable(),
  consecutiveBreaches: z.number().int().min(0),
  lastTickAt: timestamp.nullable().describe('A tick at or before this instant is a duplicate and does nothing.'),
  lastControl: z.strictObject({ action: z.enum(ACTIONS), at: timestamp }).nullable().describe('The same control at the same instant is a duplicate.'),
  lastRollback: rollbackSchema.nullable(),
  history: z.array(transitionSchema),
  updatedAt: timestamp.nullable(),
  commit: z.string().nullable().default(null).describe('The commit the rollout started from (the release\'s sha): where a rollback comments.'),
  pendingWrite: z
    .strictObject({
      environment: z.string().min(1),
      percent,
      savedAt: z.iso.datetime().describe('Wall-clock time of the save (not the rollout clock): a later run re-applies the change only once the saving run has had time to write it.'),
    })
    .nullable()
    .default(null)
    .describe('The last percent change, kept until a later run has re-applied it: a flag write that failed after the state was saved is retried, never lost.'),
}).superRefine((state, issues) => {
  if (state.wave >= state.waves.length) issues.addIssue({ code: 'custom', path: ['wave'], message: `wave ${state.wave} does not exist; there are ${state.waves.length}` });
});

export type GateResult = z.output<typeof gateResultSchema>;
export type GateStatus = GateResult['status'];
export type RolloutAction = (typeof ACTIONS)[number];
export type RolloutStatus = (typeof STATUSES)[number];
export type WaveState = z.output<typeof waveSchema>;
export type RollbackRecord = z.output<typeof rollbackSchema>;
export type Transition = z.output<typeof transitionSchema>;
export type RolloutState = z.output<typeof rolloutStateSchema>;
