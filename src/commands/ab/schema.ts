import { z } from 'zod';

const metricSchema = z.strictObject({
  name: z.string().min(1).describe('Metric name, as reports show it.'),
  column: z.string().min(1).optional().describe('Data column (default: the name); in a summary file, the key under metrics.'),
  type: z.enum(['binomial', 'continuous']).describe('binomial: 0/1 per unit (mean = successes/units); continuous: any number per unit.'),
  goal: z.enum(['increase', 'decrease']).default('increase').describe('Which direction is better.'),
  primary: z.boolean().default(false).describe('The metric the ship decision rests on (at most one).'),
  guardrail: z.boolean().default(false).describe('Must not get significantly worse; tested at alpha without correction.'),
  mde: z.number().positive().optional().describe('Minimum detectable effect, relative (0.05 = 5%); for the power report.'),
});

export const abConfigSchema = z
  .strictObject({
    control: z.string().min(1).describe('The control variant id.'),
    allocation: z.record(z.string().min(1), z.number().positive()).describe('Expected traffic split per variant (weights, need not sum to 1); the variants the data may contain.'),
    unitColumn: z.string().min(1).default('unit').describe('Randomisation unit column (documentation of the grain; rows are units).'),
    variantColumn: z.string().min(1).default('variant').describe('Variant column in the data file.'),
    alpha: z.number().gt(0).lt(0.5).default(0.05).describe('Significance level.'),
    power: z.number().gt(0).lt(1).default(0.8).describe('Target power for the sample-size report.'),
    correction: z.enum(['holm', 'bh', 'bonferroni', 'none']).default('holm').describe('Multiple-testing correction over non-guardrail metrics × variants.'),
    sequential: z.boolean().default(false).describe('Always-valid p-values and confidence sequences: safe to look at any time.'),
    sequentialTuning: z.number().positive().default(10_000).describe('Sample size per variant at which the confidence sequence is tightest (mixture tuning).'),
    srmAlpha: z.number().gt(0).lt(0.5).default(0.001).describe('Sample-ratio-mismatch threshold.'),
    minUnitsPerVariant: z.number().int().nonnegative().default(100).describe('Fewer units than this in any variant makes the result invalid.'),
    metrics: z.array(metricSchema).min(1).max(30).describe('Metrics to analyse (at most 30).'),
    data: z.string().optional().describe('Unit-level CSV or NDJSON file (or --data).'),
    summary: z.string().optional().describe('Sufficient statistics per variant, YAML or JSON (or --summary).'),
  })
  .superRefine((config, issues) => {
    const variants = Object.keys(config.allocation);
    if (variants.length < 2) issues.addIssue({ code: 'custom', path: ['allocation'], message: `expected at least 2 variants, found ${variants.length}` });
    if (!variants.includes(config.control)) {
      issues.addIssue({ code: 'custom', path: ['control'], message: `control "${config.control}" is not in allocation (${variants.join(', ')})` });
    }
    const names = new Map<string, number>();
    let primary = -1;
    config.metrics.forEach((metric, index) => {
      const first = names.get(metric.name);
      if (first !== undefined) issues.addIssue({ code: 'custom', path: ['metrics', index, 'name'], message: `duplicate metric "${metric.name}" (also metrics[${first}])` });
      else names.set(metric.name, index);
      if (metric.primary && metric.guardrail) issues.addIssue({ code: 'custom', path: ['metrics', index], message: 'a metric is either primary or a guardrail, not both' });
      if (metric.primary) {
        if (primary >= 0) issues.addIssue({ code: 'custom', path: ['metrics', index, 'primary'], message: `only one primary metric; metrics[${primary}] is already primary` });
        else primary = index;
      }
    });
    if (config.data && config.summary) issues.addIssue({ code: 'custom', path: ['summary'], message: 'give either data or summary, not both' });
  });

export type AbConfig = z.output<typeof abConfigSchema>;
export type MetricConfig = AbConfig['metrics'][number];

/** The warehouse path: per variant, units and per-metric sums. */
export const summarySchema = z.strictObject({
  variants: z.record(
    z.string().min(1),
    z.strictObject({
      units: z.number().int().nonnegative(),
      metrics: z.record(z.string().min(1), z.strictObject({
        sum: z.number().describe('Σx over units (successes, for a binomial metric).'),
        sumSquares: z.number().nonnegative().optional().describe('Σx² over units; needed for continuous metrics.'),
        n: z.number().int().nonnegative().optional().describe('Units with a value, when fewer than units.'),
      })),
    }),
  ),
});

export type SummaryFile = z.output<typeof summarySchema>;
