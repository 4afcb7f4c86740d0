/**
 * k6 results → the canonical LoadResult. Four formats, told apart by content:
 * the three JSON end-of-test summaries (precomputed statistics) with
 * detectK6, and the --out json NDJSON stream (raw points, read in bounded
 * memory) with looksLikeK6Ndjson on its first line.
 */
export { parseK6Summary } from './summary';
export { parseK6SummaryExport } from './summary-export';
export { parseK6MachineSummary } from './machine-summary';
export { readK6Ndjson, MAX_K6_TAG_SETS, type K6NdjsonOptions } from './ndjson';
export { detectK6, detectK6Value, looksLikeK6Ndjson, type K6JsonFormat } from './detect';
