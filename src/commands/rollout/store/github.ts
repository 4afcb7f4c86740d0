/**
 * The state as a JSON file in the repository, read and written through the
 * Contents API. The blob sha is the version: GitHub refuses a PUT whose sha
 * is stale (409), and a create when the file appeared meanwhile (422), so two
 * concurrent ticks can never both move the rollout.
 */
import type { Octokit } from '@octokit/rest';
import { z } from 'zod';
import { UserError } from '../../../errors';
import { parseState, serializeState } from './parse-state';
import { StateConflict, type Loaded, type RolloutStore } from './types';

const fileResponse = z.object({
  type: z.literal('file', { error: 'expected a file' }),
  sha: z.string(),
  encoding: z.string(),
  content: z.string(),
});
const putResponse = z.object({ content: z.object({ sha: z.string() }) });

export interface GitHubStoreOptions {
  client: Octokit;
  owner: string;
  repo: string;
  path: string;
  /** The branch the state commits go to; default: the repository's default branch. */
  branch?: string;
}

function statusOf(error: unknown): number | undefined {
  return (error as { status?: number } | null)?.status;
}

export function githubStore(options: GitHubStoreOptions): RolloutStore {
  const { client, owner, repo, path, branch } = options;
  const where = `${owner}/${repo}:${path}${branch ? ` on ${branch}` : ''}`;
  return {
    where: `GitHub ${where}`,
    async load(): Promise<Loaded> {
      let data: unknown;
      try {
        ({ data } = await client.rest.repos.getContent({ owner, repo, path, ...(branch ? { ref: branch } : {}), headers: { 'cache-control': 'no-cache' } }));
      } catch (error) {
        if (statusOf(error) === 404) return { state: null, version: null };
        throw error;
      }
      const parsed = fileResponse.safeParse(data);
      if (!parsed.success) throw new UserError(`expected the rollout state file at ${where}, found ${Array.isArray(data) ? 'a folder' : `a ${String((data as { type?: unknown } | null)?.type ?? 'non-file')} entry`}; set state-path to a file`);
      if (parsed.data.encoding !== 'base64') throw new UserError(`the rollout state at ${where} is too large for the Contents API (over 1 MB); trim its history`);
      const text = Buffer.from(parsed.data.content, 'base64').toString('utf8');
      return { state: parseState(text, where), version: parsed.data.sha };
    },
    async save(state, version, message) {
      try {
        const { data } = await client.rest.repos.createOrUpdateFileContents({
          owner,
          repo,
          path,
          message,
          content: Buffer.from(serializeState(state), 'utf8').toString('base64'),
          ...(version ? { sha: version } : {}),
          ...(branch ? { branch } : {}),
          // The retry plugin would resend a stale sha after a 409 and wait seconds doing it; a conflict is this store's answer, at once.
          request: { retries: 0 },
        });
        return putResponse.parse(data).content.sha;
      } catch (error) {
        const status = statusOf(error);
        // 409: the sha moved. 422 without a sha: someone created the file first.
        if (status === 409 || (status === 422 && version === null)) throw new StateConflict(`GitHub ${where}`);
        if (status === 404 && branch) throw new UserError(`branch ${branch} does not exist in ${owner}/${repo}; create it once (git push origin HEAD:${branch}) or drop state-branch to use the default branch`);
        throw error;
      }
    },
  };
}
