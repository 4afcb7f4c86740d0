/**
 * The file and git access checks need, rooted at the run's cwd. Paths in and
 * out are repository-relative with forward slashes, as in configs and SARIF.
 */
import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { glob } from 'tinyglobby';
import type { RunContext } from '../../context';
import { toPosix } from '../../io/posix-path';

const run = promisify(execFile);

export interface ChangedFiles {
  files: string[];
  /** Where the list came from, for the details text. */
  source: string;
}

export interface Workspace {
  root: string;
  /** Undefined when the file does not exist. */
  readText(path: string): Promise<string | undefined>;
  exists(path: string): Promise<boolean>;
  /** Files matching any pattern, sorted; node_modules and .git never match. */
  glob(patterns: string[]): Promise<string[]>;
  /** Tracked files (git ls-files), or every file when this is not a git checkout. */
  trackedFiles(): Promise<string[]>;
  changedFiles(): Promise<ChangedFiles | undefined>;
}

const IGNORED = ['**/node_modules/**', '**/.git/**'];

async function gitLines(root: string, args: string[]): Promise<string[] | undefined> {
  try {
    const { stdout } = await run('git', args, { cwd: root, maxBuffer: 64 * 1024 * 1024 });
    return stdout.split('\n').filter(Boolean);
  } catch {
    return undefined;
  }
}

async function changedFromApi(ctx: RunContext): Promise<ChangedFiles | undefined> {
  const gh = ctx.github;
  if (!gh?.client || !gh.pullRequest) return undefined;
  const files = await gh.client.paginate(gh.client.rest.pulls.listFiles, {
    owner: gh.owner,
    repo: gh.repo,
    pull_number: gh.pullRequest.number,
    per_page: 100,
  });
  // A rename touches both names: a rule on the old path should still fire.
  const names = files.flatMap((file) => (file.previous_filename ? [file.filename, file.previous_filename] : [file.filename]));
  return { files: [...new Set(names)].sort(), source: `pull request #${gh.pullRequest.number}` };
}

async function changedFromGit(root: string, ctx: RunContext): Promise<ChangedFiles | undefined> {
  // The base branch as fetched now first: pull_request.base.sha is frozen when the PR opens, so once the
  // branch has merged the newer base, a diff from the old sha would count the base's own changes as the PR's.
  const baseBranch = ctx.env.GITHUB_BASE_REF ?? ctx.github?.pullRequest?.baseRef;
  const bases = [...(baseBranch ? [`origin/${baseBranch}`] : []), ...(ctx.github?.pullRequest?.baseSha ? [ctx.github.pullRequest.baseSha] : [])];
  let mergeBase: string[] | undefined;
  for (const base of bases) {
    mergeBase = await gitLines(root, ['merge-base', base, 'HEAD']);
    if (mergeBase?.[0]) break;
  }
  if (!mergeBase?.[0]) return undefined;
  const files = await gitLines(root, ['diff', '--name-only', `${mergeBase[0]}...HEAD`]);
  return files ? { files: files.sort(), source: `git diff against the merge base ${mergeBase[0].slice(0, 7)}` } : undefined;
}

export function createWorkspace(ctx: RunContext): Workspace {
  const root = ctx.cwd;
  let tracked: Promise<string[]> | undefined;
  let changed: Promise<ChangedFiles | undefined> | undefined;
  return {
    root,
    async readText(path) {
      try {
        return await readFile(resolve(root, path), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async exists(path) {
      try {
        await stat(resolve(root, path));
        return true;
      } catch {
        return false;
      }
    },
    async glob(patterns) {
      const found = await glob(patterns, { cwd: root, ignore: IGNORED, dot: true, onlyFiles: true, expandDirectories: false });
      return found.map(toPosix).sort();
    },
    trackedFiles() {
      tracked ??= (async () => {
        const lines = await gitLines(root, ['ls-files', '-z', '--cached', '--others', '--exclude-standard']);
        if (lines) return lines.join('\n').split('\0').filter(Boolean).map((file) => toPosix(relative(root, resolve(root, file)))).sort();
        return this.glob(['**/*']);
      })();
      return tracked;
    },
    changedFiles() {
      changed ??= (async () => (await changedFromApi(ctx)) ?? (await changedFromGit(root, ctx)))();
      return changed;
    },
  };
}
