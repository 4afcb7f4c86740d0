import type { Capability } from '../types';
import { checklistReport } from './report';
import { runChecklist, type ChecklistResult } from './run';
import { checklistConfigSchema } from './schema';

export const checklist: Capability<typeof checklistConfigSchema, ChecklistResult> = {
  configSchema: checklistConfigSchema,
  run: runChecklist,
  report: checklistReport,
};
