import type { Capability } from '../types';
import { legacyLintReport } from './report';
import { runLegacyLint, type LegacyLintResult } from './run';
import { legacyLintConfigSchema } from './schema';

export const legacyLint: Capability<typeof legacyLintConfigSchema, LegacyLintResult> = {
  configSchema: legacyLintConfigSchema,
  run: runLegacyLint,
  report: (result, ctx) => legacyLintReport(result, ctx.configSource),
};
