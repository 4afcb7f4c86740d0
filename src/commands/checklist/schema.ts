import { z } from 'zod';
import { CHECKS } from './checks/index';

import type { CheckDefinition } from './checks/types';

type SchemasOf<T extends readonly unknown[]> = { -readonly [K in keyof T]: T[K] extends CheckDefinition<infer S> ? S : never };

const checkSchema = z.discriminatedUnion('type', CHECKS.map((check) => check.schema) as unknown as SchemasOf<typeof CHECKS>);

export const checklistConfigSchema = z
  .strictObject({
    checks: z.array(checkSchema).min(1).describe('The readiness checks, run in order; see the README for each type.'),
  })
  .superRefine((config, issues) => {
    const seen = new Map<string, number>();
    config.checks.forEach((check, index) => {
      const first = seen.get(check.id);
      if (first !== undefined) {
        issues.addIssue({ code: 'custom', path: ['checks', index, 'id'], message: `duplicate check id "${check.id}" (also checks[${first}])` });
      } else {
        seen.set(check.id, index);
      }
    });
  });

export type ChecklistConfig = z.output<typeof checklistConfigSchema>;
export type CheckConfig = ChecklistConfig['checks'][number];
