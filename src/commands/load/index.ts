import { resolve } from 'node:path';
import { displayPath } from '../../config/load';
import { UserError } from '../../errors';
import type { Capability } from '../types';
import { gate, type GateResult } from './gate';
import { readLoadResult } from './ingest/read';
import { loadReport } from './report';
import { loadConfigSchema } from './schema';

export const load: Capability<typeof loadConfigSchema, GateResult> = {
  configSchema: loadConfigSchema,
  async run(config, ctx) {
    const given = ctx.inputs?.results;
    const fromInputs = Array.isArray(given) ? given : typeof given === 'string' && given ? [given] : [];
    const files = fromInputs.length > 0 ? fromInputs : config.results ?? [];
    if (files.length === 0) throw new UserError('no results: give --results FILE (k6, Artillery, autocannon, JMeter JTL, Locust stats CSV), or list them under results: in the config');
    const results = [];
    for (const file of files) {
      const path = resolve(ctx.cwd, file);
      results.push(await readLoadResult(path, displayPath(path, ctx.cwd)));
    }
    const baselineFile = ctx.inputs?.baseline as string | undefined;
    const baseline = baselineFile ? await readLoadResult(resolve(ctx.cwd, baselineFile), displayPath(resolve(ctx.cwd, baselineFile), ctx.cwd)) : undefined;
    return gate(config, results, baseline);
  },
  report: (result, ctx) => loadReport(result, ctx.configSource),
};
