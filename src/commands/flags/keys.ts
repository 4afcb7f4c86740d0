/**
 * The keys to bucket: --key values, then the lines of --keys-file. The file is
 * read as a stream so a million ids never sit in memory as one string.
 */
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { displayPath } from '../../config/load';
import type { RunContext } from '../../context';
import { UserError } from '../../errors';

/**
 * Every line of a file is a key, exactly as written: only the line break (LF or
 * CRLF) and a leading byte-order mark are dropped, and empty lines are skipped.
 */
export async function readKeyFile(path: string, shown: string, into: string[]): Promise<void> {
  const input = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let first = true;
  try {
    for await (let line of lines) {
      if (first) {
        line = line.replace(/^\uFEFF/, '');
        first = false;
      }
      if (line !== '') into.push(line);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError('keys file not found; check the path given to --keys-file', { file: shown });
    if (code === 'EISDIR') throw new UserError('--keys-file names a folder; give a file with one key per line', { file: shown });
    throw new UserError(`cannot read the keys file: ${(error as Error).message}`, { file: shown });
  } finally {
    input.destroy();
  }
}

export async function readKeys(ctx: RunContext, command: string): Promise<string[]> {
  const inputs = ctx.inputs ?? {};
  const given = inputs.key;
  const keys = Array.isArray(given) ? [...given] : typeof given === 'string' ? [given] : [];
  const file = inputs['keys-file'];
  if (typeof file === 'string') {
    const path = resolve(ctx.cwd, file);
    await readKeyFile(path, displayPath(path, ctx.cwd), keys);
  }
  if (keys.length === 0) {
    throw new UserError(
      typeof file === 'string'
        ? `${file} holds no keys; write one key per line`
        : `give the keys to bucket with --key K (repeatable) or --keys-file FILE (one key per line); see ${command} --help`,
    );
  }
  return keys;
}
