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

function anyOf(globs: readonly string[] | undefined): ((path: string) => boolean) | undefined {
  return globs && globs.length > 0 ? picomatch(globs as string[], GLOB) : undefined;
}

export function compileRule(rule: RuleConfig): CompiledRule {
  const files = anyOf(rule.files);
  const ignore = anyOf(rule.ignore);
  const appliesTo = (file: string) => (!files || files(file)) && !(ignore && ignore(file));
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
