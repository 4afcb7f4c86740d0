import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requiredLiteral } from '../../src/commands/legacy-lint/match/required-literal';

describe('requiredLiteral', () => {
  it('finds the longest certain run, and gives up where it is not certain', () => {
    expect(requiredLiteral('\\bconsole\\.log\\(')).toBe('console.log(');
    expect(requiredLiteral('\\blegacyBin\\w*\\(')).toBe('legacyBin');
    expect(requiredLiteral('colou?r-scheme')).toBe('r-scheme');
    expect(requiredLiteral('legacy(Sim|Bin)Core')).toBeUndefined();
    expect(requiredLiteral('ab+cdef')).toBe('cdef');
    expect(requiredLiteral('[abc]xyz[^]]')).toBe('xyz');
    expect(requiredLiteral('x{2}yzw')).toBe('yzw');
    expect(requiredLiteral('(?<=old)Client')).toBe('Client');
    expect(requiredLiteral('\\d+')).toBeUndefined();
    expect(requiredLiteral('ab')).toBeUndefined();
  });

  it('never names text a match can lack', () => {
    const token = fc.constantFrom('a', 'b', 'c', 'ab', '.', '\\.', '\\(', '\\w', '\\b', '?', '*', '+', '{2}', '{1,3}', '[ab]', '[^a]', '(', ')', '(?:', '(?=b)', '|', '^', '$', 'abc', 'bca');
    let checked = 0;
    fc.assert(
      fc.property(fc.array(token, { minLength: 1, maxLength: 10 }), fc.array(fc.string({ unit: fc.constantFrom('a', 'b', 'c', '.', '(', ' ') }), { minLength: 1, maxLength: 8 }), (parts, subjects) => {
        const source = parts.join('');
        let regex: RegExp;
        try {
          regex = new RegExp(source);
        } catch {
          return;
        }
        const literal = requiredLiteral(source, 1);
        if (literal === undefined) return;
        for (const subject of subjects) {
          const match = regex.exec(subject);
          if (match) {
            checked++;
            expect(match[0].includes(literal) || subject.includes(literal), `/${source}/ matched "${match[0]}" in "${subject}" without "${literal}"`).toBe(true);
          }
        }
      }),
      { numRuns: 5000 },
    );
    expect(checked).toBeGreaterThan(100);
  });
});
