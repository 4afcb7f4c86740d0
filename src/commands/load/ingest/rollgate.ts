/**
 * Rollgate's own result file (`rollgate load run`, `rollgate load merge`): the
 * canonical LoadResult as JSON, histograms included, so it gates, merges and
 * compares like any other input without losing precision.
 */
import { z } from 'zod';
import { parseJsonText, validateJson } from '../../checklist/parsers/common';
import type { LoadResult } from '../model';

const tags = z.record(z.string(), z.string());
const base = { tags, exactOnly: z.boolean().optional() };
const trend = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('histogram'), histogram: z.string().min(1), min: z.number().optional(), max: z.number().optional() }),
  z.object({
    kind: z.literal('summary'),
    count: z.number().optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    avg: z.number().optional(),
    med: z.number().optional(),
    percentiles: z.record(z.string(), z.number()),
  }),
]);
const series = z.discriminatedUnion('metric', [
  z.object({ ...base, metric: z.literal('http_req_duration'), trend }),
  z.object({ ...base, metric: z.literal('http_req_failed'), failed: z.number().int().nonnegative(), total: z.number().int().nonnegative() }),
  z.object({ ...base, metric: z.literal('http_reqs'), count: z.number().nonnegative(), perSecond: z.number().nonnegative().optional() }),
  z.object({ ...base, metric: z.literal('dropped_requests'), count: z.number().nonnegative(), perSecond: z.number().nonnegative().optional() }),
]);

export const ROLLGATE_RESULT_VERSION = 1;

const resultSchema = z.object({
  rollgate: z.literal(ROLLGATE_RESULT_VERSION),
  durationSeconds: z.number().nonnegative().optional(),
  series: z.array(series),
  notes: z.array(z.string()).default([]),
});

const EXPECTED = 'a Rollgate load result ({"rollgate": 1, "series": [...]})';

export function detectRollgate(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as Record<string, unknown>).rollgate !== undefined && Array.isArray((value as Record<string, unknown>).series);
}

export function parseRollgateResult(text: string, file: string): LoadResult {
  const data = validateJson(resultSchema, parseJsonText(text, file, EXPECTED), text, file, EXPECTED);
  return {
    format: 'rollgate',
    file,
    ...(data.durationSeconds !== undefined ? { durationSeconds: data.durationSeconds } : {}),
    series: data.series,
    notes: data.notes,
  };
}

/** The file a run or a merge writes: stable key order, so results diff well. */
export function serializeRollgateResult(result: Pick<LoadResult, 'durationSeconds' | 'series' | 'notes'>): string {
  return `${JSON.stringify({ rollgate: ROLLGATE_RESULT_VERSION, ...(result.durationSeconds !== undefined ? { durationSeconds: result.durationSeconds } : {}), series: result.series, notes: result.notes }, null, 2)}\n`;
}
