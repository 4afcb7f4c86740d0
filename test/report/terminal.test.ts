import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model';
import { displayWidth, renderTerminal, sanitizeTerminal } from '../../src/report/terminal';
import { baseReport, report as reportArb } from './arbitraries';

const SGR = /\u001b\[\d+m/g;
const stripSgr = (text: string) => text.replace(SGR, '');

const sample: Report = baseReport({
  passed: false,
  headline: '2 of 4 checks failed: coverage, tests',
  gates: [
    { id: 'cov', name: 'coverage', status: 'fail', observed: 'lines 78.5%', expected: '≥ 80%', details: 'Line coverage is below the threshold' },
    { id: 'tests', name: 'tests', status: 'pass', observed: '120 passed', details: 'ok' },
    { id: 'docs', name: '文档', status: 'skip', details: 'no docs folder' },
    { id: 'lint', name: 'lint', status: 'warn', expected: '0 warnings', details: '3 warnings\nin 2 files' },
  ],
  findings: [
    { level: 'notice', title: 'Note', message: 'about the run' },
    { level: 'error', title: 'Coverage', message: 'not covered\nsecond line', file: 'src/a.ts', line: 3, column: 2 },
    { level: 'warning', title: 'Lint', message: 'unused', file: 'src/long/path.ts', line: 10 },
  ],
  sections: [
    {
      title: 'Latency',
      text: 'p95 by route',
      table: { columns: ['route', 'p95'], rows: [['/a', '120'], ['/bbbb', '9']], align: ['left', 'right'] },
      chart: { kind: 'bar', title: 'p95', labels: ['/a', '/b'], values: [100, 50], threshold: 80, yLabel: 'ms' },
    },
  ],
});

describe('renderTerminal', () => {
  it('renders headline, aligned gates and findings without colour', () => {
    expect(renderTerminal(sample, { color: false })).toBe(
      [
        '✗ FAILED  rollgate checklist: 2 of 4 checks failed: coverage, tests',
        '',
        '  ✗ coverage  lines 78.5% (expected ≥ 80%)',
        '  ✓ tests     120 passed',
        '  - 文档      no docs folder',
        '  ! lint      expected 0 warnings',
        '',
        'Findings (3)',
        `  error    src/a.ts:3:2${' '.repeat(7)}  Coverage: not covered`,
        `${' '.repeat(32)}second line`,
        '  warning  src/long/path.ts:10  Lint: unused',
        `  notice   ${' '.repeat(19)}  Note: about the run`,
        '',
      ].join('\n'),
    );
  });

  it('adds details and sections when verbose', () => {
    const output = renderTerminal(sample, { color: false, verbose: true });
    expect(output).toContain('  ✗ coverage  lines 78.5% (expected ≥ 80%)\n              Line coverage is below the threshold\n');
    expect(output).toContain('  ! lint      expected 0 warnings\n              3 warnings\n              in 2 files\n');
    expect(output).toContain('Latency\n  p95 by route\n  route  p95\n  ─────  ───\n  /a     120\n  /bbbb    9\n');
    expect(output).toContain('  p95 (ms)\n');
    // 100 is the top: a full 40-cell bar, and the threshold mark at 80% of it.
    expect(output).toContain(`  /a  ${'█'.repeat(32)}│${'█'.repeat(7)}  100\n`);
    expect(output).toContain(`  /b  ${'█'.repeat(20)}${' '.repeat(12)}│${' '.repeat(8)} 50\n`);
  });

  it('colours only when asked, and colour changes nothing else', () => {
    const plain = renderTerminal(sample, { color: false, verbose: true });
    const coloured = renderTerminal(sample, { color: true, verbose: true });
    expect(plain).not.toContain('\u001b');
    expect(coloured).toContain('\u001b[31m✗\u001b[39m');
    expect(coloured).toContain('\u001b[32m✓\u001b[39m');
    expect(stripSgr(coloured)).toBe(plain);
  });

  it('aligns the result column by display width, CJK included', () => {
    const lines = renderTerminal(sample, { color: false }).split('\n').slice(2, 6);
    const column = (line: string) => displayWidth(line.slice(0, line.search(/(lines|120|no docs|expected 0)/)));
    expect(new Set(lines.map(column)).size).toBe(1);
  });

  it('makes escape sequences in report text visible instead of executing them', () => {
    const report = baseReport({
      headline: 'evil \u001b[2J\u001b]0;title\u0007 \u009b31m',
      gates: [{ id: 'x', name: 'x\u001b[31m', status: 'fail', details: 'd' }],
      findings: [{ level: 'error', title: 't\r', message: 'm\u001b[1A', file: 'a\u0000.ts', line: 1 }],
    });
    for (const color of [false, true]) {
      const output = renderTerminal(report, { color });
      expect(output.replace(SGR, '')).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    }
    expect(renderTerminal(report, { color: false })).toContain('evil ␛[2J␛]0;title␇ �31m');
    expect(sanitizeTerminal('a\tb\u007f')).toBe('a b␡');
  });

  it('lists 50 findings unless verbose', () => {
    const report = baseReport({
      findings: Array.from({ length: 60 }, (_, i) => ({ level: 'warning' as const, title: `W${i}`, message: 'm' })),
    });
    const output = renderTerminal(report, { color: false });
    expect(output.split('\n').filter((line) => line.startsWith('  warning')).length).toBe(50);
    expect(output).toContain('  … and 10 more (verbose output lists them all)\n');
    expect(renderTerminal(report, { color: false, verbose: true }).split('\n').filter((line) => line.startsWith('  warning')).length).toBe(60);
  });

  it('measures display width', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('文档')).toBe(4);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('😀')).toBe(2);
  });

  it('property: no raw control character but our colour codes, and colour is the only difference', () => {
    fc.assert(
      fc.property(reportArb, fc.boolean(), (report, verbose) => {
        const plain = renderTerminal(report, { color: false, verbose });
        const coloured = renderTerminal(report, { color: true, verbose });
        expect(plain).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
        expect(stripSgr(coloured)).toBe(plain);
      }),
      { numRuns: 200 },
    );
  });
});
