import { z } from 'zod';
import { parseDay } from './dates';

const globs = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).transform((value) => (Array.isArray(value) ? value : [value]));

const ruleId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'expected a rule id of letters, digits and . _ / - (it names the rule in SARIF and the baseline)');

const rule = z
  .strictObject({
    id: ruleId,
    message: z.string().min(1).describe('What to say at each finding: why it is retired and what to use instead.'),
    import: globs.optional().describe('Module specifiers that must not be imported: package names or globs (legacy-sim/**); relative specifiers are resolved to repository paths first, so **/legacy/simulator* matches ../legacy/simulator.'),
    pattern: z.string().min(1).optional().describe('A regular expression (JavaScript syntax) matched against each line.'),
    path: globs.optional().describe('Files that must not exist (or, in a pull request, be added): repository-relative globs.'),
    files: globs.optional().describe('Where the rule applies (repository-relative globs); default every file.'),
    ignore: globs.optional().describe('Files the rule skips.'),
    sunset: z
      .string()
      .refine((text) => parseDay(text) !== undefined, { error: (issue) => `expected a date as YYYY-MM-DD, found ${JSON.stringify(issue.input)}` })
      .optional()
      .describe('Before this day findings are warnings; on and after it, errors. The summary counts the days left.'),
    severity: z.enum(['error', 'warning']).optional().describe('A fixed severity instead of a sunset (default error).'),
  })
  .superRefine((value, issues) => {
    const kinds = (['import', 'pattern', 'path'] as const).filter((k) => value[k] !== undefined);
    if (kinds.length !== 1) issues.addIssue({ code: 'custom', path: [], message: kinds.length === 0 ? 'expected one of import, pattern or path: what the rule looks for' : `expected one of import, pattern or path, found ${kinds.join(' and ')}; split it into two rules` });
    if (value.sunset !== undefined && value.severity !== undefined) issues.addIssue({ code: 'custom', path: ['severity'], message: 'give either a sunset (warning, then error) or a fixed severity, not both' });
    if (value.pattern !== undefined) {
      try {
        new RegExp(value.pattern);
      } catch (error) {
        issues.addIssue({ code: 'custom', path: ['pattern'], message: `invalid regular expression: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}` });
      }
    }
  });

const allow = z.strictObject({
  rule: ruleId.describe('The rule this entry allows.'),
  path: z.string().min(1).describe('A repository-relative file, or a glob.'),
  owner: z.string().min(1).describe('Who will remove the use: a team or person (@team-viz).'),
  reason: z.string().min(1).describe('Why it is allowed for now.'),
  // Kept as text: a malformed date is not a config error but an expired entry, so a typo cannot keep an exception alive.
  expires: z.union([z.string(), z.date()]).transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value)).describe('YYYY-MM-DD; from that day the entry is an error. A malformed date counts as expired.'),
});

export const legacyLintConfigSchema = z
  .strictObject({
    rules: z.array(rule).min(1).describe('The retired modules, patterns and paths.'),
    allow: z.array(allow).default([]).describe('Temporary exceptions, each with an owner, a reason and an expiry date.'),
    baseline: z.string().min(1).optional().describe('The ratchet file of known findings (written by --update-baseline); only findings not in it fail.'),
    maxFileSize: z.number().int().positive().default(1_048_576).describe('Files larger than this many bytes are skipped and counted.'),
    patternTimeout: z.number().positive().max(600).default(10).describe('Seconds a pattern may run on one file before the lint stops and names it as backtracking catastrophically.'),
  })
  .superRefine((config, issues) => {
    const ids = new Map<string, number>();
    config.rules.forEach((r, index) => {
      if (ids.has(r.id)) issues.addIssue({ code: 'custom', path: ['rules', index, 'id'], message: `duplicate rule id "${r.id}" (also rules[${ids.get(r.id)}])` });
      ids.set(r.id, index);
    });
    config.allow.forEach((entry, index) => {
      if (!ids.has(entry.rule)) issues.addIssue({ code: 'custom', path: ['allow', index, 'rule'], message: `unknown rule "${entry.rule}"; expected one of ${[...ids.keys()].join(', ')}` });
    });
  });

export type LegacyLintConfig = z.output<typeof legacyLintConfigSchema>;
export type RuleConfig = LegacyLintConfig['rules'][number];
export type AllowEntry = LegacyLintConfig['allow'][number];
