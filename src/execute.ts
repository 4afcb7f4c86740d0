/**
 * The one path both edges take: load the capability, load its config, run it,
 * build the report. No printing and no exit here; the edges do that.
 */
import { didYouMean } from './cli/suggest';
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

export async function loadCapability(command: string): Promise<Capability> {
  const entry = COMMANDS[command];
  if (!entry) {
    throw new UserError(`unknown command "${command}"${didYouMean(command, commandNames())} Commands: ${commandNames().join(', ')}`);
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
