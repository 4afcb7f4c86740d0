/**
 * Artillery JSON report ingest (1.x and 2.x). Detection is by content: a JSON
 * object whose `aggregate` carries Artillery 1.x fields (requestsCompleted,
 * scenariosCreated) or 2.x ones (counters with summaries, histograms or
 * rates).
 */
export { parseArtillery } from './parse';

export function detectArtillery(text: string): boolean {
  if (!/^\s*\{/.test(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)) return false;
  if (!/"aggregate"\s*:\s*\{/.test(text)) return false;
  const v1 = /"requestsCompleted"\s*:/.test(text) && /"scenariosCreated"\s*:/.test(text);
  const v2 = /"counters"\s*:\s*\{/.test(text) && /"(?:summaries|histograms|rates)"\s*:\s*\{/.test(text);
  return v1 || v2;
}
