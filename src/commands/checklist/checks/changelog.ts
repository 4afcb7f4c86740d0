import { z } from 'zod';
import { commonFields, defineCheck } from './types';

/**
 * Lines under `## [Unreleased]` (Keep a Changelog) that say something: not a
 * blank, not a `###` sub-heading, not an HTML comment.
 */
export function unreleasedEntries(markdown: string): string[] {
  const lines = markdown.split(/\r?\n/);
  const start = lines.findIndex((line) => /^##\s+\[?unreleased\]?/i.test(line.trim()));
  if (start === -1) return [];
  const entries: string[] = [];
  let inComment = false;
  for (const raw of lines.slice(start + 1)) {
    const line = raw.trim();
    if (/^##\s/.test(line) || /^#\s/.test(line)) break;
    if (inComment) {
      if (line.includes('-->')) inComment = false;
      continue;
    }
    if (line.startsWith('<!--')) {
      inComment = !line.includes('-->');
      continue;
    }
    if (line === '' || line.startsWith('###') || /^\[[^\]]+\]:\s/.test(line)) continue;
    entries.push(line);
  }
  return entries;
}

export const changelogCheck = defineCheck({
  type: 'changelog',
  schema: z.strictObject({
    ...commonFields,
    type: z.literal('changelog'),
    file: z.string().min(1).default('CHANGELOG.md').describe('The changelog file.'),
  }),
  async run(check, { workspace }) {
    const expected = `${check.file} changed in this PR, or an entry under ## [Unreleased]`;
    const text = await workspace.readText(check.file);
    if (text === undefined) return { status: 'fail', observed: 'no changelog', expected, details: `${check.file} does not exist` };
    const changes = await workspace.changedFiles();
    if (changes?.files.includes(check.file)) {
      return { status: 'pass', observed: 'changed in this PR', expected, details: `${check.file} is changed (${changes.source})` };
    }
    const entries = unreleasedEntries(text);
    if (entries.length > 0) {
      return { status: 'pass', observed: `${entries.length} unreleased entr${entries.length === 1 ? 'y' : 'ies'}`, expected, details: `first: ${entries[0]}` };
    }
    const why = changes ? `not changed (${changes.source})` : 'no pull request diff available';
    return { status: 'fail', observed: `${why}; no ## [Unreleased] entry`, expected, details: `add a line under ## [Unreleased] in ${check.file}` };
  },
});
