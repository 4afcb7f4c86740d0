/**
 * The JSONPath subset a gate needs to point at one value: `$.a.b`,
 * `$.a[0].b`, `$['key with space']`, `$.results[2]` (and `[-1]`, the last
 * item, as RFC 9535 reads negative indexes). Anything that can select several
 * values (wildcards, filters, slices, unions, recursive descent) is refused
 * when the plan is loaded: a gate judges one number, and guessing which of
 * several matches was meant would hide a mistake in the plan.
 */
import { UserError } from '../../../errors';

export type PathSegment = string | number;

export const JSON_PATH_HINT = "supported: $.a.b, $.a[0].b, $['key with space'], $.results[2] (one value; no wildcards, filters, slices or ..)";

export type ParsedPath = { ok: true; segments: PathSegment[] } | { ok: false; problem: string };

// Dot names: letters, digits, _, $ and -, which covers the keys metrics
// endpoints use ("p95", "error_rate", "p95-latency"); others need brackets.
const DOT_NAME = /^[\p{L}\p{N}_$-]+/u;
const INDEX = /^-?\d+/;

const ESCAPES: Record<string, string> = { '"': '"', "'": "'", '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

export function parseJsonPath(text: string): ParsedPath {
  const fail = (at: number, what: string): ParsedPath => ({ ok: false, problem: `${JSON.stringify(text)} at position ${at}: ${what}; ${JSON_PATH_HINT}` });
  if (!text.startsWith('$')) return fail(0, 'a path starts with $ (the document root)');
  const segments: PathSegment[] = [];
  let at = 1;
  while (at < text.length) {
    const rest = text.slice(at);
    if (rest.startsWith('..')) return fail(at, 'recursive descent (..) can match many values');
    if (rest.startsWith('.')) {
      if (rest[1] === '*') return fail(at + 1, 'a wildcard (*) matches many values');
      const name = DOT_NAME.exec(rest.slice(1));
      if (!name) return fail(at + 1, rest.length === 1 ? 'expected a key after the dot' : `unexpected ${JSON.stringify(rest[1])}; quote such a key: ['...']`);
      segments.push(name[0]);
      at += 1 + name[0].length;
      continue;
    }
    if (rest.startsWith('[')) {
      const bracket = parseBracket(text, at + 1);
      if (!bracket.ok) return fail(bracket.at, bracket.problem);
      segments.push(bracket.segment);
      at = bracket.end;
      continue;
    }
    return fail(at, `unexpected ${JSON.stringify(rest[0])}; expected .key or [...]`);
  }
  return { ok: true, segments };
}

/** The schema checked the path when the plan loaded; this guards callers that built a source by hand. */
export function requireJsonPath(gate: string, text: string): PathSegment[] {
  const parsed = parseJsonPath(text);
  if (!parsed.ok) throw new UserError(`${gate}: unsupported JSONPath ${parsed.problem}`);
  return parsed.segments;
}

type Bracket = { ok: true; segment: PathSegment; end: number } | { ok: false; at: number; problem: string };

/** One `[...]` selector starting after the `[`; `end` is past the `]`. */
function parseBracket(text: string, start: number): Bracket {
  let at = skipSpaces(text, start);
  const first = text[at];
  let segment: PathSegment;
  if (first === "'" || first === '"') {
    const literal = parseQuoted(text, at);
    if (!literal.ok) return literal;
    segment = literal.value;
    at = literal.end;
  } else {
    const index = INDEX.exec(text.slice(at));
    if (index) {
      segment = Number(index[0]);
      // -0 would be its own number yet print as 0; a leading zero is not an RFC 9535 index.
      if (Object.is(segment, -0) || /^-?0\d/.test(index[0])) return { ok: false, at, problem: `${index[0]} is not an index (write 0, 1, 2 … or -1 for the last)` };
      if (!Number.isSafeInteger(segment)) return { ok: false, at, problem: `index ${index[0]} is too large` };
      at += index[0].length;
    } else {
      return { ok: false, at, problem: bracketProblem(first) };
    }
  }
  at = skipSpaces(text, at);
  if (text[at] === ']') return { ok: true, segment, end: at + 1 };
  if (text[at] === ':') return { ok: false, at, problem: 'a slice ([a:b]) can match many values' };
  if (text[at] === ',') return { ok: false, at, problem: 'a union ([a,b]) matches several values' };
  return { ok: false, at, problem: at >= text.length ? 'expected ] to close [' : `unexpected ${JSON.stringify(text[at])}; expected ]` };
}

function bracketProblem(first: string | undefined): string {
  if (first === '*') return 'a wildcard ([*]) matches many values';
  if (first === '?') return 'filters ([?...]) are not supported';
  if (first === '(') return 'script expressions ([(...)]) are not supported';
  if (first === ':') return 'a slice ([a:b]) can match many values';
  if (first === undefined) return 'expected ] to close [';
  return `unexpected ${JSON.stringify(first)}; expected an index such as [0] or a quoted key such as ['name']`;
}

type Quoted = { ok: true; value: string; end: number } | { ok: false; at: number; problem: string };

/** A single- or double-quoted key with JSON's escapes (plus \' ), as RFC 9535 has them. */
function parseQuoted(text: string, start: number): Quoted {
  const quote = text[start];
  let value = '';
  let at = start + 1;
  while (at < text.length) {
    const char = text[at]!;
    if (char === quote) return { ok: true, value, end: at + 1 };
    if (char !== '\\') {
      value += char;
      at++;
      continue;
    }
    const next = text[at + 1];
    if (next === 'u') {
      const hex = text.slice(at + 2, at + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) return { ok: false, at, problem: 'expected four hex digits after \\u' };
      value += String.fromCharCode(parseInt(hex, 16));
      at += 6;
      continue;
    }
    const escaped = next === undefined ? undefined : ESCAPES[next];
    if (escaped === undefined) return { ok: false, at, problem: `unknown escape \\${next ?? ''} in a quoted key` };
    value += escaped;
    at += 2;
  }
  return { ok: false, at: start, problem: `unterminated quoted key (missing ${quote})` };
}

function skipSpaces(text: string, at: number): number {
  while (text[at] === ' ' || text[at] === '\t') at++;
  return at;
}

/** The path as users write it: dots where they read back, brackets otherwise. */
export function formatJsonPath(segments: readonly PathSegment[]): string {
  let out = '$';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (isDotName(segment)) out += `.${segment}`;
    else out += `['${segment.replace(/[\\']/g, (char) => `\\${char}`).replace(/[\u0000-\u001f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)}']`;
  }
  return out;
}

function isDotName(key: string): boolean {
  const match = DOT_NAME.exec(key);
  return match !== null && match[0] === key;
}

export type Lookup = { found: true; value: unknown } | { found: false; problem: string };

/**
 * The value at `segments`, or where the path stops matching: "no key "p95"
 * in the object at $.latency", "$.results has 2 items, no [2]".
 */
export function lookup(document: unknown, segments: readonly PathSegment[]): Lookup {
  let value = document;
  for (let depth = 0; depth < segments.length; depth++) {
    const segment = segments[depth]!;
    const here = formatJsonPath(segments.slice(0, depth));
    if (typeof segment === 'number') {
      if (!Array.isArray(value)) return { found: false, problem: `${here} is ${describeJsonType(value)}, not an array, so it has no [${segment}]` };
      const index = segment < 0 ? value.length + segment : segment;
      if (index < 0 || index >= value.length) return { found: false, problem: `${here} has ${value.length} item${value.length === 1 ? '' : 's'}, no [${segment}]` };
      value = value[index];
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return { found: false, problem: `${here} is ${describeJsonType(value)}, not an object, so it has no key ${JSON.stringify(segment)}` };
    }
    if (!Object.hasOwn(value, segment)) return { found: false, problem: `no key ${JSON.stringify(segment)} in the object at ${here}` };
    value = (value as Record<string, unknown>)[segment];
  }
  return { found: true, value };
}

// A plain decimal number as JSON writes one, optionally signed: "0.002",
// "-3", "1e-3". Not "", " 1", "0x10", "Infinity" or "1,5", which Number()
// would take or misread.
const NUMERIC_STRING = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

export type NumberAt = { value: number } | { value: null; note: string };

/**
 * The number at `segments`: a JSON number, or a string holding a plain
 * number (some exporters quote their values). Anything else is no data,
 * with the type found, so the report shows why.
 */
export function numberAt(document: unknown, segments: readonly PathSegment[]): NumberAt {
  const found = lookup(document, segments);
  const path = formatJsonPath(segments);
  if (!found.found) return { value: null, note: `nothing at ${path}: ${found.problem}` };
  const value = found.value;
  if (typeof value === 'number') return { value };
  if (typeof value === 'string' && NUMERIC_STRING.test(value)) return { value: Number(value) };
  return { value: null, note: `${path} is ${describeJsonType(value)}, not a number` };
}

/** "a string ("n/a")", "a boolean (true)", "null", "an object", "an array of 3 items". */
export function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'string') return `a string (${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)})`;
  if (typeof value === 'boolean') return `a boolean (${value})`;
  if (typeof value === 'number') return `a number (${value})`;
  if (typeof value === 'object') return 'an object';
  return typeof value;
}
