/**
 * Calendar dates as the config writes them (YYYY-MM-DD, read as UTC days),
 * pure. A date is a whole day: a sunset of 2026-12-31 turns the rule into an
 * error from the first moment of that day, UTC.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch day number of a real calendar date, or undefined (2026-02-30 is not one). */
export function parseDay(text: string): number | undefined {
  const match = DATE.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return undefined;
  return ms / 86_400_000;
}

/** The UTC day `now` falls in. */
export function dayOf(now: Date): number {
  return Math.floor(now.getTime() / 86_400_000);
}
