import { notFound, validationFailed } from '../errors';
import { paginate } from '../pagination';
import type { AuthorAssociation, CommentRecord, RepoRecord } from '../records';
import { intParam, json, noContent, repoOf, type RequestContext, type Route } from '../routing';
import { issueCommentShape } from '../shapes/issue-comment';
import { charLength, FieldCheck, objectBody } from '../validate';

const DOCS = {
  list: 'https://docs.github.com/rest/issues/comments#list-issue-comments',
  create: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
  get: 'https://docs.github.com/rest/issues/comments#get-an-issue-comment',
  update: 'https://docs.github.com/rest/issues/comments#update-an-issue-comment',
  remove: 'https://docs.github.com/rest/issues/comments#delete-an-issue-comment',
};

/** GitHub's cap on comment bodies, counted in characters. */
export const MAX_COMMENT_CHARS = 65536;

function readBody(ctx: RequestContext): string {
  const check = new FieldCheck('IssueComment', objectBody(ctx));
  const body = check.requireString('body');
  check.throwIfAny(ctx.docs);
  if (body === undefined) throw new Error('unreachable: FieldCheck threw');
  if (charLength(body) > MAX_COMMENT_CHARS) {
    throw validationFailed(ctx.docs, [
      { resource: 'IssueComment', code: 'unprocessable', field: 'data', message: `Body is too long (maximum is ${MAX_COMMENT_CHARS} characters)` },
    ]);
  }
  return body;
}

function issueNumber(ctx: RequestContext, repo: RepoRecord): number {
  const number = intParam(ctx, 'issue_number');
  if (!ctx.state.hasIssue(repo, number)) throw notFound(ctx.docs);
  return number;
}

function findComment(ctx: RequestContext, repo: RepoRecord): CommentRecord {
  const comment = ctx.state.comments.get(intParam(ctx, 'comment_id'));
  if (!comment || comment.repoKey !== repo.fullName.toLowerCase()) throw notFound(ctx.docs);
  return comment;
}

/** The fake knows no collaborators: only the owner's own token is anything but NONE. */
export function association(ctx: RequestContext, repo: RepoRecord): AuthorAssociation {
  return ctx.caller.login.toLowerCase() === repo.owner.toLowerCase() ? 'OWNER' : 'NONE';
}

function list(ctx: RequestContext) {
  const repo = repoOf(ctx);
  const number = issueNumber(ctx, repo);
  const since = ctx.query.since === undefined ? undefined : Date.parse(ctx.query.since);
  const comments = [...ctx.state.comments.values()]
    .filter((comment) => comment.repoKey === repo.fullName.toLowerCase() && comment.issueNumber === number)
    .filter((comment) => since === undefined || Number.isNaN(since) || Date.parse(comment.updatedAt) >= since)
    .sort((a, b) => a.id - b.id);
  const page = paginate(ctx, comments);
  return json(200, page.items.map((comment) => issueCommentShape(ctx.state, ctx.urls, repo, comment)), page.headers);
}

function create(ctx: RequestContext) {
  const repo = repoOf(ctx);
  const number = issueNumber(ctx, repo);
  const body = readBody(ctx);
  const now = ctx.state.now();
  const comment: CommentRecord = {
    id: ctx.state.nextId('comment'),
    repoKey: repo.fullName.toLowerCase(),
    issueNumber: number,
    body,
    user: ctx.caller.login,
    createdAt: now,
    updatedAt: now,
    authorAssociation: association(ctx, repo),
  };
  ctx.state.comments.set(comment.id, comment);
  return json(201, issueCommentShape(ctx.state, ctx.urls, repo, comment), {
    location: `${ctx.urls.repo(repo.fullName)}/issues/comments/${comment.id}`,
  });
}

function get(ctx: RequestContext) {
  const repo = repoOf(ctx);
  return json(200, issueCommentShape(ctx.state, ctx.urls, repo, findComment(ctx, repo)));
}

function update(ctx: RequestContext) {
  const repo = repoOf(ctx);
  const comment = findComment(ctx, repo);
  comment.body = readBody(ctx);
  comment.updatedAt = ctx.state.now();
  return json(200, issueCommentShape(ctx.state, ctx.urls, repo, comment));
}

function remove(ctx: RequestContext) {
  const repo = repoOf(ctx);
  ctx.state.comments.delete(findComment(ctx, repo).id);
  return noContent();
}

export const issueCommentRoutes: Route[] = [
  { method: 'GET', pattern: '/repos/:owner/:repo/issues/:issue_number/comments', docs: DOCS.list, permission: 'issues=read; pull_requests=read', scope: 'repo', handle: list },
  { method: 'POST', pattern: '/repos/:owner/:repo/issues/:issue_number/comments', docs: DOCS.create, permission: 'issues=write; pull_requests=write', scope: 'repo', handle: create },
  { method: 'GET', pattern: '/repos/:owner/:repo/issues/comments/:comment_id', docs: DOCS.get, permission: 'issues=read; pull_requests=read', scope: 'repo', handle: get },
  { method: 'PATCH', pattern: '/repos/:owner/:repo/issues/comments/:comment_id', docs: DOCS.update, permission: 'issues=write; pull_requests=write', scope: 'repo', handle: update },
  { method: 'DELETE', pattern: '/repos/:owner/:repo/issues/comments/:comment_id', docs: DOCS.remove, permission: 'issues=write; pull_requests=write', scope: 'repo', handle: remove },
];
