/**
 * `rollgate legacy-lint`: scan, match, and judge against the allowlist, the
 * baseline and (in a pull request) the lines the pull request adds.
 */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { isSeq, parseDocument } from 'yaml';
import { formatIssue, formatPath, valueAt } from '../../config/describe-issue';
import { displayPath } from '../../config/load';
import type { RunContext } from '../../context';
import { UserError } from '../../errors';
import { writeFileAtomic } from '../../io/atomic-write';
import { baselineFileSchema, serializeBaseline, type BaselineEntry } from './baseline';
import { dayOf } from './dates';
import { evaluate, type ChangedLines, type Evaluation } from './evaluate';
import { changesSince, fileAt } from './git/changes';
import { listFiles } from './scan/list-files';
import { scanFiles, StuckPatternError } from './scan/pool';
import type { Skipped } from './scan/read-files';
import type { LegacyLintConfig } from './schema';
import { toPosix } from '../../io/posix-path';

export interface LegacyLintResult extends Omit<Evaluation, 'nextBaseline'> {
  /** Files read and matched. */
  scanned: number;
  skipped: Skipped & { files: number; reason: string };
  /** Files whose imports could not be read to the end (a syntax error); import rules saw only what came before. */
  parseErrors: Array<{ file: string; line: number; column: number; message: string }>;
  /** Set in diff mode: findings are limited to lines added since `base`. */
  changedOnly?: { base: string; against: string; files: number };
  baselineFile?: string;
  /** --update-baseline wrote this many entries. */
  baselineWritten?: number;
  /** --prune removed these stale allow entries from the config. */
  pruned: Array<{ rule: string; path: string }>;
  /** Repository root, which findings' paths are relative to. */
  root: string;
  /** The working directory within it ('' at the root): where the rules', allowlist's and baseline's paths start. */
  prefix: string;
}

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);

function flag(ctx: RunContext, name: string): boolean {
  return ctx.inputs?.[name] === true || ctx.inputs?.[name] === 'true';
}

function changedOnlyMode(ctx: RunContext): boolean {
  const raw = ctx.inputs?.['changed-only'];
  const value = typeof raw === 'string' ? raw.trim().toLowerCase() : raw === true ? 'on' : 'auto';
  if (value === 'on' || value === 'true') return true;
  if (value === 'off' || value === 'false') return false;
  if (value === 'auto' || value === '') return Boolean(ctx.github && PULL_REQUEST_EVENTS.has(ctx.github.eventName) && ctx.github.pullRequest);
  throw new UserError(`--changed-only: expected auto, on or off, found "${String(raw)}"`);
}

function readBaseline(text: string, shown: string): BaselineEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UserError(`the baseline is not valid JSON: ${(error as Error).message}; regenerate it with --update-baseline`, { file: shown });
  }
  const parsed = baselineFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UserError(`${formatIssue(issue, valueAt(data, issue.path))}; regenerate it with --update-baseline`, { file: shown, path: formatPath(issue.path) });
  }
  return parsed.data.entries;
}

export async function runLegacyLint(config: LegacyLintConfig, ctx: RunContext): Promise<LegacyLintResult> {
  const today = dayOf(ctx.now());
  const list = await listFiles(ctx.cwd);
  const root = list.root;
  // Rules, the allowlist and the baseline speak of paths under the working directory; findings go out relative to the repository root.
  const toRepo = (file: string) => (list.prefix ? `${list.prefix}/${file}` : file);
  // The config and the baseline quote what the rules look for; linting them would only find the rules themselves.
  const own = new Set([ctx.configSource?.file, config.baseline].filter((f): f is string => Boolean(f)).map((f) => toPosix(relative(ctx.cwd, resolve(ctx.cwd, f)))));
  const scan = await scanFiles({ root: ctx.cwd, files: list.files.filter((f) => !own.has(f)), rules: config.rules, maxFileSize: config.maxFileSize, patternTimeoutMs: config.patternTimeout * 1000 }).catch((error: unknown) => {
    if (!(error instanceof StuckPatternError)) throw error;
    const path = ['rules', error.ruleIndex, 'pattern'];
    const line = ctx.configSource?.lineOf(path);
    throw new UserError(error.message, ctx.configSource ? { file: ctx.configSource.file, path: `rules[${error.ruleIndex}].pattern`, ...(line ? { line } : {}) } : undefined);
  });
  const matches = scan.matches.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));

  const changedOnly = changedOnlyMode(ctx);
  const baseRef = ctx.inputs?.base as string | undefined;
  let changed: (ChangedLines & { against: string }) | undefined;
  if (changedOnly || baseRef) {
    if (!list.git) throw new UserError('--changed-only needs a git repository to diff against; run it in a clone, or without --changed-only / --base');
    const target = baseRef ? { ref: baseRef } : ctx.github?.pullRequest ? { branch: ctx.github.pullRequest.baseRef } : undefined;
    if (!target) throw new UserError('--changed-only outside a pull request needs --base REF (the branch to compare with, e.g. origin/main)');
    const changes = await changesSince(root, target, (text) => ctx.log.info(text));
    const under = (file: string) => (list.prefix ? (file.startsWith(`${list.prefix}/`) ? file.slice(list.prefix.length + 1) : undefined) : file);
    const lines = new Map<string, ReadonlySet<number>>();
    for (const [file, set] of changes.lines) {
      const local = under(file);
      if (local !== undefined) lines.set(local, set);
    }
    const addedFiles = new Set([...changes.addedFiles].map(under).filter((f): f is string => f !== undefined));
    changed = { lines, addedFiles, base: changes.base, head: 'HEAD', against: changes.against };
  }

  let baseline: BaselineEntry[] | undefined;
  let baseBaseline: BaselineEntry[] | undefined;
  let baselinePath: string | undefined;
  if (config.baseline) {
    baselinePath = resolve(ctx.cwd, config.baseline);
    const shown = displayPath(baselinePath, ctx.cwd);
    let text: string | undefined;
    try {
      text = readFileSync(baselinePath, 'utf8');
    } catch {
      text = undefined; // No baseline yet: every finding is new until --update-baseline writes one.
    }
    if (text !== undefined) baseline = readBaseline(text, shown);
    if (changed && baseline) {
      const atBase = await fileAt(root, changed.base, toPosix(relative(root, baselinePath)));
      baseBaseline = atBase === undefined ? undefined : readBaseline(atBase, `${shown} at ${changed.base.slice(0, 12)}`);
    }
  } else if (flag(ctx, 'update-baseline')) {
    throw new UserError('--update-baseline needs a baseline file: set baseline: .rollgate/legacy-baseline.json in the config', ctx.configSource ? { file: ctx.configSource.file } : undefined);
  }

  let baselineWritten: number | undefined;
  if (flag(ctx, 'update-baseline') && baselinePath) {
    // The baseline records the whole tree whatever the diff mode: it is the state of the code, not of a pull request.
    const next = evaluate({ config, matches, today, strictBaseline: false }).nextBaseline;
    writeFileAtomic(baselinePath, serializeBaseline(next));
    baseline = next;
    baselineWritten = next.length;
  }

  const inputs = { config, matches, today, ...(baseline ? { baseline } : {}), ...(baseBaseline ? { baseBaseline } : {}), ...(changed ? { changed } : {}), strictBaseline: flag(ctx, 'strict-baseline') };
  const evaluation = evaluate(inputs);

  const pruned: LegacyLintResult['pruned'] = [];
  let verdict = evaluation;
  if (flag(ctx, 'prune') && evaluation.stale.length > 0) {
    const file = ctx.configSource?.file;
    if (!file) throw new UserError('--prune rewrites the config file, and this run has none');
    const staleIndexes = new Set(evaluation.stale.map((s) => s.index));
    pruneAllowEntries(resolve(ctx.cwd, file), [...staleIndexes]);
    pruned.push(...evaluation.stale.map((s) => ({ rule: s.rule, path: s.path })));
    // Judge again without them, so the result is what the pruned config now says.
    verdict = evaluate({ ...inputs, config: { ...config, allow: config.allow.filter((_, i) => !staleIndexes.has(i)) } });
  }

  const skippedFiles = scan.skipped.binary + scan.skipped.large + scan.skipped.symlinks + scan.skipped.unreadable;
  const reasons = [
    scan.skipped.binary ? `${scan.skipped.binary} binary` : '',
    scan.skipped.large ? `${scan.skipped.large} over ${config.maxFileSize.toLocaleString('en-US')} bytes` : '',
    scan.skipped.symlinks ? `${scan.skipped.symlinks} symlink${scan.skipped.symlinks === 1 ? '' : 's'}` : '',
    scan.skipped.unreadable ? `${scan.skipped.unreadable} unreadable` : '',
  ].filter(Boolean);
  const { nextBaseline: _written, ...judged } = verdict;
  return {
    ...judged,
    findings: verdict.findings.map((f) => ({ ...f, file: toRepo(f.file) })),
    scanned: list.files.length - skippedFiles,
    skipped: { ...scan.skipped, files: skippedFiles, reason: reasons.join(', ') },
    parseErrors: scan.parseErrors.map((p) => ({ ...p, file: toRepo(p.file) })),
    ...(changed ? { changedOnly: { base: changed.base, against: changed.against, files: new Set([...changed.lines.keys(), ...changed.addedFiles]).size } } : {}),
    ...(baselinePath ? { baselineFile: displayPath(baselinePath, ctx.cwd) } : {}),
    ...(baselineWritten !== undefined ? { baselineWritten } : {}),
    pruned,
    root,
    prefix: list.prefix,
  };
}

/** Removes allow entries by index, keeping the rest of the file (comments, order, style) as it was. */
function pruneAllowEntries(file: string, indexes: number[]): void {
  const doc = parseDocument(readFileSync(file, 'utf8'));
  const allow = doc.get('allow', true);
  if (!isSeq(allow)) return;
  for (const index of [...indexes].sort((a, b) => b - a)) allow.items.splice(index, 1);
  writeFileAtomic(file, doc.toString());
}
