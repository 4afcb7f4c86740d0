/**
 * Shared plumbing for the report parsers: BOM handling, JSON/XML parsing that
 * fails as a UserError pointing at the report's line, and "expected X, found Y"
 * wording. Reports come from other tools, so every failure here is the user's
 * to fix (wrong file, truncated upload), never a crash.
 */
import { XMLParser, XMLValidator, type EntityDecoderOptions } from 'fast-xml-parser';
import { isNode, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { formatIssue, formatPath, valueAt } from '../../../config/describe-issue';
import { UserError } from '../../../errors';

/** Windows tools (coverlet, PowerShell's Out-File) write a UTF-8 BOM that JSON.parse rejects. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Top-level wording: "an array", "an object with keys "a", "b"", "the string "x"". */
export function describeFound(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `the ${typeof value} ${String(value)}`;
  if (typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 0) return 'an empty object';
    const shown = keys.slice(0, 5).map((key) => JSON.stringify(key)).join(', ');
    return `an object with key${keys.length > 1 ? 's' : ''} ${shown}${keys.length > 5 ? `, ... (${keys.length} keys)` : ''}`;
  }
  return typeof value;
}

/** The first line of free text, trimmed, for messages that quote what the file starts with. */
export function snippet(text: string, max = 60): string {
  const first = text.trimStart().split(/\r\n|\r|\n/, 1)[0] ?? '';
  return JSON.stringify(first.length > max ? `${first.slice(0, max - 3)}...` : first);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** 1-based line of a character offset. */
export function lineAt(text: string, index: number): number {
  let line = 1;
  const end = Math.min(index, text.length);
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

// ---------------------------------------------------------------------------
// JSON

export function parseJsonText(text: string, file: string, expected: string): unknown {
  const body = stripBom(text);
  if (body.trim() === '') throw new UserError(`expected ${expected}, found an empty file`, { file });
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    // Node 20's messages often carry no position at all, so find it ourselves.
    const offset = jsonSyntaxErrorOffset(body);
    const where = offset === undefined ? {} : positionAt(body, offset);
    const found = offset === undefined ? '' : offset >= body.length ? ': the text ends too early' : `: unexpected ${JSON.stringify(body.slice(offset, offset + 1))}`;
    throw new UserError(`expected ${expected}, found text that is not valid JSON${found}`, { file, ...where });
  }
}

function positionAt(text: string, offset: number): { line: number; column: number } {
  const line = lineAt(text, offset);
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return { line, column: offset - lineStart + 1 };
}

class JsonSyntaxError {
  constructor(readonly offset: number) {}
}

/**
 * Offset of the first JSON syntax error, or undefined when the text parses
 * (or nests too deep to check). Only run after JSON.parse has already failed.
 */
export function jsonSyntaxErrorOffset(text: string): number | undefined {
  let i = 0;
  const n = text.length;
  const number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const skipSpace = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };
  const fail = (at = i): never => {
    throw new JsonSyntaxError(at);
  };
  const expectChar = (ch: string): void => {
    if (text[i] !== ch) fail();
    i++;
  };
  const string = (): void => {
    expectChar('"');
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      if (c < 32) fail();
      if (c === 92) {
        const esc = text[i + 1];
        if (esc === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail(i + 1);
          i += 6;
        } else if (esc !== undefined && '"\\/bfnrt'.includes(esc)) {
          i += 2;
        } else {
          fail(i + 1);
        }
        continue;
      }
      i++;
    }
    fail(n);
  };
  const value = (depth: number): void => {
    if (depth > 2000) throw new JsonSyntaxError(-1);
    skipSpace();
    const c = text[i];
    if (c === '{') {
      i++;
      skipSpace();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        skipSpace();
        string();
        skipSpace();
        expectChar(':');
        value(depth + 1);
        skipSpace();
        if (text[i] === ',') {
          i++;
          continue;
        }
        expectChar('}');
        return;
      }
    }
    if (c === '[') {
      i++;
      skipSpace();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1);
        skipSpace();
        if (text[i] === ',') {
          i++;
          continue;
        }
        expectChar(']');
        return;
      }
    }
    if (c === '"') return string();
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, i)) {
        i += literal.length;
        return;
      }
    }
    number.lastIndex = i;
    if (number.test(text)) {
      i = number.lastIndex;
      return;
    }
    fail();
  };
  try {
    value(0);
    skipSpace();
    return i < n ? i : undefined;
  } catch (error) {
    if (error instanceof JsonSyntaxError) return error.offset >= 0 ? error.offset : undefined;
    throw error;
  }
}

/**
 * Best effort: JSON is (nearly) YAML, and the yaml package keeps source ranges,
 * so a schema problem deep in a 5 MB SARIF can still name its line. Only run on
 * the error path; any trouble just means no line.
 */
function jsonLineOf(text: string, path: readonly PropertyKey[]): number | undefined {
  try {
    const counter = new LineCounter();
    const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: false });
    for (let depth = path.length; depth >= 0; depth--) {
      const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth) as unknown[], true);
      if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
    }
  } catch {
    // fall through: no line is better than a wrong one
  }
  return undefined;
}

/** Validates parsed JSON against a schema; the error names the JSON path, the line, and what was there. */
export function validateJson<S extends z.ZodType>(schema: S, data: unknown, text: string, file: string, what: string): z.output<S> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues;
  const first = issues[0]!;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  const path = formatPath(first.path);
  throw new UserError(`not a valid ${what}: ${path}: ${formatIssue(first, valueAt(data, first.path))}${more}`, {
    file,
    path,
    line: jsonLineOf(stripBom(text), first.path),
  });
}

// ---------------------------------------------------------------------------
// XML

/** A plain, ordered element tree: what the parsers walk instead of fast-xml-parser's shapes. */
export interface XmlElement {
  name: string;
  attrs: Readonly<Record<string, string>>;
  children: XmlElement[];
  /** Text and CDATA directly inside this element, concatenated, untrimmed. */
  text: string;
  /** 1-based line of the start tag in the report. */
  line: number;
}

const XML_NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * fast-xml-parser decodes numeric character references only together with
 * HTML's named entities; surefire and pytest write `&#10;` in messages, so we
 * decode XML's own set in one pass (one pass, so `&amp;#10;` stays `&#10;`).
 * DOCTYPE-declared entities are deliberately not expanded: no report needs
 * them and expanding them is the classic billion-laughs hole.
 */
const xmlEntityDecoder: EntityDecoderOptions = {
  setExternalEntities() {},
  addInputEntities() {},
  reset() {},
  setXmlVersion() {},
  decode(text: string): string {
    if (!text.includes('&')) return text;
    return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
      if (ref.startsWith('#')) {
        const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
        return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return XML_NAMED[ref] ?? whole;
    });
  },
};

// Typed as the boxed `Symbol` upstream; it is a primitive symbol at runtime.
const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

function newlineOffsets(text: string): number[] {
  const offsets: number[] = [];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) offsets.push(i);
  return offsets;
}

function lineFromOffsets(offsets: readonly number[], index: number): number {
  let lo = 0;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (offsets[mid]! < index) lo = mid + 1;
    else hi = mid;
  }
  return lo + 1;
}

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, unknown> };

function toElements(nodes: unknown, offsets: readonly number[]): { elements: XmlElement[]; text: string } {
  const elements: XmlElement[] = [];
  let text = '';
  if (!Array.isArray(nodes)) return { elements, text };
  for (const raw of nodes as OrderedNode[]) {
    if (!isRecord(raw)) continue;
    const name = Object.keys(raw).find((key) => key !== ':@');
    if (name === undefined) continue;
    if (name === '#text') {
      text += String(raw['#text'] ?? '');
      continue;
    }
    const attrs: Record<string, string> = Object.create(null) as Record<string, string>;
    const rawAttrs = raw[':@'];
    if (isRecord(rawAttrs)) for (const [key, value] of Object.entries(rawAttrs)) attrs[key] = String(value);
    const meta = (raw as Record<symbol, unknown>)[META];
    const start = isRecord(meta) && typeof meta.startIndex === 'number' ? meta.startIndex : 0;
    const inner = toElements(raw[name], offsets);
    elements.push({ name, attrs, children: inner.elements, text: inner.text, line: lineFromOffsets(offsets, start) });
  }
  return { elements, text };
}

/**
 * Parses an XML report into its root element. Syntax errors carry the
 * validator's line and column; anything the parser itself throws (depth limit,
 * reserved tag names) still surfaces as a UserError about this file.
 */
export function parseXmlRoot(text: string, file: string, expected: string): XmlElement {
  const body = stripBom(text);
  if (body.trim() === '') throw new UserError(`expected ${expected}, found an empty file`, { file });
  const verdict = XMLValidator.validate(body);
  if (verdict !== true) {
    const { msg, line, col } = verdict.err;
    throw new UserError(`expected ${expected}, found malformed XML: ${msg}`, {
      file,
      line: typeof line === 'number' ? line : undefined,
      column: typeof col === 'number' ? col : undefined,
    });
  }
  let tree: unknown;
  try {
    const parser = new XMLParser({
      preserveOrder: true,
      ignoreAttributes: false,
      attributeNamePrefix: '',
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: false,
      ignoreDeclaration: true,
      ignorePiTags: true,
      captureMetaData: true,
      entityDecoder: xmlEntityDecoder,
      maxNestedTags: 200,
    });
    tree = parser.parse(body);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UserError(`expected ${expected}, found XML that could not be read: ${reason}`, { file });
  }
  const { elements } = toElements(tree, newlineOffsets(body));
  const root = elements[0];
  if (!root) throw new UserError(`expected ${expected}, found an XML document without a root element`, { file });
  return root;
}

export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}

export function firstLine(text: string): string | undefined {
  for (const line of text.split(/\r\n|\r|\n/)) {
    const trimmed = line.trim();
    if (trimmed) return trimmed;
  }
  return undefined;
}
