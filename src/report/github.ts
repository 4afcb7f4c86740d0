/**
 * The two API channels: a check run and a sticky PR comment. A read-only token
 * (a PR from a fork) gets 403 here; that degrades to annotations and the job
 * summary with a notice, and never fails the step.
 */
import type { Octokit } from '@octokit/rest';
import type { Logger } from '../context';
import { isPermissionError } from '../github/client';
import type { GitHubContext } from '../github/context';
import { buildCheckRun } from './checkrun';
import { renderComment } from './markdown';
import type { Report } from './model';

export type PublishOutcome =
  | { channel: 'check-run' | 'comment'; status: 'published'; url?: string; id?: number }
  | { channel: 'check-run' | 'comment'; status: 'skipped' | 'read-only' | 'failed'; reason: string };

function describeError(error: unknown): string {
  const status = (error as { status?: number }).status;
  return status ? `HTTP ${status}: ${(error as Error).message}` : (error as Error).message;
}

export async function publishCheckRun(
  client: Octokit,
  gh: GitHubContext,
  report: Report,
  options: { name: string; detailsUrl?: string },
): Promise<PublishOutcome> {
  if (!gh.sha) return { channel: 'check-run', status: 'skipped', reason: 'no commit SHA (GITHUB_SHA) to attach the check run to' };
  const payload = buildCheckRun(report, { name: options.name, headSha: gh.sha, detailsUrl: options.detailsUrl });
  try {
    const created = await client.rest.checks.create({ owner: gh.owner, repo: gh.repo, ...payload.create });
    for (const update of payload.updates) {
      await client.rest.checks.update({ owner: gh.owner, repo: gh.repo, check_run_id: created.data.id, ...update });
    }
    return { channel: 'check-run', status: 'published', url: created.data.html_url ?? undefined, id: created.data.id };
  } catch (error) {
    if (isPermissionError(error)) return { channel: 'check-run', status: 'read-only', reason: describeError(error) };
    return { channel: 'check-run', status: 'failed', reason: describeError(error) };
  }
}

export function commentMarker(command: string, key = ''): string {
  return `<!-- rollgate:${command}${key ? `:${key}` : ''} -->`;
}

/** Finds our comment by its hidden marker and edits it; never posts a second copy. */
export async function publishStickyComment(
  client: Octokit,
  gh: GitHubContext,
  report: Report,
  options: { marker: string; detailsUrl?: string; log: Logger },
): Promise<PublishOutcome> {
  const pr = gh.pullRequest;
  if (!pr) return { channel: 'comment', status: 'skipped', reason: 'not a pull request event' };
  const body = renderComment(report, { marker: options.marker, detailsUrl: options.detailsUrl });
  try {
    const comments = await client.paginate(client.rest.issues.listComments, {
      owner: gh.owner,
      repo: gh.repo,
      issue_number: pr.number,
      per_page: 100,
    });
    const ours = comments.filter((comment) => comment.body?.includes(options.marker));
    const [first, ...duplicates] = ours;
    let result;
    if (first) {
      result = await client.rest.issues.updateComment({ owner: gh.owner, repo: gh.repo, comment_id: first.id, body });
    } else {
      result = await client.rest.issues.createComment({ owner: gh.owner, repo: gh.repo, issue_number: pr.number, body });
    }
    // Copies left by an older run (e.g. two concurrent jobs) go, so one comment remains.
    for (const duplicate of duplicates) {
      await client.rest.issues.deleteComment({ owner: gh.owner, repo: gh.repo, comment_id: duplicate.id });
      options.log.debug(`deleted duplicate comment ${duplicate.id}`);
    }
    return { channel: 'comment', status: 'published', url: result.data.html_url, id: result.data.id };
  } catch (error) {
    if (isPermissionError(error)) return { channel: 'comment', status: 'read-only', reason: describeError(error) };
    return { channel: 'comment', status: 'failed', reason: describeError(error) };
  }
}
