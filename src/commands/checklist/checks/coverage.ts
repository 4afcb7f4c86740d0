import { z } from 'zod';
import { lowestCoveredFiles, parseCoverage } from '../parsers/coverage';
import { commonFields, defineCheck, formatPct } from './types';

const METRICS = ['lines', 'branches', 'functions', 'statements'] as const;
const percent = z.number().min(0).max(100);

export const coverageCheck = defineCheck({
  type: 'coverage',
  schema: z.strictObject({
    ...commonFields,
    type: z.literal('coverage'),
    report: z.string().min(1).describe('istanbul json-summary, lcov.info or Cobertura XML; recognised by content.'),
    min: z
      .strictObject({ lines: percent.optional(), branches: percent.optional(), functions: percent.optional(), statements: percent.optional() })
      .refine((min) => METRICS.some((metric) => min[metric] !== undefined), 'set at least one of lines, branches, functions, statements')
      .describe('Minimum percentages.'),
  }),
  async run(check, { workspace }) {
    const wanted = METRICS.filter((metric) => check.min[metric] !== undefined);
    const expected = wanted.map((metric) => `${metric} ≥ ${formatPct(check.min[metric]!)}`).join(', ');
    const text = await workspace.readText(check.report);
    if (text === undefined) {
      return { status: 'fail', observed: 'no report', expected, details: `coverage report not found: ${check.report}` };
    }
    const summary = parseCoverage(text, check.report);
    const observedParts: string[] = [];
    const shortfalls: string[] = [];
    for (const metric of wanted) {
      const measured = summary.totals[metric];
      const minimum = check.min[metric]!;
      if (!measured) {
        observedParts.push(`${metric} n/a`);
        shortfalls.push(`${metric}: the ${summary.format} report has no ${metric} data`);
        continue;
      }
      observedParts.push(`${metric} ${formatPct(measured.pct)}`);
      if (measured.pct < minimum) {
        const worst = lowestCoveredFiles(summary, metric, 3)
          .map((file) => `${file.file} ${formatPct(file.pct)}`)
          .join(', ');
        shortfalls.push(`${metric} ${formatPct(measured.pct)} < ${formatPct(minimum)} (${measured.covered}/${measured.total})${worst ? `; lowest: ${worst}` : ''}`);
      }
    }
    return {
      status: shortfalls.length ? 'fail' : 'pass',
      observed: observedParts.join(', '),
      expected,
      details: shortfalls.length ? shortfalls.join('; ') : `${summary.format} report ${check.report}`,
    };
  },
});
