import picomatch from 'picomatch';
import type { RunContext } from '../../context';
import { UserError } from '../../errors';
import type { Finding } from '../../report/model';
import { CHECKS } from './checks/index';
import type { CheckDefinition, CheckOutcome } from './checks/types';
import type { CheckConfig, ChecklistConfig } from './schema';
import { createWorkspace, type Workspace } from './workspace';

export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skip';

export interface CheckResult {
  id: string;
  name: string;
  type: string;
  level: 'blocker' | 'warning';
  status: CheckStatus;
  observed?: string;
  expected?: string;
  details: string;
  durationMs: number;
}

export interface ChecklistResult {
  passed: boolean;
  checks: CheckResult[];
  /** Names of failed blocker checks. */
  blockers: string[];
  counts: Record<CheckStatus, number>;
  findings: Finding[];
}

const BY_TYPE = new Map<string, CheckDefinition>(CHECKS.map((check) => [check.type, check as unknown as CheckDefinition]));

async function whenSkips(check: CheckConfig, workspace: Workspace): Promise<string | undefined> {
  if (!check.when) return undefined;
  const changes = await workspace.changedFiles();
  // Without a diff we cannot prove the paths are untouched, so the check runs.
  if (!changes) return undefined;
  const touched = picomatch(check.when.paths, { dot: true });
  return changes.files.some((file) => touched(file)) ? undefined : `no change under ${check.when.paths.join(', ')} (${changes.source})`;
}

async function runOne(check: CheckConfig, index: number, ctx: RunContext, workspace: Workspace): Promise<{ result: CheckResult; findings: Finding[] }> {
  const started = Date.now();
  const name = check.name ?? check.id;
  let outcome: CheckOutcome;
  const skipReason = await whenSkips(check, workspace);
  if (skipReason) {
    outcome = { status: 'skip', details: skipReason };
  } else {
    try {
      outcome = await BY_TYPE.get(check.type)!.run(check, { ctx, workspace, configPath: ['checks', index] });
    } catch (error) {
      if (error instanceof UserError) throw error;
      // An outage (API 5xx after retries, a crashed git) fails this check, visibly, not the whole run.
      outcome = { status: 'fail', observed: 'error', details: `could not run: ${(error as Error).message}` };
      ctx.log.debug((error as Error).stack ?? String(error));
    }
  }
  const status: CheckStatus = outcome.status === 'fail' && check.level === 'warning' ? 'warn' : outcome.status;
  const findings = (outcome.findings ?? []).map((finding) => (check.level === 'warning' && finding.level === 'error' ? { ...finding, level: 'warning' as const } : finding));
  const source = ctx.configSource;
  if ((status === 'fail' || status === 'warn') && source) {
    // Point at the check's own line in the config, so the annotation lands where the gate is set.
    const line = source.lineOf(['checks', index]);
    findings.unshift({
      level: status === 'fail' ? 'error' : 'warning',
      title: `${status === 'fail' ? 'Blocker' : 'Warning'}: ${name}`,
      message: [outcome.observed && outcome.expected ? `${outcome.observed} (expected ${outcome.expected})` : undefined, outcome.details].filter(Boolean).join('. '),
      file: source.file,
      ...(line ? { line } : {}),
      ruleId: `checklist/${check.type}`,
    });
  }
  return {
    result: {
      id: check.id,
      name,
      type: check.type,
      level: check.level,
      status,
      ...(outcome.observed !== undefined ? { observed: outcome.observed } : {}),
      ...(outcome.expected !== undefined ? { expected: outcome.expected } : {}),
      details: outcome.details,
      durationMs: Date.now() - started,
    },
    findings,
  };
}

export async function runChecklist(config: ChecklistConfig, ctx: RunContext): Promise<ChecklistResult> {
  const workspace = createWorkspace(ctx);
  const slots: Array<{ result: CheckResult; findings: Finding[] } | undefined> = new Array(config.checks.length);
  // Readers run together; shell commands run one at a time so they do not fight over ports and CPU.
  await Promise.all(
    config.checks.map(async (check, index) => {
      if (check.type !== 'command') slots[index] = await runOne(check, index, ctx, workspace);
    }),
  );
  for (const [index, check] of config.checks.entries()) {
    if (check.type === 'command') slots[index] = await runOne(check, index, ctx, workspace);
  }
  const done = slots as Array<{ result: CheckResult; findings: Finding[] }>;
  const checks = done.map((slot) => slot.result);
  const counts: Record<CheckStatus, number> = { pass: 0, fail: 0, warn: 0, skip: 0 };
  for (const check of checks) counts[check.status]++;
  const blockers = checks.filter((check) => check.status === 'fail').map((check) => check.name);
  return { passed: blockers.length === 0, checks, blockers, counts, findings: done.flatMap((slot) => slot.findings) };
}
