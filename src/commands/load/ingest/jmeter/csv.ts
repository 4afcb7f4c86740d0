/**
 * A small RFC 4180 reader for the CSV files load tools write (JMeter JTL,
 * Locust --csv): quoted fields with "" escapes, delimiters and line breaks
 * inside quotes, CRLF, LF or lone CR line ends, a UTF-8 BOM. Each record
 * carries the line it starts on, so errors can point at it.
 *
 * Lenient where real files are sloppy and the meaning is still clear: a quote
 * inside an unquoted field is kept as a character, and text after a closing
 * quote is appended to the field. The one thing it refuses is a quoted field
 * that never closes, because everything after it would be read wrongly.
 * Blank lines are skipped (a file ending in a line break has no extra record).
 */
import { UserError } from '../../../../errors';

export interface CsvRecord {
  fields: string[];
  /** 1-based line the record starts on. */
  line: number;
}

export interface CsvOptions {
  /** As shown to the user, for errors. */
  file: string;
  /** One character; a comma unless told. */
  delimiter?: string;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

export function* readCsvRecords(text: string, options: CsvOptions): Generator<CsvRecord, void, undefined> {
  const delimiter = (options.delimiter ?? ',').charCodeAt(0);
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let lineStart = i;

  while (i < n) {
    const recordLine = line;
    // A blank line (or the end of the file right after a line break) holds no record.
    const first = text.charCodeAt(i);
    if (first === LF || first === CR) {
      i += first === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      lineStart = i;
      continue;
    }
    const fields: string[] = [];
    for (;;) {
      let value = '';
      if (text.charCodeAt(i) === QUOTE) {
        const openLine = line;
        const openColumn = i - lineStart + 1;
        i++;
        for (;;) {
          const close = text.indexOf('"', i);
          if (close === -1) {
            throw new UserError(`expected a closing quote for the field opened at line ${openLine}, column ${openColumn}, found the end of the file`, {
              file: options.file,
              line: openLine,
              column: openColumn,
            });
          }
          const chunk = text.slice(i, close);
          value += chunk;
          // Line breaks inside the quotes still move the line count on.
          for (let k = 0; k < chunk.length; k++) {
            const c = chunk.charCodeAt(k);
            if (c === LF || (c === CR && chunk.charCodeAt(k + 1) !== LF)) {
              line++;
              lineStart = i + k + 1;
            }
          }
          if (text.charCodeAt(close + 1) === QUOTE) {
            value += '"';
            i = close + 2;
            continue;
          }
          i = close + 1;
          break;
        }
      }
      // Unquoted text, or stray text after a closing quote: up to the delimiter or line end.
      const start = i;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === delimiter || c === LF || c === CR) break;
        i++;
      }
      if (i > start) value += text.slice(start, i);
      fields.push(value);
      if (i < n && text.charCodeAt(i) === delimiter) {
        i++;
        continue;
      }
      break;
    }
    if (i < n) {
      i += text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      lineStart = i;
    }
    yield { fields, line: recordLine };
  }
}

/** The first line of the text (no BOM, no line break): what header sniffing looks at. */
export function firstTextLine(text: string): string {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const end = body.search(/\r|\n/);
  return end === -1 ? body : body.slice(0, end);
}

/** `"a", "b", "c"` for messages that list column names. */
export function quoteNames(names: readonly string[]): string {
  return names.map((name) => JSON.stringify(name)).join(', ');
}
