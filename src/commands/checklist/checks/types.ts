import { z } from 'zod';
import type { RunContext } from '../../../context';
import type { Finding } from '../../../report/model';
import type { Workspace } from '../workspace';

/** Fields every check accepts, whatever its type. */
export const commonFields = {
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'an id of letters, digits, dot, dash or underscore').describe('Unique id, used in results and outputs.'),
  name: z.string().min(1).optional().describe('Human name shown in the summary (default: the id).'),
  level: z.enum(['blocker', 'warning']).default('blocker').describe('blocker fails the run; warning only warns.'),
  when: z
    .strictObject({ paths: z.array(z.string().min(1)).min(1).describe('Globs; the check runs only when the PR changes a matching file.') })
    .optional()
    .describe('Run the check only when the pull request touches these paths.'),
};

export interface CheckOutcome {
  status: 'pass' | 'fail' | 'skip';
  observed?: string;
  expected?: string;
  details: string;
  findings?: Finding[];
}

export interface CheckEnv {
  ctx: RunContext;
  workspace: Workspace;
  /** Index of this check in the config, for pointing findings at its line. */
  configPath: Array<string | number>;
}

export interface CheckDefinition<S extends z.ZodType = z.ZodType> {
  type: string;
  schema: S;
  run(check: z.output<S>, env: CheckEnv): Promise<CheckOutcome>;
}

export function defineCheck<S extends z.ZodType>(definition: CheckDefinition<S>): CheckDefinition<S> {
  return definition;
}

/** Reports are one path or several; globs allowed in both. */
export const reportPaths = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).transform((value) => (Array.isArray(value) ? value : [value]));

export function formatPct(value: number): string {
  return `${Number.isInteger(value) ? value : value.toFixed(1)}%`;
}
