/**
 * Locust `--csv` *_stats.csv → LoadResult. Each row is Locust's own summary of
 * one endpoint (Type = method, Name = endpoint), plus the "Aggregated" row
 * that is the whole run (tags {}). These are precomputed statistics: the
 * percentile columns (50%..100%) are Locust's, rounded by Locust to two
 * significant digits, so the gates read them as they are and never merge rows.
 *
 * Per row: http_req_duration (count, min, max, avg, med, percentiles, in ms),
 * http_req_failed (Failure Count of Request Count; Locust counts a failed
 * request in both), http_reqs (Request Count, Requests/s).
 *
 * Older Locust versions named the columns differently ("Method", "# requests",
 * "Median response time", total row "Total"); both spellings are read.
 */
import { UserError } from '../../../../errors';
import type { LoadResult, Series, SummaryTrend } from '../../model';
import { quoteNames, readCsvRecords, type CsvRecord } from '../jmeter/csv';

const EXPECTED = "a Locust statistics CSV (the *_stats.csv that locust --csv writes)";

/** Column → the spellings Locust versions have used. */
const COLUMNS = {
  type: ['Type', 'Method'],
  name: ['Name'],
  requests: ['Request Count', '# requests'],
  failures: ['Failure Count', '# failures'],
  median: ['Median Response Time', 'Median response time'],
  average: ['Average Response Time', 'Average response time'],
  min: ['Min Response Time', 'Min response time'],
  max: ['Max Response Time', 'Max response time'],
  rps: ['Requests/s'],
} as const;
type Column = keyof typeof COLUMNS;
const REQUIRED: readonly Column[] = ['name', 'requests', 'failures'];

/** Is this header a Locust stats header (or one of its sibling files, which parsing explains)? */
export function isLocustHeader(names: readonly string[]): boolean {
  const has = (spellings: readonly string[]) => spellings.some((s) => names.includes(s));
  return names.includes('Name') && (has(COLUMNS.requests) || names.includes('Total Request Count')) && has(COLUMNS.type);
}

const SIBLINGS: ReadonlyArray<{ marker: string; file: string }> = [
  { marker: 'User Count', file: '*_stats_history.csv (the statistics over time)' },
  { marker: 'Occurrences', file: '*_failures.csv (the failure messages)' },
  { marker: 'Traceback', file: '*_exceptions.csv (the exceptions)' },
];

export function parseLocust(text: string, file: string): LoadResult {
  if (text.trim() === '') throw new UserError(`expected ${EXPECTED}, found an empty file`, { file });
  const records = readCsvRecords(text, { file });
  const first = records.next();
  const header = first.done ? [] : first.value.fields.map((name) => name.trim());
  for (const sibling of SIBLINGS) {
    if (header.includes(sibling.marker)) {
      throw new UserError(`expected ${EXPECTED}, found Locust's ${sibling.file}; give the *_stats.csv from the same run`, { file, line: 1 });
    }
  }
  const at = {} as Record<Column, number | undefined>;
  for (const column of Object.keys(COLUMNS) as Column[]) {
    const index = header.findIndex((name) => (COLUMNS[column] as readonly string[]).includes(name));
    at[column] = index === -1 ? undefined : index;
  }
  const missing = REQUIRED.filter((column) => at[column] === undefined);
  if (missing.length > 0) {
    throw new UserError(
      `expected ${EXPECTED} with the column${missing.length > 1 ? 's' : ''} ${quoteNames(missing.map((c) => COLUMNS[c][0]))}, found a header with ${quoteNames(header)}`,
      { file, line: 1 },
    );
  }
  // "50%", "99.9%", "100%" → 50, 99.9, 100.
  const percentileColumns = header
    .map((name, index) => ({ match: /^(\d+(?:\.\d+)?)%$/.exec(name), index }))
    .filter((entry): entry is { match: RegExpExecArray; index: number } => entry.match !== null)
    .map(({ match, index }) => ({ percentile: String(Number(match[1])), index }));

  const series: Series[] = [];
  const notes: string[] = [];
  let totals = 0;
  for (const record of records) {
    const row = new Row(record, header, file);
    const name = row.text(at.name!);
    const type = at.type === undefined ? '' : row.text(at.type).trim();
    // Locust ≥ 1.0 writes ",Aggregated"; older versions "None,Total".
    const isTotal = (name === 'Aggregated' || name === 'Total') && (type === '' || type === 'None');
    const tags: Record<string, string> = isTotal ? {} : { endpoint: name, ...(type !== '' ? { method: type } : {}) };
    if (isTotal) totals++;

    const requests = row.count(at.requests!);
    const failures = row.count(at.failures!);
    const rps = row.number(at.rps);
    series.push({ metric: 'http_reqs', tags, count: requests, ...(rps !== undefined ? { perSecond: rps } : {}) });
    series.push({ metric: 'http_req_failed', tags, failed: failures, total: requests });
    if (requests === 0) continue;
    const percentiles: Record<string, number> = {};
    for (const { percentile, index } of percentileColumns) {
      const value = row.number(index);
      if (value !== undefined) percentiles[percentile] = value;
    }
    const trend: SummaryTrend = { kind: 'summary', count: requests, percentiles };
    const min = row.number(at.min);
    const max = row.number(at.max);
    const avg = row.number(at.average);
    const med = row.number(at.median);
    if (min !== undefined) trend.min = min;
    if (max !== undefined) trend.max = max;
    if (avg !== undefined) trend.avg = avg;
    if (med !== undefined) trend.med = med;
    series.push({ metric: 'http_req_duration', tags, trend });
  }
  if (series.length === 0) notes.push('the file has a header but no rows');
  else if (totals === 0) notes.push('there is no Aggregated row, so there is no whole-run latency (Locust percentiles of different rows cannot be combined)');
  else if (totals > 1) notes.push(`${totals} Aggregated rows; each is kept as a whole-run total`);

  return { format: 'locust-stats', file, series, notes };
}

/** One data row, read by column with errors that name the line and column. */
class Row {
  constructor(
    private readonly record: CsvRecord,
    private readonly header: readonly string[],
    private readonly file: string,
  ) {}

  text(index: number): string {
    const value = this.record.fields[index];
    if (value === undefined) {
      throw new UserError(`expected ${this.header.length} fields like the header, found ${this.record.fields.length} (no "${this.header[index]}")`, {
        file: this.file,
        line: this.record.line,
      });
    }
    return value;
  }

  /** A number, or undefined when the column is absent or Locust wrote N/A (no requests). */
  number(index: number | undefined): number | undefined {
    if (index === undefined) return undefined;
    const raw = this.text(index).trim();
    if (raw === 'N/A' || raw === '') return undefined;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0) {
      throw new UserError(`expected a non-negative number in column "${this.header[index]}", found ${JSON.stringify(raw)}`, {
        file: this.file,
        line: this.record.line,
      });
    }
    return value;
  }

  count(index: number): number {
    const value = this.number(index);
    if (value === undefined || !Number.isInteger(value)) {
      throw new UserError(`expected a whole number in column "${this.header[index]}", found ${JSON.stringify(this.text(index))}`, {
        file: this.file,
        line: this.record.line,
      });
    }
    return value;
  }
}
