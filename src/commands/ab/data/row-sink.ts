/**
 * Where scanned rows go: each row's variant and metric values are checked and
 * folded into per-variant moments. Rows that cannot be used are counted by
 * reason, with the first line of each, never dropped silently.
 */
import { mergeMoments, ShiftedSums, type Moments } from './moments';

export type MetricKind = 'binomial' | 'continuous';

export interface RejectCount {
  count: number;
  /** File line of the first such row (1 is the header). */
  firstLine: number;
  /** What was found there, as text. */
  example: string;
}

/** Everything a scan learns; plain data, so workers can send it back. */
export interface DataTotals {
  /** Data rows read (blank lines excluded). */
  rows: number;
  blankLines: number;
  /** Per known variant: units used and, per metric, their moments. */
  variants: Array<{ units: number; metrics: Moments[] }>;
  unknownVariant: RejectCount & { names: string[] };
  /** Keyed by column name. */
  malformed: Record<string, RejectCount>;
  /** Line breaks seen, so a worker's local line numbers can be shifted. */
  lines: number;
}

const MAX_UNKNOWN_NAMES = 5;
/** Powers of ten that are exact doubles: an exact integer over one of them is one correctly rounded division, as Number() gives. */
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const NAN = Number.NaN;

function latin1(bytes: Uint8Array, from: number, to: number): string {
  let text = '';
  for (let i = from; i < to && i < from + 60; i++) text += String.fromCharCode(bytes[i]!);
  return text;
}

function utf8(bytes: Uint8Array, from: number, to: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + from, to - from).toString('utf8');
}

/**
 * Reads a decimal number straight from ASCII bytes: [+-]digits[.digits].
 * Anything else (exponents, 16+ digits, spaces inside) goes through Number(),
 * which is exact; this path is only for speed and must agree with it.
 */
export function parseAsciiNumber(bytes: Uint8Array, from: number, to: number): number {
  while (from < to && bytes[from] === 0x20) from++;
  while (to > from && bytes[to - 1] === 0x20) to--;
  if (from === to) return NAN;
  let i = from;
  let negative = false;
  if (bytes[i] === 0x2d || bytes[i] === 0x2b) {
    negative = bytes[i] === 0x2d;
    i++;
  }
  let value = 0;
  let digits = 0;
  let scale = 0;
  let dot = false;
  for (; i < to; i++) {
    const c = bytes[i]!;
    if (c >= 0x30 && c <= 0x39) {
      value = value * 10 + (c - 0x30);
      digits++;
      if (dot) scale++;
    } else if (c === 0x2e && !dot) {
      dot = true;
    } else {
      const text = latin1(bytes, from, to);
      // Number('') is 0 and Number('0x1f') is 31: neither is a decimal value.
      return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : NAN;
    }
  }
  if (digits === 0) return NAN;
  // Up to 15 digits the integer is exact; beyond, only Number() rounds correctly.
  if (digits > 15) return Number(latin1(bytes, from, to));
  const x = scale === 0 ? value : value / POW10[scale]!;
  return negative ? -x : x;
}

/** 0/1 for a binomial column; also true/false, as warehouses export booleans. */
function parseBinary(bytes: Uint8Array, from: number, to: number): number {
  const length = to - from;
  if (length === 1) {
    const c = bytes[from]!;
    return c === 0x30 ? 0 : c === 0x31 ? 1 : NAN;
  }
  const word = latin1(bytes, from, to).trim().toLowerCase();
  if (word === 'true') return 1;
  if (word === 'false') return 0;
  const x = parseAsciiNumber(bytes, from, to);
  return x === 0 || x === 1 ? x : NAN;
}

export class RowSink {
  private readonly variantBytes: Uint8Array[];
  /** Per variant × metric: [count, shift, Σ(x − shift), Σ(x − shift)²], flat, so the row loop touches no objects. */
  private readonly acc: Float64Array;
  private readonly units: Float64Array;
  private readonly values: Float64Array;
  /** Bit k set: metric k has a valid value in this row. */
  private valueMask = 0;
  private readonly fullMask: number;
  private readonly metricCount: number;
  private rows = 0;
  private blankLines = 0;
  private rowVariant = -2;
  private rowUnknown = '';
  private badColumn = -1;
  private badText = '';
  private line = 2;
  private rowLine = 2;
  private readonly totals: Omit<DataTotals, 'variants'>;

  constructor(
    variants: string[],
    private readonly kinds: MetricKind[],
    private readonly columns: { variant: string; metrics: string[] },
    /** Line number of the first data row in this part of the file. */
    firstLine = 2,
  ) {
    this.variantBytes = variants.map((name) => new Uint8Array(Buffer.from(name, 'utf8')));
    if (kinds.length > 30) throw new RangeError('at most 30 metrics per analysis');
    this.metricCount = kinds.length;
    this.fullMask = (1 << kinds.length) - 1;
    this.acc = new Float64Array(variants.length * kinds.length * 4);
    this.units = new Float64Array(variants.length);
    this.values = new Float64Array(kinds.length);
    this.line = firstLine;
    this.rowLine = firstLine;
    this.totals = { rows: 0, blankLines: 0, unknownVariant: { count: 0, firstLine: 0, example: '', names: [] }, malformed: {}, lines: firstLine };
  }

  variant(bytes: Uint8Array, from: number, to: number): void {
    const length = to - from;
    for (let v = 0; v < this.variantBytes.length; v++) {
      const name = this.variantBytes[v]!;
      if (name.length !== length) continue;
      let same = true;
      for (let j = 0; j < length; j++) {
        if (name[j] !== bytes[from + j]) { same = false; break; }
      }
      if (same) { this.rowVariant = v; return; }
    }
    this.rowVariant = -1;
    this.rowUnknown = utf8(bytes, from, to);
  }

  value(k: number, bytes: Uint8Array, from: number, to: number): void {
    const x = this.kinds[k] === 'binomial' ? parseBinary(bytes, from, to) : parseAsciiNumber(bytes, from, to);
    if (Number.isFinite(x)) {
      this.values[k] = x;
      this.valueMask |= 1 << k;
    } else if (this.badColumn < 0) {
      this.badColumn = k;
      this.badText = from === to ? '(empty)' : JSON.stringify(utf8(bytes, from, Math.min(to, from + 60)));
    }
  }

  /** One NDJSON object: the same checks as a CSV row, on JSON values. */
  jsonRow(row: Record<string, unknown>): void {
    const variant = row[this.columns.variant];
    if (typeof variant === 'string' || typeof variant === 'number') {
      const bytes = Buffer.from(String(variant), 'utf8');
      this.variant(bytes, 0, bytes.length);
    }
    this.columns.metrics.forEach((column, k) => {
      const raw = row[column];
      if (raw === undefined) return;
      let x = Number.NaN;
      if (typeof raw === 'number') x = raw;
      else if (typeof raw === 'boolean') x = raw ? 1 : 0;
      else if (typeof raw === 'string') {
        const bytes = Buffer.from(raw, 'utf8');
        x = parseAsciiNumber(bytes, 0, bytes.length);
      }
      if (this.kinds[k] === 'binomial' && x !== 0 && x !== 1) x = Number.NaN;
      if (Number.isFinite(x)) {
        this.values[k] = x;
        this.valueMask |= 1 << k;
      } else if (this.badColumn < 0) {
        this.badColumn = k;
        this.badText = JSON.stringify(raw)?.slice(0, 60) ?? String(raw);
      }
    });
    this.endRow(false);
  }

  /** A row that could not be read at all (say, a line that is not JSON). */
  rejectRow(reason: string, example: string): void {
    this.rows++;
    const entry = (this.totals.malformed[reason] ??= { count: 0, firstLine: this.rowLine, example });
    entry.count++;
    this.rowLine = ++this.line;
    this.rowVariant = -2;
    this.badColumn = -1;
    this.valueMask = 0;
  }

  lineBreakInField(): void {
    this.line++;
  }

  /** The file ended inside a quoted field: that row is unusable, and so said. */
  unterminatedQuote(): void {
    this.totals.malformed['(quoting)'] ??= { count: 0, firstLine: this.rowLine, example: 'a quoted field that never closes' };
    this.totals.malformed['(quoting)'].count++;
  }

  endRow(blank: boolean): void {
    const line = this.rowLine;
    this.rowLine = ++this.line;
    if (blank) {
      this.blankLines++;
      return;
    }
    this.rows++;
    const v = this.rowVariant;
    const mask = this.valueMask;
    this.rowVariant = -2;
    this.valueMask = 0;
    if (v >= 0 && mask === this.fullMask) {
      this.badColumn = -1;
      this.units[v]!++;
      const acc = this.acc;
      const values = this.values;
      for (let k = 0, at = v * this.metricCount * 4; k < this.metricCount; k++, at += 4) {
        const x = values[k]!;
        if (acc[at] === 0) acc[at + 1] = x;
        const d = x - acc[at + 1]!;
        acc[at]!++;
        acc[at + 2]! += d;
        acc[at + 3]! += d * d;
      }
      return;
    }
    this.reject(v, mask, line);
  }

  /** The slow path: say why a row was not used, once per reason with its first line. */
  private reject(v: number, mask: number, line: number): void {
    const bad = this.badColumn;
    this.badColumn = -1;
    if (v === -1) {
      const unknown = this.totals.unknownVariant;
      if (unknown.count++ === 0) { unknown.firstLine = line; unknown.example = JSON.stringify(this.rowUnknown); }
      if (unknown.names.length < MAX_UNKNOWN_NAMES && !unknown.names.includes(this.rowUnknown)) unknown.names.push(this.rowUnknown);
      return;
    }
    let missing = v === -2 ? this.columns.variant : '';
    let text = '(no such field: the row is short)';
    if (!missing && bad >= 0) { missing = this.columns.metrics[bad]!; text = this.badText; }
    if (!missing) {
      for (let k = 0; k < this.metricCount; k++) if (!(mask & (1 << k))) { missing = this.columns.metrics[k]!; break; }
    }
    const entry = (this.totals.malformed[missing] ??= { count: 0, firstLine: line, example: text });
    entry.count++;
  }

  result(): DataTotals {
    const variants = Array.from(this.units, (units, v) => ({
      units,
      metrics: Array.from({ length: this.metricCount }, (_, k): Moments => {
        const at = (v * this.metricCount + k) * 4;
        const sums = new ShiftedSums();
        sums.n = this.acc[at]!;
        sums.shift = this.acc[at + 1]!;
        sums.sum = this.acc[at + 2]!;
        sums.sumSquares = this.acc[at + 3]!;
        return sums.moments();
      }),
    }));
    return {
      ...this.totals,
      rows: this.rows,
      blankLines: this.blankLines,
      lines: this.line,
      unknownVariant: { ...this.totals.unknownVariant, names: [...this.totals.unknownVariant.names] },
      malformed: { ...this.totals.malformed },
      variants,
    };
  }
}

/**
 * Totals of consecutive parts of one file, in file order. Each part counted
 * lines from 2, so later parts' line numbers shift by the breaks before them.
 */
export function mergeTotals(parts: DataTotals[]): DataTotals {
  const [first, ...rest] = parts;
  if (!first) throw new Error('mergeTotals needs at least one part');
  const out: DataTotals = structuredClone(first);
  let offset = first.lines - 2;
  rest.forEach((part) => {
    out.rows += part.rows;
    out.blankLines += part.blankLines;
    out.lines = part.lines + offset;
    part.variants.forEach((variant, v) => {
      const into = out.variants[v]!;
      into.units += variant.units;
      into.metrics = into.metrics.map((m, k) => mergeMoments(m, variant.metrics[k]!));
    });
    const unknown = part.unknownVariant;
    if (unknown.count > 0) {
      if (out.unknownVariant.count === 0) { out.unknownVariant.firstLine = unknown.firstLine + offset; out.unknownVariant.example = unknown.example; }
      out.unknownVariant.count += unknown.count;
      for (const name of unknown.names) if (out.unknownVariant.names.length < MAX_UNKNOWN_NAMES && !out.unknownVariant.names.includes(name)) out.unknownVariant.names.push(name);
    }
    for (const [column, reject] of Object.entries(part.malformed)) {
      const into = out.malformed[column];
      if (into) into.count += reject.count;
      else out.malformed[column] = { ...reject, firstLine: reject.firstLine + offset };
    }
    offset += part.lines - 2;
  });
  return out;
}
