/**
 * The files to lint (the edge: git and the file system). In a git work tree
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
import { glob } from 'tinyglobby';

const run = promisify(execFile);

export interface FileList {
  /** Folder the paths are relative to: the repository root in git, else the working directory. */
  root: string;
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
    const { stdout } = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--deduplicate'], { cwd: root, maxBuffer: 1 << 30 });
    const files = stdout.split('\0').filter(Boolean).sort();
    return { root, files, git: true };
  }
  const ig = ignore();
  try {
    ig.add(readFileSync(join(cwd, '.gitignore'), 'utf8'));
  } catch {
    // No .gitignore: nothing more to leave out.
  }
  const all = await glob('**/*', { cwd, dot: true, onlyFiles: true, followSymbolicLinks: false, ignore: ['**/node_modules/**', '**/.git/**'] });
  return { root: cwd, files: all.filter((file) => !ig.ignores(file)).sort(), git: false };
}
