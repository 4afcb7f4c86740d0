/**
 * A number from a JSON file in the workspace, such as a report an earlier
 * step writes. A file that is not there yet is no data (the step may not
 * have run); a file that is there but broken is a UserError pointing at the
 * line and column.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UserError } from '../../../errors';
import { numberAt, requireJsonPath } from './json-path';
import { findJsonSyntaxError } from './json-syntax';
import type { FileSource } from './schema';
import type { GateReadContext, GateReading } from './types';

export async function readFileGate(gateName: string, source: FileSource, ctx: GateReadContext): Promise<GateReading> {
  const gate = `gate "${gateName}"`;
  const segments = requireJsonPath(gate, source.jsonPath);
  const base: GateReading = { observed: null, query: `file ${source.path} ${source.jsonPath}` };
  let text: string;
  try {
    text = await readFile(resolve(ctx.cwd, source.path), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ...base, note: `${source.path} does not exist (yet: the step that writes it may not have run)` };
    if (code === 'EISDIR') throw new UserError(`${gate}: this is a directory; file.path must name a JSON file`, { file: source.path });
    throw new UserError(`${gate}: cannot read the file: ${(error as Error).message}`, { file: source.path });
  }
  // A BOM is how some Windows tools start a UTF-8 file; JSON.parse refuses it.
  const json = text.replace(/^\uFEFF/, '');
  let document: unknown;
  try {
    document = JSON.parse(json);
  } catch (error) {
    const syntax = findJsonSyntaxError(json);
    if (!syntax) throw error;
    throw new UserError(`${gate} reads this file, which is not valid JSON: ${syntax.message}`, {
      file: source.path,
      line: syntax.line,
      column: syntax.column,
    });
  }
  const found = numberAt(document, segments);
  return found.value === null ? { ...base, note: `${source.path}: ${found.note}` } : { ...base, observed: found.value };
}
