/**
 * Matches every rule against one file's text, pure. Imports are extracted
 * once per file by a tokenizer for its language; patterns are tried on the
 * whole text first (most files have no match, and one search is far cheaper
 * than one per line), then line by line where there is one, so a match never
 * spans lines.
 */
import { extractImports } from '../imports/index';
import type { BabelParser } from '../imports/js';
import { languageOf } from './language';
import type { CompiledRule } from './rules';
import { candidates } from './specifier';

export interface Match {
  rule: string;
  kind: 'import' | 'pattern' | 'path';
  /** Repository-relative, forward slashes. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units (SARIF's default). */
  column: number;
  /** The whole line the match is on, without its line break. */
  lineText: string;
  /** What matched: the import specifier, the matched text, or the path. */
  matched: string;
}

export interface FileScan {
  matches: Match[];
  /** The file's imports could not be read past this point (a syntax error); the rest of it was not checked for import rules. */
  parseError?: { line: number; column: number; message: string };
}

export interface ScanOptions {
  /** Hears each pattern rule's index (into `rules`) before it runs: the watchdog's heartbeat. */
  onRule?: (index: number) => void;
  /** The full parser, once loaded; without it a file that needs it gives 'needs-parser'. */
  babel?: BabelParser;
}

export function scanFile(file: string, text: string, rules: readonly CompiledRule[], options: ScanOptions = {}): FileScan | 'needs-parser' {
  const onRule = options.onRule;
  const matches: Match[] = [];
  const lines = new LineIndex(text);
  let parseError: FileScan['parseError'];
  const applicable = rules.filter((r) => r.appliesTo(file));
  const importRules = applicable.filter((r) => r.kind === 'import');
  const language = importRules.length > 0 ? languageOf(file) : undefined;
  if (language) {
    const scan = extractImports(text, language, file, options.babel);
    if (scan === 'needs-parser') return scan;
    if (scan.error) parseError = { ...lines.position(scan.error.offset), message: scan.error.message };
    for (const ref of scan.imports) {
      const names = [...candidates(ref.specifier, file, language), ...(ref.alternates ?? []).flatMap((alt) => candidates(alt, file, language))];
      for (const rule of importRules) {
        if (!names.some((name) => rule.matchesImport!(name))) continue;
        const { line, column } = lines.position(ref.offset);
        matches.push({ rule: rule.id, kind: 'import', file, line, column, lineText: lines.text(line), matched: ref.specifier });
      }
    }
  }
  matches.push(...pathMatches(file, applicable));
  for (const rule of applicable) {
    if (rule.kind === 'pattern') {
      onRule?.(rules.indexOf(rule));
      const { anywhere, inLine } = rule.pattern!;
      if (!anywhere.test(text)) continue;
      for (let line = 1; line <= lines.count; line++) {
        const lineText = lines.text(line);
        inLine.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = inLine.exec(lineText)) !== null) {
          matches.push({ rule: rule.id, kind: 'pattern', file, line, column: m.index + 1, lineText, matched: m[0] });
          // An empty match would repeat forever.
          if (m[0] === '') inLine.lastIndex++;
        }
      }
    }
  }
  matches.sort((a, b) => a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
  return { matches, ...(parseError ? { parseError } : {}) };
}

/** Path rules need only the file's name: the findings for a file that is never read, and for one that is. */
export function pathMatches(file: string, rules: readonly CompiledRule[]): Match[] {
  return rules.filter((rule) => rule.kind === 'path' && rule.appliesTo(file) && rule.matchesPath!(file)).map((rule) => ({ rule: rule.id, kind: 'path', file, line: 1, column: 1, lineText: '', matched: file }));
}

/** Line starts, computed once per file that needs a position. */
class LineIndex {
  private starts: number[] | undefined;
  constructor(private readonly source: string) {}

  private get table(): number[] {
    if (!this.starts) {
      const starts = [0];
      let at = this.source.indexOf('\n');
      while (at >= 0) {
        starts.push(at + 1);
        at = this.source.indexOf('\n', at + 1);
      }
      this.starts = starts;
    }
    return this.starts;
  }

  get count(): number {
    const t = this.table;
    // A final line break does not start another line.
    return t.length > 1 && t[t.length - 1] === this.source.length ? t.length - 1 : t.length;
  }

  position(offset: number): { line: number; column: number } {
    const t = this.table;
    let lo = 0;
    let hi = t.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (t[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - t[lo]! + 1 };
  }

  text(line: number): string {
    const t = this.table;
    const start = t[line - 1]!;
    const end = line < t.length ? t[line]! - 1 : this.source.length;
    return this.source.slice(start, end).replace(/\r$/, '');
  }
}
