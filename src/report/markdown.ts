/**
 * GitHub-flavoured Markdown for the job summary and the sticky PR comment (the
 * check run reuses the pieces). Every piece of report text is user data: it is
 * escaped so it renders as the literal text and can never open a block, close a
 * fence or inject HTML.
 */
import { intervalPlotLines } from './interval-plot';
import { byImportance, type Banner, type BarChart, type Chart, type Finding, type FindingLevel, type Gate, type GateStatus, type Report, type Section, type Table } from './model';
import { clip, measure, position, splitLines, utf8Length, type LengthUnit } from './text';

/**
 * $GITHUB_STEP_SUMMARY takes at most 1 MiB per step; the margin leaves room for
 * anything the edge appends and keeps us clear of the runner's own accounting.
 */
export const SUMMARY_MAX_BYTES = 1024 * 1024 - 16 * 1024;
/** GitHub rejects issue and PR comment bodies of 65,536 characters or more. */
export const COMMENT_MAX_CHARS = 65_536;

export interface MarkdownOptions {
  /** Output stays strictly below this many UTF-8 bytes. Default {@link SUMMARY_MAX_BYTES}. */
  maxBytes?: number;
  /** Replaces "Rollgate <command>" in the first heading. */
  heading?: string;
  /** Where the untruncated result lives; named in the truncation note. */
  detailsUrl?: string;
}

export interface CommentOptions {
  /** The hidden marker the edge finds its comment by; a full `<!-- … -->` is kept verbatim. */
  marker: string;
  /** Output stays strictly below this many UTF-8 bytes. Default {@link COMMENT_MAX_CHARS}. */
  maxBytes?: number;
  detailsUrl?: string;
}

export const STATUS_ICON: Record<GateStatus, string> = {
  pass: '✅ pass',
  fail: '❌ fail',
  warn: '⚠️ warn',
  skip: '⏭️ skip',
};

const LEVEL_HEADING: Record<FindingLevel, string> = {
  error: '❌ Errors',
  warning: '⚠️ Warnings',
  notice: 'ℹ️ Notices',
};

// ---------------------------------------------------------------- escaping

/** C0 and C1 controls other than tab and line breaks. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** For raw HTML contexts such as <summary>, where Markdown is not parsed. */
export function escapeHtml(text: string): string {
  return text.replace(CONTROL, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * One line of literal text inside Markdown. Backslash escapes cover the inline
 * syntax (emphasis, links, code, tables, strikethrough, headings, GitHub's `$`
 * math); `<`, `>` and `&` become entities so no tag or entity is ever
 * interpreted.
 */
export function escapeInline(text: string, newline = ' '): string {
  const lines = splitLines(text).map((line) =>
    line
      // Control characters have no place in Markdown and some have no valid
      // character reference; U+FFFD is what CommonMark itself does with NUL.
      .replace(CONTROL, '\uFFFD')
      .replace(/[\\`*_[\]#|~!$]/g, '\\$&')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      // Only meaningful at the start of a line: list markers, setext underlines, ordered lists.
      .replace(/^([-+=])/, '\\$1')
      .replace(/^(\d+)([.)])/, '$1\\$2'),
  );
  // Leading whitespace would start indented code or vanish; trailing whitespace
  // would be trimmed or become a hard break. Character references keep both.
  return referenceEdgeWhitespace(lines.join(newline));
}

/** Linear on purpose: `/\s+$/` backtracks quadratically over long inner runs of blanks. */
function referenceEdgeWhitespace(text: string): string {
  const isBlank = (char: string) => /\s/.test(char);
  let start = 0;
  while (start < text.length && isBlank(text[start]!)) start++;
  let end = text.length;
  while (end > start && isBlank(text[end - 1]!)) end--;
  const reference = (blanks: string) => [...blanks].map((char) => `&#${char.codePointAt(0)};`).join('');
  return reference(text.slice(0, start)) + text.slice(start, end) + reference(text.slice(end));
}

/** Leading and trailing line breaks, removed without a backtracking regex. */
function trimLineBreaks(text: string): string {
  let start = 0;
  while (start < text.length && (text[start] === '\n' || text[start] === '\r')) start++;
  let end = text.length;
  while (end > start && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  return text.slice(start, end);
}

/** A table cell: like inline text, with line breaks kept as <br>. */
export function escapeCell(text: string): string {
  return escapeInline(text, '<br>');
}

/** A code span that no backtick in `text` can close early. */
function codeSpan(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ').replace(CONTROL, '\uFFFD');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  // Parsers strip one space from each end when both ends have one, and a
  // backtick at an end would merge with the fence: padding undoes both.
  const needsPad = /^`|`$/.test(flat) || (/^ [\s\S]* $/.test(flat) && /[^ ]/.test(flat));
  const pad = needsPad ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** Mermaid strings are double-quoted with no escape syntax, so the quote and line breaks go. */
function mermaidString(text: string): string {
  return `"${text.replace(/[\r\n]+/g, ' ').replace(CONTROL, '\uFFFD').replace(/"/g, "'").replace(/`/g, "'")}"`;
}

/** Mermaid's parser reads plain decimals only: no exponent, no NaN. */
function mermaidNumber(value: number): string {
  if (!Number.isFinite(value)) return '0';
  if (Math.abs(value) >= 1e15) return BigInt(Math.round(value)).toString();
  if (Number.isInteger(value)) return String(value);
  const rounded = Number(value.toPrecision(6));
  return Math.abs(rounded) < 1e-6 ? '0' : rounded.toFixed(6).replace(/\.?0+$/, '');
}

/** The edge's URL goes into a Markdown link destination, where blanks and brackets would end it. */
function linkTarget(url: string): string {
  return url.replace(/[\u0000-\u0020<>()[\]\u007f]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

// ---------------------------------------------------------------- pieces

export function findingLocation(finding: Finding): string | undefined {
  if (!finding.file) return undefined;
  const line = position(finding.line);
  return line === undefined ? finding.file : `${finding.file}:${line}`;
}

export function renderTable(table: Table): string[] {
  const width = table.columns.length;
  if (width === 0) return [];
  const lines: string[] = [];
  if (table.title?.trim()) lines.push(`**${escapeInline(table.title.trim())}**`, '');
  const row = (cells: string[]) => `| ${cells.map((cell) => escapeCell(cell)).join(' | ')} |`;
  lines.push(row(table.columns));
  const delimiter = table.columns.map((_, i) => {
    const align = table.align?.[i];
    if (align === 'right') return '---:';
    if (align === 'center') return ':---:';
    if (align === 'left') return ':---';
    return '---';
  });
  lines.push(`| ${delimiter.join(' | ')} |`);
  for (const cells of table.rows) {
    // GFM drops cells beyond the header and pads short rows; padding here keeps the source tidy.
    lines.push(row(Array.from({ length: width }, (_, i) => cells[i] ?? '')));
  }
  return lines;
}

export function renderGatesTable(gates: Gate[]): string[] {
  if (gates.length === 0) return ['_No checks ran._'];
  return [
    '| Status | Check | Observed | Expected | Details |',
    '| --- | --- | --- | --- | --- |',
    ...gates.map(
      (gate) =>
        `| ${STATUS_ICON[gate.status]} | ${escapeCell(gate.name)} | ${escapeCell(gate.observed ?? '—')} | ` +
        `${escapeCell(gate.expected ?? '—')} | ${escapeCell(gate.details)} |`,
    ),
  ];
}

export function renderChart(chart: Chart): string[] {
  if (chart.kind === 'interval') {
    const plot = intervalPlotLines(chart);
    // A fence longer than any backtick run inside keeps user labels from closing it.
    return plot.length > 0 ? [escapeInline(chart.title), '', '```text', ...plot.map((line) => line.replace(/`/g, 'ˋ')), '```'] : [];
  }
  return renderBarChart(chart);
}

function renderBarChart(chart: BarChart): string[] {
  const count = Math.min(chart.labels.length, chart.values.length);
  if (count === 0) return [];
  const values = chart.values.slice(0, count);
  const lines = [
    '```mermaid',
    'xychart-beta',
    `    title ${mermaidString(chart.title)}`,
    `    x-axis [${chart.labels.slice(0, count).map(mermaidString).join(', ')}]`,
  ];
  if (chart.yLabel) lines.push(`    y-axis ${mermaidString(chart.yLabel)}`);
  lines.push(`    ${chart.style === 'line' ? 'line' : 'bar'} [${values.map(mermaidNumber).join(', ')}]`);
  if (chart.threshold !== undefined && Number.isFinite(chart.threshold)) {
    // xychart has no reference-line primitive; a flat line series draws one.
    lines.push(`    line [${values.map(() => mermaidNumber(chart.threshold!)).join(', ')}]`);
  }
  lines.push('```');
  if (chart.threshold !== undefined && Number.isFinite(chart.threshold)) {
    lines.push('', `_The line marks the threshold, ${escapeInline(mermaidNumber(chart.threshold))}._`);
  }
  return lines;
}

function renderText(text: string): string[] {
  const paragraphs = text
    .split(/(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length > 0);
  const lines: string[] = [];
  for (const paragraph of paragraphs) {
    if (lines.length > 0) lines.push('');
    // A trailing double space is a hard break: the text's own line breaks survive.
    lines.push(...splitLines(paragraph).map((line, i, all) => escapeInline(line) + (i < all.length - 1 ? '  ' : '')));
  }
  return lines;
}

function renderSectionBody(section: Section): string[] {
  const blocks: string[][] = [];
  if (section.text) blocks.push(renderText(section.text));
  if (section.table) blocks.push(renderTable(section.table));
  if (section.chart) blocks.push(renderChart(section.chart));
  return blocks.filter((block) => block.length > 0).flatMap((block, i) => (i === 0 ? block : ['', ...block]));
}

export function renderSection(section: Section): string[] {
  const body = renderSectionBody(section);
  if (section.collapsed) {
    return [`<details><summary>${escapeHtml(section.title.replace(/[\r\n]+/g, ' '))}</summary>`, '', ...body, '', '</details>'];
  }
  return [`### ${escapeInline(section.title)}`, ...(body.length > 0 ? ['', ...body] : [])];
}

export function renderFindings(findings: Finding[], heading = '### Findings'): string[] {
  if (findings.length === 0) return [];
  const sorted = [...findings].sort(byImportance);
  const lines = [heading];
  for (const level of ['error', 'warning', 'notice'] as const) {
    const group = sorted.filter((finding) => finding.level === level);
    if (group.length === 0) continue;
    lines.push('', `#### ${LEVEL_HEADING[level]} (${group.length})`, '');
    for (const finding of group) {
      const where = findingLocation(finding);
      const parts = [
        // Emphasis only opens and closes next to non-space, hence the trim.
        finding.title.trim() ? `**${escapeInline(finding.title.trim())}**` : '',
        where ? codeSpan(where) : '',
      ].filter(Boolean);
      // Leading and trailing line breaks show nothing, and a leading <br> alone
      // on the item's line would be read as an HTML block.
      const message = escapeInline(trimLineBreaks(finding.message), '<br>');
      lines.push(`- ${parts.join(' ')}${parts.length > 0 && message ? ': ' : ''}${message}`);
    }
  }
  return lines;
}

function blocks(...parts: string[][]): string[] {
  return parts.filter((part) => part.length > 0).flatMap((part, i) => (i === 0 ? part : ['', ...part]));
}

// ---------------------------------------------------------------- truncation

export interface FitOptions {
  /** Exclusive: the result measures strictly less than this. */
  limit: number;
  unit: LengthUnit;
  /** Where the full result is, e.g. a URL; defaults to "the JSON result file". */
  detailsUrl?: string;
}

export function truncationNote(detailsUrl?: string): string {
  const where = detailsUrl ? `is at [the run's full result](${linkTarget(detailsUrl)})` : 'is in the JSON result file';
  return `> ⚠️ **Truncated:** this summary was cut to fit GitHub's size limit. The full result ${where}.`;
}

/**
 * Cuts Markdown at a line boundary so it measures below `limit`, then appends
 * a note. The cut never lands inside a code fence (a half Mermaid chart would
 * swallow the note) and closes any <details> left open. Because the cut is at a
 * line boundary it can never split a multi-byte character or surrogate pair.
 */
export function fitMarkdown(markdown: string, opts: FitOptions): string {
  const size = (text: string) => measure(text, opts.unit);
  if (size(markdown) < opts.limit) return markdown;

  const note = truncationNote(opts.detailsUrl);
  const closer = '\n\n</details>';
  const closerSize = size(closer);
  const noteSize = size(`\n\n${note}\n`);
  const lines = markdown.split('\n');

  let best = 0; // number of lines kept
  let bestDepth = 0;
  let used = 0;
  let inFence = false;
  let depth = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    used += size(line) + (i > 0 ? 1 : 0);
    if (/^ {0,3}(```|~~~)/.test(line)) inFence = !inFence;
    else if (!inFence && line.startsWith('<details>')) depth++;
    else if (!inFence && line.startsWith('</details>')) depth = Math.max(0, depth - 1);
    if (used + depth * closerSize + noteSize >= opts.limit) break;
    if (!inFence) {
      best = i + 1;
      bestDepth = depth;
    }
  }

  const kept = lines.slice(0, best).join('\n').trimEnd();
  const out = `${kept}${closer.repeat(bestDepth)}${kept ? '\n\n' : ''}${note}\n`;
  // Only a limit smaller than the note itself gets here with too much text.
  return size(out) < opts.limit ? out : clip(note, opts.limit - 1, opts.unit, '');
}

// ---------------------------------------------------------------- documents

export function renderHeading(report: Report, heading?: string): string {
  const name = heading ?? `Rollgate ${report.command}`;
  return `## ${report.passed ? '✅' : '❌'} ${escapeInline(name)} ${report.passed ? 'passed' : 'failed'}`;
}

const BANNER_TAG: Record<Banner['level'], string> = { caution: 'CAUTION', warning: 'WARNING', note: 'NOTE' };

/** A GitHub alert block: CAUTION renders red, WARNING amber, NOTE blue. */
export function renderBanner(banner: Banner | undefined): string[] {
  if (!banner) return [];
  const [first = '', ...rest] = splitLines(banner.text);
  return [
    `> [!${BANNER_TAG[banner.level]}]`,
    `> **${escapeInline(banner.title.trim())}** ${escapeInline(first)}`.trimEnd(),
    ...rest.map((line) => `> ${escapeInline(line)}`.trimEnd()),
  ];
}

export function renderMarkdown(report: Report, opts: MarkdownOptions = {}): string {
  const lines = blocks(
    [renderHeading(report, opts.heading)],
    renderBanner(report.banner),
    report.headline ? [escapeInline(report.headline)] : [],
    renderGatesTable(report.gates),
    ...report.sections.map(renderSection),
    renderFindings(report.findings),
  );
  return fitMarkdown(`${lines.join('\n')}\n`, {
    limit: opts.maxBytes ?? SUMMARY_MAX_BYTES,
    unit: 'utf8',
    detailsUrl: opts.detailsUrl,
  });
}

/**
 * The marker line the edge searches comment bodies for. A marker already
 * written as `<!-- … -->` is used verbatim so a plain `includes` finds it.
 */
export function commentMarkerLine(marker: string): string {
  const trimmed = marker.trim();
  const wrapped = /^<!--([\s\S]*)-->$/.exec(trimmed);
  if (wrapped && isSafeCommentText(wrapped[1]!)) return trimmed;
  const inner = (wrapped?.[1] ?? trimmed).replace(/[\r\n]+/g, ' ').replace(/-{2,}/g, '-').trim();
  return `<!-- ${inner} -->`;
}

/** HTML comment text may not contain `--` or line breaks (the marker is one line), nor start with `>` or `->`. */
function isSafeCommentText(text: string): boolean {
  return !/--|[\r\n]/.test(text) && !/^-?>/.test(text) && !text.endsWith('-');
}

export function renderComment(report: Report, opts: CommentOptions): string {
  const markerLine = `${commentMarkerLine(opts.marker)}\n`;
  // Bytes are never fewer than characters however GitHub counts them, so a
  // byte budget keeps the body under the character limit too.
  const limit = (opts.maxBytes ?? COMMENT_MAX_CHARS) - utf8Length(markerLine);
  return markerLine + renderMarkdown(report, { maxBytes: limit, detailsUrl: opts.detailsUrl });
}
