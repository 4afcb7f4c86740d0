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
import { cannotPass } from './abort';
import { configThresholds, gate } from './gate';
import { parseSelector, type MetricSelector } from './leak/prometheus-text';
import { describeSource, startSampling, type MemorySource, type Sampling } from './leak/sampler';
import { assessLeak } from './leak/trend';
import { readLoadResult } from './ingest/read';
import { serializeRollgateResult } from './ingest/rollgate';
import { loadReport } from './report';
import { formatProgress } from './runner/progress';
import { loadPlan, planDuration, scalePlan } from './runner/plan';
import { runPlan } from './runner/run';
import { loadConfigSchema, type LoadConfig } from './schema';

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

  // Without a config the one gate is "no dropped requests", so --abort-on-fail stops at the first drop.
  const config = loaded?.config ?? loadConfigSchema.parse({ thresholds: { dropped_requests: 'count==0' } });
  const abortOnFail = ctx.inputs?.['abort-on-fail'] === true;
  const checks = configThresholds(config);
  const memory = memorySource(config, ctx.inputs ?? {});
  const live = Boolean(process.stderr.isTTY);
  ctx.log.debug(`load run: ${plan.phases.length} phases, ${planDuration(plan).toFixed(0)} s, against ${target.origin}`);
  const starts = plan.phases.map((_, i) => plan.phases.slice(0, i).reduce((sum, p) => sum + p.duration, 0));
  const phaseAt = (seconds: number) => plan.phases[Math.max(0, starts.findLastIndex((start) => start <= seconds))]!.name;
  const sampling: Sampling | undefined = memory ? startSampling(memory, (config.leak?.every ?? 5) * 1000, phaseAt) : undefined;
  const result = await runPlan(plan, target, {
    signal: ctx.signal,
    file: target.origin,
    // Warm the runner's and undici's code before the clock starts: cold, the first requests stall the schedule (runner/warmup.ts).
    warmupRequests: 10_000,
    // V8's compiler and GC threads must not take the runner's core while requests are due (runner/priority.ts).
    yieldBackgroundThreads: true,
    ...(abortOnFail ? { abortCheck: (state) => cannotPass(checks, state) } : {}),
    // Progress costs a percentile each second; off the TTY nobody sees it, so it is not computed.
    ...(live ? { onProgress: (progress) => process.stderr.write(`\r\x1b[2K${formatProgress(progress)}${progress.done ? '\n' : ''}`) } : {}),
  });

  const sampled = await sampling?.stop();
  const leak = memory && sampled
    ? assessLeak(sampled.samples, { source: describeSource(memory), maxGrowthPerHour: config.leak?.maxGrowthPerHour ?? 0.1, ...(config.leak?.phase ? { phase: config.leak.phase } : {}) })
    : undefined;
  if (sampled && sampled.failures > 0) result.notes.push(`${sampled.failures} of ${sampled.failures + sampled.samples.length} memory readings failed; the first: ${sampled.firstFailure}`);
  const out = resolve(ctx.cwd, (ctx.inputs?.out as string | undefined) ?? 'load-result.json');
  writeFileAtomic(out, serializeRollgateResult(result));
  const shownOut = displayPath(out, ctx.cwd);
  const requests = result.series.reduce((sum, s) => sum + (s.metric === 'http_reqs' ? s.count : 0), 0);
  const ran = `${requests.toLocaleString('en-US')} requests in ${(result.durationSeconds ?? 0).toFixed(1)} s against ${target.origin}; result in ${shownOut}`;

  const baselineFile = ctx.inputs?.baseline as string | undefined;
  const baseline = baselineFile ? await readLoadResult(resolve(ctx.cwd, baselineFile), displayPath(resolve(ctx.cwd, baselineFile), ctx.cwd)) : undefined;
  const verdict = gate(config, [{ ...result, file: shownOut }], baseline, leak);
  const report: Report = loadReport(verdict, loaded?.source);
  report.command = 'load run';
  report.headline = `${report.headline}. Ran ${ran}`;
  if (result.aborted) {
    const a = result.aborted;
    report.sections.unshift({ title: 'Aborted early', primary: true, text: `Stopped after ${a.afterSeconds.toFixed(1)} s, in phase ${a.phase}, because ${a.key} ${a.expression} can no longer pass: ${a.reason} (${a.samples.toLocaleString('en-US')} requests so far). The result holds the requests up to then.` });
  }
  if (!loaded) report.sections.unshift({ title: 'No thresholds', primary: true, text: 'No .rollgate/load.yml: only the run itself was checked (no dropped requests). Add thresholds to gate latency and errors.' });
  // The gate fails the deciding threshold on the partial data too; passed is forced false so that holds by construction.
  const passed = verdict.passed && !result.aborted;
  return { result: { ...verdict, passed, ...(result.aborted ? { aborted: result.aborted } : {}), resultFile: shownOut } as SubcommandRun['result'], report };
}

/** Where to sample memory: --memory-url / --memory-pid over the config's leak block; undefined when neither asks. */
function memorySource(config: LoadConfig, inputs: Record<string, unknown>): MemorySource | undefined {
  const urlText = (inputs['memory-url'] as string | undefined) || config.leak?.url;
  const pidText = (inputs['memory-pid'] as string | undefined) || (config.leak?.pid !== undefined ? String(config.leak.pid) : undefined);
  if (urlText && pidText) throw new UserError('give the memory to sample as a URL or as a pid, not both (--memory-url, --memory-pid, or leak.url / leak.pid in the config)');
  if (pidText) {
    const pid = Number(pidText);
    if (!Number.isInteger(pid) || pid <= 0) throw new UserError(`--memory-pid: expected a process id (a positive integer), found "${pidText}"`);
    return { pid };
  }
  if (urlText) {
    let url: URL;
    try {
      url = new URL(urlText);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
    } catch {
      throw new UserError(`--memory-url: expected the http(s) URL of a Prometheus-format /metrics endpoint, found "${urlText}"`);
    }
    const metric = config.leak?.metric ?? 'process_resident_memory_bytes';
    // The schema already checked the selector.
    return { url, metric, selector: parseSelector(metric) as MetricSelector };
  }
  if (config.leak) throw new UserError('the leak check needs something to sample: set leak.url (a /metrics endpoint) or leak.pid in .rollgate/load.yml, or pass --memory-url / --memory-pid');
  return undefined;
}

