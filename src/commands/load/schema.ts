import { z } from 'zod';
import { parseSelector } from './leak/prometheus-text';
import { parseDuration } from './runner/plan';
import { parseExpression, parseMetricKey } from './thresholds';

const seconds = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const parsed = parseDuration(value);
  if (parsed === undefined || !(parsed >= 0.1) || parsed > 3600) {
    ctx.addIssue({ code: 'custom', message: `expected a duration from 100ms to 1h, such as 5s or "500ms", found ${JSON.stringify(value)}` });
    return z.NEVER;
  }
  return parsed;
});

const expressions = z.union([z.string(), z.array(z.string()).min(1)]).transform((value) => (Array.isArray(value) ? value : [value]));

export const loadConfigSchema = z
  .strictObject({
    results: z.array(z.string().min(1)).optional().describe('Result files (or --results); several files are merged, exactly where the format allows.'),
    thresholds: z
      .record(z.string(), expressions)
      .describe('k6 syntax: metric{tag:value,…} → expressions such as "p(95)<500", "rate<0.001", "count>0".'),
    noData: z.enum(['fail', 'warn', 'pass']).default('fail').describe('What a threshold whose metric has no samples means.'),
    baseline: z
      .strictObject({
        alpha: z.number().gt(0).lt(0.5).default(0.05).describe('Significance level of the regression tests.'),
        relativeFloor: z.number().min(0).default(0.1).describe('A latency shift below this share of the baseline is never a regression.'),
        absoluteFloorMs: z.number().min(0).default(5).describe('Nor one below this many milliseconds.'),
        rateFloor: z.number().min(0).max(1).default(0.001).describe('Nor an error or 429 rate that rose by less than this (absolute).'),
        seed: z.number().int().default(1).describe('Seed of the bootstrap interval, so reruns agree.'),
      })
      .default({ alpha: 0.05, relativeFloor: 0.1, absoluteFloorMs: 5, rateFloor: 0.001, seed: 1 })
      .describe('How --baseline FILE (a previous run) is compared.'),
    rateLimit: z
      .strictObject({
        phase: z.string().min(1).describe('The phase that pushes past the sustainable rate (e.g. spike).'),
        endpoint: z.string().min(1).optional().describe('Only this endpoint\'s requests (the rate-limited one).'),
        min429Share: z.number().min(0).max(1).optional().describe('At least this share of the phase\'s requests must be answered 429: the overload is shed, not queued.'),
        max5xx: z.number().int().nonnegative().optional().describe('At most this many 5xx answers in the phase: shedding must not crash anything.'),
      })
      .refine((r) => r.min429Share !== undefined || r.max5xx !== undefined, { message: 'give min429Share, max5xx or both' })
      .optional()
      .describe('Asserts that overload is shed with 429s and no 5xx; needs results tagged by phase and status (rollgate load run, or k6 with a phase tag).'),
    leak: z
      .strictObject({
        url: z.url({ protocol: /^https?$/, error: 'expected the http(s) URL of a Prometheus-format /metrics endpoint' }).optional().describe('A Prometheus-format /metrics URL to read the memory gauge from (or --memory-url).'),
        metric: z
          .string()
          .default('process_resident_memory_bytes')
          .refine((text) => typeof parseSelector(text) !== 'string', { error: (issue) => String(parseSelector(String(issue.input))) })
          .describe('The gauge to read, optionally with labels: name{label="value"}. Matching series are summed.'),
        pid: z.number().int().positive().optional().describe('Or a process id whose resident set size is sampled (or --memory-pid).'),
        every: seconds.default(5).describe('Time between samples.'),
        phase: z.string().min(1).optional().describe('Fit only the samples taken in this phase (a steady one such as sustained): a ramp grows memory legitimately.'),
        maxGrowthPerHour: z.number().positive().default(0.1).describe('Largest acceptable growth per hour as a share of the starting level (0.1 = 10%/h).'),
      })
      .refine((leak) => !(leak.url !== undefined && leak.pid !== undefined), { message: 'give url or pid, not both' })
      .optional()
      .describe('Soak leak check for `load run`: sample memory during the run and fail when it grows faster than maxGrowthPerHour.'),
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
