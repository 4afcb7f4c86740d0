/**
 * The contract every capability meets. The CLI and the action both load a
 * capability through the registry and call the same `run`, then hand the
 * `report` to the shared reporting layer.
 */
import type { z } from 'zod';
import type { RunContext } from '../context';
import type { Report } from '../report/model';

export interface CapabilityResult {
  passed: boolean;
}

export interface Capability<Schema extends z.ZodType = z.ZodType, Result extends CapabilityResult = CapabilityResult> {
  /** Validates the YAML config; also the source of schemas/<command>.schema.json. */
  configSchema: Schema;
  run(config: z.output<Schema>, ctx: RunContext): Promise<Result>;
  report(result: Result, ctx: RunContext): Report;
}

/** What `--help` shows, kept apart from the capability so help loads nothing heavy. */
export interface CommandHelp {
  name: string;
  summary: string;
  /** Extra options beyond the common ones: flag text and what it does. */
  options: Array<[flag: string, description: string]>;
  examples: string[];
  load(): Promise<Capability>;
}
