/**
 * k6 `--out json=results.json` (NDJSON, or gzip when k6 wrote `.gz`) →
 * LoadResult, read as a stream in bounded memory. k6 writes one object a line
 * (internal/output/json; key order fixed by its envelope struct):
 *
 *   {"type":"Metric","data":{"name":"http_req_duration","type":"trend","contains":"time","thresholds":[],"submetrics":null},"metric":"http_req_duration"}
 *   {"type":"Point","data":{"time":"2024-05-01T10:00:00.123456+02:00","value":41.2,"tags":{"expected_response":"true","group":"","method":"GET","name":"http://test.k6.io/","proto":"HTTP/1.1","scenario":"default","status":"200","tls_version":"","url":"http://test.k6.io/"}},"metric":"http_req_duration"}
 *
 * Points are raw observations, so latencies go into HDR histograms and every
 * series merges exactly. They are grouped by the tags name (→ endpoint; k6
 * sets it to the URL unless the script names the request; `url` stands in
 * when there is no name), method, status, scenario and phase, and emitted at
 * that finest level only: within one metric every series has the same tag
 * keys (a tag some points lack is "" on those), so the series partition the
 * traffic and the gate merges them for any coarser filter.
 *
 *   http_req_duration  → HDR histogram per tag set (ms → µs), with the exact min and max in ms
 *   http_req_failed    → failed = points with a non-zero value, total = points (k6's Rate)
 *   http_reqs          → count = sum of the values (k6's Counter)
 *   dropped_iterations → dropped_requests, grouped by scenario and phase only
 *
 * durationSeconds is the span of the points' timestamps (first to last, all
 * metrics): the file has no run length of its own. perSecond is left out,
 * since k6 wrote no rate.
 *
 * Speed (bench/load-ingest.mjs): a plain file is read in fixed-size chunks
 * into two reused Buffers (the next read runs while one is scanned), a gzip
 * one through zlib, and cut into lines with Buffer#indexOf. A Point line in k6's own layout is read at the
 * byte level, without JSON.parse; its fixed parts (the line's start, the keys)
 * are compared 4 bytes a read through a DataView over the chunk. After the
 * start, the metric name is read from the line's end: k6 writes about a dozen
 * points a request and only three of them are of metrics we use, so the other
 * lines stop after the name and the time (durationSeconds needs every line's
 * time), and damage inside such a line, between an intact start and end, goes
 * unnoticed: it would not have been used anyway. The points of one request
 * share their time bytes, so a repeat of the last time is recognised in place
 * by comparing bytes, without looking for its end or parsing it. Tags objects
 * are recognised the same way: the last one, else an earlier one (up to 4096,
 * or 4 MiB of them) by a hash of the whole object. Only a new one is scanned,
 * and its group is looked up by a hash of the raw bytes of the tags we group
 * by, decoding them only when the tag set is new; so a line allocates nothing
 * unless its tags object is new. Latencies go into 32-bit histograms for the
 * first 64 tag sets (about ten times faster to record and encode than the
 * packed ones the rest get, and encoded alike). Anything unusual (other key
 * order, escapes in a key, an exponent the fast parser does not take) goes
 * through JSON.parse and a zod check instead, with the same result. A line
 * that is neither is counted in the notes with the first line number, never
 * fatal, unless no line at all is valid.
 */
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { z } from 'zod';
import { formatIssue, formatPath, valueAt } from '../../../../config/describe-issue';
import { UserError } from '../../../../errors';
import { describeFound, isRecord } from '../../../checklist/parsers/common';
import { createHistogram, encodeHistogram, recordMs, type Histogram } from '../../histogram';
import type { LoadResult, Series, Tags } from '../../model';
import { missingHttpNote, sortedTags } from './common';
import { plural } from '../../../../report/text';

export interface K6NdjsonOptions {
  /** Bytes per read (default 1 MiB). Tests vary it to move line breaks across chunk boundaries. */
  chunkSize?: number;
}

const DEFAULT_CHUNK = 1 << 20;
/** A longer "line" is not k6 output; refusing it keeps memory bounded. */
const MAX_LINE = 64 << 20;
/** Distinct tag sets; beyond this the series would swamp memory (and any report). */
export const MAX_K6_TAG_SETS = 20_000;
/**
 * The first tag sets with durations get a 32-bit histogram (95 KB), which
 * records and encodes about ten times faster than a packed one (27 KB); the
 * rest get packed ones, so thousands of tag sets still fit in memory. Both
 * encode to the same bytes.
 */
const FAST_HISTOGRAMS = 64;
/** A 32-bit histogram's counts wrap past this; a group that reaches it moves to a packed one. */
const FAST_COUNT_LIMIT = 0xffff_ffff;

const EXPECTED = 'k6 --out json output (one {"type":"Metric"|"Point",...} JSON object a line)';

export async function readK6Ndjson(path: string, shownFile: string, options: K6NdjsonOptions = {}): Promise<LoadResult> {
  const chunkSize = Math.max(1, Math.floor(options.chunkSize ?? DEFAULT_CHUNK));
  const scanner = new PointScanner(shownFile);
  const lines = new LineSplitter(scanner, shownFile);
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw new UserError(`cannot read the k6 output: ${describeFsError(error)}`, { file: shownFile });
  }
  let gzip = false;
  let pending: Promise<{ bytesRead: number }> | undefined;
  try {
    const magic = Buffer.alloc(2);
    const { bytesRead: headBytes } = await handle.read(magic, 0, 2, 0);
    gzip = headBytes === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
    if (!gzip) {
      // Two fixed buffers, reused: the next chunk is read while this one is scanned.
      let current = Buffer.allocUnsafe(chunkSize);
      let next = Buffer.allocUnsafe(chunkSize);
      let position = 0;
      pending = handle.read(current, 0, chunkSize, position);
      for (;;) {
        const { bytesRead } = await pending;
        pending = undefined;
        if (bytesRead === 0) break;
        position += bytesRead;
        pending = handle.read(next, 0, chunkSize, position);
        lines.feed(bytesRead === chunkSize ? current : current.subarray(0, bytesRead));
        [current, next] = [next, current];
      }
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`cannot read the k6 output: ${describeFsError(error)}`, { file: shownFile });
  } finally {
    // A read still under way when the scan gave up must land before the file closes.
    await pending?.catch(() => undefined);
    await handle.close();
  }
  if (gzip) {
    try {
      await pipeline(createReadStream(path, { highWaterMark: chunkSize }), createGunzip({ chunkSize: Math.max(64, chunkSize) }), async (source: AsyncIterable<Buffer>) => {
        for await (const piece of source) lines.feed(piece);
      });
    } catch (error) {
      if (error instanceof UserError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      if (typeof code !== 'string' || !code.startsWith('Z_')) throw new UserError(`cannot read the k6 output: ${describeFsError(error)}`, { file: shownFile });
      // zlib: k6 stopped mid-write (killed, out of disk), or the file is damaged. Keep what came before.
      scanner.addNote(`the gzip stream ends early or is damaged (${(error as Error).message}); read the ${scanner.lineNo} lines before that`);
    }
  }
  lines.end();
  return scanner.finish(gzip);
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  return error instanceof Error ? error.message : String(error);
}

/** Cuts chunks into lines; a line split across chunks is carried (and only that line is copied). */
class LineSplitter {
  private carry = Buffer.allocUnsafe(1 << 16);
  private carryLength = 0;

  constructor(
    private readonly scanner: PointScanner,
    private readonly shownFile: string,
  ) {}

  feed(view: Buffer): void {
    let start = 0;
    if (this.carryLength > 0) {
      const nl = view.indexOf(10);
      if (nl < 0) {
        this.append(view, 0, view.length);
        return;
      }
      this.append(view, 0, nl);
      this.scanner.line(this.carry, 0, this.carryLength);
      this.carryLength = 0;
      start = nl + 1;
    }
    for (let nl = view.indexOf(10, start); nl >= 0; nl = view.indexOf(10, start)) {
      this.scanner.line(view, start, nl);
      start = nl + 1;
    }
    if (start < view.length) this.append(view, start, view.length);
  }

  end(): void {
    if (this.carryLength === 0) return;
    this.scanner.line(this.carry, 0, this.carryLength);
    this.carryLength = 0;
  }

  private append(source: Buffer, from: number, to: number): void {
    const need = this.carryLength + (to - from);
    if (need > MAX_LINE) {
      const line = this.scanner.lineNo + 1;
      throw new UserError(`expected ${EXPECTED}, found a line longer than ${MAX_LINE >> 20} MiB at line ${line}`, { file: this.shownFile, line });
    }
    if (need > this.carry.length) {
      const grown = Buffer.allocUnsafe(Math.min(MAX_LINE, Math.max(need, this.carry.length * 2)));
      this.carry.copy(grown, 0, 0, this.carryLength);
      this.carry = grown;
    }
    source.copy(this.carry, this.carryLength, from, to);
    this.carryLength = need;
  }
}

// ---------------------------------------------------------------------------
// Byte patterns of k6's layout

/**
 * A byte pattern, also as little-endian 32-bit words: read through a DataView,
 * a line is compared 4 bytes a read, which costs several times less than a
 * byte loop over a Buffer (the prefix alone is 32 bytes of every line).
 */
interface Pattern {
  readonly length: number;
  readonly bytes: Uint8Array;
  readonly words: Int32Array;
}

function pattern(text: string): Pattern {
  const bytes = Uint8Array.from(Buffer.from(text, 'latin1'));
  const words = new Int32Array(bytes.length >> 2);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < words.length; i++) words[i] = view.getInt32(4 * i, true);
  return { length: bytes.length, bytes, words };
}

const POINT_PREFIX = pattern('{"type":"Point","data":{"time":"');
const METRIC_KEY = pattern(',"metric":"');
const VALUE_KEY = pattern(',"value":');
const TAGS_KEY = pattern(',"tags":');
const MIN_POINT = POINT_PREFIX.length + METRIC_KEY.length + 4;

const DURATION = 0;
const FAILED = 1;
const REQS = 2;
const DROPPED = 3;
const METRIC_NAMES = ['http_req_duration', 'http_req_failed', 'http_reqs', 'dropped_iterations'] as const;
const METRIC_PATTERNS = METRIC_NAMES.map(pattern);

/** Tag slots, in the order tags are written. */
const NAME = 0;
const METHOD = 1;
const STATUS = 2;
const SCENARIO = 3;
const PHASE = 4;
const URL_SLOT = 5;
const SLOTS = 6;
const SLOT_PATTERNS = ['name', 'method', 'status', 'scenario', 'phase', 'url'].map(pattern);

const HTTP = 0;
const DROPS = 1;
type Kind = typeof HTTP | typeof DROPS;

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/** Whether the pattern is at `at`, wholly before `limit` (checked first: a DataView read past its end throws). */
function matchAt(view: DataView, at: number, limit: number, p: Pattern): boolean {
  if (at < 0 || at + p.length > limit) return false;
  const words = p.words;
  for (let i = 0; i < words.length; i++) if (view.getInt32(at + 4 * i, true) !== words[i]) return false;
  for (let i = 4 * words.length; i < p.length; i++) if (view.getUint8(at + i) !== p.bytes[i]) return false;
  return true;
}

/** Bytes kept from an earlier line (a time, a tags object), also as little-endian words to compare 4 bytes a read. */
class Stored {
  readonly bytes: Uint8Array;
  private readonly words: Int32Array;
  private readonly view: DataView;
  length = 0;

  constructor(capacity: number) {
    const buffer = new ArrayBuffer((capacity + 3) & ~3);
    this.bytes = new Uint8Array(buffer);
    this.words = new Int32Array(buffer);
    this.view = new DataView(buffer);
  }

  /** Keeps `length` bytes (at most the capacity) from `at` of a line's buffer. */
  set(buf: Buffer, at: number, length: number): void {
    for (let i = 0; i < length; i++) this.bytes[i] = buf[at + i]!;
    // The words as a DataView reads them (little-endian), whatever the platform's byte order.
    for (let i = 0; i < length >> 2; i++) this.words[i] = this.view.getInt32(4 * i, true);
    this.length = length;
  }

  /** Whether the kept bytes are at `at` of a line's view; the caller checks that they fit. */
  isAt(view: DataView, at: number): boolean {
    const length = this.length;
    const words = this.words;
    let i = 0;
    for (; i + 4 <= length; i += 4) if (view.getInt32(at + i, true) !== words[i >> 2]) return false;
    for (; i < length; i++) if (view.getUint8(at + i) !== this.bytes[i]) return false;
    return true;
  }
}

/** A tags object seen before, byte for byte, and the group its points went to. */
interface KnownTags {
  readonly kind: Kind;
  readonly bytes: Stored;
  readonly group: Group;
  next: KnownTags | undefined;
}

/** Tags objects longer than this are not kept (they are scanned each time instead). */
const MAX_KNOWN_TAGS_LENGTH = 1 << 16;
/**
 * Kept tags objects, and their bytes; past either the table starts over, so
 * tags that vary per request (a url under a name) cannot pile up.
 */
const MAX_KNOWN_TAGS = 4096;
const MAX_KNOWN_TAGS_BYTES = 4 << 20;

/** FNV-1a over 32-bit words, then the tail bytes: where to look a tags object up in the table. */
function hashBytes(view: DataView, at: number, length: number): number {
  let hash = 0x811c9dc5;
  let i = 0;
  for (; i + 4 <= length; i += 4) hash = Math.imul(hash ^ view.getInt32(at + i, true), 16777619);
  for (; i < length; i++) hash = Math.imul(hash ^ view.getUint8(at + i), 16777619);
  return hash;
}

/** Which of the four metrics a name is, by length first (17, 15, 9, 18 are all different); -1 for any other. */
function metricId(view: DataView, from: number, to: number): number {
  const length = to - from;
  for (let id = 0; id < METRIC_PATTERNS.length; id++) {
    const name = METRIC_PATTERNS[id]!;
    if (name.length === length && matchAt(view, from, to, name)) return id;
  }
  return -1;
}

function slotOf(view: DataView, from: number, length: number): number {
  const to = from + length;
  switch (length) {
    case 4:
      return matchAt(view, from, to, SLOT_PATTERNS[NAME]!) ? NAME : -1;
    case 6:
      return matchAt(view, from, to, SLOT_PATTERNS[METHOD]!) ? METHOD : matchAt(view, from, to, SLOT_PATTERNS[STATUS]!) ? STATUS : -1;
    case 8:
      return matchAt(view, from, to, SLOT_PATTERNS[SCENARIO]!) ? SCENARIO : -1;
    case 5:
      return matchAt(view, from, to, SLOT_PATTERNS[PHASE]!) ? PHASE : -1;
    case 3:
      return matchAt(view, from, to, SLOT_PATTERNS[URL_SLOT]!) ? URL_SLOT : -1;
    default:
      return -1;
  }
}

/** Whether a tag slot is part of a series' identity: HTTP metrics use url only without a name; dropped iterations carry scenario (and phase). */
function slotUsed(kind: Kind, slot: number, nameAbsent: boolean): boolean {
  if (kind === DROPS) return slot === SCENARIO || slot === PHASE;
  return slot !== URL_SLOT || nameAbsent;
}

function two(buf: Buffer, at: number): number {
  const a = buf[at]! - 48;
  const b = buf[at + 1]! - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

// ---------------------------------------------------------------------------
// Lines k6 did not write in its own layout: JSON.parse and these schemas

const pointLine = z.object({
  type: z.literal('Point'),
  metric: z.string(),
  data: z.object({
    time: z.string().optional(),
    value: z.number(),
    tags: z.record(z.string(), z.string()).nullable().optional(),
  }),
});

const metricLine = z.object({
  type: z.literal('Metric'),
  metric: z.string(),
  data: z.object({ name: z.string().optional(), type: z.string().optional() }),
});

class Tally {
  count = 0;
  firstLine = 0;
  detail = '';

  add(line: number, detail = ''): void {
    if (this.count++ === 0) {
      this.firstLine = line;
      this.detail = detail;
    }
  }
}

/** Everything one tag set accumulates. */
class Group {
  histogram: Histogram | undefined;
  /** Whether histogram is a 32-bit one (FAST_HISTOGRAMS). */
  fast = false;
  durations = 0;
  /** Exact extremes of the durations as k6 wrote them, in ms (the histogram knows them to 0.1%). */
  minMs = Infinity;
  maxMs = -Infinity;
  failed = 0;
  failTotal = 0;
  requests = 0;
  hasRequests = false;
  dropped = 0;
  hasDropped = false;

  constructor(
    readonly kind: Kind,
    readonly tags: Readonly<Record<string, string>>,
  ) {}
}

interface RawEntry {
  kind: Kind;
  /** The raw (still JSON-escaped) bytes of each used slot; null when the tag is absent. */
  raw: Array<Uint8Array | null>;
  group: Group;
  next: RawEntry | undefined;
}

class PointScanner {
  lineNo = 0;
  private valid = 0;
  private readonly notJson = new Tally();
  private readonly notRecord = new Tally();
  private readonly clamped = new Tally();
  private readonly extraNotes: string[] = [];
  private readonly metricNames = new Set<string>();
  private readonly seen = [false, false, false, false];
  private minTime = Infinity;
  private maxTime = -Infinity;
  private readonly groups = new Map<string, Group>();
  private readonly rawIndex = new Map<number, RawEntry>();
  private readonly slotStart = new Int32Array(SLOTS);
  private readonly slotEnd = new Int32Array(SLOTS);
  private readonly slotEscaped = new Uint8Array(SLOTS);
  private numberEnd = 0;
  /** 32-bit histograms handed out so far (FAST_HISTOGRAMS). */
  private fastHistograms = 0;
  private dayKey = -1;
  private dayMs = 0;
  /** The buffer the current line is in, and a DataView over it for reading 4 bytes at a time. */
  private buf: Buffer | undefined;
  private view: DataView = new DataView(new ArrayBuffer(0));
  /** k6 stamps all the points of one request alike: the last time's bytes and value. */
  private readonly lastTimeBytes = new Stored(64);
  private lastTime = NaN;
  /** Where timeAt found the time's closing quote. */
  private timeEnd = 0;
  /**
   * ...and tags them alike, and requests to one endpoint with one status
   * repeat their tags too: tags objects seen before, by a hash of their bytes,
   * so a repeat costs a hash and a compare instead of scanTags and rawGroup.
   * The last one matched is tried first (it works even when `metadata` follows
   * the tags, which keeps the others out of the table).
   */
  private readonly knownTags = new Map<number, KnownTags>();
  private knownTagsCount = 0;
  private knownTagsBytes = 0;
  private lastTags: KnownTags | undefined;

  constructor(private readonly shownFile: string) {}

  addNote(note: string): void {
    this.extraNotes.push(note);
  }

  line(buf: Buffer, start: number, end: number): void {
    this.lineNo++;
    if (buf !== this.buf) {
      // A new chunk (or the carry buffer): once per buffer, not per line.
      this.buf = buf;
      this.view = new DataView(buf.buffer, buf.byteOffset, buf.length);
    }
    let s = start;
    let e = end;
    if (this.lineNo === 1 && e - s >= 3 && buf[s] === 0xef && buf[s + 1] === 0xbb && buf[s + 2] === 0xbf) s += 3;
    while (e > s && (buf[e - 1] === 13 || buf[e - 1] === 32 || buf[e - 1] === 9)) e--;
    while (s < e && (buf[s] === 32 || buf[s] === 9)) s++;
    if (s === e) return;
    if (this.fastPoint(buf, s, e)) {
      this.valid++;
      return;
    }
    this.slowLine(buf.toString('utf8', s, e));
  }

  /** A Point line in k6's exact layout, read without JSON.parse. False (and nothing recorded) for anything else. */
  private fastPoint(buf: Buffer, s: number, e: number): boolean {
    const view = this.view;
    if (e - s < MIN_POINT || !matchAt(view, s, e, POINT_PREFIX)) return false;
    if (buf[e - 1] !== 0x7d || buf[e - 2] !== 0x22) return false;
    const timeStart = s + POINT_PREFIX.length;
    // The metric name, back from the closing quote to its opening one.
    const nameEnd = e - 2;
    let q = nameEnd - 1;
    while (q > timeStart && buf[q] !== 0x22) {
      if (buf[q] === 0x5c) return false;
      q--;
    }
    const keyAt = q - METRIC_KEY.length + 1;
    if (keyAt <= timeStart || !matchAt(view, keyAt, e, METRIC_KEY)) return false;
    const dataEnd = keyAt - 1;
    if (buf[dataEnd] !== 0x7d) return false;
    const metric = metricId(view, q + 1, nameEnd);

    const time = this.timeAt(buf, timeStart, dataEnd);
    if (Number.isNaN(time)) return false;
    let p = this.timeEnd;
    if (metric < 0) {
      // A metric we do not use: the name and the time are all we need from it.
      this.noteTime(time);
      return true;
    }

    p++;
    if (!matchAt(view, p, e, VALUE_KEY)) return false;
    const value = this.parseNumber(buf, p + VALUE_KEY.length, dataEnd);
    if (!Number.isFinite(value)) return false;
    p = this.numberEnd;
    if (!matchAt(view, p, e, TAGS_KEY)) return false;
    p += TAGS_KEY.length;
    const kind: Kind = metric === DROPPED ? DROPS : HTTP;
    const tagsAt = p;
    let group: Group | undefined;
    const known = this.tagsSeenAt(view, kind, p, dataEnd);
    if (known !== undefined) {
      // Byte for byte a tags object seen before (a complete object, so it ends where that one did).
      group = known.group;
      p += known.bytes.length;
    } else {
      this.slotStart.fill(-1);
      if (buf[p] === 0x7b) {
        p = this.scanTags(buf, p, dataEnd);
        if (p < 0) return false;
      } else if (buf[p] === 0x6e && buf[p + 1] === 0x75 && buf[p + 2] === 0x6c && buf[p + 3] === 0x6c) {
        p += 4;
      } else {
        return false;
      }
    }
    // After the tags: the end of "data", or `,"metadata":{...}` which we do not need.
    if (p !== dataEnd && buf[p] !== 0x2c) return false;

    if (group === undefined) {
      group = this.rawGroup(kind, buf);
      if (group === undefined) return false;
      if (buf[tagsAt] === 0x7b) this.rememberTags(buf, tagsAt, p, dataEnd, kind, group);
    }
    this.noteTime(time);
    this.record(metric, group, value);
    return true;
  }

  /** The known tags object at `at`: the last one, else the one in the table whose bytes run from `at` to the end of "data". */
  private tagsSeenAt(view: DataView, kind: Kind, at: number, dataEnd: number): KnownTags | undefined {
    const last = this.lastTags;
    if (last !== undefined && last.kind === kind && at + last.bytes.length <= dataEnd && last.bytes.isAt(view, at)) return last;
    const length = dataEnd - at;
    if (length > MAX_KNOWN_TAGS_LENGTH || view.getUint8(at) !== 0x7b) return undefined;
    for (let entry = this.knownTags.get(hashBytes(view, at, length)); entry !== undefined; entry = entry.next) {
      if (entry.kind === kind && entry.bytes.length === length && entry.bytes.isAt(view, at)) {
        this.lastTags = entry;
        return entry;
      }
    }
    return undefined;
  }

  /** Keeps a tags object just scanned (from `{` to past `}`) as the last one, and in the table when "data" ends with it. */
  private rememberTags(buf: Buffer, from: number, to: number, dataEnd: number, kind: Kind, group: Group): void {
    const length = to - from;
    if (length > MAX_KNOWN_TAGS_LENGTH) {
      this.lastTags = undefined;
      return;
    }
    const bytes = new Stored(length);
    bytes.set(buf, from, length);
    const entry: KnownTags = { kind, bytes, group, next: undefined };
    this.lastTags = entry;
    if (to !== dataEnd) return;
    if (this.knownTagsCount >= MAX_KNOWN_TAGS || this.knownTagsBytes + length > MAX_KNOWN_TAGS_BYTES) {
      this.knownTags.clear();
      this.knownTagsCount = 0;
      this.knownTagsBytes = 0;
    }
    this.knownTagsCount++;
    this.knownTagsBytes += length;
    const hash = hashBytes(this.view, from, length);
    entry.next = this.knownTags.get(hash);
    this.knownTags.set(hash, entry);
  }

  /**
   * The time from `from` to its closing quote (the first one before `limit`)
   * as epoch ms, NaN if it is not one; sets timeEnd. The bytes of the last
   * time are tried in place first (they hold no quote, so the closing one is
   * where they end), so a repeat is neither searched nor parsed.
   */
  private timeAt(buf: Buffer, from: number, limit: number): number {
    const last = this.lastTimeBytes.length;
    if (last > 0 && from + last < limit && buf[from + last] === 0x22 && this.lastTimeBytes.isAt(this.view, from)) {
      this.timeEnd = from + last;
      return this.lastTime;
    }
    let to = from;
    while (to < limit && buf[to] !== 0x22) to++;
    this.timeEnd = to;
    const time = this.parseTime(buf, from, to);
    const length = to - from;
    if (!Number.isNaN(time) && length <= this.lastTimeBytes.bytes.length) {
      this.lastTimeBytes.set(buf, from, length);
      this.lastTime = time;
    }
    return time;
  }

  /** A JSON number at `at`, ended by `,` or `}`; NaN when it is not one. Sets numberEnd. */
  private parseNumber(buf: Buffer, at: number, limit: number): number {
    let i = at;
    const negative = buf[i] === 0x2d;
    if (negative) i++;
    const intStart = i;
    let mantissa = 0;
    while (i < limit) {
      const d = buf[i]! - 48;
      if (d < 0 || d > 9) break;
      mantissa = mantissa * 10 + d;
      i++;
    }
    if (i === intStart) return NaN;
    let digits = i - intStart;
    let fraction = 0;
    if (buf[i] === 0x2e) {
      i++;
      const fracStart = i;
      while (i < limit) {
        const d = buf[i]! - 48;
        if (d < 0 || d > 9) break;
        mantissa = mantissa * 10 + d;
        i++;
      }
      fraction = i - fracStart;
      if (fraction === 0) return NaN;
      digits += fraction;
    }
    const next = buf[i];
    if (next === 0x65 || next === 0x45 || digits > 15) {
      // An exponent, or more digits than a double holds exactly: let V8 read it.
      while (i < limit && buf[i] !== 0x2c && buf[i] !== 0x7d) i++;
      this.numberEnd = i;
      return Number(buf.toString('latin1', at, i));
    }
    this.numberEnd = i;
    // Both exact doubles, so the division rounds once: the same double JSON.parse gives.
    const magnitude = fraction === 0 ? mantissa : mantissa / POW10[fraction]!;
    return negative ? -magnitude : magnitude;
  }

  /** Walks a tags object of string values from its `{`; records the slots we group by; returns the index past `}` or -1. */
  private scanTags(buf: Buffer, open: number, limit: number): number {
    let p = open + 1;
    if (buf[p] === 0x7d) return p + 1;
    for (;;) {
      if (buf[p] !== 0x22) return -1;
      const keyStart = ++p;
      while (p < limit && buf[p] !== 0x22) {
        if (buf[p] === 0x5c) return -1;
        p++;
      }
      if (p >= limit) return -1;
      const keyEnd = p;
      if (buf[p + 1] !== 0x3a || buf[p + 2] !== 0x22) return -1;
      p += 3;
      const valueStart = p;
      let escaped = 0;
      while (p < limit) {
        const c = buf[p];
        if (c === 0x22) break;
        if (c === 0x5c) {
          escaped = 1;
          p += 2;
        } else {
          p++;
        }
      }
      if (p >= limit) return -1;
      const slot = slotOf(this.view, keyStart, keyEnd - keyStart);
      if (slot >= 0) {
        this.slotStart[slot] = valueStart;
        this.slotEnd[slot] = p;
        this.slotEscaped[slot] = escaped;
      }
      p++;
      if (buf[p] === 0x2c) p++;
      else if (buf[p] === 0x7d) return p + 1;
      else return -1;
    }
  }

  /** The group for the slots just scanned: by a hash of their raw bytes, decoding them only when the set is new. */
  private rawGroup(kind: Kind, buf: Buffer): Group | undefined {
    const nameAbsent = this.slotStart[NAME]! < 0;
    let hash = kind === HTTP ? 0x811c9dc5 : 0x050c5d1f;
    for (let slot = 0; slot < SLOTS; slot++) {
      if (!slotUsed(kind, slot, nameAbsent)) continue;
      hash = Math.imul(hash ^ (slot + 1), 16777619);
      const from = this.slotStart[slot]!;
      if (from < 0) {
        hash = Math.imul(hash ^ 0xff, 16777619);
        continue;
      }
      const to = this.slotEnd[slot]!;
      for (let i = from; i < to; i++) hash = Math.imul(hash ^ buf[i]!, 16777619);
    }
    for (let entry = this.rawIndex.get(hash); entry !== undefined; entry = entry.next) {
      if (entry.kind === kind && this.sameRaw(entry, buf, nameAbsent)) return entry.group;
    }

    const decoded: Array<string | undefined> = [];
    const raw: Array<Uint8Array | null> = [];
    for (let slot = 0; slot < SLOTS; slot++) {
      const from = this.slotStart[slot]!;
      if (!slotUsed(kind, slot, nameAbsent) || from < 0) {
        decoded.push(undefined);
        raw.push(null);
        continue;
      }
      const to = this.slotEnd[slot]!;
      let text: unknown;
      if (this.slotEscaped[slot]) {
        try {
          text = JSON.parse(buf.toString('utf8', from - 1, to + 1));
        } catch {
          return undefined;
        }
      } else {
        text = buf.toString('utf8', from, to);
      }
      if (typeof text !== 'string') return undefined;
      decoded.push(text);
      raw.push(new Uint8Array(buf.subarray(from, to)));
    }
    const group =
      kind === DROPS
        ? this.groupOf(DROPS, undefined, undefined, undefined, decoded[SCENARIO], decoded[PHASE])
        : this.groupOf(HTTP, decoded[NAME] ?? decoded[URL_SLOT], decoded[METHOD], decoded[STATUS], decoded[SCENARIO], decoded[PHASE]);
    this.rawIndex.set(hash, { kind, raw, group, next: this.rawIndex.get(hash) });
    return group;
  }

  private sameRaw(entry: RawEntry, buf: Buffer, nameAbsent: boolean): boolean {
    for (let slot = 0; slot < SLOTS; slot++) {
      const stored = entry.raw[slot]!;
      const used = slotUsed(entry.kind, slot, nameAbsent);
      const from = this.slotStart[slot]!;
      if (!used || from < 0) {
        if (stored !== null) return false;
        continue;
      }
      if (stored === null) return false;
      const to = this.slotEnd[slot]!;
      if (to - from !== stored.length) return false;
      for (let i = 0; i < stored.length; i++) if (buf[from + i] !== stored[i]) return false;
    }
    return true;
  }

  private groupOf(kind: Kind, endpoint: string | undefined, method: string | undefined, status: string | undefined, scenario: string | undefined, phase: string | undefined): Group {
    const key = JSON.stringify([kind, endpoint ?? null, method ?? null, status ?? null, scenario ?? null, phase ?? null]);
    let group = this.groups.get(key);
    if (group === undefined) {
      if (this.groups.size >= MAX_K6_TAG_SETS) {
        throw new UserError(
          `more than ${MAX_K6_TAG_SETS} distinct combinations of the tags name, method, status, scenario and phase by line ${this.lineNo}; ` +
            'k6 names each request by its URL unless the script sets a name tag, so URLs with IDs in them make a series each: ' +
            "give such requests a name, e.g. http.get(url, { tags: { name: '/users/{id}' } })",
          { file: this.shownFile, line: this.lineNo },
        );
      }
      const tags: Record<string, string> = {};
      if (endpoint !== undefined) tags['endpoint'] = endpoint;
      if (method !== undefined) tags['method'] = method;
      if (status !== undefined) tags['status'] = status;
      if (scenario !== undefined) tags['scenario'] = scenario;
      if (phase !== undefined) tags['phase'] = phase;
      group = new Group(kind, tags);
      this.groups.set(key, group);
    }
    return group;
  }

  private record(metric: number, group: Group, value: number): void {
    this.seen[metric] = true;
    switch (metric) {
      case DURATION:
        if (group.histogram === undefined) this.giveHistogram(group);
        else if (group.fast && group.durations === FAST_COUNT_LIMIT) this.repack(group);
        if (!recordMs(group.histogram!, value)) this.clamped.add(this.lineNo);
        group.durations++;
        if (value < group.minMs) group.minMs = value;
        if (value > group.maxMs) group.maxMs = value;
        break;
      case FAILED:
        group.failTotal++;
        if (value !== 0) group.failed++;
        break;
      case REQS:
        group.requests += value;
        group.hasRequests = true;
        break;
      case DROPPED:
        group.dropped += value;
        group.hasDropped = true;
        break;
    }
  }

  private giveHistogram(group: Group): void {
    group.fast = this.fastHistograms < FAST_HISTOGRAMS;
    if (group.fast) this.fastHistograms++;
    group.histogram = createHistogram(group.fast ? 'fast' : 'packed');
  }

  private repack(group: Group): void {
    const packed = createHistogram('packed');
    packed.add(group.histogram!);
    group.histogram = packed;
    group.fast = false;
  }

  private noteTime(time: number): void {
    if (time < this.minTime) this.minTime = time;
    if (time > this.maxTime) this.maxTime = time;
  }

  /** RFC 3339 as Go writes it (`2024-05-01T10:00:00.123456789+02:00`, `...Z`) → epoch ms; NaN for anything else. */
  private parseTime(buf: Buffer, from: number, to: number): number {
    if (to - from < 20) return NaN;
    if (buf[from + 4] !== 45 || buf[from + 7] !== 45 || buf[from + 10] !== 84 || buf[from + 13] !== 58 || buf[from + 16] !== 58) return NaN;
    const century = two(buf, from);
    const yy = two(buf, from + 2);
    const month = two(buf, from + 5);
    const day = two(buf, from + 8);
    const hour = two(buf, from + 11);
    const minute = two(buf, from + 14);
    const second = two(buf, from + 17);
    if (century < 0 || yy < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return NaN;
    let p = from + 19;
    let fraction = 0;
    if (buf[p] === 0x2e) {
      p++;
      let n = 0;
      let scale = 1;
      while (p < to && scale < 1e15) {
        const d = buf[p]! - 48;
        if (d < 0 || d > 9) break;
        n = n * 10 + d;
        scale *= 10;
        p++;
      }
      if (scale === 1) return NaN;
      fraction = n / scale;
    }
    let offsetMinutes = 0;
    const zone = buf[p];
    if (zone === 0x5a && p + 1 === to) {
      offsetMinutes = 0;
    } else if ((zone === 0x2b || zone === 0x2d) && p + 6 === to && buf[p + 3] === 58) {
      const oh = two(buf, p + 1);
      const om = two(buf, p + 4);
      if (oh < 0 || om < 0) return NaN;
      offsetMinutes = (oh * 60 + om) * (zone === 0x2b ? 1 : -1);
    } else {
      return NaN;
    }
    const year = century * 100 + yy;
    const dayKey = year * 10000 + month * 100 + day;
    if (dayKey !== this.dayKey) {
      this.dayKey = dayKey;
      this.dayMs = Date.UTC(year, month - 1, day);
    }
    return this.dayMs + ((hour * 60 + minute) * 60 + second) * 1000 + fraction * 1000 - offsetMinutes * 60_000;
  }

  /** Any line the fast path did not take. */
  private slowLine(text: string): void {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      this.notJson.add(this.lineNo);
      return;
    }
    if (!isRecord(value) || (value['type'] !== 'Metric' && value['type'] !== 'Point')) {
      const found = isRecord(value) ? `"type" ${value['type'] === undefined ? 'missing' : JSON.stringify(value['type'])}` : describeFound(value);
      this.notRecord.add(this.lineNo, `expected an object with "type" "Metric" or "Point", found ${found}`);
      return;
    }
    if (value['type'] === 'Metric') {
      const parsed = metricLine.safeParse(value);
      if (!parsed.success) return this.badRecord(parsed.error, value);
      this.valid++;
      if (this.metricNames.size < 1000) this.metricNames.add(parsed.data.data.name ?? parsed.data.metric);
      return;
    }
    const parsed = pointLine.safeParse(value);
    if (!parsed.success) return this.badRecord(parsed.error, value);
    this.valid++;
    const point = parsed.data;
    if (point.data.time !== undefined) {
      // The byte parser keeps k6's microseconds, which Date.parse would drop; it falls back for other layouts.
      const raw = Buffer.from(point.data.time, 'utf8');
      let time = this.parseTime(raw, 0, raw.length);
      if (Number.isNaN(time)) time = Date.parse(point.data.time);
      if (!Number.isNaN(time)) this.noteTime(time);
    }
    const metric = (METRIC_NAMES as readonly string[]).indexOf(point.metric);
    // Names of other metrics come from their Metric lines only (k6 writes one before a metric's first point), as on the fast path.
    if (metric < 0) return;
    const tags = point.data.tags ?? {};
    const group =
      metric === DROPPED
        ? this.groupOf(DROPS, undefined, undefined, undefined, tags['scenario'], tags['phase'])
        : this.groupOf(HTTP, tags['name'] ?? tags['url'], tags['method'], tags['status'], tags['scenario'], tags['phase']);
    this.record(metric, group, point.data.value);
  }

  private badRecord(error: z.ZodError, value: unknown): void {
    const issue = error.issues[0]!;
    this.notRecord.add(this.lineNo, `${formatPath(issue.path)}: ${formatIssue(issue, valueAt(value, issue.path))}`);
  }

  finish(gzip: boolean): LoadResult {
    if (this.valid === 0) {
      if (this.notJson.count === 0 && this.notRecord.count === 0) {
        throw new UserError(`expected ${EXPECTED}, found ${this.lineNo === 0 ? 'an empty file' : 'only blank lines'}${gzip ? ' (after gunzip)' : ''}`, { file: this.shownFile });
      }
      const json = this.notJson.count > 0 ? this.notJson.firstLine : Infinity;
      const record = this.notRecord.count > 0 ? this.notRecord.firstLine : Infinity;
      const line = Math.min(json, record);
      const what = json <= record ? `line ${line} is not JSON` : `line ${line}: ${this.notRecord.detail}`;
      throw new UserError(`expected ${EXPECTED}, found no such line: ${what}`, { file: this.shownFile, line });
    }

    const series: Series[] = [];
    const groups = [...this.groups.values()];
    const http = groups.filter((g) => g.kind === HTTP);
    emit(http.filter((g) => g.durations > 0), series, (tags, members) => {
      let histogram = members[0]!.histogram!;
      if (members.length > 1) {
        // A throwaway sum: 32-bit (faster to add and encode) unless a count could wrap.
        histogram = createHistogram(sum(members, (g) => g.durations) < FAST_COUNT_LIMIT ? 'fast' : 'packed');
        for (const g of members) histogram.add(g.histogram!);
      }
      const min = Math.min(...members.map((g) => g.minMs));
      const max = Math.max(...members.map((g) => g.maxMs));
      return { metric: 'http_req_duration', tags, trend: { kind: 'histogram', histogram: encodeHistogram(histogram), min, max } };
    });
    emit(http.filter((g) => g.failTotal > 0), series, (tags, members) => ({
      metric: 'http_req_failed',
      tags,
      failed: sum(members, (g) => g.failed),
      total: sum(members, (g) => g.failTotal),
    }));
    emit(http.filter((g) => g.hasRequests), series, (tags, members) => ({ metric: 'http_reqs', tags, count: sum(members, (g) => g.requests) }));
    emit(groups.filter((g) => g.kind === DROPS && g.hasDropped), series, (tags, members) => ({ metric: 'dropped_requests', tags, count: sum(members, (g) => g.dropped) }));

    const notes: string[] = [];
    if (this.notJson.count > 0) notes.push(`${plural(this.notJson.count, 'line')} that ${this.notJson.count === 1 ? 'is' : 'are'} not JSON, first at line ${this.notJson.firstLine}`);
    if (this.notRecord.count > 0) {
      notes.push(`${plural(this.notRecord.count, 'JSON line')} that ${this.notRecord.count === 1 ? 'is' : 'are'} not a k6 Metric or Point record, first at line ${this.notRecord.firstLine} (${this.notRecord.detail})`);
    }
    if (this.clamped.count > 0) {
      notes.push(`${plural(this.clamped.count, 'http_req_duration value')} outside 1 µs to 1 h, recorded at the nearest end, first at line ${this.clamped.firstLine}`);
    }
    notes.push(...this.extraNotes);
    const present = new Set(METRIC_NAMES.filter((_, id) => this.seen[id]));
    const missing = missingHttpNote(present, [...this.metricNames].filter((name) => !present.has(name as (typeof METRIC_NAMES)[number])), 'points');
    if (missing) notes.push(missing);

    const span = this.maxTime - this.minTime;
    return {
      format: 'k6-ndjson',
      file: this.shownFile,
      ...(span > 0 && Number.isFinite(span) ? { durationSeconds: Math.round(span * 1000) / 1e6 } : {}),
      series,
      notes,
    };
  }
}

/**
 * One metric's series: every group gets the union of the tag keys (a tag some
 * points lack is ""), so the series share one level; groups that then coincide
 * (absent vs an explicit "") are merged so the series stay disjoint.
 */
function emit(members: readonly Group[], out: Series[], build: (tags: Tags, members: Group[]) => Series): void {
  if (members.length === 0) return;
  const keys = new Set<string>();
  for (const group of members) for (const key of Object.keys(group.tags)) keys.add(key);
  const byTags = new Map<string, { tags: Tags; members: Group[] }>();
  for (const group of members) {
    const filled: Record<string, string> = {};
    for (const key of keys) filled[key] = group.tags[key] ?? '';
    const tags = sortedTags(filled);
    const id = JSON.stringify(tags);
    const entry = byTags.get(id);
    if (entry) entry.members.push(group);
    else byTags.set(id, { tags, members: [group] });
  }
  const ids = [...byTags.keys()].sort();
  for (const id of ids) {
    const entry = byTags.get(id)!;
    out.push(build(entry.tags, entry.members));
  }
}

function sum(groups: readonly Group[], of: (group: Group) => number): number {
  let total = 0;
  for (const group of groups) total += of(group);
  return total;
}


