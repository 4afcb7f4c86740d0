/**
 * One line per capability. Modules load lazily so a command pays only for
 * its own code at start-up.
 */
import type { CommandHelp } from './types';

export const COMMANDS: Record<string, CommandHelp> = {
  checklist: {
    name: 'checklist',
    summary: 'Production readiness as code: coverage, tests, security, changelog, runbooks, owners, sign-offs, commands.',
    options: [],
    examples: [
      'rollgate checklist',
      'rollgate checklist --config .rollgate/checklist.yml --json > readiness.json',
      'rollgate checklist --sarif readiness.sarif --junit readiness.xml',
    ],
    load: async () => (await import('./checklist/index')).checklist,
  },
};

export function commandNames(): string[] {
  return Object.keys(COMMANDS);
}
