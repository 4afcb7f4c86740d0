/**
 * The edge that reads a unit-level data file (CSV or NDJSON) in fixed-size
 * chunks, so memory stays flat however many rows there are. Large CSV files
 * are split across worker threads by byte range when the bundle's worker
 * entry is present and the file has no quoted fields.
 */
import { closeSync, existsSync, openSync, readSync, fstatSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../../../errors';
import { CsvScanner, csvLayout, parseHeaderLine } from './csv-scan';
import { mergeTotals, RowSink, type DataTotals, type MetricKind } from './row-sink';

export interface DataSpec {
  variants: string[];
  variantColumn: string;
  metrics: Array<{ column: string; kind: MetricKind }>;
}

export interface ReadOptions {
  /** Worker threads for a large CSV; 1 reads on this thread. Default: one per CPU, at most 4. */
  threads?: number;
  /** Smallest file worth splitting (default 64 MiB); tests lower it to exercise the workers. */
  parallelMinBytes?: number;
}

export interface DataRead extends DataTotals {
  format: 'csv' | 'ndjson';
  threads: number;
}

const CHUNK = 1 << 20;
/** Below this, starting workers costs more than it saves. */
const PARALLEL_MIN_BYTES = 64 << 20;

function readHead(fd: number, max: number): Buffer {
  const buf = Buffer.allocUnsafe(max);
  const n = readSync(fd, buf, 0, max, 0);
  return buf.subarray(0, n);
}

function detectFormat(file: string, head: Buffer): 'csv' | 'ndjson' {
  if (/\.(ndjson|jsonl)$/i.test(file)) return 'ndjson';
  if (/\.csv$/i.test(file)) return 'csv';
  let i = 0;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) i = 3;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x0a || head[i] === 0x0d || head[i] === 0x09)) i++;
  return head[i] === 0x7b ? 'ndjson' : 'csv';
}

/** The worker entry written next to the bundle by scripts/build.mjs; absent when running from source. */
function workerEntry(): string | undefined {
  try {
    const file = join(dirname(fileURLToPath(import.meta.url)), 'ab-worker.js');
    return existsSync(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

export async function readDataFile(file: string, shownFile: string, spec: DataSpec, options: ReadOptions = {}): Promise<DataRead> {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    throw new UserError(`cannot read the data file: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`, { file: shownFile });
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new UserError('expected a data file, found a directory or other non-file', { file: shownFile });
    const size = stat.size;
    if (size === 0) throw new UserError('the data file is empty; expected a header line and one row per unit', { file: shownFile });
    const head = readHead(fd, Math.min(size, 1 << 16));
    const format = detectFormat(file, head);
    if (format === 'ndjson') return { ...readNdjson(fd, shownFile, spec), format, threads: 1 };

    const lineEnd = head.indexOf(0x0a);
    if (lineEnd < 0 && size > head.length) throw new UserError('the header line is longer than 64 KiB; is this a CSV file?', { file: shownFile, line: 1 });
    const headerEnd = lineEnd < 0 ? head.length : lineEnd + 1;
    const header = parseHeaderLine(head.subarray(0, lineEnd < 0 ? head.length : lineEnd).toString('utf8'));
    const layout = csvLayout(header, spec.variantColumn, spec.metrics.map((m) => m.column));
    if (typeof layout === 'string') throw new UserError(layout, { file: shownFile, line: 1 });
    if (headerEnd >= size) throw new UserError('the data file has a header but no rows', { file: shownFile, line: 2 });

    const threads = Math.max(1, options.threads ?? Math.min(4, (await import('node:os')).availableParallelism()));
    const entry = workerEntry();
    if (threads > 1 && entry && size - headerEnd >= (options.parallelMinBytes ?? PARALLEL_MIN_BYTES)) {
      const parallel = await readCsvParallel(entry, file, headerEnd, size, threads, spec, layout);
      if (parallel) return { ...parallel, format, threads };
    }
    return { ...scanCsvRange(fd, headerEnd, size, spec, layout), format, threads: 1 };
  } finally {
    closeSync(fd);
  }
}

/** Scans bytes [start, end) of an open CSV file; start and end sit on row boundaries. */
export function scanCsvRange(fd: number, start: number, end: number, spec: DataSpec, layout: ReturnType<typeof csvLayout> & object): DataTotals {
  const sink = new RowSink(spec.variants, spec.metrics.map((m) => m.kind), { variant: spec.variantColumn, metrics: spec.metrics.map((m) => m.column) });
  const scanner = new CsvScanner(layout, sink);
  const buf = Buffer.allocUnsafe(CHUNK);
  for (let at = start; at < end;) {
    const n = readSync(fd, buf, 0, Math.min(CHUNK, end - at), at);
    if (n === 0) break;
    scanner.feed(buf.subarray(0, n));
    at += n;
  }
  scanner.end();
  return sink.result();
}

/** The first row start at or after `at`: just past the next line break. */
export function nextRowStart(fd: number, at: number, size: number): number {
  const buf = Buffer.allocUnsafe(1 << 16);
  for (let pos = at; pos < size;) {
    const n = readSync(fd, buf, 0, Math.min(buf.length, size - pos), pos);
    if (n === 0) break;
    const i = buf.subarray(0, n).indexOf(0x0a);
    if (i >= 0) return pos + i + 1;
    pos += n;
  }
  return size;
}

async function readCsvParallel(
  entry: string,
  file: string,
  headerEnd: number,
  size: number,
  threads: number,
  spec: DataSpec,
  layout: object,
): Promise<DataTotals | undefined> {
  const { Worker } = await import('node:worker_threads');
  const fd = openSync(file, 'r');
  const bounds = [headerEnd];
  try {
    const step = (size - headerEnd) / threads;
    for (let k = 1; k < threads; k++) bounds.push(Math.max(bounds[k - 1]!, nextRowStart(fd, Math.floor(headerEnd + k * step) - 1, size)));
  } finally {
    closeSync(fd);
  }
  bounds.push(size);
  const parts = await Promise.all(bounds.slice(0, -1).map((start, k) => new Promise<{ totals?: DataTotals; quoted: boolean }>((resolvePart, reject) => {
    const worker = new Worker(entry, { workerData: { file, start, end: bounds[k + 1]!, spec, layout } });
    worker.once('message', resolvePart);
    worker.once('error', reject);
    worker.once('exit', (code) => { if (code !== 0) reject(new Error(`data worker exited with code ${code}`)); });
  })));
  // A quote may hide a line break, so a byte-range split could cut a row: read it in one pass instead.
  if (parts.some((part) => part.quoted)) return undefined;
  return mergeTotals(parts.map((part) => part.totals!));
}

function readNdjson(fd: number, shownFile: string, spec: DataSpec): DataTotals {
  const sink = new RowSink(spec.variants, spec.metrics.map((m) => m.kind), { variant: spec.variantColumn, metrics: spec.metrics.map((m) => m.column) }, 1);
  const buf = Buffer.allocUnsafe(CHUNK);
  let carry: Buffer | null = null;
  let offset = 0;
  const handle = (text: string) => {
    if (text.trim() === '') {
      sink.endRow(true);
      return;
    }
    let row: unknown;
    try {
      row = JSON.parse(text);
    } catch {
      row = undefined;
    }
    if (row === null || typeof row !== 'object' || Array.isArray(row)) {
      sink.rejectRow('(not a JSON object)', JSON.stringify(text.slice(0, 60)));
    } else {
      sink.jsonRow(row as Record<string, unknown>);
    }
  };
  for (;;) {
    const n = readSync(fd, buf, 0, CHUNK, offset);
    if (n === 0) break;
    offset += n;
    let chunk = buf.subarray(0, n);
    if (carry) { chunk = Buffer.concat([carry, chunk]); carry = null; }
    let from = 0;
    for (let i = chunk.indexOf(0x0a); i >= 0; i = chunk.indexOf(0x0a, from)) {
      handle(chunk.toString('utf8', from, i));
      from = i + 1;
    }
    if (from < chunk.length) carry = Buffer.from(chunk.subarray(from));
  }
  if (carry) handle(carry.toString('utf8'));
  const totals = sink.result();
  if (totals.rows === 0) throw new UserError('the data file has no rows', { file: shownFile });
  return totals;
}
