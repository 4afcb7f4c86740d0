/**
 * String helpers the renderers share. Every channel has a size limit counted in
 * its own unit (UTF-8 bytes for the job summary, UTF-16 code units for the
 * Checks API), and a cut must never leave half a character behind.
 */

export type LengthUnit = 'utf8' | 'utf16';

/**
 * UTF-8 length without allocating an encoded copy. A lone surrogate counts as
 * the three bytes of U+FFFD, which is what an encoder writes in its place.
 */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

export function measure(text: string, unit: LengthUnit): number {
  return unit === 'utf8' ? utf8Length(text) : text.length;
}

/**
 * The longest prefix of `text` that fits in `max` units (inclusive), ending on
 * a code-point boundary; `ellipsis` is appended when anything was cut and is
 * counted inside `max`.
 */
export function clip(text: string, max: number, unit: LengthUnit, ellipsis = '…'): string {
  if (measure(text, unit) <= max) return text;
  const budget = max - measure(ellipsis, unit);
  // Too small for the ellipsis: the text alone, still cut on a boundary.
  if (budget < 0) return prefixWithin(text, max, unit);
  return prefixWithin(text, budget, unit) + ellipsis;
}

function prefixWithin(text: string, max: number, unit: LengthUnit): string {
  let used = 0;
  let end = 0;
  for (const char of text) {
    const size = measure(char, unit);
    if (used + size > max) break;
    used += size;
    end += char.length;
  }
  return text.slice(0, end);
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** "a", "a and b", "a, b and c". */
export function joinList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** A positive integer line or column, or undefined: 0, NaN and fractions mean "unknown". */
export function position(value: number | undefined): number | undefined {
  return value !== undefined && Number.isInteger(value) && value >= 1 ? value : undefined;
}

export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}
