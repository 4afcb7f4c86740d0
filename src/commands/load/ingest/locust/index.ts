/**
 * Locust stats CSV ingest. Detection is by the header: Name, a request-count
 * column and a Type (or older Method) column. Locust's other --csv files
 * (history, failures, exceptions) are claimed too when their header matches,
 * so parsing can point at the *_stats.csv instead.
 */
import { firstTextLine } from '../jmeter/csv';
import { isLocustHeader } from './parse';

export { parseLocust } from './parse';

export function detectLocust(text: string): boolean {
  const head = firstTextLine(text.slice(0, 4096));
  return isLocustHeader(head.split(',').map((name) => name.trim().replace(/^"(.*)"$/, '$1')));
}
