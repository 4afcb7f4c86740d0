/**
 * The load gate, pure: results and config in, every threshold's verdict out.
 */
import { evaluateThreshold, locate, type ThresholdOutcome, type ViewCache } from './evaluate';
import type { LoadResult } from './model';
import type { LoadConfig } from './schema';
import { formatKey, parseExpression, parseMetricKey, type MetricKey } from './thresholds';

export interface GateResult {
  passed: boolean;
  /** A run that could not be trusted (a generator that dropped requests). Never passed. */
  invalid: boolean;
  thresholds: Array<ThresholdOutcome & { key: string; configPath: [string, string, number] }>;
  sources: Array<{ file: string; format: LoadResult['format']; durationSeconds?: number; series: number; notes: string[] }>;
}

export function gate(config: LoadConfig, results: LoadResult[]): GateResult {
  const series = locate(results);
  const thresholds: GateResult['thresholds'] = [];
  const cache: ViewCache = new Map();
  for (const [keyText, list] of Object.entries(config.thresholds)) {
    // The schema already refused anything that does not parse.
    const key = parseMetricKey(keyText) as MetricKey;
    list.forEach((text, index) => {
      const expression = parseExpression(text, key.metric);
      if (typeof expression === 'string') return;
      thresholds.push({ ...evaluateThreshold(series, key, expression, config.noData, cache), key: formatKey(key), configPath: ['thresholds', keyText, index] });
    });
  }
  // Drops mean the generator could not keep the schedule: the latencies describe a lighter load than asked for.
  const dropped = series.filter((s) => s.metric === 'dropped_requests').reduce((sum, s) => sum + (s.metric === 'dropped_requests' ? s.count : 0), 0);
  const invalid = dropped > 0;
  return {
    passed: !invalid && thresholds.every((t) => t.ok),
    invalid,
    thresholds,
    sources: results.map((r) => ({ file: r.file, format: r.format, ...(r.durationSeconds !== undefined ? { durationSeconds: r.durationSeconds } : {}), series: r.series.length, notes: r.notes })),
  };
}
