/**
 * Stored state is external input (a person or another tool may have edited
 * it): parsed with zod, and a broken file is a user error that says where.
 */
import { z } from 'zod';
import { UserError } from '../../../errors';
import { rolloutStateSchema, type RolloutState } from '../state-schema';

export function parseState(text: string, where: string): RolloutState {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UserError(`the rollout state is not valid JSON (${(error as Error).message}); fix or delete it to start over`, { file: where });
  }
  const parsed = rolloutStateSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UserError(`${issue.message}; fix the file, or delete it to start over`, { file: where, path: z.core.toDotPath(issue.path) || undefined });
  }
  return parsed.data;
}

export function serializeState(state: RolloutState): string {
  return `${JSON.stringify(state, null, 2)}\n`;
}
