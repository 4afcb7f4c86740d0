/**
 * MurmurHash3, x86 32-bit variant, written out here rather than taken from npm:
 * the packages the SDKs use disagree on non-ASCII input (murmurhash3js keeps only
 * the low byte of each UTF-16 unit, imurmurhash mixes both bytes of a unit), so
 * neither is "the" hash. Hashing UTF-8 bytes is what flagd (Go), Unleash's
 * Rust/Go/Java engines and the flagd v3 testbed vectors do; for ASCII keys all agree.
 *
 * @param key a string (hashed as its UTF-8 bytes) or raw bytes
 * @param seed 32-bit seed; Unleash strategies use 0, Unleash variants 86028157
 * @returns the hash as an unsigned 32-bit integer
 * @example
 * murmur3_32('') // => 0
 * murmur3_32('hello', 0) // => 613153351
 */
export function murmur3_32(key: string | Uint8Array, seed = 0): number {
  const bytes = typeof key === 'string' ? utf8.encode(key) : key;
  const len = bytes.length;
  const blocks = len & ~3;
  let h = seed >>> 0;
  let k: number;
  for (let i = 0; i < blocks; i += 4) {
    k = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    h ^= mixK(k);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  // The last one to three bytes, little-endian, mixed in as a partial block.
  const tail = len & 3;
  if (tail > 0) {
    k = 0;
    for (let i = tail - 1; i >= 0; i--) k = (k << 8) | bytes[blocks + i]!;
    h ^= mixK(k);
  }
  h ^= len;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const utf8 = new TextEncoder();

function mixK(k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  return Math.imul(k, 0x1b873593);
}
