import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { UserError } from '../../../errors';
import type { Finding } from '../../../report/model';
import type { Workspace } from '../workspace';
import { commonFields, defineCheck } from './types';

const ruleFile = z.object({
  groups: z.array(
    z.object({
      name: z.string(),
      rules: z.array(z.object({ alert: z.string().optional(), record: z.string().optional(), annotations: z.record(z.string(), z.string()).optional() })).default([]),
    }),
  ),
});

interface AlertRule {
  alert: string;
  runbookUrl?: string;
  file: string;
  line?: number;
}

function readAlertRules(text: string, file: string): AlertRule[] {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  if (doc.errors[0]) {
    const { line, col } = counter.linePos(doc.errors[0].pos[0]);
    throw new UserError(`invalid YAML: ${doc.errors[0].message.split('\n')[0]}`, { file, line, column: col });
  }
  const parsed = ruleFile.safeParse(doc.toJS());
  if (!parsed.success) {
    throw new UserError(`expected a Prometheus rule file (groups: [{name, rules: [...]}]); ${parsed.error.issues[0]?.message ?? 'wrong shape'}`, { file });
  }
  const alerts: AlertRule[] = [];
  parsed.data.groups.forEach((group, g) => {
    group.rules.forEach((rule, r) => {
      if (!rule.alert) return;
      const node = doc.getIn(['groups', g, 'rules', r], true) as { range?: [number, number, number] } | undefined;
      alerts.push({
        alert: rule.alert,
        runbookUrl: rule.annotations?.runbook_url,
        file,
        line: node?.range ? counter.linePos(node.range[0]).line : undefined,
      });
    });
  });
  return alerts;
}

/**
 * The repository path a runbook URL names, or a reason it names none. Accepts
 * repo-relative paths and blob/tree URLs of this repository; the ref may hold
 * slashes, so each split point is tried against the files that exist.
 */
export async function resolveRunbook(url: string, repository: string | undefined, workspace: Workspace): Promise<{ path?: string; problem?: string }> {
  const withoutFragment = url.split('#')[0]!.split('?')[0]!;
  if (!/^[a-z][a-z0-9+.-]*:/i.test(withoutFragment)) {
    const path = withoutFragment.replace(/^\.?\//, '');
    return (await workspace.exists(path)) ? { path } : { problem: `${path} does not exist in the repository` };
  }
  let parsed: URL;
  try {
    parsed = new URL(withoutFragment);
  } catch {
    return { problem: `"${url}" is not a valid URL` };
  }
  const segments = parsed.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const [owner, repo, kind, ...rest] = segments;
  if (!owner || !repo || (kind !== 'blob' && kind !== 'tree') || rest.length < 2) {
    return { problem: `${url} is not a link to a file in a repository (expected …/OWNER/REPO/blob/REF/PATH)` };
  }
  if (repository && `${owner}/${repo}`.toLowerCase() !== repository.toLowerCase()) {
    return { problem: `${url} points at ${owner}/${repo}, not this repository (${repository})` };
  }
  for (let refLength = 1; refLength < rest.length; refLength++) {
    const path = rest.slice(refLength).join('/');
    if (await workspace.exists(path)) return { path };
  }
  return { problem: `${rest.slice(1).join('/')} (from ${url}) does not exist in the repository` };
}

export const runbooksCheck = defineCheck({
  type: 'runbooks',
  schema: z.strictObject({
    ...commonFields,
    type: z.literal('runbooks'),
    rules: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).describe('Prometheus rule file(s); globs allowed.'),
    repository: z.string().regex(/^[^/\s]+\/[^/\s]+$/).optional().describe('owner/name that runbook URLs must point at (default: the workflow repository).'),
  }),
  async run(check, { ctx, workspace }) {
    const patterns = Array.isArray(check.rules) ? check.rules : [check.rules];
    const files = await workspace.glob(patterns);
    const expected = 'every alert has a runbook_url that resolves to a file in the repository';
    if (files.length === 0) return { status: 'fail', observed: 'no rule file', expected, details: `no file matches ${patterns.join(', ')}` };
    const repository = check.repository ?? (ctx.github ? `${ctx.github.owner}/${ctx.github.repo}` : undefined);
    const findings: Finding[] = [];
    let alerts = 0;
    for (const file of files) {
      for (const rule of readAlertRules((await workspace.readText(file)) ?? '', file)) {
        alerts++;
        const problem = rule.runbookUrl ? (await resolveRunbook(rule.runbookUrl, repository, workspace)).problem : 'no annotations.runbook_url';
        if (problem) {
          findings.push({ level: 'error', title: `Alert ${rule.alert} has no usable runbook`, message: problem, file: rule.file, ...(rule.line ? { line: rule.line } : {}), ruleId: 'checklist/runbook' });
        }
      }
    }
    const observed = `${alerts - findings.length}/${alerts} alerts with a runbook`;
    if (findings.length) {
      return { status: 'fail', observed, expected, details: findings.slice(0, 3).map((f) => `${f.title.replace(/^Alert /, '').replace(/ has no usable runbook$/, '')}: ${f.message}`).join('; ') + (findings.length > 3 ? '; …' : ''), findings };
    }
    return { status: 'pass', observed, expected, details: `${files.length} rule file${files.length === 1 ? '' : 's'}` };
  },
});
