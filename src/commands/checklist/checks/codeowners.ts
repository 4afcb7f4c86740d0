import picomatch from 'picomatch';
import { z } from 'zod';
import type { Finding } from '../../../report/model';
import { commonFields, defineCheck } from './types';

/** GitHub reads the first of these that exists. */
const CODEOWNERS_LOCATIONS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'];

interface OwnerRule {
  pattern: string;
  owners: string[];
  line: number;
  matches: (path: string) => boolean;
}

/**
 * CODEOWNERS patterns follow gitignore rules: a pattern with a slash before its
 * end is anchored at the root, one without matches at any depth, and a pattern
 * that names a directory owns everything under it. Unlike gitignore, GitHub
 * documents that `docs/*` does not reach into docs/sub/, so a wildcard last
 * segment never recurses.
 */
export function compileOwnerPattern(pattern: string): (path: string) => boolean {
  let glob = pattern;
  const anchored = glob.startsWith('/') || glob.replace(/\/$/, '').includes('/');
  glob = glob.replace(/^\//, '');
  const directoryOnly = glob.endsWith('/');
  glob = glob.replace(/\/$/, '');
  if (!anchored) glob = `**/${glob}`;
  const lastSegment = glob.slice(glob.lastIndexOf('/') + 1);
  const recurses = !lastSegment.includes('*') || lastSegment === '**';
  const globs = directoryOnly ? [`${glob}/**`] : recurses ? [glob, `${glob}/**`] : [glob];
  return picomatch(globs, { dot: true });
}

export function parseCodeowners(text: string): OwnerRule[] {
  const rules: OwnerRule[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) return;
    const [pattern, ...owners] = line.split(/\s+/);
    rules.push({ pattern: pattern!, owners, line: index + 1, matches: compileOwnerPattern(pattern!) });
  });
  return rules;
}

/** The last matching rule wins; a rule with no owners leaves the path unowned. */
export function ownersOf(rules: OwnerRule[], path: string): string[] {
  for (let i = rules.length - 1; i >= 0; i--) {
    if (rules[i]!.matches(path)) return rules[i]!.owners;
  }
  return [];
}

export const codeownersCheck = defineCheck({
  type: 'codeowners',
  schema: z.strictObject({
    ...commonFields,
    type: z.literal('codeowners'),
    paths: z.array(z.string().min(1)).min(1).describe('Globs; every tracked file matching them needs an owner in CODEOWNERS.'),
  }),
  async run(check, { workspace }) {
    const expected = `every file in ${check.paths.join(', ')} has an owner`;
    let location: string | undefined;
    let text: string | undefined;
    for (const candidate of CODEOWNERS_LOCATIONS) {
      text = await workspace.readText(candidate);
      if (text !== undefined) {
        location = candidate;
        break;
      }
    }
    if (!location || text === undefined) {
      return { status: 'fail', observed: 'no CODEOWNERS', expected, details: `none of ${CODEOWNERS_LOCATIONS.join(', ')} exists` };
    }
    const rules = parseCodeowners(text);
    const inScope = picomatch(check.paths, { dot: true });
    const files = (await workspace.trackedFiles()).filter((file) => inScope(file));
    const unowned = files.filter((file) => ownersOf(rules, file).length === 0);
    const observed = `${files.length - unowned.length}/${files.length} files owned`;
    if (files.length === 0) return { status: 'fail', observed: 'no files', expected, details: `no tracked file matches ${check.paths.join(', ')}` };
    if (unowned.length === 0) return { status: 'pass', observed, expected, details: `owners from ${location}` };
    const findings: Finding[] = unowned.map((file) => ({ level: 'warning', title: 'File has no code owner', message: `${file} matches no owned pattern in ${location}`, file, ruleId: 'checklist/codeowners' }));
    return { status: 'fail', observed, expected, details: `no owner for ${unowned.slice(0, 5).join(', ')}${unowned.length > 5 ? `, and ${unowned.length - 5} more` : ''} (${location})`, findings };
  },
});
