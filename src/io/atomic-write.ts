/**
 * Writes via a temp file in the same folder and a rename, so a crash or a
 * full disk never leaves a half-written result for the next step to read.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export function writeFileAtomic(file: string, data: string): void {
  const folder = dirname(file);
  mkdirSync(folder, { recursive: true });
  const temp = join(folder, `.${basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(temp, data, 'utf8');
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
