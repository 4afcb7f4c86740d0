/**
 * Evaluates a flagd definitions file with flagd's own JavaScript core (the
 * code flagd's in-process providers run) and checks that the share of keys
 * that get the "on" variant matches the percent. This catches what a schema
 * cannot: a bucketing expression that yields nothing, a fractional flagd-core
 * reads differently than we wrote it, a disabled flag.
 */
import { FlagdCore } from '@openfeature/flagd-core';
import type { EvaluationContext, FlagValueType, JsonValue, Logger as OpenFeatureLogger } from '@openfeature/core';
import type { Logger } from '../../../context';
import { UserError } from '../../../errors';

/** Keys per check: enough that 1% vs 2% is unmistakable, few enough to take well under a second. */
export const CHECK_KEYS = 10_000;
/**
 * Allowed distance from the expected count, in binomial standard deviations.
 * The keys are fixed, so a file either passes or fails every time; 5 sd makes
 * a false alarm a one-in-a-million flag key.
 */
const TOLERANCE_SD = 5;

export interface FlagdShare {
  on: number;
  keys: number;
  expected: number;
  tolerance: number;
}

/**
 * Share of CHECK_KEYS deterministic targeting keys that flagd-core resolves
 * to the on variant.
 *
 * @param json the file's text
 * @param flag the flag key
 * @param onVariant the variant counted as on
 * @param bucketing the fractional's custom bucketing expression, if any: every
 *   variable it reads (other than $flagd.*) is set to the key, so it has something to hash
 * @param evaluators the document's $evaluators, which a bucketing $ref may point into
 */
export function measureOnShare(json: string, flag: string, onVariant: string, percent: number, options: { bucketing?: unknown; evaluators?: unknown; log: Logger }): FlagdShare {
  const core = new FlagdCore(undefined, quiet(options.log));
  try {
    core.setConfigurations(json);
  } catch (error) {
    // Only one flag's targeting was touched, so what flagd-core rejects is almost always elsewhere in the file.
    throw new UserError(`flagd-core cannot load the file: ${(error as Error).message}`);
  }
  const definition = core.getFlag(flag);
  if (!definition) throw new Error(`flagd-core found no flag "${flag}" in the file Rollgate wrote`);
  const type = valueType(definition.variants.get(onVariant));
  const fallback = defaultOf(type);
  const variables = bucketingVariables(options.bucketing, options.evaluators);
  let on = 0;
  for (let i = 0; i < CHECK_KEYS; i++) {
    const key = `rollgate-check-${i}`;
    const resolution = core.resolve(type, flag, fallback, contextFor(key, variables));
    if (resolution.variant === onVariant) on++;
  }
  const p = percent / 100;
  const expected = CHECK_KEYS * p;
  return { on, keys: CHECK_KEYS, expected, tolerance: TOLERANCE_SD * Math.sqrt(CHECK_KEYS * p * (1 - p)) };
}

export function shareMatches(share: FlagdShare): boolean {
  return Math.abs(share.on - share.expected) <= share.tolerance;
}

function contextFor(key: string, variables: readonly string[]): EvaluationContext {
  const context: Record<string, unknown> = { targetingKey: key };
  for (const name of variables) {
    const parts = name.split('.');
    let node = context;
    parts.forEach((part, index) => {
      if (index === parts.length - 1) node[part] = key;
      else node = (node[part] ??= {}) as Record<string, unknown>;
    });
  }
  return context as EvaluationContext;
}

/** The `var` names an expression reads, following `$ref`s into $evaluators. */
export function bucketingVariables(expression: unknown, evaluators: unknown, seen = new Set<string>()): string[] {
  const names = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    for (const [operator, argument] of Object.entries(node)) {
      if (operator === 'var') {
        const name: unknown = Array.isArray(argument) ? argument[0] : argument;
        if (typeof name === 'string' && name !== '' && !name.startsWith('$flagd.')) names.add(name);
      } else if (operator === '$ref' && typeof argument === 'string' && !seen.has(argument)) {
        seen.add(argument);
        const target = typeof evaluators === 'object' && evaluators !== null ? (evaluators as Record<string, unknown>)[argument] : undefined;
        walk(target);
      } else {
        walk(argument);
      }
    }
  };
  walk(expression);
  return [...names];
}

function valueType(value: unknown): FlagValueType {
  const type = typeof value;
  return type === 'boolean' || type === 'string' || type === 'number' ? type : 'object';
}

function defaultOf(type: FlagValueType): boolean | string | number | JsonValue {
  return type === 'boolean' ? false : type === 'string' ? '' : type === 'number' ? 0 : {};
}

/** flagd-core logs every key it cannot bucket; one debug line per check is plenty. */
function quiet(log: Logger): OpenFeatureLogger {
  let reported = false;
  const once = (...args: unknown[]) => {
    if (reported) return;
    reported = true;
    log.debug(`flagd-core: ${args.map(String).join(' ')}`);
  };
  return { error: once, warn: once, info: () => {}, debug: () => {} };
}
