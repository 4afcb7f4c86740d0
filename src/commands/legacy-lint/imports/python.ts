/**
 * Python imports: `import a.b as c, d` and `from .x import (y, z)`, found by
 * a tokenizer that knows comments, every string form (prefixes, triple
 * quotes) and logical lines (brackets and backslash continuations), so an
 * import inside a docstring, a comment or a string is never counted. Only
 * statements are imports: `import` must start a logical line or follow `;`.
 */
import type { ImportRef, ImportScan } from './types';

const IDENT_START = /[A-Za-z_\u00C0-\uFFFF]/;
const IDENT = /[A-Za-z0-9_\u00C0-\uFFFF]/;

export function pythonImports(text: string): ImportScan {
  const imports: ImportRef[] = [];
  let i = 0;
  let depth = 0;
  let statementStart = true;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === '\n') {
      if (depth === 0) statementStart = true;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f') {
      i++;
      continue;
    }
    if (c === '\\' && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))) {
      i += text[i + 1] === '\n' ? 2 : 3;
      continue;
    }
    if (c === '#') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    const string = stringAt(text, i);
    if (string !== undefined) {
      if (string < 0) return { imports, error: { message: 'unterminated string', offset: i } };
      i = string;
      statementStart = false;
      continue;
    }
    if (c === ';') {
      if (depth === 0) statementStart = true;
      i++;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth = Math.max(0, depth - 1);
    if (IDENT_START.test(c)) {
      let end = i + 1;
      while (end < n && IDENT.test(text[end]!)) end++;
      const word = text.slice(i, end);
      if (statementStart && depth === 0 && (word === 'import' || word === 'from')) {
        i = statement(text, end, word, imports);
      } else {
        i = end;
      }
      statementStart = false;
      continue;
    }
    statementStart = false;
    i++;
  }
  return { imports };
}

/** End of the string literal starting at i (after its prefix), -1 if unterminated, undefined if none starts there. */
function stringAt(text: string, i: number): number | undefined {
  let j = i;
  // Up to two prefix letters: r, b, u, f, and their pairs (rb, br, fr, rf), any case.
  while (j < i + 2 && /[rRbBuUfF]/.test(text[j] ?? '')) j++;
  const quote = text[j];
  if (quote !== '"' && quote !== "'") return undefined;
  if (j > i && !/^(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])$/.test(text.slice(i, j))) return undefined;
  const triple = text[j + 1] === quote && text[j + 2] === quote;
  let k = j + (triple ? 3 : 1);
  while (k < text.length) {
    const c = text[k]!;
    // Raw strings too: r"\"" is still one string, since a raw string cannot end at an escaped quote.
    if (c === '\\') {
      k += 2;
      continue;
    }
    if (!triple && c === '\n') return -1;
    if (c === quote && (!triple || (text[k + 1] === quote && text[k + 2] === quote))) return k + (triple ? 3 : 1);
    k++;
  }
  return -1;
}

interface Cursor {
  i: number;
}

function skipSpace(text: string, cur: Cursor, inParens: boolean): void {
  for (;;) {
    const c = text[cur.i];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f') cur.i++;
    else if (c === '\\' && text[cur.i + 1] === '\n') cur.i += 2;
    else if (c === '\\' && text[cur.i + 1] === '\r' && text[cur.i + 2] === '\n') cur.i += 3;
    else if (inParens && c === '\n') cur.i++;
    else if (inParens && c === '#') while (cur.i < text.length && text[cur.i] !== '\n') cur.i++;
    else return;
  }
}

/** A dotted name (with leading dots when `relative`), or undefined. */
function dotted(text: string, cur: Cursor, relative: boolean, inParens: boolean): { name: string; offset: number } | undefined {
  skipSpace(text, cur, inParens);
  const start = cur.i;
  if (relative) while (text[cur.i] === '.') cur.i++;
  for (;;) {
    const before = cur.i;
    if (!IDENT_START.test(text[cur.i] ?? '')) {
      cur.i = before;
      break;
    }
    while (IDENT.test(text[cur.i] ?? '')) cur.i++;
    if (text[cur.i] === '.' && IDENT_START.test(text[cur.i + 1] ?? '')) cur.i++;
    else break;
  }
  if (cur.i === start) return undefined;
  return { name: text.slice(start, cur.i), offset: start };
}

function word(text: string, cur: Cursor, expected: string, inParens: boolean): boolean {
  skipSpace(text, cur, inParens);
  if (text.startsWith(expected, cur.i) && !IDENT.test(text[cur.i + expected.length] ?? '')) {
    cur.i += expected.length;
    return true;
  }
  return false;
}

/** Parses one import statement after its keyword; returns where scanning resumes. */
function statement(text: string, at: number, keyword: 'import' | 'from', out: ImportRef[]): number {
  const cur = { i: at };
  if (keyword === 'import') {
    do {
      const name = dotted(text, cur, false, false);
      if (!name) return cur.i;
      out.push({ specifier: name.name, offset: name.offset });
      if (word(text, cur, 'as', false)) dotted(text, cur, false, false);
      skipSpace(text, cur, false);
    } while (text[cur.i] === ',' && ++cur.i);
    return cur.i;
  }
  const module = dotted(text, cur, true, false);
  if (!module || !word(text, cur, 'import', false)) return cur.i;
  skipSpace(text, cur, false);
  const parens = text[cur.i] === '(';
  if (parens) cur.i++;
  const names: string[] = [];
  for (;;) {
    skipSpace(text, cur, parens);
    if (text[cur.i] === '*') {
      cur.i++;
    } else {
      const name = dotted(text, cur, false, parens);
      if (!name) break;
      names.push(name.name);
      if (word(text, cur, 'as', parens)) dotted(text, cur, false, parens);
    }
    skipSpace(text, cur, parens);
    if (text[cur.i] !== ',') break;
    cur.i++;
  }
  if (parens && text[cur.i] === ')') cur.i++;
  const base = module.name.endsWith('.') ? module.name : `${module.name}.`;
  out.push({ specifier: module.name, offset: module.offset, ...(names.length ? { alternates: names.map((name) => `${base}${name}`) } : {}) });
  return cur.i;
}
