/**
 * Reads one value out of the Prometheus text exposition format (what a
 * /metrics endpoint serves), pure. Only as much of the format as a memory
 * gauge needs: sample lines `name{label="value",…} value [timestamp]`, with
 * label values that may hold escaped quotes, commas and braces. Comment and
 * HELP/TYPE lines are skipped.
 */

export interface MetricSelector {
  name: string;
  /** Every label given must match exactly; labels not given may be anything. */
  labels: Record<string, string>;
}

const SELECTOR = /^\s*([A-Za-z_:][A-Za-z0-9_:]*)\s*(?:\{(.*)\})?\s*$/s;
const LABEL = /\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"\s*(,|$)/y;

/** Parses `name` or `name{label="value",…}`; a message saying what is wrong otherwise. */
export function parseSelector(text: string): MetricSelector | string {
  const match = SELECTOR.exec(text);
  if (!match) return `expected a metric name such as process_resident_memory_bytes, optionally with {label="value"}; found "${text}"`;
  const labels = match[2] === undefined ? {} : parseLabels(match[2]);
  if (labels === undefined) return `expected labels as {name="value",…} in "${text}"`;
  return { name: match[1]!, labels };
}

function parseLabels(body: string): Record<string, string> | undefined {
  const labels: Record<string, string> = {};
  LABEL.lastIndex = 0;
  if (body.trim() === '') return labels;
  while (LABEL.lastIndex < body.length) {
    const at = LABEL.lastIndex;
    const match = LABEL.exec(body);
    if (!match || match.index !== at) return body.slice(at).trim() === '' ? labels : undefined;
    labels[match[1]!] = match[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    if (match[3] === '') break;
  }
  return labels;
}

/**
 * The sum of every sample of `selector` in the exposition (one series is the
 * usual case; a metric split by label, such as a heap by space, sums to the
 * whole). undefined when there is none.
 */
export function readMetric(text: string, selector: MetricSelector): { value: number; series: number } | undefined {
  let value = 0;
  let series = 0;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || !line.startsWith(selector.name)) continue;
    const rest = line.slice(selector.name.length);
    let labels: Record<string, string> = {};
    let tail: string;
    if (rest.startsWith('{')) {
      const close = closingBrace(rest);
      if (close < 0) continue;
      const parsed = parseLabels(rest.slice(1, close));
      if (!parsed) continue;
      labels = parsed;
      tail = rest.slice(close + 1);
    } else if (/^\s/.test(rest)) {
      tail = rest;
    } else {
      continue; // a longer name with this one as its prefix
    }
    if (!Object.entries(selector.labels).every(([k, v]) => labels[k] === v)) continue;
    const number = parseSampleValue(tail.trim().split(/\s+/)[0] ?? '');
    if (number === undefined) continue;
    value += number;
    series++;
  }
  return series > 0 ? { value, series } : undefined;
}

/** The index of the `}` that ends the label set, skipping quoted values. */
function closingBrace(text: string): number {
  let quoted = false;
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '}') return i;
  }
  return -1;
}

function parseSampleValue(text: string): number | undefined {
  if (text === '+Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  if (text === 'NaN') return undefined;
  if (!/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(text)) return undefined;
  return Number(text);
}
