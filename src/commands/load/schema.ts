import { z } from 'zod';
import { parseExpression, parseMetricKey } from './thresholds';

const expressions = z.union([z.string(), z.array(z.string()).min(1)]).transform((value) => (Array.isArray(value) ? value : [value]));

export const loadConfigSchema = z
  .strictObject({
    results: z.array(z.string().min(1)).optional().describe('Result files (or --results); several files are merged, exactly where the format allows.'),
    thresholds: z
      .record(z.string(), expressions)
      .describe('k6 syntax: metric{tag:value,…} → expressions such as "p(95)<500", "rate<0.001", "count>0".'),
    noData: z.enum(['fail', 'warn', 'pass']).default('fail').describe('What a threshold whose metric has no samples means.'),
  })
  .superRefine((config, issues) => {
    if (Object.keys(config.thresholds).length === 0) {
      issues.addIssue({ code: 'custom', path: ['thresholds'], message: 'expected at least one threshold, e.g. http_req_duration: ["p(95)<500"]' });
    }
    for (const [key, list] of Object.entries(config.thresholds)) {
      const parsed = parseMetricKey(key);
      if (typeof parsed === 'string') {
        issues.addIssue({ code: 'custom', path: ['thresholds', key], message: parsed });
        continue;
      }
      list.forEach((text, index) => {
        const expression = parseExpression(text, parsed.metric);
        if (typeof expression === 'string') issues.addIssue({ code: 'custom', path: ['thresholds', key, index], message: expression });
      });
    }
  });

export type LoadConfig = z.output<typeof loadConfigSchema>;
