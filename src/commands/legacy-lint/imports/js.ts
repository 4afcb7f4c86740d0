/**
 * JavaScript and TypeScript imports: static `import`, `export … from`,
 * `import type`, dynamic `import()`, `require()` and TS `import x =
 * require()`. A type that names a module (`typeof import('x')`) loads
 * nothing and is not counted.
 *
 * es-module-lexer does the work: a WebAssembly lexer that knows comments,
 * strings, template literals and regular expressions, at over 100 MB/s, and
 * matched a full TypeScript parse on every specifier of a 60 MB corpus
 * (BENCHMARKS.md). It does not report `require()`, so each standalone
 * `require` before a `(` is first rewritten to `import ` (the same length,
 * so offsets stay put), and the lexer then reports the call as a dynamic
 * import, with its own knowledge of what is code and what is a string.
 *
 * It cannot read JSX, where text such as `<p>Don't</p>` is not a string.
 * Files that can hold JSX (.jsx, .tsx, and .js/.mjs/.cjs with `</` or `/>`),
 * and any file the lexer rejects, go to @babel/parser instead: a full
 * parser, slower and loaded only when a repository needs it.
 */
import { init, parse as lex } from 'es-module-lexer';
import type { ImportRef, ImportScan } from './types';

export type BabelParser = typeof import('@babel/parser');

/** Ready once the lexer's WebAssembly is compiled; await before the first lexImports. */
export const lexerReady: Promise<void> = init();

/** `require` as a call, not a property (`a.require`) nor part of a longer name; `import x = require(` is the lexer's own. */
const REQUIRE_CALL = /(?<![\w$.\u0080-\uffff])(?<!(?<![\w$.]export\s+)(?<![\w$.])import\s+(?:type\s+)?[\w$\u0080-\uffff]+\s*=\s*)require(?=\s*\()/g;

function mayHoldJsx(text: string, file: string): boolean {
  if (/\.(?:jsx|tsx)$/i.test(file)) return true;
  if (/\.(?:ts|mts|cts)$/i.test(file)) return false;
  return text.includes('</') || text.includes('/>');
}

/** The lexer's answer, or 'needs-parser' for a file it cannot read. */
export function lexImports(text: string, file: string): ImportScan | 'needs-parser' {
  if (mayHoldJsx(text, file)) return 'needs-parser';
  return lexAny(text, file);
}

function lexAny(text: string, file: string): ImportScan | 'needs-parser' {
  const rewritten = text.includes('require') ? text.replace(REQUIRE_CALL, 'import ') : text;
  let records;
  try {
    [records] = lex(rewritten, file);
  } catch {
    return 'needs-parser';
  }
  const imports: ImportRef[] = [];
  for (const record of records) {
    // import.meta and non-literal dynamic imports (import(x), import(`./${x}`)) name no module.
    if (record.type === 'import-meta' || record.specifier === undefined || (record.type === 'dynamic' && record.glob)) continue;
    // `typeof import('x')` in a type names the module's types without loading it (the lexer misses some of these anyway, so none count).
    // A rewritten require can look type-only (require('x').y), so the flag is not trusted for those.
    if (record.type === 'dynamic' && record.probablyTypeOnly && !text.startsWith('require', record.importStart)) continue;
    const quoted = text[record.start] === '"' || text[record.start] === "'" || text[record.start] === '`';
    imports.push({ specifier: record.specifier, offset: record.start + (quoted ? 1 : 0) });
  }
  return { imports };
}

/** Every import form, from a full parse; used where the lexer cannot go. */
export function parseImports(babel: BabelParser, text: string, file: string): ImportScan {
  const typescript = /\.(?:ts|tsx|mts|cts)$/i.test(file);
  const jsx = !/\.(?:ts|mts|cts)$/i.test(file);
  let ast;
  try {
    ast = babel.parse(text, {
      sourceType: 'unambiguous',
      errorRecovery: true,
      allowReturnOutsideFunction: true,
      allowImportExportEverywhere: true,
      allowUndeclaredExports: true,
      plugins: [...(typescript ? (['typescript'] as const) : []), ...(jsx ? (['jsx'] as const) : []), 'decorators-legacy', 'importAttributes', 'explicitResourceManagement'],
    });
  } catch (error) {
    const at = (error as { pos?: number }).pos ?? 0;
    return { imports: importsBefore(text.slice(0, lineStart(text, at)), file), error: { message: String((error as Error).message).replace(/\s*\(\d+:\d+\)$/, ''), offset: at } };
  }
  const imports: ImportRef[] = [];
  const literal = (node: unknown): void => {
    const n = node as { type?: string; value?: unknown; start?: number; quasis?: Array<{ value: { cooked: string } }>; expressions?: unknown[] } | undefined;
    if (n?.type === 'StringLiteral' && typeof n.value === 'string') imports.push({ specifier: n.value, offset: n.start! + 1 });
    else if (n?.type === 'TemplateLiteral' && n.expressions!.length === 0) imports.push({ specifier: n.quasis![0]!.value.cooked, offset: n.start! + 1 });
  };
  walk(ast.program as unknown as Node, text, (node) => {
    switch (node.type) {
      case 'ImportDeclaration':
      case 'ExportAllDeclaration':
      case 'ExportNamedDeclaration':
        if (node.source) literal(node.source);
        break;
      case 'TSExternalModuleReference':
        literal(node.expression);
        break;
      case 'ImportExpression':
        literal(node.source);
        break;
      case 'CallExpression': {
        const callee = node.callee as { type?: string; name?: string };
        const args = node.arguments as unknown[];
        if (callee.type === 'Import' || (callee.type === 'Identifier' && callee.name === 'require')) literal(args[0]);
        break;
      }
    }
  });
  imports.sort((a, b) => a.offset - b.offset);
  const first = (ast.errors ?? [])[0] as { pos?: number; reasonCode?: string; message?: string } | undefined;
  // Recovered errors (a duplicate declaration, say) do not stop the imports from being found; only report what babel could not get past.
  return { imports, ...(first && ast.program.body.length === 0 ? { error: { message: first.message ?? 'syntax error', offset: first.pos ?? 0 } } : {}) };
}

/**
 * The imports of the longest run of whole lines from the top that the lexer
 * accepts (found by bisection): in a file the parser gave up on, the imports
 * at the top still count, as they would have had the file been valid.
 */
function importsBefore(text: string, file: string): ImportRef[] {
  const ends: number[] = [];
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) ends.push(at + 1);
  let lo = 0;
  let hi = ends.length;
  let best: ImportRef[] = [];
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    const scan = lexAny(text.slice(0, ends[mid - 1]), file);
    if (scan === 'needs-parser') hi = mid - 1;
    else {
      best = scan.imports;
      lo = mid;
    }
  }
  return best;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

type Node = { type: string } & Record<string, unknown>;

/**
 * Visits the nodes that can hold an import: only subtrees whose source range
 * contains one of the words an import starts with (`import`, `export`,
 * `require`). A bundle has hundreds of thousands of nodes and a handful of
 * imports, so nearly every subtree is skipped at its root.
 */
function walk(root: Node, text: string, visit: (node: Node) => void): void {
  const marks: number[] = [];
  for (const m of text.matchAll(/\b(?:import|export|require)\b/g)) marks.push(m.index);
  const holdsMark = (start: number, end: number): boolean => {
    let lo = 0;
    let hi = marks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (marks[mid]! < start) lo = mid + 1;
      else hi = mid;
    }
    return lo < marks.length && marks[lo]! < end;
  };
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const current = stack.pop();
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push(current[i]);
      continue;
    }
    if (current === null || typeof current !== 'object' || typeof (current as Node).type !== 'string') continue;
    const node = current as Node & { start?: number; end?: number };
    if (typeof node.start === 'number' && typeof node.end === 'number' && !holdsMark(node.start, node.end)) continue;
    visit(node);
    for (const key in node) {
      if (key === 'loc' || key === 'leadingComments' || key === 'trailingComments' || key === 'innerComments' || key === 'extra') continue;
      const value = (node as Record<string, unknown>)[key];
      if (value !== null && typeof value === 'object') stack.push(value);
    }
  }
}
