import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstTextLine, readCsvRecords } from '../../../../src/commands/load/ingest/jmeter/csv';
import { UserError } from '../../../../src/errors';

const read = (text: string, delimiter?: string) => [...readCsvRecords(text, { file: 'x.csv', ...(delimiter ? { delimiter } : {}) })];

/** RFC 4180 writer for the round trip: quotes a field when it must, or when told to. */
function encodeField(value: string, delimiter: string, forceQuote: boolean): string {
  const must = value === '' || value.includes(delimiter) || /["\r\n]/.test(value);
  return must || forceQuote ? `"${value.replace(/"/g, '""')}"` : value;
}

describe('readCsvRecords', () => {
  it('reads quoted fields, "" escapes, embedded delimiters and line breaks, with the line each record starts on', () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""","two\r\nlines"\r\nplain,,end\r\n';
    expect(read(text)).toEqual([
      { fields: ['a', 'b', 'c'], line: 1 },
      { fields: ['x, y', 'say "hi"', 'two\r\nlines'], line: 2 },
      { fields: ['plain', '', 'end'], line: 4 },
    ]);
  });

  it('accepts LF, CRLF and lone CR line ends, a BOM, blank lines, and no final line break', () => {
    expect(read('\ufeffh1,h2\n1,2\r\n\r\n3,4\r5,6')).toEqual([
      { fields: ['h1', 'h2'], line: 1 },
      { fields: ['1', '2'], line: 2 },
      { fields: ['3', '4'], line: 4 },
      { fields: ['5', '6'], line: 5 },
    ]);
    expect(read('a,b\n')).toEqual([{ fields: ['a', 'b'], line: 1 }]);
    expect(read('')).toEqual([]);
    // A trailing delimiter is an empty last field.
    expect(read('a,\n')).toEqual([{ fields: ['a', ''], line: 1 }]);
  });

  it('is lenient with stray quotes the way spreadsheets are', () => {
    expect(read('ab"c,"d"e,f\n')).toEqual([{ fields: ['ab"c', 'de', 'f'], line: 1 }]);
  });

  it('takes another delimiter', () => {
    expect(read('a\tb\t"c\td"\n', '\t')).toEqual([{ fields: ['a', 'b', 'c\td'], line: 1 }]);
    expect(read('a|b\n', '|')).toEqual([{ fields: ['a', 'b'], line: 1 }]);
  });

  it('refuses a quote that never closes, naming where it opened', () => {
    const attempt = () => read('a,b\n1,"open\n2,3\n');
    expect(attempt).toThrow(UserError);
    try {
      attempt();
    } catch (error) {
      expect((error as UserError).location).toEqual({ file: 'x.csv', line: 2, column: 3 });
      expect((error as UserError).message).toMatch(/closing quote .* line 2, column 3, found the end of the file/);
    }
  });

  it('gives the first line without its line break', () => {
    expect(firstTextLine('\ufeffa,b\r\nc')).toBe('a,b');
    expect(firstTextLine('only')).toBe('only');
  });

  it('round-trips any table: quotes, delimiters, CR, LF and CRLF inside fields, either record separator', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'b', ' ', ',', ';', '"', '\r', '\n', '\r\n', 'é', '\t'), maxLength: 8 });
    const table = fc.array(fc.array(fc.tuple(field, fc.boolean()), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(table, fc.constantFrom('\n', '\r\n'), fc.constantFrom(',', ';', '\t'), fc.boolean(), (rows, eol, delimiter, finalEol) => {
        const lines = rows.map((row) => row.map(([value, quote]) => encodeField(value, delimiter, quote)).join(delimiter));
        const text = lines.join(eol) + (finalEol ? eol : '');
        // Where each record starts: 1 + the line breaks before it (CRLF counts once).
        let line = 1;
        const expected = rows.map((row, i) => {
          const at = line;
          line += (lines[i]!.match(/\r\n|\r|\n/g) ?? []).length + 1;
          return { fields: row.map(([value]) => value), line: at };
        });
        expect(read(text, delimiter)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
