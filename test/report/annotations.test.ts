import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, renderAnnotations } from '../../src/report/annotations';
import type { Finding, FindingLevel } from '../../src/report/model';
import { finding as findingArb, makeFinding } from './arbitraries';

/**
 * The runner's reading of one stdout line (ActionCommand.TryParseV2): the
 * command ends at the first `::` after the leading one, properties split on
 * `,` then on the first `=`, and escapes are undone in the runner's order.
 */
function parseCommand(line: string): { command: string; properties: Record<string, string>; data: string } | undefined {
  if (!line.startsWith('::')) return undefined;
  const end = line.indexOf('::', 2);
  if (end < 0) return undefined;
  const info = line.slice(2, end);
  const space = info.indexOf(' ');
  const command = space < 0 ? info : info.slice(0, space);
  const properties: Record<string, string> = {};
  if (space >= 0) {
    for (const pair of info.slice(space + 1).split(',').filter(Boolean)) {
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      properties[pair.slice(0, eq)] = unescape(pair.slice(eq + 1), ['%0D', '\r'], ['%0A', '\n'], ['%3A', ':'], ['%2C', ','], ['%25', '%']);
    }
  }
  const data = unescape(line.slice(end + 2), ['%0D', '\r'], ['%0A', '\n'], ['%25', '%']);
  return { command, properties, data };
}

function unescape(value: string, ...mappings: Array<[string, string]>): string {
  return mappings.reduce((text, [from, to]) => text.split(from).join(to), value);
}

function findings(counts: Record<FindingLevel, number>): Finding[] {
  const out: Finding[] = [];
  // Interleaved so the renderer has to sort, not just slice.
  const max = Math.max(counts.error, counts.warning, counts.notice);
  for (let i = 0; i < max; i++) {
    for (const level of ['notice', 'warning', 'error'] as const) {
      if (i < counts[level]) out.push(makeFinding({ level, file: 'src/a.ts', line: i + 1 }, i));
    }
  }
  return out;
}

function countByLevel(lines: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const line of lines) {
    const command = parseCommand(line)!.command;
    counts[command] = (counts[command] ?? 0) + 1;
  }
  return counts;
}

describe('escaping', () => {
  it('escapes message data exactly as the runner decodes it', () => {
    expect(escapeData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext');
    expect(escapeData('a:b,c')).toBe('a:b,c');
    expect(escapeData('%0A')).toBe('%250A');
  });

  it('escapes property values additionally for : and ,', () => {
    expect(escapeProperty('C:\\x,y%\n')).toBe('C%3A\\x%2Cy%25%0A');
    expect(escapeProperty('a::b')).toBe('a%3A%3Ab');
  });
});

describe('renderAnnotations', () => {
  it('writes file, line, endLine, col and title in the runner format', () => {
    const lines = renderAnnotations(
      [{ level: 'error', title: 'Coverage', message: 'Line 3 is not covered', file: 'src/a.ts', line: 3, endLine: 4, column: 2 }],
      { moreAt: 'the job summary' },
    );
    expect(lines).toEqual(['::error file=src/a.ts,line=3,endLine=4,col=2,title=Coverage::Line 3 is not covered']);
  });

  it('omits empty and meaningless properties', () => {
    const lines = renderAnnotations(
      [
        { level: 'notice', title: '', message: 'no properties at all' },
        { level: 'warning', title: 'T', message: 'line without a file', line: 3 },
        { level: 'error', title: 'T', message: 'bad numbers', file: 'a.ts', line: 0, endLine: 2, column: 1.5 },
        { level: 'error', title: 'T', message: 'end before start', file: 'a.ts', line: 5, endLine: 2 },
      ],
      { moreAt: 'x' },
    );
    expect(lines).toEqual([
      '::error file=a.ts,title=T::bad numbers',
      '::error file=a.ts,line=5,title=T::end before start',
      '::warning title=T::line without a file',
      '::notice::no properties at all',
    ]);
  });

  it('escapes hostile titles, files and messages', () => {
    const [line] = renderAnnotations(
      [{ level: 'warning', title: 'a,b::c', message: '50%\n::error::injected', file: 'dir,x/a:b.ts', line: 1 }],
      { moreAt: 'x' },
    );
    expect(line).toBe('::warning file=dir%2Cx/a%3Ab.ts,line=1,title=a%2Cb%3A%3Ac::50%25%0A::error::injected');
    expect(parseCommand(line!)).toEqual({
      command: 'warning',
      properties: { file: 'dir,x/a:b.ts', line: '1', title: 'a,b::c' },
      data: '50%\n::error::injected',
    });
  });

  it('sends errors, then warnings, then notices, stable within a level', () => {
    const input: Finding[] = [
      makeFinding({ level: 'notice' }, 1),
      makeFinding({ level: 'error' }, 2),
      makeFinding({ level: 'warning' }, 3),
      makeFinding({ level: 'error' }, 4),
      makeFinding({ level: 'notice' }, 5),
    ];
    const data = renderAnnotations(input, { moreAt: 'x' }).map((line) => parseCommand(line)!.data);
    expect(data).toEqual(['message 2', 'message 4', 'message 3', 'message 1', 'message 5']);
  });

  it('caps 25 errors + 3 warnings + 40 notices at 10 + 3 + 9 and one closing notice', () => {
    const lines = renderAnnotations(findings({ error: 25, warning: 3, notice: 40 }), {
      moreAt: 'the job summary and rollgate-checklist.sarif',
    });
    expect(lines).toHaveLength(23);
    expect(countByLevel(lines)).toEqual({ error: 10, warning: 3, notice: 10 });
    // The first ten errors in their original order.
    expect(lines.slice(0, 10).map((line) => parseCommand(line)!.properties.line)).toEqual(
      ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'],
    );
    expect(lines.at(-1)).toBe(
      '::notice title=Rollgate%3A more findings::46 more findings not shown as annotations (15 errors and 31 notices); ' +
        'GitHub shows at most 10 per level. See the job summary and rollgate-checklist.sarif.',
    );
  });

  it('shows exactly 10 of each level with no closing line when nothing is left out', () => {
    const lines = renderAnnotations(findings({ error: 10, warning: 10, notice: 10 }), { moreAt: 'x' });
    expect(countByLevel(lines)).toEqual({ error: 10, warning: 10, notice: 10 });
    expect(lines.some((line) => line.includes('more finding'))).toBe(false);
  });

  it('gives up a notice slot when another level overflows', () => {
    const lines = renderAnnotations(findings({ error: 11, warning: 0, notice: 10 }), { moreAt: 'the summary' });
    expect(countByLevel(lines)).toEqual({ error: 10, notice: 10 });
    expect(parseCommand(lines.at(-1)!)!.data).toBe(
      '2 more findings not shown as annotations (1 error and 1 notice); GitHub shows at most 10 per level. See the summary.',
    );
  });

  it('handles 11 notices alone with 9 + the closing notice', () => {
    const lines = renderAnnotations(findings({ error: 0, warning: 0, notice: 11 }), { moreAt: 'x' });
    expect(lines).toHaveLength(10);
    expect(parseCommand(lines.at(-1)!)!.data).toMatch(/^2 more findings not shown as annotations \(2 notices\)/);
  });

  it('renders nothing for no findings', () => {
    expect(renderAnnotations([], { moreAt: 'x' })).toEqual([]);
  });

  it('property: every line is one command that decodes back to the finding, within the caps', () => {
    fc.assert(
      fc.property(fc.array(findingArb, { maxLength: 40 }), (input) => {
        const lines = renderAnnotations(input, { moreAt: 'the job summary' });
        const counts: Record<string, number> = {};
        for (const line of lines) {
          // A raw CR or LF would let the rest of the line be read as a new command.
          expect(line).not.toMatch(/[\r\n]/);
          const parsed = parseCommand(line);
          expect(parsed).toBeDefined();
          expect(['error', 'warning', 'notice']).toContain(parsed!.command);
          counts[parsed!.command] = (counts[parsed!.command] ?? 0) + 1;
        }
        for (const count of Object.values(counts)) expect(count).toBeLessThanOrEqual(10);

        const omitted = input.length - (lines.length - (lines.some((l) => l.includes('more findings')) ? 1 : 0));
        const shown = [...input].sort((a, b) => rank(a.level) - rank(b.level));
        const byLevel = { error: 0, warning: 0, notice: 0 };
        const expected = shown.filter((f) => ++byLevel[f.level] <= (omittedAny(input) && f.level === 'notice' ? 9 : 10));
        expect(lines.length).toBe(expected.length + (omitted > 0 ? 1 : 0));
        expected.forEach((f, i) => {
          const parsed = parseCommand(lines[i]!)!;
          expect(parsed.command).toBe(f.level);
          expect(parsed.data).toBe(f.message);
          expect(parsed.properties.title).toBe(f.title === '' ? undefined : f.title);
          expect(parsed.properties.file).toBe(f.file === '' ? undefined : f.file);
        });
      }),
      { numRuns: 200 },
    );
  });
});

function rank(level: FindingLevel): number {
  return { error: 0, warning: 1, notice: 2 }[level];
}

function omittedAny(input: Finding[]): boolean {
  return (['error', 'warning', 'notice'] as const).some((level) => input.filter((f) => f.level === level).length > 10);
}
