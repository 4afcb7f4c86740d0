/**
 * The files to lint (the edge: git and the file system): those under the
 * working directory, so a monorepo package lints itself. In a git work tree
 * that is what git tracks plus untracked files it does not ignore (`git
 * ls-files --cached --others --exclude-standard`), so every .gitignore,
 * .git/info/exclude and the global excludes apply exactly as git applies
 * them. Outside git, the tree is walked with the root .gitignore applied,
 * and node_modules and .git are left out.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ignore from 'ignore';
import { UserError } from '../../../errors';
import { glob } from 'tinyglobby';

const run = promisify(execFile);

export interface FileList {
  /** The repository root (the working directory outside git). */
  root: string;
  /** The working directory relative to root, with forward slashes; '' at the root. */
  prefix: string;
  /** Files under the working directory, relative to it. */
  files: string[];
  git: boolean;
}

/** The repository root containing `cwd`, or undefined outside a git work tree. */
export async function gitRoot(cwd: string): Promise<string | undefined> {
  try {
    const { stdout } = await run('git', ['rev-parse', '--show-toplevel'], { cwd });
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

export async function listFiles(cwd: string): Promise<FileList> {
  const root = await gitRoot(cwd);
  if (root) {
    // Run in the working directory: git lists what is under it, relative to it.
    const { stdout } = await run('git', ['-c', 'core.quotePath=false', 'ls-files', '-z', '--cached', '--others', '--exclude-standard', '--deduplicate'], { cwd, maxBuffer: 1 << 30 }).catch((error: { stderr?: string; message: string }) => {
      throw new UserError(`git ls-files failed in ${cwd}: ${String(error.stderr ?? error.message).trim().split('\n')[0]}`);
    });
    const files = stdout.split('\0').filter(Boolean).sort();
    const prefix = (await run('git', ['rev-parse', '--show-prefix'], { cwd })).stdout.trim().replace(/\/$/, '');
    return { root, prefix, files, git: true };
  }
  const ig = ignore();
  try {
    ig.add(readFileSync(join(cwd, '.gitignore'), 'utf8'));
  } catch {
    // No .gitignore: nothing more to leave out.
  }
  const all = await glob('**/*', { cwd, dot: true, onlyFiles: true, followSymbolicLinks: false, ignore: ['**/node_modules/**', '**/.git/**'] });
  return { root: cwd, prefix: '', files: all.filter((file) => !ig.ignores(file)).sort(), git: false };
}
