/**
 * `rollgate rollout`: staged rollouts over GitHub deployment environments,
 * one scheduled tick or manual control per run.
 */
import type { Capability } from '../types';
import { rolloutReport } from './report';
import { runRollout, type RolloutResult } from './run';
import { rolloutPlanSchema } from './schema';

export const rollout: Capability<typeof rolloutPlanSchema, RolloutResult> = {
  configSchema: rolloutPlanSchema,
  run: runRollout,
  report: (result) => rolloutReport(result),
};
