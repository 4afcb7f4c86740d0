import { z } from 'zod';
import type { Finding } from '../../../report/model';
import { mergeTestReports, parseJUnit } from '../parsers/junit';
import { commonFields, defineCheck, reportPaths } from './types';

export const testsCheck = defineCheck({
  type: 'tests',
  schema: z.strictObject({
    ...commonFields,
    type: z.literal('tests'),
    report: reportPaths.describe('JUnit XML file(s); globs allowed.'),
    minTests: z.number().int().min(0).default(1).describe('Fewer tests than this fails (catches a suite that silently ran nothing).'),
  }),
  async run(check, { workspace }) {
    const expected = `0 failed, ≥ ${check.minTests} test${check.minTests === 1 ? '' : 's'}`;
    const files = await workspace.glob(check.report);
    if (files.length === 0) {
      return { status: 'fail', observed: 'no report', expected, details: `no JUnit report matches ${check.report.join(', ')}` };
    }
    const reports = [];
    for (const file of files) reports.push(parseJUnit((await workspace.readText(file)) ?? '', file));
    const total = mergeTestReports(reports);
    const broken = total.failures + total.errors;
    const observed = `${total.tests} tests, ${total.failures} failed, ${total.errors} errors, ${total.skipped} skipped`;
    const findings: Finding[] = total.failed.map((test) => ({
      level: 'error',
      title: `Test ${test.kind}: ${test.name}`,
      message: `${test.suite}${test.classname && test.classname !== test.suite ? ` › ${test.classname}` : ''} › ${test.name}: ${test.message}`,
      ...(test.file ? { file: test.file } : {}),
      ...(test.line ? { line: test.line } : {}),
      ruleId: 'checklist/test-failure',
    }));
    const problems: string[] = [];
    if (broken > 0) problems.push(`${broken} test${broken === 1 ? '' : 's'} failed: ${total.failed.slice(0, 3).map((t) => t.name).join(', ')}${broken > 3 ? ', …' : ''}`);
    if (total.tests < check.minTests) problems.push(`${total.tests} tests < ${check.minTests}`);
    return {
      status: problems.length ? 'fail' : 'pass',
      observed,
      expected,
      details: problems.length ? problems.join('; ') : `${files.length} report${files.length === 1 ? '' : 's'}: ${files.join(', ')}`,
      findings,
    };
  },
});
