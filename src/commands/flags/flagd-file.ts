/**
 * A flagd flag-definitions file (https://flagd.dev/reference/flag-definitions/),
 * validated at the edge. Only what evaluation needs is checked strictly; unknown
 * fields pass, as flagd itself only warns about them.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { displayPath, parseConfigText, type ConfigSource } from '../../config/load';
import { UserError } from '../../errors';

const flagSchema = z.object({
  state: z.enum(['ENABLED', 'DISABLED']),
  variants: z.record(z.string().min(1), z.json()).refine((variants) => Object.keys(variants).length > 0, 'a flag needs at least one variant'),
  defaultVariant: z.string().nullable().optional(),
  // JSONLogic: what rollgate can evaluate of it is decided when the flag is evaluated.
  targeting: z.record(z.string(), z.unknown()).optional(),
  metadata: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});

const fileSchema = z.object({
  $schema: z.string().optional(),
  flags: z.record(z.string().min(1), flagSchema),
  $evaluators: z.record(z.string(), z.unknown()).optional(),
  metadata: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});

export type FlagdFlag = z.output<typeof flagSchema>;

export interface FlagdFile {
  /** As shown to the user. */
  file: string;
  flags: Record<string, FlagdFlag>;
  evaluators: Record<string, unknown>;
  source: ConfigSource;
}

/** JSON.parse's "position N" as a line and column, so an editor can jump there. */
function jsonSyntaxError(text: string, error: Error, file: string): UserError {
  const at = /position (\d+)/.exec(error.message);
  if (!at) return new UserError(`invalid JSON: ${error.message}`, { file });
  const before = text.slice(0, Number(at[1]));
  const line = before.split('\n').length;
  const column = Number(at[1]) - before.lastIndexOf('\n');
  return new UserError(`invalid JSON: ${error.message.replace(/ in JSON at position \d+.*$/, '')}`, { file, line, column });
}

export function loadFlagdFile(cwd: string, file: string): FlagdFile {
  const path = resolve(cwd, file);
  const shown = displayPath(path, cwd);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError('flag definitions file not found; check the path given to --file', { file: shown });
    throw new UserError(`cannot read the flag definitions: ${(error as Error).message}`, { file: shown });
  }
  // flagd reads JSON and YAML; a .json file gets JSON's own syntax errors, not YAML's.
  if (/\.json$/i.test(path)) {
    try {
      JSON.parse(text);
    } catch (error) {
      throw jsonSyntaxError(text, error as Error, shown);
    }
  }
  const { config, source } = parseConfigText(text, shown, fileSchema);
  for (const [key, flag] of Object.entries(config.flags)) {
    const fallback = flag.defaultVariant;
    if (typeof fallback === 'string' && !Object.hasOwn(flag.variants, fallback)) {
      // flagd refuses to load such a flag, so every evaluation of it would fail.
      throw new UserError(`defaultVariant "${fallback}" is not one of the flag's variants (${Object.keys(flag.variants).join(', ')})`, {
        file: shown,
        line: source.lineOf(['flags', key, 'defaultVariant']),
        path: `flags.${key}.defaultVariant`,
      });
    }
  }
  return { file: shown, flags: config.flags, evaluators: config.$evaluators ?? {}, source };
}
