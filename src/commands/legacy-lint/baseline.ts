/**
 * The ratchet baseline, pure: known findings by identity, never by line
 * number. An identity is rule + file + a hash of the matched line with its
 * whitespace normalised, so edits elsewhere in the file, reformatting and
 * rebases that shift lines keep every entry; identical lines in one file are
 * counted rather than told apart.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Match } from './match/scan-file';

export interface BaselineEntry {
  rule: string;
  file: string;
  fingerprint: string;
  count: number;
  /** The normalised line, for reviewers of the file's diff; not part of the identity. */
  text: string;
}

export const BASELINE_VERSION = 1;

export const baselineFileSchema = z.strictObject({
  version: z.literal(BASELINE_VERSION, { error: `expected "version": ${BASELINE_VERSION} (a baseline written by rollgate legacy-lint --update-baseline)` }),
  entries: z.array(
    z.strictObject({
      rule: z.string().min(1),
      file: z.string().min(1),
      fingerprint: z.string().regex(/^[0-9a-f]{16}$/, 'expected 16 hex digits'),
      count: z.number().int().positive(),
      text: z.string(),
    }),
  ),
});

export function normaliseLine(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

export function fingerprint(lineText: string): string {
  return createHash('sha256').update(normaliseLine(lineText)).digest('hex').slice(0, 16);
}

export function identity(rule: string, file: string, print: string): string {
  return `${rule}\u0000${file}\u0000${print}`;
}

export function matchIdentity(match: Match): string {
  return identity(match.rule, match.file, fingerprint(match.lineText));
}

/** The baseline that records exactly these findings. */
export function buildBaseline(matches: readonly Match[]): BaselineEntry[] {
  const byId = new Map<string, BaselineEntry>();
  for (const m of matches) {
    const print = fingerprint(m.lineText);
    const id = identity(m.rule, m.file, print);
    const entry = byId.get(id);
    if (entry) entry.count++;
    else byId.set(id, { rule: m.rule, file: m.file, fingerprint: print, count: 1, text: normaliseLine(m.lineText) });
  }
  return [...byId.values()].sort((a, b) => compare(a.rule, b.rule) || compare(a.file, b.file) || compare(a.fingerprint, b.fingerprint));
}

export function serializeBaseline(entries: readonly BaselineEntry[]): string {
  // One entry per line: a pull request that touches the baseline shows a readable diff.
  const lines = entries.map((e) => `    ${JSON.stringify({ rule: e.rule, file: e.file, fingerprint: e.fingerprint, count: e.count, text: e.text })}`);
  return `{\n  "version": ${BASELINE_VERSION},\n  "entries": [\n${lines.join(',\n')}${lines.length ? '\n' : ''}  ]\n}\n`;
}

export interface BaselineSplit {
  /** Indexes into the matches given: those the baseline does not cover. */
  fresh: Set<number>;
  /** Entries (or parts of their count) that no longer match anything. */
  fixed: Array<BaselineEntry & { fixedCount: number }>;
}

/** Which findings are new against the baseline, and which baseline entries are fixed. */
export function splitByBaseline(matches: readonly Match[], entries: readonly BaselineEntry[]): BaselineSplit {
  const remaining = new Map(entries.map((e) => [identity(e.rule, e.file, e.fingerprint), e.count]));
  const fresh = new Set<number>();
  matches.forEach((m, index) => {
    const id = matchIdentity(m);
    const left = remaining.get(id) ?? 0;
    if (left > 0) remaining.set(id, left - 1);
    else fresh.add(index);
  });
  const fixed = entries
    .map((e) => ({ ...e, fixedCount: remaining.get(identity(e.rule, e.file, e.fingerprint)) ?? 0 }))
    .filter((e) => e.fixedCount > 0);
  return { fresh, fixed };
}

/** Entries whose count rose against the base branch's baseline (or that it did not have). */
export function baselineGrowth(current: readonly BaselineEntry[], base: readonly BaselineEntry[]): Array<BaselineEntry & { added: number }> {
  const before = new Map(base.map((e) => [identity(e.rule, e.file, e.fingerprint), e.count]));
  return current
    .map((e) => ({ ...e, added: e.count - (before.get(identity(e.rule, e.file, e.fingerprint)) ?? 0) }))
    .filter((e) => e.added > 0);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
