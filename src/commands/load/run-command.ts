/**
 * `rollgate load run --target URL [--plan plan.yml] [--scale 0.1]`: runs the
 * phased open-model load, writes Rollgate's result file, and gates it with
 * .rollgate/load.yml when there is one.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { displayPath, loadConfigFile } from '../../config/load';
import type { RunContext } from '../../context';
import { UserError } from '../../errors';
import { defaultConfigPath } from '../../execute';
import { writeFileAtomic } from '../../io/atomic-write';
import type { Report } from '../../report/model';
import type { SubcommandRun } from '../types';
import { gate } from './gate';
import { readLoadResult } from './ingest/read';
import { serializeRollgateResult } from './ingest/rollgate';
import { loadReport } from './report';
import { formatProgress } from './runner/progress';
import { loadPlan, planDuration, scalePlan } from './runner/plan';
import { runPlan } from './runner/run';
import { loadConfigSchema } from './schema';

function targetOf(raw: unknown): URL {
  if (typeof raw !== 'string' || raw === '') throw new UserError('--target URL is required, e.g. --target http://localhost:8080');
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
    return url;
  } catch {
    throw new UserError(`--target: expected an http(s) URL such as http://localhost:8080, found "${raw}"`);
  }
}

export async function runLoad(ctx: RunContext): Promise<SubcommandRun> {
  const target = targetOf(ctx.inputs?.target);
  const scaleText = ctx.inputs?.scale;
  const scale = scaleText === undefined ? 1 : Number(scaleText);
  if (!(scale > 0 && scale <= 10)) throw new UserError(`--scale: expected a factor above 0 and at most 10 (0.1 shrinks every phase to a tenth), found "${scaleText}"`);
  const planFile = ctx.inputs?.plan as string | undefined;
  const plan = scalePlan(loadPlan({ ...(planFile ? { file: planFile } : {}), cwd: ctx.cwd }), scale);

  // Gate with the config when there is one; a run without thresholds still reports drops.
  const configFile = ctx.inputs?.config as string | undefined;
  // Through defaultConfigPath, not a literal: ncc rewrites resolve(x, 'literal') as a bundled asset path.
  const defaultConfig = defaultConfigPath('load');
  const loaded = configFile || existsSync(resolve(ctx.cwd, defaultConfig))
    ? loadConfigFile({ file: configFile || defaultConfig, cwd: ctx.cwd, schema: loadConfigSchema, isDefaultPath: !configFile, command: 'load' })
    : undefined;

  const live = Boolean(process.stderr.isTTY);
  ctx.log.debug(`load run: ${plan.phases.length} phases, ${planDuration(plan).toFixed(0)} s, against ${target.origin}`);
  const result = await runPlan(plan, target, {
    signal: ctx.signal,
    file: target.origin,
    // Progress costs a percentile each second; off the TTY nobody sees it, so it is not computed.
    ...(live ? { onProgress: (progress) => process.stderr.write(`\r\x1b[2K${formatProgress(progress)}${progress.done ? '\n' : ''}`) } : {}),
  });

  const out = resolve(ctx.cwd, (ctx.inputs?.out as string | undefined) ?? 'load-result.json');
  writeFileAtomic(out, serializeRollgateResult(result));
  const shownOut = displayPath(out, ctx.cwd);
  const requests = result.series.reduce((sum, s) => sum + (s.metric === 'http_reqs' ? s.count : 0), 0);
  const ran = `${requests.toLocaleString('en-US')} requests in ${(result.durationSeconds ?? 0).toFixed(1)} s against ${target.origin}; result in ${shownOut}`;

  const config = loaded?.config ?? loadConfigSchema.parse({ thresholds: { dropped_requests: 'count==0' } });
  const baselineFile = ctx.inputs?.baseline as string | undefined;
  const baseline = baselineFile ? await readLoadResult(resolve(ctx.cwd, baselineFile), displayPath(resolve(ctx.cwd, baselineFile), ctx.cwd)) : undefined;
  const verdict = gate(config, [{ ...result, file: shownOut }], baseline);
  const report: Report = loadReport(verdict, loaded?.source);
  report.command = 'load run';
  report.headline = `${report.headline}. Ran ${ran}`;
  if (!loaded) report.sections.unshift({ title: 'No thresholds', primary: true, text: 'No .rollgate/load.yml: only the run itself was checked (no dropped requests). Add thresholds to gate latency and errors.' });
  return { result: { ...verdict, resultFile: shownOut } as SubcommandRun['result'], report };
}
