/**
 * Deterministic CBOR (RFC 8949 §4.2) of a JSON value: the byte form flagd's
 * fractional v3 hashes, so that 1, 1.0 and -0.0 and reordered object keys all
 * bucket alike in every language.
 */

/** A JSON value as it reaches the bucketing step. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [k: string]: JsonValue };

/**
 * Encode a JSON value as deterministic CBOR: shortest heads, integral numbers as
 * integers, other numbers as the shortest float (16/32/64-bit) that keeps the
 * value, map keys in bytewise order of their encodings.
 *
 * @param value a JSON value; NaN and infinities are rejected, as JSON has none
 * @returns the CBOR bytes
 * @throws RangeError for a non-finite number
 * @example
 * cborEncode('a') // => Uint8Array [0x61, 0x61]
 * cborEncode(1.0) // => Uint8Array [0x01]
 */
export function cborEncode(value: JsonValue): Uint8Array {
  const out: number[] = [];
  write(out, value);
  return Uint8Array.from(out);
}

const utf8 = new TextEncoder();

function write(out: number[], v: JsonValue): void {
  if (v === null) out.push(0xf6);
  else if (v === true) out.push(0xf5);
  else if (v === false) out.push(0xf4);
  else if (typeof v === 'string') {
    const b = utf8.encode(v);
    head(out, 3, BigInt(b.length));
    for (const x of b) out.push(x);
  } else if (typeof v === 'number') writeNumber(out, v);
  else if (Array.isArray(v)) {
    head(out, 4, BigInt(v.length));
    for (const x of v as readonly JsonValue[]) write(out, x);
  } else {
    const obj = v as { readonly [k: string]: JsonValue };
    const entries = Object.keys(obj).map((k) => [cborEncode(k), obj[k]!] as const);
    entries.sort((a, b) => compareBytes(a[0], b[0]));
    head(out, 5, BigInt(entries.length));
    for (const [k, x] of entries) {
      for (const byte of k) out.push(byte);
      write(out, x);
    }
  }
}

const TWO_64 = 2n ** 64n;

function writeNumber(out: number[], n: number): void {
  if (!Number.isFinite(n)) throw new RangeError(`cannot encode ${n} as a JSON number`);
  if (Number.isInteger(n)) {
    // -0 is integral and becomes 0, which is why -0.0 and 0 bucket alike.
    const i = BigInt(n);
    if (i >= 0n && i < TWO_64) return head(out, 0, i);
    if (i < 0n && -1n - i < TWO_64) return head(out, 1, -1n - i);
  }
  const half = toHalf(n);
  if (half !== undefined) {
    out.push(0xf9, half >> 8, half & 0xff);
    return;
  }
  const view = new DataView(new ArrayBuffer(8));
  if (Math.fround(n) === n) {
    view.setFloat32(0, n);
    out.push(0xfa, ...new Uint8Array(view.buffer, 0, 4));
  } else {
    view.setFloat64(0, n);
    out.push(0xfb, ...new Uint8Array(view.buffer, 0, 8));
  }
}

/** The IEEE half-precision bits of n when n is exactly representable, else undefined. */
function toHalf(n: number): number | undefined {
  const sign = n < 0 || Object.is(n, -0) ? 0x8000 : 0;
  const a = Math.abs(n);
  if (a === 0) return sign;
  const e = Math.floor(Math.log2(a));
  if (e < -24 || e > 15) return undefined;
  if (e < -14) {
    // Subnormal: a = m * 2^-24 with m < 1024.
    const m = a * 2 ** 24;
    return Number.isInteger(m) ? sign | m : undefined;
  }
  const m = (a / 2 ** e - 1) * 1024;
  if (!Number.isInteger(m) || m >= 1024) return undefined;
  return sign | ((e + 15) << 10) | m;
}

function head(out: number[], major: number, arg: bigint): void {
  const mt = major << 5;
  if (arg < 24n) out.push(mt | Number(arg));
  else if (arg < 0x100n) out.push(mt | 24, Number(arg));
  else if (arg < 0x10000n) out.push(mt | 25, ...bytes(arg, 2));
  else if (arg < 0x100000000n) out.push(mt | 26, ...bytes(arg, 4));
  else out.push(mt | 27, ...bytes(arg, 8));
}

function bytes(arg: bigint, n: number): number[] {
  const r: number[] = [];
  for (let i = n - 1; i >= 0; i--) r.push(Number((arg >> BigInt(8 * i)) & 0xffn));
  return r;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}
