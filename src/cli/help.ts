import { COMMANDS } from '../commands/registry';
import type { CommandOption } from '../commands/types';

const COMMON_OPTIONS: Array<[string, string]> = [
  ['--config FILE', 'config file (default .rollgate/<command>.yml)'],
  ['--json', 'print exactly one JSON result object on stdout'],
  ['--cwd DIR', 'run as if started in DIR (paths in the config resolve against it)'],
  ['--sarif FILE', 'also write findings as SARIF 2.1.0'],
  ['--junit FILE', 'also write gates as JUnit XML'],
  ['--markdown FILE', 'also write the Markdown summary'],
  ['--result-file FILE', 'also write the JSON result to FILE'],
  ['--no-color', 'no ANSI colour (also NO_COLOR=1); colour is used only on a TTY'],
  ['--debug', 'log debug detail and show stack traces of internal errors'],
  ['-h, --help', 'show help'],
];

const EXIT_CODES = 'Exit codes: 0 every gate passed, 1 a gate failed, 2 bad usage or input, 3 internal error.';

function flagLines(options: CommandOption[]): Array<[string, string]> {
  return options.map((o) => [`--${o.name}${o.value ? ` ${o.value}` : ''}`, `${o.description}${o.multiple ? ' (repeatable)' : ''}`]);
}

function optionLines(options: Array<[string, string]>): string {
  const width = Math.max(...options.map(([flag]) => flag.length));
  return options.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`).join('\n');
}

export function mainHelp(version: string): string {
  const names = Object.values(COMMANDS);
  const width = Math.max(...names.map((c) => c.name.length), 'schema'.length);
  return [
    `rollgate ${version}: progressive-delivery gates for GitHub Actions`,
    '',
    'Usage: rollgate <command> [options]',
    '',
    'Commands:',
    ...names.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    `  ${'schema'.padEnd(width)}  Print the JSON Schema of a command's config (rollgate schema checklist)`,
    '',
    'Options for every command:',
    optionLines(COMMON_OPTIONS),
    '',
    'Examples:',
    ...names.map((c) => `  ${c.examples[0] ?? Object.values(c.subcommands ?? {})[0]?.examples[0] ?? `rollgate ${c.name} --help`}`),
    '  rollgate schema checklist > checklist.schema.json',
    '',
    EXIT_CODES,
    'Run `rollgate <command> --help` for a command\'s own options and examples.',
  ].join('\n');
}

export function commandHelp(name: string, sub?: string): string {
  const command = COMMANDS[name]!;
  const subcommand = sub ? command.subcommands?.[sub] : undefined;
  if (sub && subcommand) {
    const common = subcommand.usesConfig ? COMMON_OPTIONS : COMMON_OPTIONS.filter(([flag]) => !flag.startsWith('--config'));
    return [
      `rollgate ${name} ${sub}: ${subcommand.summary}`,
      '',
      `Usage: rollgate ${name} ${sub} [options]${subcommand.files ? ` ${subcommand.files}` : ''}`,
      '',
      'Options:',
      optionLines([...flagLines(subcommand.options), ...common]),
      '',
      ...(subcommand.details ? [...subcommand.details.flatMap((paragraph) => [paragraph, ''])] : []),
      'Examples:',
      ...subcommand.examples.map((example) => `  ${example}`),
      '',
      EXIT_CODES,
    ].join('\n');
  }
  const subs = Object.entries(command.subcommands ?? {});
  const subcommandList = (subName: string, s: { summary: string }) => `  ${subName.padEnd(Math.max(...subs.map(([n]) => n.length)))}  ${s.summary} (rollgate ${name} ${subName} --help)`;
  if (command.group) {
    return [
      `rollgate ${name}: ${command.summary}`,
      '',
      `Usage: rollgate ${name} <subcommand> [options]`,
      '',
      'Subcommands:',
      ...subs.map(([subName, s]) => subcommandList(subName, s)),
      '',
      'Examples:',
      ...command.examples.map((example) => `  ${example}`),
      ...subs.flatMap(([, s]) => s.examples.map((example) => `  ${example}`)),
      '',
      `Each subcommand lists its own options: rollgate ${name} <subcommand> --help. ${name} has no config file.`,
      EXIT_CODES,
    ].join('\n');
  }
  return [
    `rollgate ${name}: ${command.summary}`,
    '',
    `Usage: rollgate ${name}${command.verb ? ` [${command.verb}]` : ''}${command.positional ? ` [${command.positional.words.join('|')}]` : ''} [options]`,
    ...subs.map(([subName, sub]) => `       rollgate ${name} ${subName} [options]${sub.files ? ` ${sub.files}` : ''}`),
    '',
    ...(subs.length ? ['Subcommands:', ...subs.map(([subName, s]) => subcommandList(subName, s)), ''] : []),
    'Options:',
    optionLines([...flagLines(command.options), ...COMMON_OPTIONS]),
    '',
    'Examples:',
    ...command.examples.map((example) => `  ${example}`),
    ...subs.flatMap(([, s]) => s.examples.map((example) => `  ${example}`)),
    '',
    `Config: .rollgate/${name}.yml; its JSON Schema is schemas/${name}.schema.json.`,
    EXIT_CODES,
  ].join('\n');
}
