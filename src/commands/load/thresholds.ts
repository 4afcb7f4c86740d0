/**
 * k6's threshold syntax, parsed: a metric key with optional tag filters,
 * `http_req_duration{endpoint:/api/items,phase:sustained}`, and expressions
 * such as `p(95)<500`, `p(99.9)<1500`, `avg<200`, `med<100`, `max<3000`,
 * `rate<0.001`, `count>0`, with the operators < <= > >= == !=.
 * Pure: strings in, a typed threshold or a message saying what is wrong out.
 */

export type Aggregation = { kind: 'p'; percentile: number } | { kind: 'avg' | 'med' | 'min' | 'max' | 'count' | 'rate' };
export type Operator = '<' | '<=' | '>' | '>=' | '==' | '!=';

export interface MetricKey {
  metric: string;
  /** Tag filters in the order written; a series matches when it has every one. */
  tags: Record<string, string>;
}

export interface Expression {
  aggregation: Aggregation;
  operator: Operator;
  value: number;
  /** As written, for messages. */
  source: string;
}

/** Which aggregations make sense for which metric; anything else is a config error. */
export const AGGREGATIONS_BY_METRIC: Record<string, ReadonlyArray<Aggregation['kind']>> = {
  http_req_duration: ['p', 'avg', 'med', 'min', 'max', 'count'],
  http_req_failed: ['rate', 'count'],
  http_reqs: ['count', 'rate'],
  dropped_requests: ['count', 'rate'],
};

const KEY = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:\{(.*)\})?\s*$/s;

/** Parses `metric{tag:value,tag:value}`. Values may contain colons (URLs); the first colon splits. */
export function parseMetricKey(text: string): MetricKey | string {
  const match = KEY.exec(text);
  if (!match) return `expected a metric name with optional {tag:value} filters, e.g. http_req_duration{endpoint:/api}; found "${text}"`;
  const metric = match[1]!;
  if (!(metric in AGGREGATIONS_BY_METRIC)) {
    return `unknown metric "${metric}"; expected one of ${Object.keys(AGGREGATIONS_BY_METRIC).join(', ')}`;
  }
  const tags: Record<string, string> = {};
  const body = match[2];
  if (body !== undefined) {
    if (body.trim() === '') return `empty tag filter in "${text}"; drop the braces or give tag:value`;
    for (const part of splitTags(body)) {
      const colon = part.indexOf(':');
      if (colon <= 0) return `expected tag:value inside {} of "${text}"; found "${part}"`;
      const name = part.slice(0, colon).trim();
      const value = part.slice(colon + 1).trim();
      if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) return `tag name "${name}" in "${text}" must be letters, digits, _ . -`;
      if (name in tags) return `tag "${name}" appears twice in "${text}"`;
      tags[name] = value;
    }
  }
  return { metric, tags };
}

/** Commas separate filters, except inside a value that is quoted: {name:"a,b"}. */
function splitTags(body: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quote = '';
  for (const c of body) {
    if (quote) {
      if (c === quote) quote = '';
      else current += c;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === ',') {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts;
}

const EXPRESSION = /^\s*(p\(\s*([0-9]+(?:\.[0-9]+)?)\s*\)|avg|med|min|max|count|rate)\s*(<=|>=|==|!=|<|>)\s*(-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)\s*$/;

export function parseExpression(text: string, metric: string): Expression | string {
  const match = EXPRESSION.exec(text);
  if (!match) {
    return `expected an expression like p(95)<500, avg<200, rate<0.01 or count>0 (operators < <= > >= == !=); found "${text}"`;
  }
  let aggregation: Aggregation;
  if (match[2] !== undefined) {
    const percentile = Number(match[2]);
    if (!(percentile >= 0 && percentile <= 100)) return `percentile must be between 0 and 100; found p(${match[2]})`;
    aggregation = { kind: 'p', percentile };
  } else {
    aggregation = { kind: match[1] as Exclude<Aggregation['kind'], 'p'> };
  }
  const allowed = AGGREGATIONS_BY_METRIC[metric] ?? [];
  if (!allowed.includes(aggregation.kind)) {
    const name = aggregation.kind === 'p' ? 'p(…)' : aggregation.kind;
    return `${name} does not apply to ${metric}; expected ${allowed.map((k) => (k === 'p' ? 'p(N)' : k)).join(', ')}`;
  }
  return { aggregation, operator: match[3] as Operator, value: Number(match[4]), source: text.trim() };
}

export function compare(observed: number, operator: Operator, limit: number): boolean {
  switch (operator) {
    case '<': return observed < limit;
    case '<=': return observed <= limit;
    case '>': return observed > limit;
    case '>=': return observed >= limit;
    case '==': return observed === limit;
    case '!=': return observed !== limit;
  }
}

export function formatKey(key: MetricKey): string {
  const tags = Object.entries(key.tags);
  return tags.length ? `${key.metric}{${tags.map(([k, v]) => `${k}:${v}`).join(',')}}` : key.metric;
}
