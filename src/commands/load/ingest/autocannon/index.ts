/**
 * autocannon JSON ingest. Detection is by content: a JSON object with
 * autocannon's `non2xx` counter and either its `latency` statistics or, for a
 * skipAggregateResult shard, its encoded `latencies` histogram.
 */
export { parseAutocannon, percentileOfKey } from './parse';

export function detectAutocannon(text: string): boolean {
  if (!/^\s*\{/.test(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)) return false;
  if (!/"non2xx"\s*:/.test(text)) return false;
  return /"latency"\s*:\s*\{/.test(text) || /"latencies"\s*:\s*"HIST/.test(text);
}
