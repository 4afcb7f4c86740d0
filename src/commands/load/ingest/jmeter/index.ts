/**
 * JMeter CSV JTL ingest. Detection is by content: a first line naming the
 * timeStamp and elapsed columns (any of JMeter's delimiters). A JTL without
 * a header, or an XML JTL, is also claimed, so that parsing can say how to
 * make JMeter write one this reads instead of "unknown format".
 */
import { firstTextLine } from './csv';
import { jtlDelimiter, looksLikeHeaderlessJtl } from './parse';

export { parseJmeter } from './parse';

export function detectJmeter(text: string): boolean {
  const head = firstTextLine(text.slice(0, 4096));
  if (/^\s*(?:<\?xml[^>]*\?>\s*)?<testResults[\s>]/.test(text.slice(0, 4096))) return true;
  return jtlDelimiter(head) !== undefined || looksLikeHeaderlessJtl(head);
}
