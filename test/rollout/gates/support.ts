/** What every gate-reader test needs: a read context, and the UserError a read rejects with. */
import { expect } from 'vitest';
import type { GateReadContext } from '../../../src/commands/rollout/gates/types';
import { silentLogger } from '../../../src/context';
import { UserError } from '../../../src/errors';

/** Retries wait milliseconds, not seconds. */
export function gateContext(overrides: Partial<GateReadContext> = {}): GateReadContext {
  return { cwd: '.', signal: new AbortController().signal, log: silentLogger, env: {}, ref: null, retryBaseMs: 5, ...overrides };
}

export async function userError(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}
