/**
 * Hold durations ("30m", "1h", "2h30m", "1d") and the time words rollout
 * reasons use. Pure: times are milliseconds since the epoch, passed in.
 */

const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000 } as const;

// Units largest first, each at most once, optional spaces between parts
// ("2h30m", "1d 12h"). Seconds are allowed for tests and short smoke stages,
// though a cron-driven rollout rarely sees them honoured to the second.
const HOLD = /^(?:(\d+)d)?\s*(?:(\d+)h)?\s*(?:(\d+)m)?\s*(?:(\d+)s)?$/;

export const HOLD_HINT = 'expected a duration such as 30m, 1h, 2h30m or 1d';

/** Milliseconds, or undefined when the text is not a duration. "0m" is 0. */
export function parseHold(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const match = HOLD.exec(trimmed);
  if (!match) return undefined;
  const [, d, h, m, s] = match;
  return Number(d ?? 0) * UNIT_MS.d + Number(h ?? 0) * UNIT_MS.h + Number(m ?? 0) * UNIT_MS.m + Number(s ?? 0) * UNIT_MS.s;
}

/** The compact form parseHold reads back: 9000000 → "2h30m". */
export function formatHold(ms: number): string {
  let rest = Math.max(0, Math.round(ms / 1000)) * 1000;
  let out = '';
  for (const [unit, size] of Object.entries(UNIT_MS)) {
    const count = Math.floor(rest / size);
    if (count > 0) out += `${count}${unit}`;
    rest -= count * size;
  }
  return out || '0s';
}

/**
 * Time left in words for a reason: "45 min", "1 h 15 min", "2 d 3 h".
 * Rounded up to the minute, so "1 min left" is never really 0.
 */
export function formatTimeLeft(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

/** ISO 8601 in UTC, without ".000" when the milliseconds are zero (easier to read in reasons). */
export function isoAt(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** Milliseconds of a stored ISO timestamp; the state schema guarantees the format. */
export function msOf(iso: string): number {
  return Date.parse(iso);
}
