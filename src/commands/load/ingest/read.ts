/**
 * The edge that reads one result file: its format is recognised by content,
 * never by name, and an unrecognised file is refused with what was expected.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { UserError } from '../../../errors';
import { parseJsonText } from '../../checklist/parsers/common';
import type { LoadResult } from '../model';
import { detectArtillery, parseArtillery } from './artillery/index';
import { detectAutocannon, parseAutocannon } from './autocannon/index';
import { detectJmeter, parseJmeter } from './jmeter/index';
import { detectK6Value, looksLikeK6Ndjson, parseK6MachineSummary, parseK6Summary, parseK6SummaryExport, readK6Ndjson } from './k6/index';
import { detectLocust, parseLocust } from './locust/index';
import { detectRollgate, parseRollgateResult } from './rollgate';

const EXPECTED = 'a Rollgate load result, a k6 summary, summary-export or --out json NDJSON file, an Artillery JSON report, an autocannon JSON result, a JMeter JTL CSV with a header, or a Locust *_stats.csv';

function head(path: string, bytes: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(bytes);
    return buf.subarray(0, readSync(fd, buf, 0, bytes, 0));
  } finally {
    closeSync(fd);
  }
}

export async function readLoadResult(path: string, shownFile: string): Promise<LoadResult> {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new UserError('expected a results file, found a directory or other non-file', { file: shownFile });
    size = stat.size;
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`cannot read the results: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`, { file: shownFile });
  }
  if (size === 0) throw new UserError(`the results file is empty; expected ${EXPECTED}`, { file: shownFile });
  const start = head(path, 64 * 1024);
  // NDJSON can be gigabytes, often gzipped: it is the one format read as a stream.
  if (start[0] === 0x1f && start[1] === 0x8b) return readK6Ndjson(path, shownFile);
  const firstLine = start.toString('utf8').replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  if (looksLikeK6Ndjson(firstLine)) return readK6Ndjson(path, shownFile);

  const text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    // A truncated or broken JSON file gets its syntax error and line, not "unknown format".
    const value = parseJsonText(text, shownFile, EXPECTED);
    if (detectRollgate(value)) return parseRollgateResult(text, shownFile);
    const k6 = detectK6Value(value);
    if (k6 === 'k6-summary') return parseK6Summary(text, shownFile);
    if (k6 === 'k6-summary-export') return parseK6SummaryExport(text, shownFile);
    if (k6 === 'k6-machine-summary') return parseK6MachineSummary(text, shownFile);
    if (detectArtillery(text)) return parseArtillery(text, shownFile);
    if (detectAutocannon(text)) return parseAutocannon(text, shownFile);
  } else {
    if (detectJmeter(text)) return parseJmeter(text, shownFile);
    if (detectLocust(text)) return parseLocust(text, shownFile);
  }
  const preview = firstLine.length > 80 ? `${firstLine.slice(0, 80)}…` : firstLine;
  throw new UserError(`unknown results format; expected ${EXPECTED}; the file starts with ${JSON.stringify(preview)}`, { file: shownFile, line: 1 });
}
