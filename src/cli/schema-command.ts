/**
 * `rollgate schema <command>` prints the JSON Schema generated from the zod
 * config schema; `--write DIR` writes schemas/<command>.schema.json for all
 * commands (the build does this so editors can autocomplete configs).
 */
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { COMMANDS, commandNames } from '../commands/registry';
import { EXIT, UserError } from '../errors';
import { loadCapability } from '../execute';
import { writeFileAtomic } from '../io/atomic-write';
import type { CliIO } from './main';

/** Commands with a config, and so a schema; a subcommand group such as `flags` has neither. */
function configuredCommands(): string[] {
  return commandNames().filter((name) => !COMMANDS[name]!.group);
}

export async function jsonSchemaOf(command: string): Promise<Record<string, unknown>> {
  if (COMMANDS[command]?.group) throw new UserError(`${command} has no config file, so no schema; commands with one: ${configuredCommands().join(', ')}`);
  const capability = await loadCapability(command);
  const schema = z.toJSONSchema(capability.configSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: `https://rollgate.dev/schemas/${command}.schema.json`,
    title: `Rollgate ${command} config (.rollgate/${command}.yml)`,
  };
}

export async function printSchemas(names: string[], writeDir: string | undefined, io: CliIO): Promise<number> {
  if (writeDir !== undefined) {
    for (const name of names.length ? names : configuredCommands()) {
      const file = join(resolve(io.cwd, writeDir), `${name}.schema.json`);
      writeFileAtomic(file, `${JSON.stringify(await jsonSchemaOf(name), null, 2)}\n`);
      io.stderr(`wrote ${file}\n`);
    }
    return EXIT.passed;
  }
  if (names.length !== 1) throw new UserError(`schema takes one command name (${configuredCommands().join(', ')}), or --write DIR`);
  io.stdout(`${JSON.stringify(await jsonSchemaOf(names[0]!), null, 2)}\n`);
  return EXIT.passed;
}
