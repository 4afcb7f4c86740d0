/**
 * One read-modify-write of a text file in the repository, for the file-based
 * providers. With a GitHub client the edit is a commit through the Contents
 * API, compare-and-swap on the blob sha, so a concurrent edit is re-read and
 * the edit re-applied instead of being overwritten; without one it is an
 * atomic write of the checkout.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, posix, resolve } from 'node:path';
import { z } from 'zod';
import type { Octokit } from '@octokit/rest';
import { UserError } from '../../../errors';
import { writeFileAtomic } from '../../../io/atomic-write';
import { ProviderUnavailableError, type ProviderContext } from './types';

/**
 * Turns the current text (undefined: no such file) into the new text, or
 * undefined when there is nothing to change. May run twice (after a conflict),
 * so it must not have side effects. `where` names the file for messages.
 */
export type FileEdit = (current: string | undefined, where: string) => string | undefined;

export interface FileEditResult {
  changed: boolean;
  /** The file as a person would look for it: a path, or owner/repo:path@branch. */
  where: string;
  /** The text the file has now (undefined when it does not exist and was not created). */
  text: string | undefined;
  /** Short sha of the commit, when one was made. */
  commit: string | null;
  githubRequests: number;
}

export interface FileEditOptions {
  path: string;
  branch?: string;
  /** Commit message; only the Contents API uses it. */
  message: string;
}

export async function editRepositoryFile(options: FileEditOptions, ctx: ProviderContext, edit: FileEdit): Promise<FileEditResult> {
  const github = ctx.github;
  if (github?.client) return editThroughContentsApi(github.client, github.owner, github.repo, options, ctx.signal, edit);
  return editLocalFile(options.path, ctx.cwd, edit);
}

function editLocalFile(path: string, cwd: string, edit: FileEdit): FileEditResult {
  const file = resolve(cwd, path);
  let current: string | undefined;
  try {
    current = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new UserError(`cannot read ${path}: ${(error as Error).message}`, { file: path });
  }
  const next = edit(current, path);
  const changed = next !== undefined && next !== current;
  if (changed) writeFileAtomic(file, next);
  return { changed, where: path, text: changed ? next : current, commit: null, githubRequests: 0 };
}

const fileContent = z.object({
  type: z.literal('file'),
  sha: z.string().min(1),
  encoding: z.string(),
  content: z.string(),
});
const commitAnswer = z.object({ commit: z.object({ sha: z.string().min(7) }) });

async function editThroughContentsApi(
  client: Octokit,
  owner: string,
  repo: string,
  options: FileEditOptions,
  signal: AbortSignal,
  edit: FileEdit,
): Promise<FileEditResult> {
  const path = repositoryPath(options.path);
  const where = `${owner}/${repo}:${path}${options.branch ? `@${options.branch}` : ''}`;
  let requests = 0;
  const read = async (): Promise<{ text: string; sha: string } | undefined> => {
    requests++;
    let data: unknown;
    try {
      ({ data } = await client.rest.repos.getContent({ owner, repo, path, ref: options.branch, request: { signal } }));
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw apiFailure(error, `reading ${where}`);
    }
    if (Array.isArray(data)) throw new UserError(`${where} is a folder; provider.path must name a JSON file`);
    const parsed = fileContent.safeParse(data);
    if (!parsed.success) throw new Error(`GitHub's answer for ${where} is not a file's contents: ${z.prettifyError(parsed.error)}`);
    const { sha, encoding, content } = parsed.data;
    if (encoding === 'base64') return { text: Buffer.from(content, 'base64').toString('utf8'), sha };
    // Files over 1 MB come without content; the raw media type still serves them.
    requests++;
    const raw = await client.rest.repos.getContent({ owner, repo, path, ref: options.branch, mediaType: { format: 'raw' }, request: { signal } });
    if (typeof raw.data !== 'string') throw new Error(`GitHub's raw answer for ${where} is not text`);
    return { text: raw.data, sha };
  };
  for (let attempt = 0; ; attempt++) {
    const current = await read();
    const next = edit(current?.text, where);
    if (next === undefined || next === current?.text) {
      return { changed: false, where, text: current?.text, commit: null, githubRequests: requests };
    }
    requests++;
    let data: unknown;
    try {
      ({ data } = await client.rest.repos.createOrUpdateFileContents({
        owner,
        repo,
        path,
        message: options.message,
        content: Buffer.from(next, 'utf8').toString('base64'),
        sha: current?.sha,
        branch: options.branch,
        // Octokit's retry plugin would repeat a 409 with the same stale sha; the loop here re-reads instead.
        request: { signal, retries: 0 },
      }));
    } catch (error) {
      // 409: the sha is stale (someone committed in between). 422 without a sha:
      // the file appeared in between. Either way: re-read and apply the edit again, once.
      const status = statusOf(error);
      const raced = status === 409 || (status === 422 && current === undefined);
      if (!raced) throw apiFailure(error, `committing ${where}`);
      if (attempt >= 1) {
        throw new ProviderUnavailableError(`${where} changed again while Rollgate was committing (GitHub answered ${status} twice); nothing was written, the next tick tries again`);
      }
      continue;
    }
    const answer = commitAnswer.safeParse(data);
    if (!answer.success) throw new Error(`GitHub's answer to the commit of ${where} has no commit sha: ${z.prettifyError(answer.error)}`);
    return { changed: true, where, text: next, commit: answer.data.commit.sha.slice(0, 7), githubRequests: requests };
  }
}

/** The Contents API takes a path inside the repository; anything else would be a 404 far from its cause. */
function repositoryPath(path: string): string {
  const clean = posix.normalize(path.replaceAll('\\', '/')).replace(/^\.\//, '');
  if (isAbsolute(path) || clean.startsWith('/') || clean === '..' || clean.startsWith('../')) {
    throw new UserError(`provider.path "${path}" must be inside the repository (a relative path) to be committed through the GitHub API`);
  }
  return clean;
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

function apiFailure(error: unknown, doing: string): Error {
  const status = statusOf(error);
  const message = (error as Error).message;
  if (status === 401) return new UserError(`GitHub rejected the token while ${doing} (401 ${message})`);
  if (status === 403 || status === 404) {
    return new UserError(`GitHub answered ${status} while ${doing}: ${message}. The token needs contents: write on the repository (fork pull requests get a read-only token)`);
  }
  if (status === 422) return new UserError(`GitHub refused ${doing} (422 ${message})`);
  if (status !== undefined && status >= 500) return new ProviderUnavailableError(`GitHub answered ${status} while ${doing} (after Octokit's retries): ${message}`);
  return error instanceof Error ? error : new Error(String(error));
}
