/** Published vectors for the primitives: murmur3 x86_32, FNV-1a 32, deterministic CBOR (RFC 8949 App. A). */
import { describe, expect, it } from 'vitest';
import { cborEncode, fnv1a32, murmur3_32, type JsonValue } from '../../src/flags/index';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('murmur3_32', () => {
  it.each([
    ['', 0, 0],
    ['', 1, 0x514e28b7],
    ['', 0xffffffff, 0x81f16f39],
    ['test', 0, 0xba6bd213],
    ['Hello, world!', 0x9747b28c, 0x24884cba],
    ['The quick brown fox jumps over the lazy dog', 0x9747b28c, 0x2fa826cd],
    ['a', 0x9747b28c, 0x7fa09ea6],
    ['ab', 0x9747b28c, 0x74875592],
    ['abc', 0x9747b28c, 0xc84a62dd],
    ['abcd', 0x9747b28c, 0xf0478627],
  ])('%j seed %d', (key, seed, expected) => {
    expect(murmur3_32(key, seed)).toBe(expected);
  });
  it('hashes a string as its UTF-8 bytes', () => {
    expect(murmur3_32('π€😀')).toBe(murmur3_32(new TextEncoder().encode('π€😀')));
  });
});

describe('fnv1a32', () => {
  it.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
  ])('%j', (s, expected) => {
    expect(fnv1a32(s)).toBe(expected);
    expect(fnv1a32(new TextEncoder().encode(s))).toBe(expected);
  });
  it('folds a string per UTF-16 unit, bytes per byte', () => {
    expect(fnv1a32('é')).toBe(Math.imul(0x811c9dc5 ^ 0xe9, 0x01000193) >>> 0);
    expect(fnv1a32('é')).not.toBe(fnv1a32(new TextEncoder().encode('é')));
  });
});

describe('cborEncode (deterministic)', () => {
  it.each<[JsonValue, string]>([
    [0, '00'],
    [23, '17'],
    [24, '1818'],
    [1000, '1903e8'],
    [1000000000000, '1b000000e8d4a51000'],
    [-1, '20'],
    [-1000, '3903e7'],
    [-0, '00'],
    [1.0, '01'],
    [1.1, 'fb3ff199999999999a'],
    [1.5, 'f93e00'],
    [-4.1, 'fbc010666666666666'],
    [65504.5, 'fa477fe080'],
    [0.00006103515625, 'f90400'],
    [5.960464477539063e-8, 'f90001'],
    [3.4028234663852886e38, 'fa7f7fffff'],
    [1e300, 'fb7e37e43c8800759c'],
    [18446744073709551616, 'fa5f800000'],
    [false, 'f4'],
    [true, 'f5'],
    [null, 'f6'],
    ['', '60'],
    ['IETF', '6449455446'],
    ['ü', '62c3bc'],
    [[], '80'],
    [[1, [2, 3]], '8201820203'],
    [{}, 'a0'],
    [['a', { b: 'c' }], '826161a161626163'],
    [{ z: 1, aa: 2 }, 'a2617a0162616102'],
  ])('%j', (value, expected) => {
    expect(hex(cborEncode(value))).toBe(expected);
  });
  it('rejects non-finite numbers', () => {
    expect(() => cborEncode(Number.NaN)).toThrow(RangeError);
  });
});
