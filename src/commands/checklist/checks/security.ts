import { z } from 'zod';
import type { Finding } from '../../../report/model';
import { parseSecurityReport, SEVERITIES, severityAbove, type Severity } from '../parsers/security';
import { commonFields, defineCheck, reportPaths } from './types';

export const securityCheck = defineCheck({
  type: 'security',
  schema: z.strictObject({
    ...commonFields,
    type: z.literal('security'),
    report: reportPaths.describe('SARIF 2.1.0 or `npm audit --json` output; globs allowed.'),
    maxSeverity: z.enum(['none', ...SEVERITIES]).default('low').describe('Findings above this severity fail the check.'),
  }),
  async run(check, { workspace }) {
    const expected = check.maxSeverity === 'none' ? 'no findings' : `nothing above ${check.maxSeverity}`;
    const files = await workspace.glob(check.report);
    if (files.length === 0) {
      return { status: 'fail', observed: 'no report', expected, details: `no security report matches ${check.report.join(', ')}` };
    }
    const counts = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
    const findings: Finding[] = [];
    for (const file of files) {
      const report = parseSecurityReport((await workspace.readText(file)) ?? '', file);
      for (const finding of report.findings) {
        counts[finding.severity]++;
        const blocking = check.maxSeverity === 'none' || severityAbove(finding.severity, check.maxSeverity);
        if (!blocking) continue;
        findings.push({
          level: check.level === 'blocker' ? 'error' : 'warning',
          title: `${finding.severity} security finding: ${finding.id}`,
          message: `${finding.title}${finding.package ? ` (package ${finding.package})` : ''}${finding.url ? ` ${finding.url}` : ''}`,
          ...(finding.file ? { file: finding.file } : {}),
          ...(finding.line ? { line: finding.line } : {}),
          ruleId: finding.id,
        });
      }
    }
    const observed = [...SEVERITIES].reverse().filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`).join(', ') || 'no findings';
    return {
      status: findings.length ? 'fail' : 'pass',
      observed,
      expected,
      details: findings.length
        ? `${findings.length} finding${findings.length === 1 ? '' : 's'} above ${check.maxSeverity}: ${findings.slice(0, 3).map((f) => f.ruleId).join(', ')}${findings.length > 3 ? ', …' : ''}`
        : `${files.join(', ')}`,
      findings,
    };
  },
});
