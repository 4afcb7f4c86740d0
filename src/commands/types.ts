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

/**
 * An option of one command. The CLI takes it as `--name VALUE` (or a bare
 * `--name` without `value`); the action takes the input of the same name.
 * Both arrive in `RunContext.inputs`.
 */
export interface CommandOption {
  name: string;
  /** Placeholder shown in help (FILE, N); absent for a boolean flag. */
  value?: string;
  description: string;
  /** May be given more than once (CLI) or as several lines (action input). */
  multiple?: boolean;
}

/** What a subcommand computes: the same result and report a capability returns. */
export interface SubcommandRun {
  result: CapabilityResult;
  report: Report;
}

export interface Subcommand {
  summary: string;
  options: CommandOption[];
  examples: string[];
  /** Whether it reads the command's config file; a calculator such as `ab size` does not. */
  usesConfig: boolean;
  /** Takes file arguments (`load merge a.json b.json`), passed as inputs.files. */
  files?: string;
  load(): Promise<(ctx: RunContext) => Promise<SubcommandRun>>;
}

/** What `--help` shows, kept apart from the capability so help loads nothing heavy. */
export interface CommandHelp {
  name: string;
  summary: string;
  /** Options beyond the common ones. */
  options: CommandOption[];
  examples: string[];
  subcommands?: Record<string, Subcommand>;
  /** A word that may follow the command and means the command itself (`rollgate load gate`). */
  verb?: string;
  load(): Promise<Capability>;
}
