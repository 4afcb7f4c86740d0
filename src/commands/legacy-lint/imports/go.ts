/**
 * Go imports: `import "x"`, `import name "x"` and import blocks
 * `import ( "a"; b "c"; _ "d"; . "e" )`, found by a tokenizer that knows
 * line and block comments, interpreted and raw strings, and runes, so an
 * import path inside a comment or a string is never counted.
 */
import type { ImportRef, ImportScan } from './types';

export function goImports(text: string): ImportScan {
  const imports: ImportRef[] = [];
  const n = text.length;
  let i = 0;
  let depth = 0;
  while (i < n) {
    const skipped = skipTrivia(text, i);
    if (skipped < 0) return { imports, error: { message: 'unterminated comment', offset: i } };
    if (skipped !== i) {
      i = skipped;
      continue;
    }
    const c = text[i]!;
    if (c === '"' || c === '`' || c === "'") {
      const end = literalEnd(text, i);
      if (end < 0) return { imports, error: { message: 'unterminated string', offset: i } };
      i = end;
      continue;
    }
    if (c === '{' || c === '(') depth++;
    else if (c === '}' || c === ')') depth = Math.max(0, depth - 1);
    if (/[A-Za-z_]/.test(c)) {
      let end = i + 1;
      while (end < n && /[A-Za-z0-9_]/.test(text[end]!)) end++;
      const before = i === 0 ? '' : text[i - 1]!;
      if (depth === 0 && text.slice(i, end) === 'import' && !/[.A-Za-z0-9_]/.test(before)) {
        const result = declaration(text, end, imports);
        if (typeof result !== 'number') return { imports, error: result };
        i = result;
      } else {
        i = end;
      }
      continue;
    }
    i++;
  }
  return { imports };
}

/** Past whitespace and comments from i; -1 for an unterminated block comment. */
function skipTrivia(text: string, i: number): number {
  for (;;) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') i++;
    else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) return -1;
      i = end + 2;
    } else return i;
  }
}

function literalEnd(text: string, i: number): number {
  const quote = text[i]!;
  if (quote === '`') {
    const end = text.indexOf('`', i + 1);
    return end < 0 ? -1 : end + 1;
  }
  let k = i + 1;
  while (k < text.length) {
    const c = text[k]!;
    if (c === '\\') k += 2;
    else if (c === '\n') return -1;
    else if (c === quote) return k + 1;
    else k++;
  }
  return -1;
}

/** One import spec: an optional name (identifier, _ or .) and a path string. */
function spec(text: string, at: number, out: ImportRef[]): number | { message: string; offset: number } {
  let i = skipTrivia(text, at);
  if (i < 0) return { message: 'unterminated comment', offset: at };
  if (text[i] === '.' || text[i] === '_' || /[A-Za-z]/.test(text[i] ?? '')) {
    while (i < text.length && /[A-Za-z0-9_.]/.test(text[i]!)) i++;
    i = skipTrivia(text, i);
    if (i < 0) return { message: 'unterminated comment', offset: at };
  }
  const quote = text[i];
  if (quote !== '"' && quote !== '`') return { message: 'expected an import path string', offset: i };
  const end = literalEnd(text, i);
  if (end < 0) return { message: 'unterminated string', offset: i };
  const raw = text.slice(i + 1, end - 1);
  out.push({ specifier: quote === '"' ? raw.replace(/\\(.)/g, '$1') : raw, offset: i + 1 });
  return end;
}

function declaration(text: string, at: number, out: ImportRef[]): number | { message: string; offset: number } {
  let i = skipTrivia(text, at);
  if (i < 0) return { message: 'unterminated comment', offset: at };
  if (text[i] !== '(') return spec(text, i, out);
  i++;
  for (;;) {
    i = skipTrivia(text, i);
    if (i < 0) return { message: 'unterminated comment', offset: at };
    if (text[i] === ';') {
      i++;
      continue;
    }
    if (text[i] === ')') return i + 1;
    if (i >= text.length) return { message: 'unterminated import block', offset: at };
    const next = spec(text, i, out);
    if (typeof next !== 'number') return next;
    i = next;
  }
}
