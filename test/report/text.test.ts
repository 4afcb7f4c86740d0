import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clip, utf8Length } from '../../src/report/text';
import { hostileString } from './arbitraries';

describe('utf8Length', () => {
  it('counts as an encoder does, lone surrogates as U+FFFD', () => {
    expect(utf8Length('aé文😀')).toBe(1 + 2 + 3 + 4);
    expect(utf8Length('\uD800x\uDFFF')).toBe(7);
    fc.assert(
      fc.property(hostileString(50), (text) => {
        expect(utf8Length(text)).toBe(Buffer.byteLength(text, 'utf8'));
      }),
    );
  });
});

describe('clip', () => {
  it('keeps text that fits and cuts on a code-point boundary', () => {
    expect(clip('abc', 3, 'utf16')).toBe('abc');
    expect(clip('abcd', 3, 'utf16')).toBe('ab…');
    expect(clip('a😀😀', 4, 'utf16')).toBe('a😀…');
    expect(clip('a😀😀', 3, 'utf16')).toBe('a…');
    expect(clip('é文😀', 6, 'utf8')).toBe('é…');
  });

  it('property: never exceeds the limit and never leaves half a surrogate pair', () => {
    fc.assert(
      fc.property(hostileString(40), fc.integer({ min: 1, max: 60 }), fc.constantFrom('utf8' as const, 'utf16' as const), (text, max, unit) => {
        const out = clip(text, max, unit);
        expect(unit === 'utf8' ? utf8Length(out) : out.length).toBeLessThanOrEqual(max);
        const ellipsis = out !== text && out.endsWith('…') && !text.startsWith(out);
        if (out !== text && !ellipsis) expect(max).toBeLessThan(unit === 'utf8' ? 3 : 1);
        const body = ellipsis ? out.slice(0, -1) : out;
        expect(text.startsWith(body)).toBe(true);
        const cutInsidePair = /[\uD800-\uDBFF]$/.test(body) && /^[\uDC00-\uDFFF]/.test(text.slice(body.length));
        expect(cutInsidePair).toBe(false);
      }),
    );
  });
});
