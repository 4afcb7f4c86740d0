/**
 * A small seeded pseudo-random generator: xoshiro128** (Blackman & Vigna,
 * 2018) with its 128-bit state filled by splitmix32 from a 32-bit seed.
 * Fast, statistically sound for simulation and resampling, and identical on
 * every platform, so a seed reproduces a result exactly. Not for
 * cryptography.
 *
 * @param seed - any number; its low 32 bits are used
 * @returns a function giving uniform numbers in [0, 1) with 32 random bits
 * @example
 * const random = seededRandom(42);
 * random(); // the same value on every run
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  const splitmix = (): number => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let s0 = splitmix();
  let s1 = splitmix();
  let s2 = splitmix();
  let s3 = splitmix();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;
  return (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result / 4294967296;
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
