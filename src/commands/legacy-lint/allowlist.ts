/**
 * Temporary exceptions, pure. Every entry carries an owner, a reason and an
 * expiry; an expired entry (or one whose date does not parse, so a typo can
 * never keep an exception alive) allows nothing and is an error itself, and
 * an entry that allows nothing is stale.
 */
import picomatch from 'picomatch';
import { parseDay } from './dates';
import type { Match } from './match/scan-file';
import type { AllowEntry } from './schema';

export interface AllowStatus {
  index: number;
  entry: AllowEntry;
  /** Days until it expires (0 or less: expired); null for a malformed date. */
  daysLeft: number | null;
  expired: boolean;
  /** Findings it allows (an expired entry allows none, but still counts what it would have). */
  matches: number;
}

export interface AllowOutcome {
  /** Indexes of the matches an unexpired entry allows, with the entry's index. */
  allowed: Map<number, number>;
  entries: AllowStatus[];
}

export function applyAllowlist(matches: readonly Match[], entries: readonly AllowEntry[], today: number): AllowOutcome {
  const statuses: AllowStatus[] = entries.map((entry, index) => {
    const day = parseDay(entry.expires);
    const daysLeft = day === undefined ? null : day - today;
    return { index, entry, daysLeft, expired: daysLeft === null || daysLeft <= 0, matches: 0 };
  });
  const matchers = entries.map((entry) => picomatch(entry.path, { dot: true }));
  const allowed = new Map<number, number>();
  matches.forEach((m, i) => {
    statuses.forEach((status, k) => {
      if (status.entry.rule !== m.rule || !matchers[k]!(m.file)) return;
      status.matches++;
      if (!status.expired && !allowed.has(i)) allowed.set(i, k);
    });
  });
  return { allowed, entries: statuses };
}
