import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { Capability } from '../types';
import { UserError } from '../../errors';
import { displayPath } from '../../config/load';
import { analyze, type AbResult, type PreviousLook } from './analyze';
import { readExperiment } from './inputs';
import { abReport } from './report';
import { abConfigSchema } from './schema';

const previousSchema = z.object({
  metrics: z.array(z.object({
    name: z.string(),
    variants: z.array(z.object({
      id: z.string(),
      pValue: z.number(),
      absoluteCi: z.tuple([z.number(), z.number()]),
      relativeCi: z.tuple([z.number().nullable(), z.number().nullable()]).transform(([a, b]) => [a ?? Number.NaN, b ?? Number.NaN] as [number, number]),
    })),
  })),
  settings: z.object({ sequential: z.literal(true, { message: 'the previous result was not sequential; only always-valid results can be carried forward' }) }),
});

function readPrevious(file: string, cwd: string): PreviousLook {
  const path = resolve(cwd, file);
  const shown = displayPath(path, cwd);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UserError(`cannot read the previous result: ${(error as Error).message}`, { file: shown });
  }
  const parsed = previousSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UserError(`expected a \`rollgate ab --json\` result from a sequential run: ${issue.path.join('.') || '(root)'}: ${issue.message}`, { file: shown });
  }
  return parsed.data;
}

export const ab: Capability<typeof abConfigSchema, AbResult> = {
  configSchema: abConfigSchema,
  async run(config, ctx) {
    const previousFile = ctx.inputs?.previous as string | undefined;
    if (previousFile && !config.sequential) throw new UserError('--previous needs sequential: true in the config: a running minimum is only valid for always-valid p-values');
    const previous = previousFile ? readPrevious(previousFile, ctx.cwd) : undefined;
    const data = await readExperiment(config, ctx);
    return analyze(config, data, previous);
  },
  report: (result) => abReport(result),
};
