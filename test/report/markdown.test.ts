import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import {
  COMMENT_MAX_CHARS,
  SUMMARY_MAX_BYTES,
  commentMarkerLine,
  escapeCell,
  escapeInline,
  fitMarkdown,
  renderComment,
  renderMarkdown,
} from '../../src/report/markdown';
import type { Finding, Report } from '../../src/report/model';
import { baseReport, report as reportArb } from './arbitraries';

type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];
const md = new MarkdownIt({ html: true, linkify: false });
const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
/** Lines as CommonMark splits them (a JS /m regex would also split on U+2028). */
const linesStartingWith = (text: string, prefix: string) => text.split('\n').filter((line) => line.startsWith(prefix)).length;

/** What a reader sees of plain text: line breaks as \n, control characters as U+FFFD. */
function shown(text: string): string {
  return text.replace(/\r\n|\r|\n/g, '\n').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '\uFFFD');
}

/**
 * The text an inline token renders to. Anything but plain text, code, bold and
 * <br> is reported as a marker so a test sees user text turning into syntax.
 */
/** Cannot occur in rendered user text: NUL always becomes U+FFFD. */
const MARK = '\u0000';

function inlineText(token: Token | undefined): string {
  return (token?.children ?? [])
    .map((child) => {
      switch (child.type) {
        case 'text':
        case 'code_inline':
          return child.content;
        case 'softbreak':
        case 'hardbreak':
          return '\n';
        case 'strong_open':
        case 'strong_close':
          return '';
        case 'html_inline':
          return child.content === '<br>' ? '\n' : `${MARK}html ${child.content}${MARK}`;
        default:
          return `${MARK}${child.type}${MARK}`;
      }
    })
    .join('');
}

/** Rows of cell texts for each table in the document. */
function tables(tokens: Token[]): string[][][] {
  const out: string[][][] = [];
  let table: string[][] | undefined;
  let row: string[] | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type === 'table_open') table = [];
    else if (token.type === 'table_close') out.push(table!), (table = undefined);
    else if (token.type === 'tr_open') row = [];
    else if (token.type === 'tr_close') table!.push(row!);
    else if (token.type === 'inline' && row && (tokens[i - 1]?.type === 'th_open' || tokens[i - 1]?.type === 'td_open')) row.push(inlineText(token));
  }
  return out;
}

function count(tokens: Token[], type: string, tag?: string): number {
  return tokens.filter((token) => token.type === type && (tag === undefined || token.tag === tag)).length;
}

function location(finding: Finding): string | undefined {
  if (!finding.file) return undefined;
  const line = finding.line !== undefined && Number.isInteger(finding.line) && finding.line >= 1 ? finding.line : undefined;
  return `${finding.file}${line !== undefined ? `:${line}` : ''}`.replace(/[\r\n]+/g, ' ');
}

/**
 * Parses the Markdown and checks that every piece of report text stayed text:
 * the document has exactly the blocks the report implies, and each cell and
 * list item reads back as the original string.
 */
function expectFaithful(report: Report, output: string): void {
  const tokens = md.parse(output, {});
  const visibleSections = report.sections.filter((s) => !s.collapsed);
  expect(count(tokens, 'heading_open', 'h1')).toBe(0);
  expect(count(tokens, 'heading_open', 'h2')).toBe(1);
  expect(count(tokens, 'heading_open', 'h3')).toBe(visibleSections.length + (report.findings.length > 0 ? 1 : 0));
  expect(count(tokens, 'heading_open', 'h4')).toBe(new Set(report.findings.map((f) => f.level)).size);
  for (const type of ['blockquote_open', 'hr', 'code_block', 'ordered_list_open', 'link_open', 'image', 's_open', 'em_open']) {
    expect(count(tokens, type), type).toBe(0);
  }
  for (const token of tokens) {
    // Our own italic notes are the only emphasis allowed.
    if (token.type === 'inline' && !/^_(No checks ran\.|The line marks the threshold, [^_]*\.)_$/.test(token.content)) {
      expect(inlineText(token)).not.toContain(MARK);
    }
    if (token.type === 'html_block') expect(token.content).toMatch(/^(<details><summary>[^<>\n]*<\/summary>|<\/details>)\n?$/);
  }

  // Single-line positions fold line breaks into spaces.
  const headings = tokens.flatMap((token, i) => (token.type === 'heading_open' && token.tag === 'h3' ? [inlineText(tokens[i + 1])] : []));
  expect(headings).toEqual([...visibleSections.map((s) => shown(oneLine(s.title))), ...(report.findings.length > 0 ? ['Findings'] : [])]);
  if (report.headline) expect(inlineText(tokens[4])).toBe(shown(oneLine(report.headline)));

  const charted = report.sections.filter((s) => s.chart?.kind === 'bar' && Math.min(s.chart.labels.length, s.chart.values.length) > 0);
  const fences = tokens.filter((token) => token.type === 'fence');
  expect(fences.map((fence) => fence.info)).toEqual(charted.map(() => 'mermaid'));
  for (const fence of fences) expect(fence.content.startsWith('xychart-beta\n')).toBe(true);

  const sectionTables = report.sections.filter((s) => s.table && s.table.columns.length > 0).map((s) => s.table!);
  const parsed = tables(tokens);
  expect(parsed).toHaveLength((report.gates.length > 0 ? 1 : 0) + sectionTables.length);
  if (report.gates.length > 0) {
    const icons = { pass: '✅ pass', fail: '❌ fail', warn: '⚠️ warn', skip: '⏭️ skip' };
    expect(parsed[0]).toEqual([
      ['Status', 'Check', 'Observed', 'Expected', 'Details'],
      ...report.gates.map((g) => [icons[g.status], shown(g.name), shown(g.observed ?? '—'), shown(g.expected ?? '—'), shown(g.details)]),
    ]);
  }
  sectionTables.forEach((table, i) => {
    const width = table.columns.length;
    expect(parsed[(report.gates.length > 0 ? 1 : 0) + i]).toEqual(
      [table.columns, ...table.rows].map((cells) => Array.from({ length: width }, (_, c) => shown(cells[c] ?? ''))),
    );
  });

  // Findings: one list item each, reading "title location: message".
  const items: string[] = [];
  tokens.forEach((token, i) => {
    if (token.type !== 'list_item_open') return;
    const next = tokens.slice(i).find((t) => t.type === 'inline' || t.type === 'list_item_close');
    items.push(next?.type === 'inline' ? inlineText(next) : '');
  });
  const sorted = [...report.findings].sort((a, b) => rank(a.level) - rank(b.level));
  expect(items).toEqual(
    sorted.map((f) => {
      const parts = [oneLine(f.title.trim()), location(f) ?? ''].filter(Boolean);
      const message = f.message.replace(/^[\r\n]+|[\r\n]+$/g, '');
      return shown(`${parts.join(' ')}${parts.length > 0 && message ? ': ' : ''}${message}`);
    }),
  );
}

function oneLine(text: string): string {
  return text.replace(/\r\n|\r|\n/g, ' ');
}

function rank(level: Finding['level']): number {
  return { error: 0, warning: 1, notice: 2 }[level];
}

const sample: Report = baseReport({
  passed: false,
  headline: '1 of 2 checks failed: coverage',
  gates: [
    { id: 'coverage', name: 'coverage', status: 'fail', observed: 'lines 78.5%', expected: '≥ 80%', details: 'below threshold' },
    { id: 'tests', name: 'tests', status: 'pass', observed: '120 passed', details: 'ok' },
    { id: 'lint', name: 'lint', status: 'warn', details: '3 warnings' },
    { id: 'docs', name: 'docs', status: 'skip', details: 'no docs' },
  ],
  findings: [
    { level: 'notice', title: 'Note', message: 'fyi' },
    { level: 'error', title: 'Coverage', message: 'not covered', file: 'src/a.ts', line: 3 },
    { level: 'warning', title: 'Lint', message: 'unused', file: 'src/b.ts' },
  ],
  sections: [
    {
      title: 'Latency',
      chart: { kind: 'bar', title: 'p95 by route', labels: ['/a', '/b'], values: [120, 95.5], yLabel: 'ms', threshold: 100 },
    },
    { title: 'Raw data', collapsed: true, table: { columns: ['route', 'p95'], rows: [['/a', '120']], align: ['left', 'right'] } },
  ],
});

describe('escaping', () => {
  it('escapes table cells: pipes, line breaks and HTML', () => {
    expect(escapeCell('a | b')).toBe('a \\| b');
    expect(escapeCell('one\ntwo\r\nthree')).toBe('one<br>two<br>three');
    expect(escapeCell('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(escapeCell('AT&T &amp;')).toBe('AT&amp;T &amp;amp;');
    expect(escapeCell('**bold** [link](x) `code` ~~s~~ $x$')).toBe('\\*\\*bold\\*\\* \\[link\\](x) \\`code\\` \\~\\~s\\~\\~ \\$x\\$');
    expect(escapeCell('back\\slash|')).toBe('back\\\\slash\\|');
  });

  it('neutralises block syntax at the start of a line', () => {
    expect(escapeInline('# heading')).toBe('\\# heading');
    expect(escapeInline('- item')).toBe('\\- item');
    expect(escapeInline('1. item')).toBe('1\\. item');
    expect(escapeInline('> quote')).toBe('&gt; quote');
    expect(escapeInline('    code')).toBe('&#32;&#32;&#32;&#32;code');
    expect(escapeInline('```js')).toBe('\\`\\`\\`js');
    expect(escapeInline('a\nb')).toBe('a b');
  });
});

describe('renderMarkdown', () => {
  it('renders headline, gates, sections and findings', () => {
    const output = renderMarkdown(sample);
    expect(output).toBe(
      [
        '## ❌ Rollgate checklist failed',
        '',
        '1 of 2 checks failed: coverage',
        '',
        '| Status | Check | Observed | Expected | Details |',
        '| --- | --- | --- | --- | --- |',
        '| ❌ fail | coverage | lines 78.5% | ≥ 80% | below threshold |',
        '| ✅ pass | tests | 120 passed | — | ok |',
        '| ⚠️ warn | lint | — | — | 3 warnings |',
        '| ⏭️ skip | docs | — | — | no docs |',
        '',
        '### Latency',
        '',
        '```mermaid',
        'xychart-beta',
        '    title "p95 by route"',
        '    x-axis ["/a", "/b"]',
        '    y-axis "ms"',
        '    bar [120, 95.5]',
        '    line [100, 100]',
        '```',
        '',
        '_The line marks the threshold, 100._',
        '',
        '<details><summary>Raw data</summary>',
        '',
        '| route | p95 |',
        '| :--- | ---: |',
        '| /a | 120 |',
        '',
        '</details>',
        '',
        '### Findings',
        '',
        '#### ❌ Errors (1)',
        '',
        '- **Coverage** `src/a.ts:3`: not covered',
        '',
        '#### ⚠️ Warnings (1)',
        '',
        '- **Lint** `src/b.ts`: unused',
        '',
        '#### ℹ️ Notices (1)',
        '',
        '- **Note**: fyi',
        '',
      ].join('\n'),
    );
    expectFaithful(sample, output);
  });

  it('marks a pass and takes a custom heading', () => {
    expect(renderMarkdown(baseReport(), { heading: 'Readiness' }).split('\n')[0]).toBe('## ✅ Readiness passed');
    expect(renderMarkdown(baseReport()).split('\n').slice(0, 5)).toEqual([
      '## ✅ Rollgate checklist passed',
      '',
      'All 2 checks passed',
      '',
      '_No checks ran._',
    ]);
  });

  it('keeps section text as text, paragraphs and line breaks included', () => {
    const output = renderMarkdown(baseReport({ sections: [{ title: 'Notes', text: 'first\nsecond\n\n# not a heading\n<b>x</b>' }] }));
    expect(output).toContain('### Notes\n\nfirst  \nsecond\n\n\\# not a heading  \n&lt;b&gt;x&lt;/b&gt;\n');
  });

  it('keeps hostile text literal in every position', () => {
    const hostile = '| a | b |\n---\n# h\n<script>x</script>\n```\n</details>\n  - [ ] `x` *y* _z_ ~~s~~ $m$ ';
    const report = baseReport({
      headline: hostile,
      gates: [{ id: 'g', name: hostile, status: 'fail', observed: hostile, expected: hostile, details: hostile }],
      findings: [{ level: 'error', title: hostile, message: hostile, file: 'a `b` c.ts', line: 2 }],
      sections: [
        { title: hostile, text: hostile, table: { title: hostile, columns: [hostile, 'b'], rows: [[hostile, hostile]] } },
        { title: hostile, collapsed: true, chart: { kind: 'bar', title: hostile, labels: [hostile], values: [1], yLabel: hostile } },
      ],
    });
    expectFaithful(report, renderMarkdown(report));
  });

  it('property: any report renders faithfully (no user text becomes Markdown)', () => {
    fc.assert(
      fc.property(reportArb, (report) => {
        expectFaithful(report, renderMarkdown(report, { maxBytes: 10_000_000 }));
      }),
      { numRuns: 200 },
    );
  });
});

describe('truncation', () => {
  /** Many findings of multi-byte text so the limit falls among 2-, 3- and 4-byte characters. */
  function bigReport(findings = 400): Report {
    return baseReport({
      passed: false,
      findings: Array.from({ length: findings }, (_, i) => ({
        level: 'error' as const,
        title: `Finding ${i}`,
        message: `é文😀`.repeat((i % 7) + 1) + ' ü',
        file: `src/ファイル${i}.ts`,
        line: i + 1,
      })),
    });
  }

  it('stays strictly under maxBytes, cuts at a line and says where the full result is', () => {
    const full = renderMarkdown(bigReport(), { maxBytes: 10_000_000 });
    for (const maxBytes of [2_000, 2_001, 2_002, 2_003, 4_096, 10_000]) {
      const output = renderMarkdown(bigReport(), { maxBytes, detailsUrl: 'https://example.com/run/1' });
      expect(bytes(output)).toBeLessThan(maxBytes);
      expect(bytes(output)).toBeGreaterThan(maxBytes - 400);
      expect(output).toContain('**Truncated:**');
      expect(output).toContain("The full result is at [the run's full result](https://example.com/run/1).");
      // Round-trips through UTF-8 unchanged: no character was split.
      expect(Buffer.from(output, 'utf8').toString('utf8')).toBe(output);
      const kept = output.slice(0, output.indexOf('\n\n> ⚠️ **Truncated:**'));
      expect(full.startsWith(`${kept}\n`)).toBe(true);
    }
  });

  it('names the JSON result file when there is no URL', () => {
    expect(renderMarkdown(bigReport(), { maxBytes: 3_000 })).toContain("**Truncated:** this summary was cut to fit GitHub's size limit. The full result is in the JSON result file.");
  });

  it('leaves output that fits untouched, and truncates one byte below its size', () => {
    const full = renderMarkdown(bigReport(20), { maxBytes: 10_000_000 });
    expect(renderMarkdown(bigReport(20), { maxBytes: bytes(full) + 1 })).toBe(full);
    const cut = renderMarkdown(bigReport(20), { maxBytes: bytes(full) });
    expect(cut).not.toBe(full);
    expect(bytes(cut)).toBeLessThan(bytes(full));
    expect(cut).toContain('**Truncated:**');
  });

  it('defaults to just under 1 MiB', () => {
    expect(SUMMARY_MAX_BYTES).toBeLessThan(1024 * 1024);
    const output = renderMarkdown(bigReport(20_000));
    expect(bytes(output)).toBeLessThan(SUMMARY_MAX_BYTES);
    expect(bytes(output)).toBeGreaterThan(SUMMARY_MAX_BYTES - 1_000);
    expect(output).toContain('**Truncated:**');
  });

  it('never cuts inside a chart fence and closes an open <details>', () => {
    const report = baseReport({
      sections: [
        {
          title: 'Wide',
          collapsed: true,
          text: 'x',
          chart: { kind: 'bar', title: 't', labels: Array.from({ length: 200 }, (_, i) => `label ${i}`), values: Array.from({ length: 200 }, (_, i) => i) },
        },
      ],
    });
    const full = renderMarkdown(report, { maxBytes: 10_000_000 });
    const fenceStart = full.indexOf('```mermaid');
    for (const maxBytes of [fenceStart + 300, fenceStart + 1_000, bytes(full) - 30]) {
      const output = renderMarkdown(report, { maxBytes });
      expect(bytes(output)).toBeLessThan(maxBytes);
      expect(linesStartingWith(output, '```') % 2).toBe(0);
      expect(linesStartingWith(output, '<details>')).toBe(linesStartingWith(output, '</details>'));
      const tokens = md.parse(output, {});
      // The note must be a real blockquote, not text swallowed by a fence or an HTML block.
      expect(tokens.some((token) => token.type === 'blockquote_open')).toBe(true);
    }
  });

  it('property: any report under any limit stays strictly under it, whole lines only', () => {
    fc.assert(
      fc.property(reportArb, fc.integer({ min: 300, max: 6_000 }), (report, maxBytes) => {
        const full = renderMarkdown(report, { maxBytes: 10_000_000 });
        const output = renderMarkdown(report, { maxBytes });
        expect(bytes(output)).toBeLessThan(maxBytes);
        if (bytes(full) < maxBytes) {
          expect(output).toBe(full);
        } else {
          expect(output).toMatch(/> ⚠️ \*\*Truncated:\*\* .*\n$/);
          const kept = output.slice(0, output.lastIndexOf('> ⚠️ **Truncated:**')).replace(/(\n\n<\/details>)*\n*$/, '');
          expect(kept === '' || full.startsWith(`${kept}\n`) || full.startsWith(kept)).toBe(true);
          expect(linesStartingWith(output, '```') % 2).toBe(0);
          expect(linesStartingWith(output, '<details>')).toBe(linesStartingWith(output, '</details>'));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('fitMarkdown counts UTF-16 units when asked (the Checks API limit)', () => {
    const text = `${'😀'.repeat(10)}\n`.repeat(100);
    const output = fitMarkdown(text, { limit: 500, unit: 'utf16' });
    expect(output.length).toBeLessThan(500);
    expect(output).toContain('**Truncated:**');
    expect(output).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('returns a clipped note when even the note does not fit', () => {
    const output = fitMarkdown('x'.repeat(100), { limit: 20, unit: 'utf8' });
    expect(bytes(output)).toBeLessThan(20);
  });
});

describe('pathological input', () => {
  it('stays fast on huge runs of blanks and line breaks (no backtracking regex)', () => {
    // A quadratic regex such as /\s+$/ needs about 10 s for one 100,000-blank run; linear code needs milliseconds.
    const blanks = `x${' '.repeat(100_000)}y${'\n'.repeat(100_000)}z${' \t'.repeat(50_000)}`;
    const report = baseReport({
      headline: blanks,
      gates: [{ id: 'g', name: blanks, status: 'fail', details: blanks }],
      findings: [{ level: 'error', title: blanks, message: blanks, file: blanks }],
      sections: [{ title: blanks, text: blanks }],
    });
    const started = performance.now();
    const output = renderMarkdown(report, { maxBytes: 100_000_000 });
    renderComment(report, { marker: 'm' });
    expect(performance.now() - started).toBeLessThan(5_000);
    // Blanks at the edges became references; none of them can start indented code.
    expect(output).toContain('&#32;&#9;\n');
    expect(output.split('\n').some((line) => /^ {4}/.test(line))).toBe(false);
  });
});

describe('renderComment', () => {
  it('starts with the marker line, verbatim when already a comment', () => {
    const output = renderComment(sample, { marker: '<!-- rollgate:checklist -->' });
    expect(output.split('\n')[0]).toBe('<!-- rollgate:checklist -->');
    expect(output.slice(output.indexOf('\n') + 1)).toBe(renderMarkdown(sample));
    expect(renderComment(sample, { marker: 'rollgate:checklist' }).split('\n')[0]).toBe('<!-- rollgate:checklist -->');
  });

  it('keeps a hostile marker inside one HTML comment', () => {
    expect(commentMarkerLine('a --> <b>\nc')).toBe('<!-- a -> <b> c -->');
    expect(commentMarkerLine('<!-- a -- b -->')).toBe('<!-- a - b -->');
    const tokens = md.parse(`${commentMarkerLine('x --> # y')}\n`, {});
    expect(tokens.map((t) => t.type)).toEqual(['html_block']);
  });

  it('stays under GitHub’s 65,536-character comment limit', () => {
    const report = baseReport({
      findings: Array.from({ length: 5_000 }, (_, i) => ({ level: 'warning' as const, title: `W${i}`, message: '警告'.repeat(10) })),
    });
    const output = renderComment(report, { marker: '<!-- rollgate:checklist -->', detailsUrl: 'https://example.com/x' });
    expect(output.length).toBeLessThan(COMMENT_MAX_CHARS);
    expect(bytes(output)).toBeLessThan(COMMENT_MAX_CHARS);
    expect(bytes(output)).toBeGreaterThan(COMMENT_MAX_CHARS - 1_000);
    expect(output.startsWith('<!-- rollgate:checklist -->\n')).toBe(true);
    expect(output).toContain('**Truncated:**');
  });
});
