/**
 * k6's legacy `--summary-export=file.json` → LoadResult. Each metric is an
 * object of flat numbers with no type, named by k6's summary statistics:
 *
 *   { "metrics": { "http_req_duration": { "avg": 12.3, "p(95)": 40.1, "thresholds": { "p(95)<500": false } },
 *                  "http_req_failed":   { "value": 0.02, "passes": 3, "fails": 147 },
 *                  "http_reqs":         { "count": 150, "rate": 4.99 } },
 *     "root_group": {...} }
 *
 * Two traps, both k6's: a threshold's boolean here says it FAILED (true =
 * crossed; handleSummary's `ok` is the opposite), and for http_req_failed
 * "passes" counts the true values, i.e. the failed requests.
 *
 * The export says nothing about the run's length directly; k6 computes every
 * counter's rate as count / test run duration, so the duration is read back
 * from the whole-run `iterations` (or `http_reqs`) count and rate.
 */
import { z } from 'zod';
import { parseJsonText, validateJson } from '../../../checklist/parsers/common';
import type { LoadResult } from '../../model';
import {
  failedRequests,
  forwardIssues,
  hasTrendStatistic,
  isK6Metric,
  parseMetricKey,
  summaryTrend,
  type K6MetricName,
  type K6Threshold,
  collectSummaryMetrics,
  type SummaryEntry,
} from './common';
import { refuseOtherK6Format } from './detect';

const EXPECTED = 'a k6 --summary-export JSON file (an object with "metrics")';
const WHAT = 'k6 --summary-export file';

const trendMetric = z.record(z.string(), z.unknown()).superRefine((entry, ctx) => {
  if (!hasTrendStatistic(entry)) {
    const keys = Object.keys(entry).filter((key) => key !== 'thresholds');
    ctx.addIssue({ code: 'custom', message: `expected trend statistics (avg, min, med, max or p(N)), found ${keys.length === 0 ? 'none' : `only ${keys.map((k) => JSON.stringify(k)).join(', ')}`}` });
  }
});

const rateMetric = z.object({
  passes: z.number().int().nonnegative(),
  fails: z.number().int().nonnegative(),
  value: z.number().min(0).max(1).nullable().optional(),
});

const counterMetric = z.object({
  count: z.number().nonnegative(),
  rate: z.number().nonnegative().nullable().optional(),
});

const SPECIFIC: Readonly<Record<K6MetricName, z.ZodType>> = {
  http_req_duration: trendMetric,
  http_req_failed: rateMetric,
  http_reqs: counterMetric,
  dropped_iterations: counterMetric,
};

const metricEntry = z
  .object({
    /** `true` means the threshold FAILED. */
    thresholds: z.record(z.string(), z.boolean()).optional(),
  })
  .catchall(z.number().nullable());

const summaryExport = z.object({
  metrics: z.record(z.string(), metricEntry).superRefine((metrics, ctx) => {
    for (const [key, entry] of Object.entries(metrics)) {
      const parsed = parseMetricKey(key);
      if (parsed && isK6Metric(parsed.metric)) forwardIssues(SPECIFIC[parsed.metric], entry, [key], ctx);
    }
  }),
});

export function parseK6SummaryExport(text: string, file: string): LoadResult {
  const data = parseJsonText(text, file, EXPECTED);
  refuseOtherK6Format(data, 'k6-summary-export', file, EXPECTED);
  const parsed = validateJson(summaryExport, data, text, file, WHAT);

  const thresholds: K6Threshold[] = [];
  const entries = Object.entries(parsed.metrics).map(([key, entry]): SummaryEntry => {
    // The inversion: the export writes `true` for a threshold that was crossed.
    for (const [expression, failed] of Object.entries(entry.thresholds ?? {})) thresholds.push({ metric: key, expression, ok: !failed });
    return {
      key,
      // summaryTrend takes the numbers it knows and skips "thresholds".
      trend: () => summaryTrend(entry),
      failures: (countNotes) => {
        const values = rateMetric.parse(entry);
        return failedRequests(values.passes, values.fails, values.value, key, countNotes);
      },
      counter: () => counterMetric.parse(entry),
    };
  });
  const { series, notes } = collectSummaryMetrics(entries, thresholds);

  const durationSeconds = durationFromRates(parsed.metrics);
  return {
    format: 'k6-summary-export',
    file,
    ...(durationSeconds !== undefined ? { durationSeconds } : {}),
    series,
    notes,
  };
}

/** count / rate of a whole-run counter, to the millisecond: k6 divides by the test run duration to get the rate. */
function durationFromRates(metrics: Readonly<Record<string, Readonly<Record<string, unknown>>>>): number | undefined {
  for (const name of ['iterations', 'http_reqs']) {
    const count = metrics[name]?.['count'];
    const rate = metrics[name]?.['rate'];
    if (typeof count === 'number' && typeof rate === 'number' && count > 0 && rate > 0) return Math.round((count / rate) * 1000) / 1000;
  }
  return undefined;
}
