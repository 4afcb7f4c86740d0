/**
 * Exact merging of shard results, pure: same-tag histograms add bucket by
 * bucket, counts and failures sum. Percentiles a tool precomputed cannot be
 * merged, and the merge refuses them rather than average p95s.
 */
import { UserError } from '../../errors';
import { createHistogram, decodeHistogram, encodeHistogram } from './histogram';
import type { LoadResult, Series } from './model';

const keyOf = (s: Series) => `${s.metric}\u0000${JSON.stringify(Object.entries(s.tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))}`;

export function mergeResults(results: LoadResult[]): Pick<LoadResult, 'durationSeconds' | 'series' | 'notes'> {
  for (const r of results) {
    const summary = r.series.find((s) => s.metric === 'http_req_duration' && s.trend.kind === 'summary');
    if (summary) {
      throw new UserError(`${r.format} carries percentiles the tool computed itself, which no merge can combine exactly; shard with raw results instead (k6 --out json, JMeter JTL, autocannon with skipAggregateResult, or rollgate load run)`, { file: r.file });
    }
  }
  const groups = new Map<string, Series[]>();
  for (const r of results) for (const s of r.series) {
    const key = keyOf(s);
    const list = groups.get(key);
    if (list) list.push(s);
    else groups.set(key, [s]);
  }
  const series: Series[] = [];
  for (const list of groups.values()) {
    const first = list[0]!;
    const exactOnly = list.some((s) => s.exactOnly) ? { exactOnly: true } : {};
    if (first.metric === 'http_req_duration') {
      const histogram = createHistogram('fast');
      let min = Number.POSITIVE_INFINITY;
      let max = Number.NEGATIVE_INFINITY;
      let extremesKnown = true;
      for (const s of list) {
        if (s.metric !== 'http_req_duration' || s.trend.kind !== 'histogram') continue;
        histogram.add(decodeHistogram(s.trend.histogram));
        if (s.trend.min === undefined || s.trend.max === undefined) extremesKnown = false;
        else { min = Math.min(min, s.trend.min); max = Math.max(max, s.trend.max); }
      }
      series.push({ metric: 'http_req_duration', tags: first.tags, ...exactOnly, trend: { kind: 'histogram', histogram: encodeHistogram(histogram), ...(extremesKnown && histogram.totalCount > 0 ? { min, max } : {}) } });
    } else if (first.metric === 'http_req_failed') {
      let failed = 0;
      let total = 0;
      for (const s of list) if (s.metric === 'http_req_failed') { failed += s.failed; total += s.total; }
      series.push({ metric: 'http_req_failed', tags: first.tags, ...exactOnly, failed, total });
    } else {
      let count = 0;
      let perSecond: number | undefined = 0;
      for (const s of list) {
        if (s.metric !== 'http_reqs' && s.metric !== 'dropped_requests') continue;
        count += s.count;
        // Shards run side by side, so their rates add; one shard without a rate leaves the sum unknown.
        perSecond = s.perSecond === undefined || perSecond === undefined ? undefined : perSecond + s.perSecond;
      }
      series.push({ metric: first.metric, tags: first.tags, ...exactOnly, count, ...(perSecond !== undefined ? { perSecond } : {}) });
    }
  }
  const durations = results.map((r) => r.durationSeconds).filter((d): d is number => d !== undefined);
  return {
    ...(durations.length ? { durationSeconds: Math.max(...durations) } : {}),
    series,
    notes: [`merged from ${results.length} files: ${results.map((r) => `${r.file} (${r.format})`).join(', ')}`, ...results.flatMap((r) => r.notes.map((n) => `${r.file}: ${n}`))],
  };
}
