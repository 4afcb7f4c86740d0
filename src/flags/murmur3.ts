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
  return typeof key === 'string' ? hashString(key, seed >>> 0) : hashBytes(key, seed >>> 0, 0);
}

/**
 * murmur3_32(prefix + key) without building the joined string per key: Unleash
 * hashes "groupId:userId", and joining then flattening that string cost more
 * than hashing it.
 *
 * @param prefix hashed first, as UTF-8
 * @param key hashed right after, as UTF-8
 * @param seed 32-bit seed
 * @returns the hash as an unsigned 32-bit integer
 * @example
 * murmur3_32Joined('feature:', 'user-1') // => murmur3_32('feature:user-1')
 */
export function murmur3_32Joined(prefix: string, key: string, seed = 0): number {
  return hashJoined(prefix, key, seed >>> 0);
}

const utf8 = new TextEncoder();

/**
 * ASCII, which is what ids almost always are, is its own UTF-8: those code units
 * are hashed in place, four to a block. Only from the first block holding another
 * character on are the remaining characters encoded, which keeps the common case
 * free of an allocation per key (TextEncoder cost more than the hash itself).
 */
function hashString(key: string, h: number): number {
  const length = key.length;
  let i = 0;
  for (; i + 3 < length; i += 4) {
    const u0 = key.charCodeAt(i);
    const u1 = key.charCodeAt(i + 1);
    const u2 = key.charCodeAt(i + 2);
    const u3 = key.charCodeAt(i + 3);
    if ((u0 | u1 | u2 | u3) > 0x7f) break;
    h = mixH(h, u0 | (u1 << 8) | (u2 << 16) | (u3 << 24));
  }
  if (length - i < 4) {
    let k = 0;
    let ascii = true;
    for (let j = length - 1; j >= i; j--) {
      const unit = key.charCodeAt(j);
      if (unit > 0x7f) ascii = false;
      k = (k << 8) | unit;
    }
    if (ascii) {
      if (length > i) h ^= mixK(k);
      return finish(h, length);
    }
  }
  // Every unit before i was one ASCII byte, so the bytes still to come start on a block boundary.
  return hashBytes(utf8.encode(key.slice(i)), h, i);
}

/** The UTF-16 unit at index i of a + b. */
function unitAt(a: string, b: string, aLength: number, i: number): number {
  return i < aLength ? a.charCodeAt(i) : b.charCodeAt(i - aLength);
}

/**
 * hashString of a + b, reading the two strings in place. It is kept apart from
 * hashString because choosing between two strings per unit slows the one-string case.
 */
function hashJoined(a: string, b: string, h: number): number {
  const aLength = a.length;
  const length = aLength + b.length;
  let i = 0;
  for (; i + 3 < length; i += 4) {
    const u0 = unitAt(a, b, aLength, i);
    const u1 = unitAt(a, b, aLength, i + 1);
    const u2 = unitAt(a, b, aLength, i + 2);
    const u3 = unitAt(a, b, aLength, i + 3);
    if ((u0 | u1 | u2 | u3) > 0x7f) break;
    h = mixH(h, u0 | (u1 << 8) | (u2 << 16) | (u3 << 24));
  }
  if (length - i < 4) {
    let k = 0;
    let ascii = true;
    for (let j = length - 1; j >= i; j--) {
      const unit = unitAt(a, b, aLength, j);
      if (unit > 0x7f) ascii = false;
      k = (k << 8) | unit;
    }
    if (ascii) {
      if (length > i) h ^= mixK(k);
      return finish(h, length);
    }
  }
  // Every unit before i was one ASCII byte, so the bytes still to come start on a block boundary.
  return hashBytes(utf8.encode((a + b).slice(i)), h, i);
}

/** Blocks and tail of `bytes`, continuing a hash that has already taken `before` bytes. */
function hashBytes(bytes: Uint8Array, h: number, before: number): number {
  const len = bytes.length;
  const blocks = len & ~3;
  for (let i = 0; i < blocks; i += 4) {
    h = mixH(h, bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24));
  }
  // The last one to three bytes, little-endian, mixed in as a partial block.
  const tail = len & 3;
  if (tail > 0) {
    let k = 0;
    for (let i = tail - 1; i >= 0; i--) k = (k << 8) | bytes[blocks + i]!;
    h ^= mixK(k);
  }
  return finish(h, before + len);
}

function mixK(k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  return Math.imul(k, 0x1b873593);
}

function mixH(h: number, k: number): number {
  h ^= mixK(k);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function finish(h: number, length: number): number {
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
