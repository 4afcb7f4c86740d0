/**
 * Rules compiled for matching, pure: globs to picomatch functions, a pattern
 * to two RegExps. Built from the plain config in every scanning thread.
 */
import picomatch from 'picomatch';
import type { RuleConfig } from '../schema';
import { requiredLiteral } from './required-literal';

export interface CompiledRule {
  id: string;
  kind: 'import' | 'pattern' | 'path';
  /** The rule's files/ignore globs. */
  appliesTo(file: string): boolean;
  /** import: does a candidate name match one of the globs? */
  matchesImport?(candidate: string): boolean;
  /** pattern: a whole-text prefilter (multiline), the per-line matcher, and UTF-8 bytes every match contains, when known. */
  pattern?: { anywhere: RegExp; inLine: RegExp; literal?: Buffer };
  /** path: is this file retired? */
  matchesPath?(file: string): boolean;
}

const GLOB = { dot: true } as const;

// Extension globs: `*.ext` or `*.{a,b}`, alone or after `**/`.
const EXTENSION_GLOB = /^(?:\*\*\/)?\*(?:(\.[\w-]+(?:\.[\w-]+)*)|\.\{([\w-]+(?:\.[\w-]+)*(?:,[\w-]+(?:\.[\w-]+)*)*)\})$/;

/**
 * The endings every path a glob matches must have, for the common
 * extension globs; undefined for any other glob. A cheap necessary test
 * before picomatch's regular expression, whose lookaheads cost a
 * microsecond or more a path: the scan tests every listed file against
 * every rule's globs, and most fail on the extension alone.
 */
export function requiredEndings(glob: string): string[] | undefined {
  const m = EXTENSION_GLOB.exec(glob);
  if (!m) return undefined;
  return m[1] !== undefined ? [m[1]] : m[2]!.split(',').map((ext) => `.${ext}`);
}

function globMatcher(glob: string): (path: string) => boolean {
  const match = picomatch(glob, GLOB);
  const endings = requiredEndings(glob);
  if (!endings) return match;
  return (path) => endings.some((ending) => path.endsWith(ending)) && match(path);
}

function anyOf(globs: readonly string[] | undefined): ((path: string) => boolean) | undefined {
  if (!globs || globs.length === 0) return undefined;
  const matchers = globs.map(globMatcher);
  return matchers.length === 1 ? matchers[0] : (path) => matchers.some((match) => match(path));
}

export function compileRule(rule: RuleConfig): CompiledRule {
  const files = anyOf(rule.files);
  const ignore = anyOf(rule.ignore);
  // The scan asks about the same file several times in a row (to read it, to pick the rules, to match).
  let lastFile: string | undefined;
  let lastAnswer = false;
  const appliesTo = (file: string): boolean => {
    if (file === lastFile) return lastAnswer;
    lastFile = file;
    lastAnswer = (!files || files(file)) && !(ignore && ignore(file));
    return lastAnswer;
  };
  if (rule.import) {
    const match = anyOf(rule.import)!;
    return { id: rule.id, kind: 'import', appliesTo, matchesImport: match };
  }
  if (rule.pattern !== undefined) {
    const literal = requiredLiteral(rule.pattern);
    return { id: rule.id, kind: 'pattern', appliesTo, pattern: { anywhere: new RegExp(rule.pattern, 'm'), inLine: new RegExp(rule.pattern, 'g'), ...(literal ? { literal: Buffer.from(literal, 'utf8') } : {}) } };
  }
  return { id: rule.id, kind: 'path', appliesTo, matchesPath: anyOf(rule.path)! };
}
