/**
 * Reads and matches a batch of files (the edge: the file system). Runs in a
 * scanning worker, or on the main thread when the bundle's worker is absent
 * (from source, in tests). Skips symlinks (so nothing outside the repository
 * is ever read; a link's target inside it is scanned as itself), files over
 * the size limit, and binary files (a NUL byte in the first 8000 bytes, as
 * git decides), and counts each. A file whose bytes lack every pattern's
 * required literal (and that no import rule looks at) is never decoded.
 */
import { closeSync, constants, lstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { lexerReady, type BabelParser } from '../imports/js';
import { compileRule, type CompiledRule } from '../match/rules';
import { pathMatches, scanFile, type Match } from '../match/scan-file';
import type { RuleConfig } from '../schema';

export interface Skipped {
  binary: number;
  large: number;
  symlinks: number;
  unreadable: number;
}

export interface BatchResult {
  matches: Match[];
  skipped: Skipped;
  parseErrors: Array<{ file: string; line: number; column: number; message: string }>;
}

/**
 * Progress for the watchdog, in shared memory: [file index in the batch,
 * rule index, heartbeat]. The heartbeat moves before every file and every
 * pattern, so a pattern stuck on one file stops it.
 */
export type Progress = Int32Array;

const BINARY_PROBE = 8000;

let babel: Promise<BabelParser> | undefined;

export async function scanBatch(root: string, files: readonly string[], rules: readonly RuleConfig[], maxFileSize: number, progress?: Progress): Promise<BatchResult> {
  await lexerReady;
  const compiled = rules.map(compileRule);
  const skipped: Skipped = { binary: 0, large: 0, symlinks: 0, unreadable: 0 };
  const matches: Match[] = [];
  const parseErrors: BatchResult['parseErrors'] = [];
  const onRule = progress
    ? (ruleIndex: number) => {
        Atomics.store(progress, 1, ruleIndex);
        Atomics.add(progress, 2, 1);
      }
    : undefined;
  // git lists normalised relative paths, so a plain prefix is the join, without path.join's work per file.
  const base = join(root, '/');
  for (let index = 0; index < files.length; index++) {
    const file = files[index]!;
    if (progress) {
      Atomics.store(progress, 0, index);
      Atomics.store(progress, 1, -1);
      Atomics.add(progress, 2, 1);
    }
    // A file no rule looks inside is never read: path rules need only the name.
    if (!compiled.some((rule) => rule.kind !== 'path' && rule.appliesTo(file))) {
      matches.push(...pathMatches(file, compiled));
      continue;
    }
    const bytes = readBytes(base + file, maxFileSize, skipped);
    if (bytes === undefined) continue;
    const looking = compiled.filter((rule) => rule.kind !== 'path' && rule.appliesTo(file));
    if (cannotMatch(bytes, looking)) {
      matches.push(...pathMatches(file, compiled));
      continue;
    }
    const text = decode(bytes);
    let scan = scanFile(file, text, compiled, onRule ? { onRule } : {});
    if (scan === 'needs-parser') {
      // Loaded on the first file with JSX (or one the lexer rejects), and only then.
      babel ??= import('@babel/parser');
      scan = scanFile(file, text, compiled, { ...(onRule ? { onRule } : {}), babel: await babel }) as Exclude<typeof scan, 'needs-parser'>;
    }
    matches.push(...scan.matches);
    if (scan.parseError) parseErrors.push({ file, ...scan.parseError });
  }
  return { matches, skipped, parseErrors };
}

/** Where a worker reads files: one buffer for the whole scan, one byte over the size limit to tell "too large". */
let scratch: Buffer | undefined;

/** O_NOFOLLOW makes open itself refuse a symlink (ELOOP), saving an lstat a file; Windows has no such flag. */
const NO_FOLLOW = constants.O_NOFOLLOW;

/** The file's bytes (a view of the scratch buffer, valid until the next read), or undefined when skipped. */
function readBytes(path: string, maxFileSize: number, skipped: Skipped): Buffer | undefined {
  let fd: number;
  try {
    if (NO_FOLLOW === undefined && lstatSync(path).isSymbolicLink()) {
      skipped.symlinks++;
      return undefined;
    }
    fd = openSync(path, constants.O_RDONLY | (NO_FOLLOW ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') skipped.symlinks++;
    // Tracked by git but deleted in the work tree: nothing to lint, nothing skipped.
    else if (code !== 'ENOENT') skipped.unreadable++;
    return undefined;
  }
  try {
    if (!scratch || scratch.length < maxFileSize + 1) scratch = Buffer.allocUnsafe(maxFileSize + 1);
    let read = 0;
    for (;;) {
      const want = scratch.length - read;
      const n = readSync(fd, scratch, read, want, read);
      read += n;
      if (read > maxFileSize) {
        skipped.large++;
        return undefined;
      }
      // A regular file reads short only at its end, so a short read saves the read that would return 0.
      if (n < want) break;
    }
    const bytes = scratch.subarray(0, read);
    if (bytes.subarray(0, Math.min(read, BINARY_PROBE)).includes(0)) {
      skipped.binary++;
      return undefined;
    }
    return bytes;
  } catch {
    // A directory (a submodule), or a file that vanished mid-read.
    skipped.unreadable++;
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** UTF-8 text without a byte-order mark (not part of line 1's text). */
function decode(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * True when no rule can match these bytes: only pattern rules apply, each
 * has a literal every match contains, and none of those is in the file.
 */
function cannotMatch(bytes: Buffer, rules: readonly CompiledRule[]): boolean {
  return rules.every((rule) => rule.kind === 'pattern' && rule.pattern!.literal !== undefined && bytes.indexOf(rule.pattern!.literal) < 0);
}
