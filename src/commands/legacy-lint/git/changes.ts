/**
 * What a pull request changes, from git (the edge). The merge base is
 * computed by git against the base branch as it is now, fetched fresh:
 * pull_request.base.sha is frozen when the pull request opens, so diffing
 * against it would blame the pull request for everything merged into the
 * base since. A shallow clone is deepened until the merge base is reachable;
 * when that cannot work, the message says what to set.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { UserError } from '../../../errors';
import { parseUnifiedDiff, type DiffLines } from './unified-diff';

const exec = promisify(execFile);

async function git(root: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await exec('git', ['-c', 'core.quotePath=false', ...args], { cwd: root, maxBuffer: 1 << 30 });
    return stdout;
  } catch (error) {
    // git says what went wrong on its first stderr line (a missing object, a lock, an unsafe directory).
    const said = String((error as { stderr?: string }).stderr ?? (error as Error).message).trim().split('\n')[0];
    throw new UserError(`git ${args[0]} failed in ${root}: ${said}`);
  }
}

async function tryGit(root: string, args: string[]): Promise<string | undefined> {
  try {
    return await git(root, args);
  } catch {
    return undefined;
  }
}

export interface Changes extends DiffLines {
  /** The merge base the diff is taken from. */
  base: string;
  /** What it was computed against: origin/main, or the --base given. */
  against: string;
}

const FETCH_HINT = 'set fetch-depth: 0 on actions/checkout (or pass --base with a ref that is present)';

/**
 * Fetches `branch` from origin into refs/remotes/origin/<branch> and finds
 * the merge base with HEAD, deepening a shallow history step by step.
 */
async function mergeBaseWithRemote(root: string, branch: string, log: (text: string) => void): Promise<{ base: string; against: string }> {
  const remoteRef = `refs/remotes/origin/${branch}`;
  const shallow = (await tryGit(root, ['rev-parse', '--is-shallow-repository']))?.trim() === 'true';
  const fetched = await tryGit(root, ['fetch', '--no-tags', '--quiet', ...(shallow ? ['--depth=50'] : []), 'origin', `+refs/heads/${branch}:${remoteRef}`]);
  if (fetched === undefined && (await tryGit(root, ['rev-parse', '--verify', '--quiet', remoteRef])) === undefined) {
    throw new UserError(`cannot fetch the base branch ${branch} from origin to find the merge base; ${FETCH_HINT}`);
  }
  for (let depth = 50, round = 0; ; round++) {
    const base = (await tryGit(root, ['merge-base', remoteRef, 'HEAD']))?.trim();
    if (base) return { base, against: `origin/${branch}` };
    const stillShallow = (await tryGit(root, ['rev-parse', '--is-shallow-repository']))?.trim() === 'true';
    if (!stillShallow || round >= 6) break;
    depth *= 4;
    log(`the clone is shallow and the merge base with origin/${branch} is not in it; deepening by ${depth} commits`);
    const deepened = round < 5
      ? await tryGit(root, ['fetch', '--no-tags', '--quiet', `--deepen=${depth}`, 'origin', `+refs/heads/${branch}:${remoteRef}`, 'HEAD'])
      : await tryGit(root, ['fetch', '--no-tags', '--quiet', '--unshallow', 'origin', `+refs/heads/${branch}:${remoteRef}`]);
    if (deepened === undefined) break;
  }
  throw new UserError(`no merge base between HEAD and origin/${branch}: the history does not connect them; ${FETCH_HINT}`);
}

/** The merge base of HEAD and a ref the user named. */
async function mergeBaseWithRef(root: string, ref: string): Promise<{ base: string; against: string }> {
  if ((await tryGit(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])) === undefined) {
    throw new UserError(`--base: no commit "${ref}" in this repository; fetch it first, or ${FETCH_HINT}`);
  }
  const base = (await tryGit(root, ['merge-base', ref, 'HEAD']))?.trim();
  if (!base) throw new UserError(`no merge base between HEAD and ${ref}: the history does not connect them; ${FETCH_HINT}`);
  return { base, against: ref };
}

/**
 * Lines added since the merge base with `baseRef` (a ref) or with the remote
 * branch `baseBranch`: committed, staged and unstaged changes, and untracked
 * files as wholly added.
 */
export async function changesSince(root: string, target: { ref: string } | { branch: string }, log: (text: string) => void): Promise<Changes> {
  const { base, against } = 'ref' in target ? await mergeBaseWithRef(root, target.ref) : await mergeBaseWithRemote(root, target.branch, log);
  const diff = await git(root, ['diff', '--unified=0', '--no-color', '--no-ext-diff', '--find-renames', '--diff-filter=AMR', base]);
  const parsed = parseUnifiedDiff(diff);
  const untracked = (await git(root, ['ls-files', '-z', '--others', '--exclude-standard'])).split('\0').filter(Boolean);
  for (const file of untracked) parsed.addedFiles.add(file);
  return { ...parsed, base, against };
}

/** The file at `path` (repository-relative) as of `commit`, or undefined when it did not exist there. */
export async function fileAt(root: string, commit: string, path: string): Promise<string | undefined> {
  return tryGit(root, ['show', `${commit}:${path}`]);
}
