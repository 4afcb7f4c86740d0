/**
 * Which k6 format a file is, by content: CI uploads rename files freely, and
 * all three JSON summaries are usually called summary.json.
 *
 * - machine-readable summary v1: `{"version": "1.x", "results": {"metrics": [...]}}`
 * - handleSummary() data: `{"metrics": {"<name>": {"type", "values": {...}}}}`
 * - legacy --summary-export: `{"metrics": {"<name>": {flat numbers, "thresholds": {expr: bool}}}, "root_group": {...}}`
 * - --out json: one `{"type":"Metric"|"Point","data":{...},"metric":"<name>"}` object a line
 */
import { UserError } from '../../../../errors';
import { describeFound, isRecord, stripBom } from '../../../checklist/parsers/common';

export type K6JsonFormat = 'k6-summary' | 'k6-summary-export' | 'k6-machine-summary';

const LABEL: Readonly<Record<K6JsonFormat, string>> = {
  'k6-summary': 'k6 handleSummary() data',
  'k6-summary-export': 'a k6 --summary-export file (the legacy export)',
  'k6-machine-summary': 'a k6 machine-readable summary (--new-machine-readable-summary)',
};

/** Metric names k6 itself writes; a legacy export carries no metric types, so these tell it from any other "metrics" object. */
const K6_BUILTIN = new Set([
  'checks', 'data_received', 'data_sent', 'dropped_iterations', 'http_req_blocked', 'http_req_connecting',
  'http_req_duration', 'http_req_failed', 'http_req_receiving', 'http_req_sending', 'http_req_tls_handshaking',
  'http_req_waiting', 'http_reqs', 'iteration_duration', 'iterations', 'vus', 'vus_max',
]);

/** Decides from the text; undefined when it is not JSON or not one of the three k6 JSON summaries. */
export function detectK6(text: string): K6JsonFormat | undefined {
  let value: unknown;
  try {
    value = JSON.parse(stripBom(text));
  } catch {
    return undefined;
  }
  return detectK6Value(value);
}

/** The same decision on already parsed JSON: a few structural checks, no validation. */
export function detectK6Value(value: unknown): K6JsonFormat | undefined {
  if (!isRecord(value)) return undefined;
  if (typeof value['version'] === 'string' && isRecord(value['results']) && Array.isArray(value['results']['metrics'])) return 'k6-machine-summary';
  const metrics = value['metrics'];
  if (!isRecord(metrics)) return undefined;
  const entries = Object.entries(metrics);
  if (entries.length === 0) {
    // No metrics at all (a run that never started): tell them apart by the rest.
    const groups = isRecord(value['root_group']) ? value['root_group']['groups'] : undefined;
    if (isRecord(value['state']) || Array.isArray(groups)) return 'k6-summary';
    if (isRecord(groups)) return 'k6-summary-export';
    return undefined;
  }
  const typed = entries.every(([, entry]) => isRecord(entry) && typeof entry['type'] === 'string' && isRecord(entry['values']));
  if (typed) return 'k6-summary';
  const flat = entries.every(
    ([, entry]) =>
      isRecord(entry) &&
      !('values' in entry) &&
      Object.entries(entry).every(([key, field]) => (key === 'thresholds' ? isRecord(field) : typeof field === 'number' || field === null)),
  );
  if (flat && ('root_group' in value || entries.some(([key]) => K6_BUILTIN.has(key.split('{', 1)[0]!)))) return 'k6-summary-export';
  return undefined;
}

/** Whether the first non-blank line of a file is a k6 --out json record. Cheap: a prefix check, then JSON.parse of that one line. */
export function looksLikeK6Ndjson(firstLine: string): boolean {
  const line = stripBom(firstLine).trim();
  if (/^\{"type":"(?:Metric|Point)","data":\{/.test(line)) return true;
  if (!line.startsWith('{')) return false;
  try {
    const value: unknown = JSON.parse(line);
    return isRecord(value) && (value['type'] === 'Metric' || value['type'] === 'Point') && isRecord(value['data']) && typeof value['metric'] === 'string';
  } catch {
    return false;
  }
}

/**
 * A parser handed another k6 format says which it got (and which parser wants
 * it) instead of a schema error about its first metric.
 */
export function refuseOtherK6Format(data: unknown, wanted: K6JsonFormat, file: string, expected: string): void {
  if (!isRecord(data)) throw new UserError(`expected ${expected}, found ${describeFound(data)}`, { file });
  const actual = detectK6Value(data);
  if (actual !== undefined && actual !== wanted) {
    throw new UserError(`expected ${expected}, found ${LABEL[actual]}; read it as ${actual}`, { file });
  }
}
