/**
 * The edit the flagd-file provider makes to a flag definitions document: the
 * flag's targeting becomes one `fractional` over the on and off variants.
 * Pure (no I/O), so the property tests can run it thousands of times.
 *
 * "on" always comes first: flagd walks the cumulative weights over the key's
 * hash bucket, so a key is on exactly when hash/2^32 < on/total, and raising
 * the percent only adds keys. What matters is that the order never changes
 * between writes (a split that flipped to off-first would swap who is on), so
 * it is fixed here rather than taken from whatever the file had.
 */
import { UserError } from '../../../errors';

export interface RolloutVariants {
  on: string;
  off: string;
}

type JsonObject = Record<string, unknown>;

export interface FlagdEdit {
  /** The whole document with the flag's new targeting; the input is not modified. */
  document: JsonObject;
  /** False when the flag already had exactly this targeting. */
  changed: boolean;
  /** The custom bucketing expression kept from the old fractional, if it had one. */
  bucketing: unknown;
  weights: [on: number, off: number];
}

/**
 * Integer weights for a percent. flagd-core rejects fractional weights, so a
 * percent with decimals scales both weights by a power of ten; since a key is
 * on when hash/2^32 < on/total, scaling changes no key's bucket.
 *
 * @example
 * fractionalWeights(5) // => [5, 95]
 * fractionalWeights(12.5) // => [125, 875]
 */
export function fractionalWeights(percent: number): [number, number] {
  if (!Number.isFinite(percent) || percent < 0 || percent > 100) throw new RangeError(`percent must be within 0..100, got ${percent}`);
  let scale = 1;
  // Up to 4 decimals (total 10^6, far under flagd's int32 limit); beyond that, round.
  while (scale < 10_000 && !Number.isInteger(Math.round(percent * scale * 1e6) / 1e6)) scale *= 10;
  const on = Math.round(percent * scale);
  return [on, 100 * scale - on];
}

/**
 * Sets `flag`'s targeting in a flagd definitions document to a fractional of
 * `percent` on. The existing targeting must be empty or a single fractional
 * (whose custom bucketing expression, if any, is kept): any other rule would be
 * lost, so that is refused with what to do.
 *
 * @param document the parsed file
 * @param flag the flag key
 * @param percent 0..100
 * @param variants which variant keys are on and off
 * @param file the file's name, for messages
 */
export function setFractionalRollout(document: unknown, flag: string, percent: number, variants: RolloutVariants, file: string): FlagdEdit {
  if (!isObject(document) || !isObject(document.flags)) {
    throw new UserError(`${file}: expected flagd flag definitions, an object with "flags"; found ${describe(document)}`, { file });
  }
  const definition = document.flags[flag];
  if (!isObject(definition)) {
    const known = Object.keys(document.flags).join(', ') || 'none';
    throw new UserError(`${file}: no flag "${flag}" under "flags" (flags: ${known}); add it with "${variants.on}" and "${variants.off}" variants`, { file, path: `flags.${flag}` });
  }
  const declared = isObject(definition.variants) ? Object.keys(definition.variants) : [];
  for (const [role, name] of [['on', variants.on], ['off', variants.off]] as const) {
    if (!declared.includes(name)) {
      throw new UserError(
        `${file}: flag "${flag}" has no variant "${name}" for ${role} (variants: ${declared.join(', ') || 'none'}); add it or set provider.variants.${role} to one of them`,
        { file, path: `flags.${flag}.variants` },
      );
    }
  }
  if (definition.state === 'DISABLED' && percent > 0) {
    throw new UserError(`${file}: flag "${flag}" is DISABLED, so ${percent}% would reach nobody; set its state to ENABLED (or roll back to 0%)`, { file, path: `flags.${flag}.state` });
  }
  const bucketing = existingBucketing(definition.targeting, flag, file);
  const weights = fractionalWeights(percent);
  const split = [[variants.on, weights[0]], [variants.off, weights[1]]];
  const targeting = { fractional: bucketing === undefined ? split : [bucketing, ...split] };
  const changed = JSON.stringify(definition.targeting) !== JSON.stringify(targeting);
  const flags = { ...document.flags, [flag]: { ...definition, targeting } };
  return { document: { ...document, flags }, changed, bucketing, weights };
}

/** The first argument of a fractional when it is an expression rather than a bucket. */
function existingBucketing(targeting: unknown, flag: string, file: string): unknown {
  if (targeting === undefined || targeting === null || (isObject(targeting) && Object.keys(targeting).length === 0)) return undefined;
  if (isObject(targeting) && Object.keys(targeting).length === 1 && Array.isArray(targeting.fractional)) {
    const first: unknown = targeting.fractional[0];
    return first === undefined || Array.isArray(first) ? undefined : first;
  }
  const rules = isObject(targeting) ? Object.keys(targeting).join(', ') : describe(targeting);
  throw new UserError(
    `${file}: flag "${flag}" has targeting that is not a single fractional (found ${rules}); the rollout replaces the targeting and would drop those rules. Move them to another flag or reduce the targeting to a fractional`,
    { file, path: `flags.${flag}.targeting` },
  );
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object without "flags"' : JSON.stringify(value);
}
