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
  /**
   * For a subcommand whose answer is one row per input (`flags bucket` over a
   * million keys): stdout gets these rows in place of the rendered report, and
   * --json / --result-file get them in place of the result. Rows come as chunks
   * so that neither a renderer nor JSON.stringify holds them all in one string.
   */
  rows?: RowOutput;
}

export interface RowOutput {
  /** Lines for a pipe or a terminal, each ending in a newline. */
  text(): Iterable<string>;
  /** The pieces of exactly one JSON value. */
  json(): Iterable<string>;
}

export interface Subcommand {
  summary: string;
  options: CommandOption[];
  examples: string[];
  /** Whether it reads the command's config file; a calculator such as `ab size` does not. */
  usesConfig: boolean;
  /** Takes file arguments (`load merge a.json b.json`), passed as inputs.files. */
  files?: string;
  /** Paragraphs of help beyond one line per option, e.g. what each algorithm hashes. */
  details?: string[];
  load(): Promise<(ctx: RunContext) => Promise<SubcommandRun>>;
}

interface CommandHelpBase {
  name: string;
  summary: string;
  /** Options beyond the common ones. */
  options: CommandOption[];
  examples: string[];
}

/** What `--help` shows, kept apart from the capability so help loads nothing heavy. */
export interface CapabilityCommandHelp extends CommandHelpBase {
  group?: false;
  subcommands?: Record<string, Subcommand>;
  /** A word that may follow the command and means the command itself (`rollgate load gate`). */
  verb?: string;
  /** Words that may follow the command and set one option (`rollgate rollout tick` = `--action tick`). */
  positional?: { option: string; words: readonly string[] };
  load(): Promise<Capability>;
}

/**
 * A command that only names a family of subcommands (`rollgate flags bucket`):
 * no capability, no config, no schema. `load` still exists because the action
 * reaches every command through loadCapability; it rejects with a UserError
 * saying what to run instead.
 */
export interface SubcommandGroupHelp extends CommandHelpBase {
  group: true;
  subcommands: Record<string, Subcommand>;
  load(): Promise<never>;
}

export type CommandHelp = CapabilityCommandHelp | SubcommandGroupHelp;
