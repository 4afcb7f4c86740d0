/**
 * Plain text for a person at a terminal (the CLI) or reading a raw log. The
 * edge decides `color` from the TTY and NO_COLOR / FORCE_COLOR; with it off the
 * output holds no escape sequence at all. Report text is user data and could
 * carry its own escape sequences, so control characters are made visible.
 */
import { intervalPlotLines } from './interval-plot';
import { byImportance, type BarChart, type Chart, type Finding, type FindingLevel, type Gate, type GateStatus, type Report, type Section, type Table } from './model';
import { position, splitLines } from './text';

export interface TerminalOptions {
  color: boolean;
  /** Adds gate details, sections (tables, text, charts) and notices in full. */
  verbose?: boolean;
}

const ESC = '\u001b[';
const STYLE = {
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
  gray: [90, 39],
  bold: [1, 22],
  dim: [2, 22],
} as const;
type Style = keyof typeof STYLE;

const SYMBOL: Record<GateStatus, string> = { pass: '✓', fail: '✗', warn: '!', skip: '-' };
const STATUS_STYLE: Record<GateStatus, Style> = { pass: 'green', fail: 'red', warn: 'yellow', skip: 'gray' };
const LEVEL_STYLE: Record<FindingLevel, Style> = { error: 'red', warning: 'yellow', notice: 'cyan' };

/** Findings listed before "… and N more" unless verbose; a terminal is not a log file. */
const FINDINGS_SHOWN = 50;
/** Beyond this a location no longer widens the column, so one long path cannot push every message off screen. */
const LOCATION_COLUMN_MAX = 48;
const BAR_WIDTH = 40;

/**
 * C0, DEL and C1 controls become visible symbols (␛ for ESC) so report text
 * cannot move the cursor, recolour the terminal or set its title.
 */
export function sanitizeTerminal(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (char) => {
    const code = char.charCodeAt(0);
    if (code === 0x09) return ' ';
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return '\u2421';
    return '\ufffd';
  });
}

/** Columns a string occupies: East Asian wide characters and emoji take two, combining marks none. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    if ((cp >= 0x300 && cp <= 0x36f) || cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f)) continue;
    width += isWide(cp) ? 2 : 1;
  }
  return width;
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

function pad(text: string, width: number, align: 'left' | 'right' | 'center' = 'left'): string {
  const gap = Math.max(0, width - displayWidth(text));
  if (align === 'right') return ' '.repeat(gap) + text;
  if (align === 'center') return ' '.repeat(Math.floor(gap / 2)) + text + ' '.repeat(Math.ceil(gap / 2));
  return text + ' '.repeat(gap);
}

/** One line of user text: controls made visible, line breaks folded. */
function flat(text: string): string {
  return sanitizeTerminal(text.replace(/\r\n|\r|\n/g, ' '));
}

function gateResult(gate: Gate): string {
  // A skipped gate has no observation; why it was skipped is what the reader needs.
  if (gate.status === 'skip') return flat(splitLines(gate.details)[0] ?? '');
  if (gate.observed && gate.expected) return `${flat(gate.observed)} (expected ${flat(gate.expected)})`;
  if (gate.observed) return flat(gate.observed);
  if (gate.expected) return `expected ${flat(gate.expected)}`;
  return flat(splitLines(gate.details)[0] ?? '');
}

function location(finding: Finding): string {
  if (!finding.file) return '';
  const line = position(finding.line);
  const column = line !== undefined ? position(finding.column) : undefined;
  return flat(`${finding.file}${line !== undefined ? `:${line}` : ''}${column !== undefined ? `:${column}` : ''}`);
}

function renderTable(table: Table, indent: string): string[] {
  const width = table.columns.length;
  if (width === 0) return [];
  const rows = [table.columns, ...table.rows].map((cells) => Array.from({ length: width }, (_, i) => flat(cells[i] ?? '')));
  const widths = table.columns.map((_, i) => Math.max(...rows.map((cells) => displayWidth(cells[i]!))));
  const line = (cells: string[]) =>
    indent + cells.map((cell, i) => pad(cell, widths[i]!, table.align?.[i] ?? 'left')).join('  ').trimEnd();
  const out: string[] = [];
  if (table.title) out.push(indent + flat(table.title));
  out.push(line(rows[0]!), indent + widths.map((w) => '─'.repeat(w)).join('  '), ...rows.slice(1).map(line));
  return out;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
}

function renderChart(chart: Chart, indent: string): string[] {
  if (chart.kind === 'interval') {
    const plot = intervalPlotLines(chart);
    return plot.length > 0 ? [indent + flat(chart.title), ...plot.map((row) => indent + sanitizeTerminal(row))] : [];
  }
  return renderBarChart(chart, indent);
}

function renderBarChart(chart: BarChart, indent: string): string[] {
  const count = Math.min(chart.labels.length, chart.values.length);
  if (count === 0) return [];
  const labels = chart.labels.slice(0, count).map(flat);
  const values = chart.values.slice(0, count).map((value) => (Number.isFinite(value) ? value : 0));
  const threshold = chart.threshold !== undefined && Number.isFinite(chart.threshold) ? chart.threshold : undefined;
  const top = Math.max(...values.map(Math.abs), Math.abs(threshold ?? 0)) || 1;
  const labelWidth = Math.max(...labels.map(displayWidth));
  const out = [indent + flat(chart.title) + (chart.yLabel ? ` (${flat(chart.yLabel)})` : '')];
  const mark = threshold !== undefined ? Math.round((Math.abs(threshold) / top) * BAR_WIDTH) : undefined;
  values.forEach((value, i) => {
    const length = Math.round((Math.abs(value) / top) * BAR_WIDTH);
    const cells = Array.from({ length: BAR_WIDTH + 1 }, (_, at) => (at === mark ? '│' : at < length ? '█' : ' '));
    out.push(`${indent}${pad(labels[i]!, labelWidth)}  ${cells.join('')} ${formatNumber(value)}`);
  });
  if (threshold !== undefined) out.push(`${indent}${' '.repeat(labelWidth)}  │ threshold ${formatNumber(threshold)}`);
  return out;
}

type Segment = [style: Style | undefined, text: string];

/**
 * Joins styled pieces into one line. Trailing blanks are trimmed before any
 * colour is applied, so colour never changes what is printed, only how.
 */
function compose(color: boolean, segments: Segment[]): string {
  const parts = segments.map(([style, text]): Segment => [style, text]);
  for (let i = parts.length - 1; i >= 0; i--) {
    const trimmed = parts[i]![1].trimEnd();
    parts[i] = [parts[i]![0], trimmed];
    if (trimmed !== '') break;
  }
  return parts
    .map(([style, text]) => {
      if (!color || !style || text === '') return text;
      const [open, close] = STYLE[style];
      return `${ESC}${open}m${text}${ESC}${close}m`;
    })
    .join('');
}

function renderSection(section: Section, color: boolean): string[] {
  const out = [compose(color, [['bold', flat(section.title)]])];
  if (section.text) out.push(...splitLines(section.text).map((line) => `  ${sanitizeTerminal(line)}`.trimEnd()));
  if (section.table) out.push(...renderTable(section.table, '  '));
  if (section.chart) out.push(...renderChart(section.chart, '  '));
  return out;
}

export function renderTerminal(report: Report, opts: TerminalOptions): string {
  const line = (...segments: Segment[]) => compose(opts.color, segments);
  const out: string[] = [];

  out.push(
    line(
      [report.passed ? 'green' : 'red', report.passed ? '✓ PASSED' : '✗ FAILED'],
      [undefined, '  '],
      ['bold', `rollgate ${flat(report.command)}`],
      [undefined, report.headline ? `: ${flat(report.headline)}` : ''],
    ),
  );
  if (report.banner) {
    const style: Style = report.banner.level === 'caution' ? 'red' : report.banner.level === 'warning' ? 'yellow' : 'cyan';
    out.push('', line([style, `▌ ${flat(report.banner.title)}`]), ...splitLines(report.banner.text).map((text) => line([style, '▌ '], [undefined, sanitizeTerminal(text)])));
  }

  if (report.gates.length > 0) {
    out.push('');
    const names = report.gates.map((gate) => flat(gate.name));
    const nameWidth = Math.max(...names.map(displayWidth));
    report.gates.forEach((gate, i) => {
      const result = gateResult(gate);
      out.push(
        line(
          [undefined, '  '],
          [STATUS_STYLE[gate.status], SYMBOL[gate.status]],
          [undefined, ` ${pad(names[i]!, nameWidth)}  `],
          [gate.status === 'skip' ? 'gray' : undefined, result],
        ),
      );
      if (opts.verbose && gate.details && flat(gate.details) !== result) {
        // Under the result column: "  ✗ " + name + two spaces.
        const indent = ' '.repeat(4 + nameWidth + 2);
        for (const detail of splitLines(gate.details)) out.push(line([undefined, indent], ['dim', sanitizeTerminal(detail)]));
      }
    });
  }

  for (const section of report.sections) {
    if (opts.verbose || section.primary) out.push('', ...renderSection(section, opts.color));
  }

  if (report.findings.length > 0) {
    const sorted = [...report.findings].sort(byImportance);
    const shown = opts.verbose ? sorted : sorted.slice(0, FINDINGS_SHOWN);
    out.push('', line(['bold', `Findings (${report.findings.length})`]));
    const levelWidth = Math.max(...shown.map((finding) => finding.level.length));
    const locations = shown.map(location);
    const locationWidth = Math.min(LOCATION_COLUMN_MAX, Math.max(0, ...locations.map(displayWidth)));
    const indent = ' '.repeat(2 + levelWidth + 2 + (locationWidth > 0 ? locationWidth + 2 : 0));
    shown.forEach((finding, i) => {
      const messageLines = splitLines(finding.message).map(sanitizeTerminal);
      const title = flat(finding.title);
      const first = messageLines[0] ?? '';
      out.push(
        line(
          [undefined, '  '],
          [LEVEL_STYLE[finding.level], pad(finding.level, levelWidth)],
          [undefined, '  '],
          ['dim', locationWidth > 0 ? pad(locations[i]!, locationWidth) : ''],
          [undefined, locationWidth > 0 ? '  ' : ''],
          ['bold', title],
          [undefined, title && first ? `: ${first}` : first],
        ),
      );
      for (const rest of messageLines.slice(1)) out.push(line([undefined, indent + rest]));
    });
    if (shown.length < sorted.length) {
      out.push(`  … and ${sorted.length - shown.length} more (verbose output lists them all)`);
    }
  }
  return `${out.join('\n')}\n`;
}
