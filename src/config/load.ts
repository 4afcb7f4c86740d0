/**
 * YAML config → zod-validated, typed config. Errors point at the file, the YAML
 * path, and the line and column of the offending node, so the user can jump
 * straight to it.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { UserError } from '../errors';
import { formatIssue, formatPath, valueAt } from './describe-issue';

export interface LoadedConfig<T> {
  config: T;
  source: ConfigSource;
}

/** Where the config came from, so findings can point at the line that set a gate. */
export interface ConfigSource {
  /** As shown to the user (relative to cwd when inside it). */
  file: string;
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

/** The path as the user would type it: relative to cwd when inside it. */
export function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

function positionOf(doc: Document, counter: LineCounter, path: readonly PropertyKey[]): { line: number; column: number } | undefined {
  // Walk up until a node exists: a missing key is reported at its parent mapping.
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth) as unknown[], true);
    if (isNode(node) && node.range) {
      const { line, col } = counter.linePos(node.range[0]);
      return { line, column: col };
    }
  }
  return undefined;
}

/** Parses and validates YAML text; `shownFile` is the name used in messages. */
export function parseConfigText<S extends z.ZodType>(text: string, shownFile: string, schema: S): LoadedConfig<z.output<S>> {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const syntaxError = doc.errors[0];
  if (syntaxError) {
    const { line, col } = counter.linePos(syntaxError.pos[0]);
    const firstLine = syntaxError.message.split('\n')[0] ?? syntaxError.message;
    throw new UserError(`invalid YAML: ${firstLine}`, { file: shownFile, line, column: col });
  }
  // An empty file is an empty mapping, so defaults can apply.
  let data: unknown;
  try {
    data = doc.contents === null ? {} : doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // toJS throws for an unresolved alias (*name) or an alias bomb; both are the user's YAML.
    throw new UserError(`invalid YAML: ${(error as Error).message}`, { file: shownFile, line: 1, column: 1 });
  }
  const parsed = schema.safeParse(data);
  if (parsed.success) {
    return {
      config: parsed.data,
      source: { file: shownFile, lineOf: (path) => positionOf(doc, counter, path)?.line },
    };
  }

  const issues = parsed.error.issues;
  const first = issues[0]!;
  const found = valueAt(data, first.path);
  const position = positionOf(doc, counter, first.path);
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  throw new UserError(`${formatIssue(first, found)}${more}`, {
    file: shownFile,
    path: formatPath(first.path),
    line: position?.line,
    column: position?.column,
  });
}

/**
 * Reads `file` (relative to cwd). When the file is the command's default and
 * does not exist, `fallback` decides: undefined makes it a user error.
 */
export function loadConfigFile<S extends z.ZodType>(options: {
  file: string;
  cwd: string;
  schema: S;
  isDefaultPath: boolean;
  command: string;
}): LoadedConfig<z.output<S>> {
  const absolute = resolve(options.cwd, options.file);
  const shown = displayPath(absolute, options.cwd);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      const hint = options.isDefaultPath
        ? `create it (see \`rollgate ${options.command} --help\`) or pass --config FILE`
        : 'check the path passed to --config';
      throw new UserError(`config file not found; ${hint}`, { file: shown });
    }
    throw new UserError(`cannot read config: ${(error as Error).message}`, { file: shown });
  }
  return parseConfigText(text, shown, options.schema);
}
