/**
 * A CSV scanner over raw bytes (RFC 4180: quoted fields, "" escapes, line
 * breaks inside quotes, CRLF or LF). It never builds a row: it keeps only the
 * columns the analysis reads, so it allocates nothing per row on the fast path.
 * Pure: the caller feeds buffers and reads the totals.
 */
import { RowSink } from './row-sink';

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
// Every byte array reaching the sink is a Buffer: one element kind keeps its hot functions monomorphic.
const EMPTY = Buffer.alloc(0);

export interface CsvLayout {
  /** Column index of the variant, and of each metric in sink order. */
  variantIndex: number;
  metricIndexes: number[];
}

/** Maps the header's column names to what the analysis reads; throws a message naming what is missing. */
export function csvLayout(header: string[], variantColumn: string, metricColumns: string[]): CsvLayout | string {
  const index = new Map<string, number>();
  header.forEach((name, i) => { if (!index.has(name)) index.set(name, i); });
  const missing = [variantColumn, ...metricColumns].filter((name) => !index.has(name));
  if (missing.length > 0) {
    return `missing column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')}; the header has ${header.map((h) => `"${h}"`).join(', ')}`;
  }
  return { variantIndex: index.get(variantColumn)!, metricIndexes: metricColumns.map((name) => index.get(name)!) };
}

/** Splits one header line (already without its line break) into names. */
export function parseHeaderLine(line: string): string[] {
  const names: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"') {
        if (line[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { names.push(field.trim()); field = ''; } else field += c;
  }
  names.push(field.replace(/\r$/, '').trim());
  // A UTF-8 byte-order mark would otherwise glue itself to the first column name.
  if (names[0]?.charCodeAt(0) === 0xfeff) names[0] = names[0].slice(1);
  return names;
}

/**
 * Streams rows into a sink. `feed` takes any slice of the file after the
 * header; rows may straddle calls. `end` flushes a last row without a line break.
 */
export class CsvScanner {
  private field = 0;
  private inQuotes = false;
  private afterQuote = false;
  /** Bytes of the field being read when it straddles buffers or holds quotes. */
  private pending: number[] | null = null;
  private fieldStart = 0;
  private rowHasBytes = false;
  private readonly roles: Int32Array;

  constructor(private readonly layout: CsvLayout, private readonly sink: RowSink) {
    let width = layout.variantIndex;
    for (const i of layout.metricIndexes) width = Math.max(width, i);
    // roles[col]: -2 ignored, -1 variant, k ≥ 0 metric k.
    this.roles = new Int32Array(width + 1).fill(-2);
    this.roles[layout.variantIndex] = -1;
    layout.metricIndexes.forEach((col, k) => { this.roles[col] = k; });
  }

  feed(bytes: Uint8Array): void {
    const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // Most files quote nothing: then whole lines can be cut at their line
    // breaks natively, and only the fields the analysis reads are looked at.
    if (this.inQuotes || buf.indexOf(QUOTE) >= 0) {
      this.feedBytes(buf);
      return;
    }
    let at = 0;
    if (this.afterQuote || this.pending !== null || this.field > 0 || this.rowHasBytes) {
      // Finish the row the last chunk left open, byte by byte.
      const end = buf.indexOf(LF);
      if (end < 0) {
        this.feedBytes(buf);
        return;
      }
      this.feedBytes(buf.subarray(0, end + 1));
      at = end + 1;
    }
    const lines = at === 0 ? buf : buf.subarray(at);
    const rest = this.feedUnquotedLines(lines);
    if (rest < lines.length) this.feedBytes(lines.subarray(rest));
  }

  /**
   * Whole lines of a chunk without quotes, in one pass over the bytes (one
   * native indexOf per line costs more than it saves); returns where the
   * unfinished last line starts.
   */
  private feedUnquotedLines(buf: Buffer): number {
    const roles = this.roles;
    const last = roles.length - 1;
    const sink = this.sink;
    const n = buf.length;
    let lineStart = 0;
    let field = 0;
    let from = 0;
    // Past the last column the analysis reads: the rest of the line is not looked at.
    let done = false;
    for (let i = 0; i < n; i++) {
      const c = buf[i]!;
      // Every byte that matters here (, \n \r) is at most a comma; letters and digits are above.
      if (c > COMMA) continue;
      if (c === COMMA) {
        if (done) continue;
        const role = roles[field]!;
        if (role === -1) sink.variant(buf, from, i);
        else if (role >= 0) sink.value(role, buf, from, i);
        if (field === last) done = true;
        else {
          field++;
          from = i + 1;
        }
      } else if (c === LF) {
        let stop = i;
        if (stop > lineStart && buf[stop - 1] === CR) stop--;
        if (stop === lineStart) {
          sink.endRow(true);
        } else {
          if (!done) {
            const role = roles[field]!;
            if (role === -1) sink.variant(buf, from, stop);
            else if (role >= 0) sink.value(role, buf, from, stop);
          }
          sink.endRow(false);
        }
        lineStart = i + 1;
        from = lineStart;
        field = 0;
        done = false;
      }
    }
    return lineStart;
  }

  private feedBytes(buf: Uint8Array): void {
    const roles = this.roles;
    const sink = this.sink;
    this.fieldStart = 0;
    let i = 0;
    const n = buf.length;
    while (i < n) {
      const c = buf[i]!;
      if (this.inQuotes) {
        if (c === QUOTE) {
          this.inQuotes = false;
          this.afterQuote = true;
        } else if (this.pending) this.pending.push(c);
        if (c === LF) sink.lineBreakInField();
        i++;
        continue;
      }
      if (c === COMMA || c === LF) {
        this.endField(buf, i, roles);
        if (c === LF) this.endRow();
        else this.field++;
        this.fieldStart = i + 1;
        i++;
        continue;
      }
      // A lone CR is the CRLF of a blank line, not content.
      if (c !== CR) this.rowHasBytes = true;
      if (c === QUOTE) {
        // "" inside a quoted field is one quote; a quote opens quoting only at a field's start.
        if (this.afterQuote) {
          if (this.pending) this.pending.push(QUOTE);
          this.inQuotes = true;
          this.afterQuote = false;
        } else {
          this.startPending(buf, i);
          this.inQuotes = true;
        }
      } else if (this.pending) {
        this.pending.push(c);
      }
      if (c !== QUOTE) this.afterQuote = false;
      i++;
    }
    // Keep the unfinished field's bytes for the next buffer.
    if (!this.pending && this.fieldStart < n && this.wanted(roles)) this.pending = Array.from(buf.subarray(this.fieldStart, n));
  }

  end(): void {
    if (this.inQuotes) this.sink.unterminatedQuote();
    if (this.rowHasBytes || this.field > 0) {
      this.endField(EMPTY, 0, this.roles);
      this.endRow();
    }
  }

  private wanted(roles: Int32Array): boolean {
    return this.field < roles.length && roles[this.field]! !== -2;
  }

  private startPending(buf: Uint8Array, at: number): void {
    if (!this.pending && this.wanted(this.roles)) this.pending = Array.from(buf.subarray(this.fieldStart, at));
  }

  private endField(buf: Uint8Array, end: number, roles: Int32Array): void {
    const role = this.field < roles.length ? roles[this.field]! : -2;
    if (role !== -2) {
      let bytes: Uint8Array;
      let from: number;
      let to: number;
      if (this.pending) {
        bytes = Buffer.from(this.pending);
        from = 0;
        to = bytes.length;
      } else {
        bytes = buf;
        from = this.fieldStart;
        to = end;
      }
      // A CR before LF belongs to the line break, not the value.
      if (to > from && bytes[to - 1] === CR) to--;
      if (role === -1) this.sink.variant(bytes, from, to);
      else this.sink.value(role, bytes, from, to);
    }
    this.pending = null;
    this.afterQuote = false;
  }

  private endRow(): void {
    this.sink.endRow(!this.rowHasBytes && this.field === 0);
    this.field = 0;
    this.rowHasBytes = false;
  }
}
