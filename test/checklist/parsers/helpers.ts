/**
 * Shared bits for the parser suites: reading a shared fixture and asserting
 * that a failure is a UserError that says something useful.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { expect } from 'vitest';
import { UserError } from '../../../src/errors';
import { sharedFixture } from '../../helpers/fixtures';

export function readReport(...parts: string[]): string {
  return readFileSync(sharedFixture('reports', ...parts), 'utf8');
}

/** Runs `fn`, requires a UserError whose message matches, and returns it for further checks. */
export function userError(fn: () => unknown, message: RegExp, where?: { file?: string; line?: number }): UserError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught, 'expected a UserError to be thrown').toBeInstanceOf(UserError);
  const error = caught as UserError;
  expect(error.message).toMatch(message);
  if (where?.file !== undefined) expect(error.location?.file).toBe(where.file);
  if (where?.line !== undefined) expect(error.location?.line).toBe(where.line);
  return error;
}

/** A parser may succeed or refuse input; it must never throw anything but a UserError. */
export function neverCrashes(parse: (text: string, file: string) => unknown, text: string): void {
  try {
    parse(text, 'fuzz.txt');
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    expect(error.location?.file).toBe('fuzz.txt');
    expect(error.message.length).toBeGreaterThan(0);
  }
}

/** Text to throw at parsers: arbitrary strings, and damaged versions of real-looking reports. */
export function hostileText(seeds: readonly string[]): fc.Arbitrary<string> {
  const damaged = fc
    .tuple(fc.constantFrom(...seeds), fc.nat(), fc.nat(), fc.string({ unit: 'binary', maxLength: 12 }))
    .map(([seed, a, b, insert]) => {
      const cut = seed.length === 0 ? 0 : a % seed.length;
      const drop = seed.length === 0 ? 0 : b % Math.min(40, seed.length - cut + 1);
      return seed.slice(0, cut) + insert + seed.slice(cut + drop);
    });
  const truncated = fc.tuple(fc.constantFrom(...seeds), fc.nat()).map(([seed, n]) => seed.slice(0, seed.length === 0 ? 0 : n % seed.length));
  return fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.string({ unit: fc.constantFrom('<', '>', '/', '"', '=', ' ', 'a', '\n', '&', ';', '#', '{', '}', ':', ',', '[', ']'), maxLength: 80 }),
    fc.jsonValue().map((value) => JSON.stringify(value) ?? ''),
    damaged,
    truncated,
  );
}

/** XML-escapes text for attributes and bodies. */
export function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
