/**
 * The CLI edge: argv → options → the shared execute() → channels → exit code.
 * No capability logic lives here.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { COMMANDS } from '../commands/registry';
import type { CommandOption, RowOutput } from '../commands/types';
import type { Logger } from '../context';
import { EXIT, UserError } from '../errors';
import { defaultConfigPath, execute, loadCapability } from '../execute';
import { githubContextFromEnv } from '../github/context';
import { writeFileAtomic } from '../io/atomic-write';
import { writeReportFiles, resultJson } from '../report/files';
import { renderTerminal } from '../report/terminal';
import { VERSION } from '../version';
import { commandHelp, mainHelp } from './help';
import { printSchemas } from './schema-command';
import { didYouMean } from './suggest';

export interface CliIO {
  argv: string[];
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdoutIsTTY: boolean;
}

export function processIO(): CliIO {
  return {
    argv: process.argv.slice(2),
    env: process.env,
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
  };
}

const OPTIONS = {
  config: { type: 'string', short: 'c' },
  json: { type: 'boolean' },
  cwd: { type: 'string' },
  sarif: { type: 'string' },
  junit: { type: 'string' },
  markdown: { type: 'string' },
  'result-file': { type: 'string' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  write: { type: 'string' },
} as const;

function useColor(io: CliIO, flags: { color?: boolean; 'no-color'?: boolean }): boolean {
  if (flags['no-color'] || io.env.NO_COLOR) return false;
  if (flags.color || (io.env.FORCE_COLOR && io.env.FORCE_COLOR !== '0')) return true;
  return io.stdoutIsTTY;
}

type InputValue = string | string[] | boolean | undefined;
interface CommonValues {
  config?: string; json?: boolean; cwd?: string; sarif?: string; junit?: string; markdown?: string;
  'result-file'?: string; color?: boolean; 'no-color'?: boolean; debug?: boolean; help?: boolean; version?: boolean; write?: string;
}

type OptionSpec = { type: 'string' | 'boolean'; short?: string; multiple?: boolean };

/** Common string flags, whose next token is a value and not the command. */
const TAKES_VALUE = new Set(['-c', ...Object.entries(OPTIONS).filter(([, o]) => o.type === 'string').map(([name]) => `--${name}`)]);

/** The command and subcommand words, found before the command's own flags are known. */
function locateCommand(argv: string[]): string[] {
  const words: string[] = [];
  for (let i = 0; i < argv.length && words.length < 2; i++) {
    const token = argv[i]!;
    if (token === '--') break;
    if (token.startsWith('-')) {
      if (TAKES_VALUE.has(token)) i++;
      continue;
    }
    words.push(token);
  }
  return words;
}

function parse(argv: string[], extra: CommandOption[]) {
  const options: Record<string, OptionSpec> = { ...OPTIONS };
  for (const option of extra) options[option.name] = { type: option.value ? 'string' : 'boolean', ...(option.multiple ? { multiple: true } : {}) };
  try {
    const parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: parsed.values as CommonValues & Record<string, InputValue>, positionals: parsed.positionals };
  } catch (error) {
    // node:util's messages already name the flag; drop its internal prefix.
    throw new UserError(`${(error as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, '')}; see rollgate --help`);
  }
}

/** Chunks reach the stream in pieces of about 64 KiB: a write per row would cost more than the row. */
function* batched(chunks: Iterable<string>): Generator<string> {
  let pending = '';
  for (const chunk of chunks) {
    pending += chunk;
    if (pending.length >= 65_536) {
      yield pending;
      pending = '';
    }
  }
  if (pending) yield pending;
}

function printRows(rows: RowOutput, values: CommonValues, cwd: string, io: CliIO): void {
  if (values['result-file']) writeFileAtomic(resolve(cwd, values['result-file']), [...rows.json()].join(''));
  for (const piece of batched(values.json ? rows.json() : rows.text())) io.stdout(piece);
}

export async function runCli(io: CliIO = processIO()): Promise<number> {
  const debug = io.argv.includes('--debug');
  try {
    const [first, second] = locateCommand(io.argv);
    const entry = first ? COMMANDS[first] : undefined;
    const subcommand = second && entry?.subcommands?.[second] ? entry.subcommands[second] : undefined;
    // Checked before the flags: they belong to the subcommand, so an unknown one cannot parse them.
    if (entry?.group && second !== undefined && !subcommand) {
      const names = Object.keys(entry.subcommands);
      throw new UserError(`unknown subcommand "${first} ${second}"${didYouMean(second, names) || '.'} Subcommands: ${names.join(', ')}; see rollgate ${first} --help`);
    }
    const ownOptions = subcommand?.options ?? entry?.options ?? [];
    const { values, positionals } = parse(io.argv, ownOptions);
    const [command, ...rest] = positionals;
    if (subcommand || (entry && !entry.group && entry.verb && rest[0] === entry.verb)) rest.shift();
    if (values.version) {
      io.stdout(`${VERSION}\n`);
      return EXIT.passed;
    }
    if (!command) {
      io.stdout(`${mainHelp(VERSION)}\n`);
      return values.help ? EXIT.passed : EXIT.usage;
    }
    if (command === 'help') {
      const [name, sub] = rest;
      const known = name ? COMMANDS[name] : undefined;
      io.stdout(`${known ? commandHelp(name!, sub && known.subcommands?.[sub] ? sub : undefined) : mainHelp(VERSION)}\n`);
      return EXIT.passed;
    }
    if (command === 'schema') {
      return await printSchemas(rest, values.write, io);
    }
    if (!COMMANDS[command]) await loadCapability(command); // throws the "unknown command" UserError
    if (values.help) {
      io.stdout(`${commandHelp(command, subcommand ? second : undefined)}\n`);
      return EXIT.passed;
    }
    if (COMMANDS[command]!.group && !subcommand) {
      // `rollgate flags` alone: there is nothing to run, so show what there is, as a usage error.
      io.stdout(`${commandHelp(command)}\n`);
      return EXIT.usage;
    }
    const fileArgs = subcommand?.files ? rest.splice(0) : [];
    const entryHelp = COMMANDS[command]!;
    const positional = !entryHelp.group && !subcommand ? entryHelp.positional : undefined;
    const fromWord: Record<string, string> = {};
    if (positional && rest.length > 0) {
      const word = rest.shift()!;
      if (!positional.words.includes(word)) {
        throw new UserError(`unknown ${positional.option} "${word}"${didYouMean(word, [...positional.words]) || ';'} expected one of ${positional.words.join(', ')}; see rollgate ${command} --help`);
      }
      const flag = (values as Record<string, unknown>)[positional.option];
      if (flag !== undefined && flag !== word) throw new UserError(`"${word}" and --${positional.option} ${String(flag)} disagree; give one of them`);
      fromWord[positional.option] = word;
    }
    if (rest.length > 0) throw new UserError(`unexpected argument "${rest[0]}"; see rollgate ${command} --help`);

    const cwd = values.cwd ? resolve(io.cwd, values.cwd) : io.cwd;
    const log: Logger = {
      info: (m) => { if (!values.json) io.stderr(`${m}\n`); },
      warn: (m) => io.stderr(`warning: ${m}\n`),
      debug: (m) => { if (debug) io.stderr(`debug: ${m}\n`); },
    };
    const github = githubContextFromEnv(io.env);
    const token = io.env.GITHUB_TOKEN;
    const client = github && token
      ? await (await import('../github/client')).createClient({ token, baseUrl: github.apiUrl, log })
      : undefined;
    const ctx = {
      cwd,
      env: io.env,
      now: () => new Date(),
      log,
      signal: AbortSignal.timeout(24 * 3600 * 1000),
      github: github ? { ...github, client } : undefined,
      inputs: {
        ...Object.fromEntries(ownOptions.map((option) => [option.name, (values as Record<string, string | string[] | boolean | undefined>)[option.name]])),
        ...(subcommand?.files ? { files: fileArgs } : {}),
        ...fromWord,
      },
    };
    if (!subcommand || subcommand.usesConfig) log.debug(`config: ${values.config ?? defaultConfigPath(command)} (cwd ${cwd})`);
    const { result, report, rows } = subcommand
      ? await (await subcommand.load())(subcommand.usesConfig ? { ...ctx, inputs: { ...ctx.inputs, config: values.config } } : ctx)
      : { ...(await execute(command, values.config, ctx)), rows: undefined };
    writeReportFiles(report, result, {
      sarif: values.sarif,
      junit: values.junit,
      markdown: values.markdown,
      result: rows ? undefined : values['result-file'],
    }, cwd);
    if (rows) {
      printRows(rows, values, cwd, io);
      // The rows are the answer and own stdout; the verdict goes beside them, as a pipe expects.
      log.info(renderTerminal(report, { color: false, verbose: debug }).trimEnd());
    } else {
      io.stdout(values.json ? resultJson(result) : `${renderTerminal(report, { color: useColor(io, values), verbose: debug })}\n`);
    }
    return result.passed ? EXIT.passed : EXIT.failed;
  } catch (error) {
    if (error instanceof UserError) {
      io.stderr(`rollgate: ${error.toString()}\n`);
      if (debug && error.stack) io.stderr(`${error.stack}\n`);
      return EXIT.usage;
    }
    io.stderr(`rollgate: internal error: ${(error as Error)?.message ?? String(error)}\n`);
    io.stderr(debug ? `${(error as Error)?.stack ?? ''}\n` : 'Run again with --debug for the stack trace, and please report it.\n');
    return EXIT.internal;
  }
}
