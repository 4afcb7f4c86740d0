/**
 * Reads and matches a batch of files (the edge: the file system). Runs in a
 * scanning worker, or on the main thread when the bundle's worker is absent
 * (from source, in tests). Skips symlinks (so nothing outside the repository
 * is ever read; a link's target inside it is scanned as itself), files over
 * the size limit, and binary files (a NUL byte in the first 8000 bytes, as
 * git decides), and counts each.
 */
import { closeSync, fstatSync, lstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { lexerReady, type BabelParser } from '../imports/js';
import { compileRule } from '../match/rules';
import { scanFile, type Match } from '../match/scan-file';
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
  for (let index = 0; index < files.length; index++) {
    const file = files[index]!;
    if (progress) {
      Atomics.store(progress, 0, index);
      Atomics.store(progress, 1, -1);
      Atomics.add(progress, 2, 1);
    }
    // A file no rule looks inside is never read: path rules need only the name.
    if (!compiled.some((rule) => rule.kind !== 'path' && rule.appliesTo(file))) {
      for (const rule of compiled) if (rule.kind === 'path' && rule.appliesTo(file) && rule.matchesPath!(file)) matches.push({ rule: rule.id, kind: 'path', file, line: 1, column: 1, lineText: '', matched: file });
      continue;
    }
    const text = readText(join(root, file), maxFileSize, skipped);
    if (text === undefined) continue;
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

function readText(path: string, maxFileSize: number, skipped: Skipped): string | undefined {
  let fd: number;
  try {
    if (lstatSync(path).isSymbolicLink()) {
      skipped.symlinks++;
      return undefined;
    }
    fd = openSync(path, 'r');
  } catch (error) {
    // Tracked by git but deleted in the work tree: nothing to lint, nothing skipped.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') skipped.unreadable++;
    return undefined;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) {
      skipped.unreadable++;
      return undefined;
    }
    if (stat.size > maxFileSize) {
      skipped.large++;
      return undefined;
    }
    const buffer = Buffer.allocUnsafe(stat.size);
    let read = 0;
    while (read < stat.size) {
      const n = readSync(fd, buffer, read, stat.size - read, read);
      if (n === 0) break;
      read += n;
    }
    const probe = buffer.subarray(0, Math.min(read, BINARY_PROBE));
    if (probe.includes(0)) {
      skipped.binary++;
      return undefined;
    }
    // A byte-order mark is not part of line 1's text.
    const text = buffer.toString('utf8', 0, read);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    skipped.unreadable++;
    return undefined;
  } finally {
    closeSync(fd);
  }
}
