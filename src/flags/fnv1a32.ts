/**
 * FNV-1a, 32-bit. A string is folded in one UTF-16 code unit at a time, exactly as
 * GrowthBook's JavaScript SDK does (`hval ^= str.charCodeAt(i)`), so that every
 * existing GrowthBook assignment is kept, non-ASCII ids included. Pass bytes to get
 * the textbook byte-wise FNV-1a (what GrowthBook's Go SDK computes over UTF-8).
 *
 * @param input a string (per UTF-16 code unit) or raw bytes (per byte)
 * @returns the hash as an unsigned 32-bit integer
 * @example
 * fnv1a32('') // => 2166136261
 * fnv1a32('a') // => 3826002220
 */
export function fnv1a32(input: string | Uint8Array): number {
  if (typeof input === 'string') return fnv1a32Continue(FNV_OFFSET, input) >>> 0;
  let h = FNV_OFFSET;
  for (let i = 0; i < input.length; i++) {
    h = Math.imul(h ^ input[i]!, 0x01000193);
  }
  return h >>> 0;
}

/** The FNV-1a offset basis: the state before any input. */
export const FNV_OFFSET = 0x811c9dc5;

/**
 * Folds more UTF-16 units into a running FNV-1a state, so that the hash of
 * `a + b` is taken without building the joined string: fnv1a32(a + b) equals
 * fnv1a32Continue(fnv1a32Continue(FNV_OFFSET, a), b) >>> 0.
 *
 * @param state FNV_OFFSET, or what an earlier call returned
 * @param text folded in per UTF-16 code unit
 * @returns the new state, as a signed 32-bit integer (apply >>> 0 for the hash)
 * @example
 * fnv1a32Continue(fnv1a32Continue(FNV_OFFSET, 'foo'), 'bar') >>> 0 // => fnv1a32('foobar')
 */
export function fnv1a32Continue(state: number, text: string): number {
  let h = state;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  }
  return h;
}

const POWERS_OF_TEN = [1e9, 1e8, 1e7, 1e6, 1e5, 1e4, 1e3, 100, 10, 1];

/**
 * FNV-1a of the decimal text of an unsigned 32-bit integer, as fnv1a32(String(n)),
 * without making the string: GrowthBook's v2 hash runs its first hash through it.
 *
 * @param n an integer in [0, 2^32)
 * @returns the hash as an unsigned 32-bit integer
 * @example
 * fnv1a32Decimal(1234) // => fnv1a32('1234')
 */
export function fnv1a32Decimal(n: number): number {
  let h = FNV_OFFSET;
  let p = 0;
  // Skip leading zeros; zero itself is the one digit "0".
  while (p < 9 && n < POWERS_OF_TEN[p]!) p++;
  for (; p < 10; p++) {
    const digit = Math.floor(n / POWERS_OF_TEN[p]!) % 10;
    h = Math.imul(h ^ (48 + digit), 0x01000193);
  }
  return h >>> 0;
}
