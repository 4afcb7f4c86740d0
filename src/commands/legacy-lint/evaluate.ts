/**
 * The lint's verdict, pure: matches, rules, allowlist, baseline and (in a
 * pull request) the lines it adds in; findings with their severity and
 * whether they are new or allowed, per-rule counts, and the allowlist and
 * baseline problems out. `today` is an input, never read here.
 */
import { applyAllowlist } from './allowlist';
import { baselineGrowth, buildBaseline, fingerprint, splitByBaseline, type BaselineEntry } from './baseline';
import { parseDay } from './dates';
import type { Match } from './match/scan-file';
import type { LegacyLintConfig } from './schema';

export type Severity = 'error' | 'warning';

export interface LintFinding {
  rule: string;
  file: string;
  line: number;
  column: number;
  severity: Severity;
  message: string;
  /** Not covered by the baseline. */
  new: boolean;
  /** Covered by an unexpired allow entry (then it never fails). */
  allowed: boolean;
  /** The import specifier, the matched text or the path. */
  matched: string;
  /** Hash of the normalised line, and which of the identical lines in the file this is: the same use from run to run, wherever it moves. */
  identity: string;
}

export interface RuleSummary {
  id: string;
  kind: 'import' | 'pattern' | 'path';
  severity: Severity;
  /** Findings of the rule in the whole scan (allowed ones included). */
  count: number;
  new: number;
  allowed: number;
  /** Baseline entries of the rule no longer found. */
  fixed: number;
  sunset?: string;
  daysLeft?: number;
  /** Owners of the rule's allow entries. */
  owners: string[];
}

export interface AllowProblem {
  rule: string;
  path: string;
  owner: string;
  expires: string;
  /** Where the entry is in the config: allow[index]. */
  index: number;
  reason: string;
}

/** Which lines a pull request adds, per file; a file it adds is in addedFiles as well. */
export interface ChangedLines {
  lines: ReadonlyMap<string, ReadonlySet<number>>;
  addedFiles: ReadonlySet<string>;
  base: string;
  head: string;
}

export interface EvaluateInput {
  config: LegacyLintConfig;
  matches: readonly Match[];
  today: number;
  baseline?: readonly BaselineEntry[];
  /** The base branch's baseline, in a pull request: the baseline may not grow. */
  baseBaseline?: readonly BaselineEntry[];
  changed?: ChangedLines;
  strictBaseline: boolean;
}

export interface Evaluation {
  passed: boolean;
  findings: LintFinding[];
  rules: RuleSummary[];
  stale: AllowProblem[];
  expired: AllowProblem[];
  baseline?: {
    entries: number;
    fixed: Array<{ rule: string; file: string; text: string; count: number }>;
    grew: Array<{ rule: string; file: string; text: string; added: number }>;
  };
  /** What --update-baseline would write: every finding not allowed. */
  nextBaseline: BaselineEntry[];
}

export function severityOf(rule: LegacyLintConfig['rules'][number], today: number): { severity: Severity; daysLeft?: number } {
  if (rule.severity) return { severity: rule.severity };
  if (rule.sunset === undefined) return { severity: 'error' };
  const daysLeft = parseDay(rule.sunset)! - today;
  return { severity: daysLeft <= 0 ? 'error' : 'warning', daysLeft };
}

export function evaluate(input: EvaluateInput): Evaluation {
  const { config, matches, today } = input;
  const allow = applyAllowlist(matches, config.allow, today);
  const unallowed = matches.filter((_, i) => !allow.allowed.has(i));
  const split = input.baseline ? splitByBaseline(unallowed, input.baseline) : undefined;
  const freshMatches = new Set<Match>(split ? [...split.fresh].map((i) => unallowed[i]!) : unallowed);
  const rules = new Map(config.rules.map((r) => [r.id, { rule: r, ...severityOf(r, today) }]));

  const inDiff = (m: Match) => {
    const changed = input.changed;
    if (!changed) return true;
    if (changed.addedFiles.has(m.file)) return true;
    // A retired path is new in a pull request only when the pull request adds the file.
    if (m.kind === 'path') return false;
    return changed.lines.get(m.file)?.has(m.line) ?? false;
  };

  const findings: LintFinding[] = [];
  const seen = new Map<string, number>();
  matches.forEach((m, i) => {
    const print = fingerprint(m.lineText);
    const key = `${m.rule}\u0000${m.file}\u0000${print}`;
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    if (!inDiff(m)) return;
    const info = rules.get(m.rule)!;
    findings.push({
      rule: m.rule,
      file: m.file,
      line: m.line,
      column: m.column,
      severity: info.severity,
      message: info.rule.message,
      new: !allow.allowed.has(i) && freshMatches.has(m),
      allowed: allow.allowed.has(i),
      matched: m.matched,
      identity: `${print}/${occurrence}`,
    });
  });

  const problem = (status: (typeof allow.entries)[number], reason: string): AllowProblem => ({ rule: status.entry.rule, path: status.entry.path, owner: status.entry.owner, expires: status.entry.expires, index: status.index, reason });
  const expired = allow.entries.filter((s) => s.expired).map((s) => {
    const when = s.daysLeft === null ? `expires "${s.entry.expires}" is not a date (YYYY-MM-DD); a malformed date counts as expired` : `expired ${s.entry.expires}${s.daysLeft < 0 ? ` (${-s.daysLeft} day${s.daysLeft === -1 ? '' : 's'} ago)` : ' (today)'}`;
    return problem(s, `${when}${s.matches ? `; it no longer allows its ${s.matches} finding${s.matches === 1 ? '' : 's'}` : ''}`);
  });
  const stale = allow.entries.filter((s) => !s.expired && s.matches === 0).map((s) => problem(s, `matches no finding of ${s.entry.rule} in ${s.entry.path}: the use is gone, so remove the entry (or run with --prune)`));

  const fixedByRule = new Map<string, number>();
  for (const f of split?.fixed ?? []) fixedByRule.set(f.rule, (fixedByRule.get(f.rule) ?? 0) + f.fixedCount);
  const summaries: RuleSummary[] = config.rules.map((r) => {
    const info = rules.get(r.id)!;
    const all = matches.filter((m) => m.rule === r.id);
    const ruleFindings = findings.filter((f) => f.rule === r.id);
    return {
      id: r.id,
      kind: r.import ? 'import' : r.pattern !== undefined ? 'pattern' : 'path',
      severity: info.severity,
      count: all.length,
      new: ruleFindings.filter((f) => f.new).length,
      allowed: ruleFindings.filter((f) => f.allowed).length,
      fixed: fixedByRule.get(r.id) ?? 0,
      ...(r.sunset !== undefined ? { sunset: r.sunset, daysLeft: info.daysLeft! } : {}),
      owners: [...new Set(config.allow.filter((a) => a.rule === r.id).map((a) => a.owner))],
    };
  });

  const nextBaseline = buildBaseline(unallowed);
  const grew = input.baseline && input.baseBaseline ? baselineGrowth(input.baseline, input.baseBaseline) : [];
  const failing = findings.some((f) => f.new && !f.allowed && f.severity === 'error');
  const passed = !failing && expired.length === 0 && stale.length === 0 && grew.length === 0 && !(input.strictBaseline && (split?.fixed.length ?? 0) > 0);
  return {
    passed,
    findings,
    rules: summaries,
    stale,
    expired,
    ...(input.baseline
      ? {
          baseline: {
            entries: input.baseline.length,
            fixed: (split?.fixed ?? []).map((f) => ({ rule: f.rule, file: f.file, text: f.text, count: f.fixedCount })),
            grew: grew.map((g) => ({ rule: g.rule, file: g.file, text: g.text, added: g.added })),
          },
        }
      : {}),
    nextBaseline,
  };
}
