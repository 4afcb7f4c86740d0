import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

/** A row of the reference file: numbers, or "Infinity"/"-Infinity"/"NaN" strings for non-finite values. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Row = Record<string, any>;

const raw = readFileSync(new URL('./reference/scipy-reference.json', import.meta.url), 'utf8');

export const reference: Record<string, Row[]> & { meta: Record<string, string> } = JSON.parse(raw);

/** Decodes the reference file's spelling of non-finite numbers. */
export function value(x: unknown): number {
  if (x === 'Infinity') return Number.POSITIVE_INFINITY;
  if (x === '-Infinity') return Number.NEGATIVE_INFINITY;
  if (x === 'NaN') return Number.NaN;
  if (typeof x !== 'number') throw new TypeError(`not a reference number: ${String(x)}`);
  return x;
}

/** Integer recipe x_i = ((a·i + b) mod m) + shift shared with generate.py (all values exact in doubles). */
export function sample(spec: unknown): number[] {
  if (Array.isArray(spec)) return spec as number[];
  const { n, a, b, m, shift } = spec as { n: number; a: number; b: number; m: number; shift: number };
  return Array.from({ length: n }, (_, i) => ((a * i + b) % m) + shift);
}

const MIN_NORMAL = 2.2250738585072014e-308;
const MIN_SUBNORMAL = 4.9406564584124654e-324;

/**
 * Relative error of `actual` against `expected`. Exact zeros use an absolute
 * floor (default 1e-300); subnormal references are compared to a few units of
 * the subnormal spacing, since their relative precision is limited by the
 * format itself (2.9e-316 carries only ~8 significant digits).
 */
export function relativeError(actual: number, expected: number, zeroFloor = 1e-300): number {
  if (actual === expected) return 0;
  if (Number.isNaN(expected)) return Number.isNaN(actual) ? 0 : Number.POSITIVE_INFINITY;
  if (!Number.isFinite(expected) || !Number.isFinite(actual)) return Number.POSITIVE_INFINITY;
  const error = Math.abs(actual - expected);
  if (expected === 0) return error <= zeroFloor ? 0 : Number.POSITIVE_INFINITY;
  if (Math.abs(expected) < MIN_NORMAL && error <= 4 * MIN_SUBNORMAL) return 0;
  return error / Math.abs(expected);
}

/** Largest relative error seen per family, reported by each test file's afterAll. */
export class ErrorLog {
  private readonly worst = new Map<string, { error: number; where: string }>();

  check(family: string, actual: number, expectedRaw: unknown, where: string, tolerance = 1e-9, zeroFloor?: number): void {
    const expected = value(expectedRaw);
    const error = relativeError(actual, expected, zeroFloor);
    const current = this.worst.get(family);
    if (!current || error > current.error) this.worst.set(family, { error, where });
    expect(error, `${family} ${where}: got ${actual}, want ${expected}`).toBeLessThanOrEqual(tolerance);
  }

  report(title: string): void {
    const lines = [...this.worst.entries()].map(([family, { error, where }]) => `  ${family}: ${error.toExponential(2)} (${where})`);
    console.log(`${title} — max relative error vs reference:\n${lines.join('\n')}`);
  }
}
