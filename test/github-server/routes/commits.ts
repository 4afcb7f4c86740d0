import { apiError, validationFailed } from '../errors';
import { paginate } from '../pagination';
import type { RepoRecord } from '../records';
import { json, repoOf, type RequestContext, type Route } from '../routing';
import { commitCommentShape, commitCommentUrl } from '../shapes/commit-comment';
import { pullRequestSimpleShape } from '../shapes/pull-request';
import type { CommitCommentSeed } from '../state';
import { charLength, FieldCheck, objectBody } from '../validate';
import { association, MAX_COMMENT_CHARS } from './issue-comments';

const DOCS = {
  pulls: 'https://docs.github.com/rest/commits/commits#list-pull-requests-associated-with-a-commit',
  listComments: 'https://docs.github.com/rest/commits/comments#list-commit-comments',
  createComment: 'https://docs.github.com/rest/commits/comments#create-a-commit-comment',
};

/** `commit_sha` may also name a branch, which GitHub documents for the pull requests endpoint. */
function resolveCommit(ctx: RequestContext, repo: RepoRecord): string | undefined {
  const sha = ctx.state.resolveRef(repo, ctx.params.commit_sha ?? '');
  return sha !== undefined && repo.commits.has(sha) ? sha : undefined;
}

function requireCommit(ctx: RequestContext, repo: RepoRecord): string {
  const sha = resolveCommit(ctx, repo);
  if (sha === undefined) throw apiError(422, `No commit found for SHA: ${ctx.params.commit_sha ?? ''}`, ctx.docs);
  return sha;
}

/**
 * The fake's pull requests have one commit each, so "associated" means the commit is a pull
 * request's head or its merge commit. Closed ones count too, as on GitHub.
 */
function listPulls(ctx: RequestContext) {
  const repo = repoOf(ctx);
  const sha = requireCommit(ctx, repo);
  const pulls = [...repo.pulls.values()]
    .filter((pull) => pull.head.sha === sha || pull.mergeCommitSha === sha)
    .sort((a, b) => a.number - b.number);
  const page = paginate(ctx, pulls);
  return json(200, page.items.map((pull) => pullRequestSimpleShape(ctx.state, ctx.urls, repo, pull)), page.headers);
}

/** Only this listing tolerates an unknown sha: nothing can have been said about it, so it is an empty page. */
function listComments(ctx: RequestContext) {
  const repo = repoOf(ctx);
  const sha = resolveCommit(ctx, repo);
  const comments = [...ctx.state.commitComments.values()]
    .filter((comment) => comment.repoKey === repo.fullName.toLowerCase() && comment.commitId === sha)
    .sort((a, b) => a.id - b.id);
  const page = paginate(ctx, comments);
  return json(200, page.items.map((comment) => commitCommentShape(ctx.state, ctx.urls, repo, comment)), page.headers);
}

function readComment(ctx: RequestContext): Omit<CommitCommentSeed, 'user'> {
  const check = new FieldCheck('CommitComment', objectBody(ctx));
  const body = check.requireString('body');
  const path = check.optionalString('path');
  const position = check.optionalPositiveInteger('position');
  const line = check.optionalPositiveInteger('line');
  check.throwIfAny(ctx.docs);
  if (body === undefined) throw new Error('unreachable: FieldCheck threw');
  if (charLength(body) > MAX_COMMENT_CHARS) {
    throw validationFailed(ctx.docs, [
      { resource: 'CommitComment', code: 'unprocessable', field: 'data', message: `Body is too long (maximum is ${MAX_COMMENT_CHARS} characters)` },
    ]);
  }
  return { body, ...(path === undefined ? {} : { path }), ...(position === undefined ? {} : { position }), ...(line === undefined ? {} : { line }) };
}

function createComment(ctx: RequestContext) {
  const repo = repoOf(ctx);
  const sha = requireCommit(ctx, repo);
  const input = readComment(ctx);
  const comment = ctx.state.storeCommitComment(repo, sha, { ...input, user: ctx.caller.login }, association(ctx, repo));
  return json(201, commitCommentShape(ctx.state, ctx.urls, repo, comment), {
    location: commitCommentUrl(ctx.urls, repo, comment.id),
  });
}

export const commitRoutes: Route[] = [
  { method: 'GET', pattern: '/repos/:owner/:repo/commits/:commit_sha/pulls', docs: DOCS.pulls, permission: 'contents=read', scope: 'repo', handle: listPulls },
  { method: 'GET', pattern: '/repos/:owner/:repo/commits/:commit_sha/comments', docs: DOCS.listComments, permission: 'contents=read', scope: 'repo', handle: listComments },
  { method: 'POST', pattern: '/repos/:owner/:repo/commits/:commit_sha/comments', docs: DOCS.createComment, permission: 'contents=write', scope: 'repo', handle: createComment },
];
