/**
 * k6's machine-readable end-of-test summary, schema 1.x → LoadResult. k6
 * writes it (to --summary-export, and as handleSummary's data) when run with
 * --new-machine-readable-summary (k6 1.5+; meant to become the default later).
 *
 * The shape is from the schema k6 generates its types from
 * (github.com/grafana/k6-summary, schemas/summary/1.0.0 and metric/1.0.0) and
 * from k6's own writer (internal/lib/summary/machine_readable.go):
 *
 *   { "version": "1.0.0",
 *     "metadata": { "generatedAt": "2025-...Z", "k6Version": "1.5.0" },
 *     "config": { "execution": "local", "script": "script.js", "duration": 30.01 },   // seconds
 *     "results": {
 *       "metrics": [
 *         { "name": "http_req_duration", "type": "trend", "contains": "time",
 *           "values": { "avg": 1, "min": 1, "med": 1, "max": 1, "p(90)": 1, "p(95)": 1 } },   // ms
 *         { "name": "http_req_failed", "type": "rate", "contains": "default",
 *           "values": { "matches": 3, "total": 150, "rate": 0.02 } },   // matches = true values = failed requests
 *         { "name": "http_reqs", "type": "counter", "contains": "default", "values": { "count": 150 } } ],
 *       "checks": { "metrics": [...], "results": [{ "name", "passes", "fails" }] } } }
 *
 * Earlier drafts of that schema (its examples/v1) wrote rates as
 * {rate, passes, fails}, counters with a "rate", and results.passed; those
 * are read too. That draft's example counts http_req_failed's "passes" as the
 * successful requests (rate 0.02 with 1470 passes of 1500), the other way
 * round from k6, so the rate decides which count is the failed one
 * (failedRequests in common.ts). Trend keys are whatever statistics the run asked for, so any
 * `p(N)` is taken. Submetric names (`http_req_duration{expected_response:true}`)
 * become series with those tags, as in the other summaries.
 */
import { z } from 'zod';
import { parseJsonText, validateJson } from '../../../checklist/parsers/common';
import type { LoadResult } from '../../model';
import {
  failedRequests,
  forwardIssues,
  isK6Metric,
  parseMetricKey,
  summaryTrend,
  counterMetric,
  trendMetric,
  type K6MetricName,
  collectSummaryMetrics,
  type SummaryEntry,
} from './common';
import { refuseOtherK6Format } from './detect';

const EXPECTED = 'a k6 machine-readable summary (an object with "version" and "results.metrics")';
const WHAT = 'k6 machine-readable summary';

const statValues = z.record(z.string(), z.number().nullable());

/** Schema 1.0.0 as k6 writes it. */
const rateMatches = z
  .object({
    matches: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
    rate: z.number().min(0).max(1).nullable().optional(),
  })
  .refine((values) => values.matches <= values.total, { message: 'expected "matches" to be at most "total"', path: ['matches'] });

/** The schema's early drafts, and handleSummary's own wording. */
const ratePasses = z.object({
  passes: z.number().int().nonnegative(),
  fails: z.number().int().nonnegative(),
  rate: z.number().min(0).max(1).nullable().optional(),
});

function rateSchema(values: Readonly<Record<string, unknown>>): typeof rateMatches | typeof ratePasses {
  return 'passes' in values || 'fails' in values ? ratePasses : rateMatches;
}

const rateMetric = z.object({ type: z.literal('rate'), values: statValues }).superRefine((metric, ctx) => {
  forwardIssues(rateSchema(metric.values), metric.values, ['values'], ctx);
});

const SPECIFIC: Readonly<Record<K6MetricName, z.ZodType>> = {
  http_req_duration: trendMetric,
  http_req_failed: rateMetric,
  http_reqs: counterMetric,
  dropped_iterations: counterMetric,
};

const metricEntry = z.object({
  name: z.string(),
  type: z.enum(['counter', 'gauge', 'rate', 'trend']),
  contains: z.string().optional(),
  values: statValues,
});

const machineSummary = z.object({
  version: z.string().superRefine((version, ctx) => {
    if (!/^1\.\d+/.test(version)) ctx.addIssue({ code: 'custom', message: `expected schema version 1.x, found ${JSON.stringify(version)}; this reader knows version 1 only` });
  }),
  config: z
    .object({
      /** Seconds. */
      duration: z.number().nonnegative().nullable().optional(),
    })
    .optional(),
  results: z.object({
    passed: z.boolean().optional(),
    metrics: z.array(metricEntry).superRefine((metrics, ctx) => {
      metrics.forEach((entry, index) => {
        const parsed = parseMetricKey(entry.name);
        if (parsed && isK6Metric(parsed.metric)) forwardIssues(SPECIFIC[parsed.metric], entry, [index], ctx);
      });
    }),
  }),
});

export function parseK6MachineSummary(text: string, file: string): LoadResult {
  const data = parseJsonText(text, file, EXPECTED);
  refuseOtherK6Format(data, 'k6-machine-summary', file, EXPECTED);
  const parsed = validateJson(machineSummary, data, text, file, WHAT);

  const entries = parsed.results.metrics.map((entry): SummaryEntry => ({
    key: entry.name,
    trend: () => summaryTrend(entry.values),
    failures: (countNotes) => {
      const values = rateSchema(entry.values).parse(entry.values);
      return 'matches' in values
        ? failedRequests(values.matches, values.total - values.matches, values.rate, entry.name, countNotes)
        : failedRequests(values.passes, values.fails, values.rate, entry.name, countNotes);
    },
    counter: () => counterMetric.parse(entry).values,
  }));
  const { series, notes } = collectSummaryMetrics(entries);
  if (parsed.results.passed === false) notes.push('k6 marked the run as failed (results.passed is false)');

  const seconds = parsed.config?.duration;
  return {
    format: 'k6-machine-summary',
    file,
    ...(typeof seconds === 'number' ? { durationSeconds: seconds } : {}),
    series,
    notes,
  };
}
