/**
 * k6 handleSummary(data) JSON → LoadResult: what a script's
 * `handleSummary(data) { return { 'summary.json': JSON.stringify(data) } }`
 * writes (the legacy shape, i.e. k6 without --new-machine-readable-summary):
 *
 *   { "metrics": { "<name>": { "type": "trend", "contains": "time",
 *                              "values": { "avg": 12.3, "p(95)": 40.1, ... },
 *                              "thresholds": { "p(95)<500": { "ok": true } } }, ... },
 *     "state": { "testRunDurationMs": 30012.5, ... }, "root_group": {...}, "options": {...} }
 *
 * Statistics are precomputed (SummaryTrend, not mergeable). The whole-run
 * metric gets tags {}; a submetric such as `http_req_duration{name:/api/x}`
 * (k6 keeps one for every threshold on a tag filter, plus
 * `{expected_response:true}`) becomes a series with those tags. For
 * http_req_failed, "passes" counts the true values, i.e. the failed requests.
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
  type K6Threshold,
  collectSummaryMetrics,
  type SummaryEntry,
} from './common';
import { refuseOtherK6Format } from './detect';

const EXPECTED = 'k6 handleSummary() data (a JSON object with "metrics" and "state")';
const WHAT = 'k6 handleSummary() data';

const statValue = z.number().nullable();
const statValues = z.record(z.string(), statValue);

const rateMetric = z.object({
  type: z.literal('rate'),
  values: z.object({
    passes: z.number().int().nonnegative(),
    fails: z.number().int().nonnegative(),
    rate: z.number().min(0).max(1).nullable().optional(),
  }),
});

const SPECIFIC: Readonly<Record<K6MetricName, z.ZodType>> = {
  http_req_duration: trendMetric,
  http_req_failed: rateMetric,
  http_reqs: counterMetric,
  dropped_iterations: counterMetric,
};

const metricEntry = z.object({
  type: z.enum(['counter', 'gauge', 'rate', 'trend']),
  contains: z.string().optional(),
  values: statValues,
  thresholds: z.record(z.string(), z.object({ ok: z.boolean() })).optional(),
});

const handleSummaryData = z.object({
  metrics: z.record(z.string(), metricEntry).superRefine((metrics, ctx) => {
    for (const [key, entry] of Object.entries(metrics)) {
      const parsed = parseMetricKey(key);
      if (parsed && isK6Metric(parsed.metric)) forwardIssues(SPECIFIC[parsed.metric], entry, [key], ctx);
    }
  }),
  state: z.object({ testRunDurationMs: z.number().nonnegative().nullable().optional() }).optional(),
});

export function parseK6Summary(text: string, file: string): LoadResult {
  const data = parseJsonText(text, file, EXPECTED);
  refuseOtherK6Format(data, 'k6-summary', file, EXPECTED);
  const parsed = validateJson(handleSummaryData, data, text, file, WHAT);

  const thresholds: K6Threshold[] = [];
  const entries = Object.entries(parsed.metrics).map(([key, entry]): SummaryEntry => {
    for (const [expression, verdict] of Object.entries(entry.thresholds ?? {})) thresholds.push({ metric: key, expression, ok: verdict.ok });
    return {
      key,
      trend: () => summaryTrend(entry.values),
      failures: (countNotes) => {
        const { values } = rateMetric.parse(entry);
        return failedRequests(values.passes, values.fails, values.rate, key, countNotes);
      },
      counter: () => counterMetric.parse(entry).values,
    };
  });
  const { series, notes } = collectSummaryMetrics(entries, thresholds);

  const ms = parsed.state?.testRunDurationMs;
  return {
    format: 'k6-summary',
    file,
    ...(typeof ms === 'number' ? { durationSeconds: ms / 1000 } : {}),
    series,
    notes,
  };
}
