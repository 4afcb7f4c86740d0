/**
 * The one path both edges take: load the capability, load its config, run it,
 * build the report. No printing and no exit here; the edges do that.
 */
import { COMMANDS, commandNames } from './commands/registry';
import type { Capability, CapabilityResult } from './commands/types';
import { loadConfigFile } from './config/load';
import type { RunContext } from './context';
import { UserError } from './errors';
import type { Report } from './report/model';

export interface Execution {
  result: CapabilityResult;
  report: Report;
}

/** Edit distance, for "did you mean": typos are one or two keystrokes. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

export async function loadCapability(command: string): Promise<Capability> {
  const entry = COMMANDS[command];
  if (!entry) {
    const near = commandNames().filter((name) => distance(command, name) <= 2);
    throw new UserError(`unknown command "${command}"${near.length ? `; did you mean "${near[0]}"?` : ''} Commands: ${commandNames().join(', ')}`);
  }
  return entry.load();
}

export function defaultConfigPath(command: string): string {
  return `.rollgate/${command}.yml`;
}

export async function execute(command: string, configPath: string | undefined, ctx: RunContext): Promise<Execution> {
  const capability = await loadCapability(command);
  const loaded = loadConfigFile({
    file: configPath || defaultConfigPath(command),
    cwd: ctx.cwd,
    schema: capability.configSchema,
    isDefaultPath: !configPath,
    command,
  });
  const runCtx: RunContext = { ...ctx, configSource: loaded.source };
  const result = await capability.run(loaded.config, runCtx);
  return { result, report: capability.report(result, runCtx) };
}
