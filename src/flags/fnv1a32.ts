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
  let h = 0x811c9dc5;
  if (typeof input === 'string') {
    for (let i = 0; i < input.length; i++) {
      h = Math.imul(h ^ input.charCodeAt(i), 0x01000193);
    }
  } else {
    for (let i = 0; i < input.length; i++) {
      h = Math.imul(h ^ input[i]!, 0x01000193);
    }
  }
  return h >>> 0;
}
