/** flagd definitions files as a team would keep them, and an independent evaluation of them through flagd-core. */
import { FlagdCore } from '@openfeature/flagd-core';
import type { EvaluationContext } from '@openfeature/core';
import { providerSchema } from '../../../src/commands/rollout/providers/schema';
import type { FlagdFileConfig } from '../../../src/commands/rollout/providers/flagd-file';

export const FLAG = 'new-checkout';

export interface FlagdDocument {
  $schema: string;
  metadata: Record<string, unknown>;
  flags: Record<string, Record<string, unknown>>;
  $evaluators: Record<string, unknown>;
}

export function definitions(overrides: { checkout?: Record<string, unknown> } = {}): FlagdDocument {
  return {
    $schema: 'https://flagd.dev/schema/v0/flags.json',
    metadata: { team: 'payments' },
    flags: {
      [FLAG]: { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'off', ...overrides.checkout },
      'dark-mode': {
        state: 'ENABLED',
        variants: { light: 'light', dark: 'dark' },
        defaultVariant: 'light',
        targeting: { if: [{ ends_with: [{ var: 'email' }, '@example.com'] }, 'dark', null] },
      },
    },
    $evaluators: { emailBucket: { cat: [{ var: '$flagd.flagKey' }, { var: 'email' }] } },
  };
}

/** As a person would write it: 4 spaces, no final newline. Only the flag's targeting may change. */
export function asWritten(document: unknown): string {
  return JSON.stringify(document, null, 4);
}

export function flagdConfig(fields: Record<string, unknown> = {}): FlagdFileConfig {
  return providerSchema.parse({ type: 'flagd-file', path: 'flags/flags.flagd.json', ...fields }) as FlagdFileConfig;
}

/** The variant flagd-core gives each context, from a fresh core: what a flagd in-process provider would serve. */
export function evaluate(json: string, flag: string, contexts: readonly EvaluationContext[]): (string | undefined)[] {
  const core = new FlagdCore(undefined, { error() {}, warn() {}, info() {}, debug() {} });
  core.setConfigurations(json);
  return contexts.map((context) => core.resolveBooleanEvaluation(flag, false, context).variant);
}

export const keys = (count: number, prefix = 'user-') => Array.from({ length: count }, (_, i) => `${prefix}${i}`);
