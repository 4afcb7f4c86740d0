/**
 * JMeter CSV JTL → LoadResult. Every row is one sample, so this is a raw
 * format: each row's `elapsed` (milliseconds, from just before the request to
 * the last byte of the response) goes into an HDR histogram, one per tag set
 * at the finest level the file has — endpoint (the sampler label), status (the
 * response code) and method when a column carries one. No coarser series are
 * emitted: histograms, counts and failed/total merge exactly, so the gates
 * build any total from these. Each histogram carries the exact min and max.
 * http_req_failed comes from `success` (false = failed; JMeter sets it from
 * the response code and any assertions), http_reqs from the row count.
 *
 * Columns are found by name, because JMeter's saved fields are configurable
 * (jmeter.save.saveservice.*); so is the delimiter, which is taken from the
 * header. timeStamp is the sample's start in epoch milliseconds (JMeter's
 * default sampleresult.timestamp.start=true), so the run covers min(timeStamp)
 * to max(timeStamp + elapsed).
 */
import { UserError } from '../../../../errors';
import { describeValue } from '../../../../config/describe-issue';
import { createHistogram, encodeHistogram, MAX_TRACKABLE_US, recordMs, type Histogram } from '../../histogram';
import type { LoadResult, Series } from '../../model';
import { firstTextLine, readCsvRecords } from './csv';

const EXPECTED = 'a JMeter CSV results file (JTL) with a header row';
const DELIMITERS = [',', '\t', ';', '|'] as const;
const PRINT_FIELD_NAMES = 'jmeter.save.saveservice.print_field_names=true';

/** The header's delimiter when the first line names timeStamp and elapsed, else undefined. */
export function jtlDelimiter(headerLine: string): string | undefined {
  for (const delimiter of DELIMITERS) {
    const names = headerLine.split(delimiter).map((name) => name.trim().replace(/^"(.*)"$/, '$1'));
    if (names.includes('timeStamp') && names.includes('elapsed')) return delimiter;
  }
  return undefined;
}

/** A JTL written without its header: epoch-millisecond timeStamp first, then an integer elapsed. */
export function looksLikeHeaderlessJtl(headerLine: string): boolean {
  for (const delimiter of DELIMITERS) {
    const fields = headerLine.split(delimiter);
    if (fields.length >= 4 && /^\d{12,14}$/.test(fields[0] ?? '') && /^\d+$/.test(fields[1] ?? '')) return true;
  }
  return false;
}

interface Group {
  tags: Record<string, string>;
  histogram: Histogram;
  count: number;
  failed: number;
  /** Exact extremes in ms, which the histogram knows only to its bucket width. */
  min: number;
  max: number;
}

/** Counts a kind of row the parser set aside, remembering the first. */
class Skipped {
  count = 0;
  first: { line: number; detail: string } | undefined;
  add(line: number, detail: string): void {
    this.count++;
    this.first ??= { line, detail };
  }
  note(what: string): string | undefined {
    if (!this.first) return undefined;
    return `${this.count} ${this.count === 1 ? 'row' : 'rows'} ${what}, skipped; first at line ${this.first.line} (${this.first.detail})`;
  }
}

export function parseJmeter(text: string, file: string): LoadResult {
  if (text.trim() === '' || text.trim() === '\ufeff') throw new UserError(`expected ${EXPECTED}, found an empty file`, { file });
  const headerLine = firstTextLine(text);
  if (headerLine.trimStart().startsWith('<')) {
    throw new UserError(
      `expected ${EXPECTED}, found XML (JMeter's XML JTL); write the results as CSV with -Jjmeter.save.saveservice.output_format=csv`,
      { file, line: 1 },
    );
  }
  const delimiter = jtlDelimiter(headerLine);
  if (delimiter === undefined) {
    if (looksLikeHeaderlessJtl(headerLine)) {
      throw new UserError(
        `expected ${EXPECTED}, found a data row on line 1 (${JSON.stringify(headerLine.slice(0, 60))}): the JTL was saved without field names, and its columns are configurable so they cannot be guessed; set ${PRINT_FIELD_NAMES} (user.properties, or -J on the command line) and run again`,
        { file, line: 1 },
      );
    }
    throw new UserError(`expected ${EXPECTED} naming the columns timeStamp and elapsed, found ${JSON.stringify(headerLine.slice(0, 80))}`, { file, line: 1 });
  }

  const records = readCsvRecords(text, { file, delimiter });
  const header = records.next().value?.fields.map((name) => name.trim()) ?? [];
  const column = (name: string): number | undefined => {
    const at = header.indexOf(name);
    return at === -1 ? undefined : at;
  };
  const elapsedAt = column('elapsed')!;
  const timeStampAt = column('timeStamp')!;
  const labelAt = column('label');
  const codeAt = column('responseCode');
  const successAt = column('success');
  const messageAt = column('responseMessage');
  // JMeter has no method field; a sample_variables or custom column named "method" is used when present.
  const methodAt = header.findIndex((name) => name.toLowerCase() === 'method');

  const notes: string[] = [];
  if (successAt === undefined) {
    notes.push(
      codeAt === undefined
        ? 'the JTL has neither a success nor a responseCode column, so there is no http_req_failed'
        : 'the JTL has no success column; a sample counts as failed when its responseCode is not 2xx or 3xx',
    );
  }

  const groups = new Map<string, Group>();
  const badElapsed = new Skipped();
  const badSuccess = new Skipped();
  const badWidth = new Skipped();
  const transactions = new Skipped();
  let badTimeStamps = 0;
  let clamped = 0;
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;

  for (const { fields, line } of records) {
    if (fields.length !== header.length) {
      badWidth.add(line, `${fields.length} fields`);
      continue;
    }
    const elapsedText = fields[elapsedAt]!.trim();
    const elapsed = /^\d+(?:\.\d+)?$/.test(elapsedText) ? Number(elapsedText) : Number.NaN;
    if (!Number.isFinite(elapsed)) {
      badElapsed.add(line, `elapsed ${describeValue(elapsedText)}`);
      continue;
    }
    if (messageAt !== undefined && fields[messageAt]!.startsWith('Number of samples in transaction')) {
      transactions.add(line, `label ${describeValue(labelAt === undefined ? '' : fields[labelAt])}`);
      continue;
    }
    const code = codeAt === undefined ? undefined : fields[codeAt]!.trim();
    let failed: boolean | undefined;
    if (successAt !== undefined) {
      const success = fields[successAt]!.trim().toLowerCase();
      if (success !== 'true' && success !== 'false') {
        badSuccess.add(line, `success ${describeValue(fields[successAt])}`);
        continue;
      }
      failed = success === 'false';
    } else if (code !== undefined) {
      failed = !/^[23]\d\d$/.test(code);
    }

    const label = labelAt === undefined ? undefined : fields[labelAt]!;
    const method = methodAt === -1 ? undefined : fields[methodAt]!.trim();
    const key = `${label ?? ''}\u0000${method ?? ''}\u0000${code ?? ''}`;
    let group = groups.get(key);
    if (!group) {
      const tags: Record<string, string> = {};
      if (label !== undefined) tags.endpoint = label;
      if (method !== undefined) tags.method = method;
      if (code !== undefined) tags.status = code;
      group = { tags, histogram: createHistogram(), count: 0, failed: 0, min: elapsed, max: elapsed };
      groups.set(key, group);
    }
    group.count++;
    if (failed) group.failed++;
    if (elapsed < group.min) group.min = elapsed;
    if (elapsed > group.max) group.max = elapsed;
    if (!recordMs(group.histogram, elapsed) && elapsed * 1000 > MAX_TRACKABLE_US) clamped++;

    const stamp = parseTimeStamp(fields[timeStampAt]!.trim());
    if (stamp === undefined) badTimeStamps++;
    else {
      start = Math.min(start, stamp);
      end = Math.max(end, stamp + elapsed);
    }
  }

  for (const note of [
    badElapsed.note('with an elapsed that is not a number of milliseconds'),
    badSuccess.note('with a success that is neither true nor false'),
    badWidth.note(`whose field count differs from the header's ${header.length}`),
    transactions.note('from Transaction Controllers (they repeat the time of the requests inside them)'),
  ]) {
    if (note) notes.push(note);
  }
  if (badTimeStamps > 0) notes.push(`${badTimeStamps} ${badTimeStamps === 1 ? 'row has' : 'rows have'} a timeStamp that is neither epoch milliseconds nor a date, so the run duration leaves ${badTimeStamps === 1 ? 'it' : 'them'} out`);
  if (clamped > 0) notes.push(`${clamped} ${clamped === 1 ? 'sample' : 'samples'} took longer than an hour and ${clamped === 1 ? 'was' : 'were'} recorded as one hour`);
  if (groups.size === 0) notes.push('the JTL has a header but no samples');

  const series: Series[] = [];
  for (const group of groups.values()) {
    series.push({ metric: 'http_req_duration', tags: group.tags, trend: { kind: 'histogram', histogram: encodeHistogram(group.histogram), min: group.min, max: group.max } });
    if (successAt !== undefined || codeAt !== undefined) series.push({ metric: 'http_req_failed', tags: group.tags, failed: group.failed, total: group.count });
    series.push({ metric: 'http_reqs', tags: group.tags, count: group.count });
  }

  return {
    format: 'jmeter-jtl',
    file,
    ...(end > start ? { durationSeconds: (end - start) / 1000 } : {}),
    series,
    notes,
  };
}

/** Epoch milliseconds, or a formatted date (jmeter.save.saveservice.timestamp_format). */
function parseTimeStamp(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  if (text === '') return undefined;
  const parsed = Date.parse(text);
  return Number.isFinite(parsed) ? parsed : undefined;
}
