import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvScanner, csvLayout, parseHeaderLine } from '../../src/commands/ab/data/csv-scan';
import { readDataFile } from '../../src/commands/ab/data/read-data';
import { mergeTotals, parseAsciiNumber, RowSink, type DataTotals } from '../../src/commands/ab/data/row-sink';
import { UserError } from '../../src/errors';

const spec = {
  variants: ['control', 'treatment'],
  variantColumn: 'variant',
  metrics: [{ column: 'converted', kind: 'binomial' as const }, { column: 'revenue', kind: 'continuous' as const }],
};

function file(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'rollgate-ab-'));
  writeFileSync(join(dir, name), text);
  return join(dir, name);
}

/** Scans text fed in the given chunk sizes (to cross every buffer boundary). */
function scan(text: string, cuts: number[] = []): DataTotals {
  const bytes = Buffer.from(text, 'utf8');
  const headerEnd = bytes.indexOf(0x0a) + 1;
  const layout = csvLayout(parseHeaderLine(bytes.subarray(0, headerEnd - 1).toString()), 'variant', ['converted', 'revenue']);
  if (typeof layout === 'string') throw new Error(layout);
  const sink = new RowSink(spec.variants, ['binomial', 'continuous'], { variant: 'variant', metrics: ['converted', 'revenue'] });
  const scanner = new CsvScanner(layout, sink);
  let at = headerEnd;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    const to = headerEnd + cut;
    if (to <= at || to >= bytes.length) continue;
    scanner.feed(bytes.subarray(at, to));
    at = to;
  }
  scanner.feed(bytes.subarray(at));
  scanner.end();
  return sink.result();
}

describe('CSV data reader', () => {
  it('sums per variant and counts unknown variants and malformed values with their first line', async () => {
    const path = file('d.csv', [
      'user_id,variant,converted,revenue',
      'u1,control,1,10.5',
      'u2,treatment,0,0',
      'u3,treatment,1,"20.25"',
      'u4,holdout,1,3',
      'u5,control,yes,4',
      'u6,control,1,',
      '',
      'u7,"treat""ment",1,1',
      'u8,control,true,2',
    ].join('\r\n') + '\r\n');
    const totals = await readDataFile(path, 'd.csv', spec);
    expect(totals.format).toBe('csv');
    expect(totals.rows).toBe(8);
    expect(totals.blankLines).toBe(1);
    expect(totals.variants[0]!.units).toBe(2);
    expect(totals.variants[0]!.metrics[0]).toMatchObject({ n: 2, mean: 1 });
    expect(totals.variants[0]!.metrics[1]!.mean).toBeCloseTo(6.25, 12);
    expect(totals.variants[1]!.units).toBe(2);
    expect(totals.variants[1]!.metrics[1]!.mean).toBeCloseTo(10.125, 12);
    expect(totals.unknownVariant).toMatchObject({ count: 2, firstLine: 5, names: ['holdout', 'treat"ment'] });
    expect(totals.malformed.converted).toEqual({ count: 1, firstLine: 6, example: '"yes"' });
    expect(totals.malformed.revenue).toEqual({ count: 1, firstLine: 7, example: '(empty)' });
  });

  it('names the missing column and the header it found, at line 1', async () => {
    const path = file('d.csv', 'user_id,variant,converted\nu1,control,1\n');
    const error = await readDataFile(path, 'd.csv', spec).catch((e) => e);
    expect(error).toBeInstanceOf(UserError);
    expect(String(error)).toBe('d.csv:1: missing column "revenue"; the header has "user_id", "variant", "converted"');
  });

  it('refuses an empty file and a header without rows', async () => {
    expect(String(await readDataFile(file('e.csv', ''), 'e.csv', spec).catch((e) => e))).toMatch(/e\.csv: the data file is empty/);
    expect(String(await readDataFile(file('h.csv', 'variant,converted,revenue\n'), 'h.csv', spec).catch((e) => e))).toMatch(/header but no rows/);
  });

  it('reads NDJSON with the same checks', async () => {
    const path = file('d.ndjson', [
      '{"variant":"control","converted":1,"revenue":10}',
      '{"variant":"treatment","converted":false,"revenue":"2.5"}',
      'not json',
      '{"variant":"control","converted":2,"revenue":1}',
      '{"variant":"control","revenue":1}',
    ].join('\n'));
    const totals = await readDataFile(path, 'd.ndjson', spec);
    expect(totals.format).toBe('ndjson');
    expect(totals.variants.map((v) => v.units)).toEqual([1, 1]);
    expect(totals.malformed['(not a JSON object)']).toMatchObject({ count: 1, firstLine: 3 });
    expect(totals.malformed.converted).toMatchObject({ count: 2, firstLine: 4, example: '2' });
  });

  it('property: any chunking gives the totals of one pass, and of a reference parse', () => {
    const cell = fc.oneof(fc.constantFrom('control', 'treatment', 'other', ''), fc.string({ maxLength: 6 }));
    const row = fc.record({ variant: cell, converted: fc.constantFrom('0', '1', 'x', ''), revenue: fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }).map(String), fc.constantFrom('', '1e3', '-0.5', 'abc')) });
    const quote = (text: string) => (/[",\n\r]/.test(text) || Math.random() < 0.1 ? `"${text.replace(/"/g, '""')}"` : text);
    fc.assert(fc.property(fc.array(row, { minLength: 1, maxLength: 40 }), fc.array(fc.nat(400), { maxLength: 6 }), (rows, cuts) => {
      const text = `variant,converted,revenue\n${rows.map((r) => [quote(r.variant), r.converted, r.revenue].join(',')).join('\n')}\n`;
      const whole = scan(text);
      expect(scan(text, cuts)).toEqual(whole);
      // Reference: the plain rules, row by row.
      const units = [0, 0];
      let unknown = 0;
      let bad = 0;
      for (const r of rows) {
        const v = spec.variants.indexOf(r.variant);
        const okConverted = r.converted === '0' || r.converted === '1';
        const okRevenue = r.revenue !== '' && Number.isFinite(Number(r.revenue)) && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(r.revenue);
        if (v < 0) unknown++;
        else if (!okConverted || !okRevenue) bad++;
        else units[v]!++;
      }
      expect(whole.variants.map((v) => v.units)).toEqual(units);
      expect(whole.unknownVariant.count).toBe(unknown);
      expect(Object.values(whole.malformed).reduce((sum, m) => sum + m.count, 0)).toBe(bad);
    }), { numRuns: 300 });
  });

  it('property: split into parts and merged equals one pass, line numbers included', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.constantFrom('control', 'treatment', 'zzz'), fc.constantFrom('0', '1', 'q'), fc.integer({ min: -1000, max: 1000 })), { minLength: 2, maxLength: 60 }), fc.nat(), (rows, at) => {
      const lines = rows.map(([v, c, r]) => `${v},${c},${r / 8}`);
      const k = 1 + (at % (lines.length - 1));
      const header = 'variant,converted,revenue\n';
      const whole = scan(header + lines.join('\n') + '\n');
      const merged = mergeTotals([scan(header + lines.slice(0, k).join('\n') + '\n'), scan(header + lines.slice(k).join('\n') + '\n')]);
      expect(merged.rows).toBe(whole.rows);
      expect(merged.unknownVariant).toEqual(whole.unknownVariant);
      expect(merged.malformed).toEqual(whole.malformed);
      merged.variants.forEach((variant, v) => {
        expect(variant.units).toBe(whole.variants[v]!.units);
        variant.metrics.forEach((m, j) => {
          const w = whole.variants[v]!.metrics[j]!;
          expect(m.n).toBe(w.n);
          expect(m.mean).toBeCloseTo(w.mean, 9);
          expect(m.m2).toBeCloseTo(w.m2, 6);
        });
      });
    }), { numRuns: 200 });
  });

  it('property: the byte fast path agrees with Number() on decimals', () => {
    fc.assert(fc.property(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }).map(String), fc.integer().map(String), fc.stringMatching(/^-?\d{1,20}(\.\d{0,20})?$/)), (text) => {
      const bytes = Buffer.from(text);
      const expected = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : Number.NaN;
      expect(parseAsciiNumber(bytes, 0, bytes.length)).toBe(expected);
    }), { numRuns: 2000 });
  });
});
