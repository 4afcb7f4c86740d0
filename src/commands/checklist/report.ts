import type { Report, RuleDescriptor } from '../../report/model';
import { CHECKS } from './checks/index';
import type { ChecklistResult } from './run';
import { plural } from '../../report/text';

const RULES: RuleDescriptor[] = CHECKS.map((check) => ({
  id: `checklist/${check.type}`,
  name: check.type,
  description: `Rollgate readiness check of type ${check.type}`,
}));


export function checklistReport(result: ChecklistResult): Report {
  const { counts } = result;
  const total = result.checks.length;
  const tail = [counts.warn ? plural(counts.warn, 'warning') : '', counts.skip ? `${counts.skip} skipped` : ''].filter(Boolean).join(', ');
  const headline = result.passed
    ? `Ready: ${counts.pass} of ${total} checks passed${tail ? ` (${tail})` : ''}`
    : `Not ready: ${plural(result.blockers.length, 'blocker')} failed (${result.blockers.join(', ')})${tail ? `; ${tail}` : ''}`;
  return {
    command: 'checklist',
    passed: result.passed,
    headline,
    gates: result.checks.map((check) => ({
      id: check.id,
      name: check.name,
      status: check.status,
      ...(check.observed !== undefined ? { observed: check.observed } : {}),
      ...(check.expected !== undefined ? { expected: check.expected } : {}),
      details: check.details,
      durationSeconds: check.durationMs / 1000,
    })),
    findings: result.findings,
    sections: [],
    rules: RULES,
    outputs: {
      blockers: result.blockers.join(', '),
      'failed-checks': result.checks.filter((c) => c.status === 'fail').map((c) => c.id).join(','),
      'warned-checks': result.checks.filter((c) => c.status === 'warn').map((c) => c.id).join(','),
    },
  };
}
