/**
 * The CLI edge: argv → options → the shared execute() → channels → exit code.
 * No capability logic lives here.
 */
import { parseArgs } from 'node:util';
import { COMMANDS } from '../commands/registry';
import type { CommandOption } from '../commands/types';
import type { Logger } from '../context';
import { EXIT, UserError } from '../errors';
import { defaultConfigPath, execute, loadCapability } from '../execute';
import { githubContextFromEnv } from '../github/context';
import { writeReportFiles, resultJson } from '../report/files';
import { renderTerminal } from '../report/terminal';
import { VERSION } from '../version';
import { commandHelp, mainHelp } from './help';
import { printSchemas } from './schema-command';

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

export async function runCli(io: CliIO = processIO()): Promise<number> {
  const debug = io.argv.includes('--debug');
  try {
    const [first, second] = locateCommand(io.argv);
    const entry = first ? COMMANDS[first] : undefined;
    const subcommand = second && entry?.subcommands?.[second] ? entry.subcommands[second] : undefined;
    const ownOptions = subcommand?.options ?? entry?.options ?? [];
    const { values, positionals } = parse(io.argv, ownOptions);
    const [command, ...rest] = positionals;
    if (subcommand || (entry?.verb && rest[0] === entry.verb)) rest.shift();
    if (values.version) {
      io.stdout(`${VERSION}\n`);
      return EXIT.passed;
    }
    if (!command) {
      io.stdout(`${mainHelp(VERSION)}\n`);
      return values.help ? EXIT.passed : EXIT.usage;
    }
    if (command === 'help') {
      io.stdout(`${rest[0] && COMMANDS[rest[0]] ? commandHelp(rest[0]) : mainHelp(VERSION)}\n`);
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
    const fileArgs = subcommand?.files ? rest.splice(0) : [];
    if (rest.length > 0) throw new UserError(`unexpected argument "${rest[0]}"; see rollgate ${command} --help`);

    const cwd = values.cwd ? (await import('node:path')).resolve(io.cwd, values.cwd) : io.cwd;
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
      },
    };
    log.debug(`config: ${values.config ?? defaultConfigPath(command)} (cwd ${cwd})`);
    const { result, report } = subcommand
      ? await (await subcommand.load())(subcommand.usesConfig ? { ...ctx, inputs: { ...ctx.inputs, config: values.config } } : ctx)
      : await execute(command, values.config, ctx);
    writeReportFiles(report, result, {
      sarif: values.sarif,
      junit: values.junit,
      markdown: values.markdown,
      result: values['result-file'],
    }, cwd);
    io.stdout(values.json ? resultJson(result) : `${renderTerminal(report, { color: useColor(io, values), verbose: debug })}\n`);
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
