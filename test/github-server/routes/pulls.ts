import { notFound, unprocessable } from '../errors';
import { paginate } from '../pagination';
import type { PullRequestRecord, RepoRecord, ReviewRecord, ReviewState } from '../records';
import { intParam, json, repoOf, type RequestContext, type Route } from '../routing';
import { diffEntryShape, pullRequestShape, reviewShape } from '../shapes/pull-request';
import { FieldCheck, objectBody } from '../validate';

const DOCS = {
  get: 'https://docs.github.com/rest/pulls/pulls#get-a-pull-request',
  files: 'https://docs.github.com/rest/pulls/pulls#list-pull-requests-files',
  listReviews: 'https://docs.github.com/rest/pulls/reviews#list-reviews-for-a-pull-request',
  createReview: 'https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request',
};

/** GitHub stops listing a pull request's files at 3000. */
const MAX_LISTED_FILES = 3000;

const EVENT_STATES: Record<string, ReviewState> = {
  APPROVE: 'APPROVED',
  REQUEST_CHANGES: 'CHANGES_REQUESTED',
  COMMENT: 'COMMENTED',
};

function findPull(ctx: RequestContext, repo: RepoRecord): PullRequestRecord {
  const pull = repo.pulls.get(intParam(ctx, 'pull_number'));
  if (!pull) throw notFound(ctx.docs);
  return pull;
}

function get(ctx: RequestContext) {
  const repo = repoOf(ctx);
  return json(200, pullRequestShape(ctx.state, ctx.urls, repo, findPull(ctx, repo)));
}

function listFiles(ctx: RequestContext) {
  const repo = repoOf(ctx);
  const pull = findPull(ctx, repo);
  const page = paginate(ctx, pull.files.slice(0, MAX_LISTED_FILES));
  return json(200, page.items.map((file) => diffEntryShape(ctx.urls, repo, pull, file)), page.headers);
}

function listReviews(ctx: RequestContext) {
  const repo = repoOf(ctx);
  const pull = findPull(ctx, repo);
  const page = paginate(ctx, pull.reviews);
  return json(200, page.items.map((review) => reviewShape(ctx.state, ctx.urls, repo, pull, review)), page.headers);
}

function createReview(ctx: RequestContext) {
  const repo = repoOf(ctx);
  const pull = findPull(ctx, repo);
  const check = new FieldCheck('PullRequestReview', objectBody(ctx));
  const event = check.optionalEnum('event', Object.keys(EVENT_STATES));
  const body = check.optionalString('body') ?? '';
  const commitId = check.optionalString('commit_id');
  check.throwIfAny(ctx.docs);
  const state: ReviewState = event === undefined ? 'PENDING' : (EVENT_STATES[event] ?? 'PENDING');
  const isAuthor = ctx.caller.login.toLowerCase() === pull.user.toLowerCase();
  // The review endpoint answers with the bare-string "errors" of validation-error-simple.
  if (isAuthor && state === 'APPROVED') throw unprocessable(ctx.docs, ['Can not approve your own pull request']);
  if (isAuthor && state === 'CHANGES_REQUESTED') throw unprocessable(ctx.docs, ['Can not request changes on your own pull request']);
  if ((state === 'CHANGES_REQUESTED' || state === 'COMMENTED') && body.trim() === '') {
    throw unprocessable(ctx.docs, [`Review body is required when using the ${event} event`]);
  }
  if (pull.reviews.some((review) => review.state === 'PENDING' && review.user.toLowerCase() === ctx.caller.login.toLowerCase())) {
    throw unprocessable(ctx.docs, ['User can only have one pending review per pull request']);
  }
  const review: ReviewRecord = {
    id: ctx.state.nextId('review'),
    user: ctx.caller.login,
    body,
    state,
    commitId: commitId ?? pull.head.sha,
    submittedAt: state === 'PENDING' ? null : ctx.state.now(),
    authorAssociation: 'NONE',
  };
  pull.reviews.push(review);
  return json(200, reviewShape(ctx.state, ctx.urls, repo, pull, review));
}

export const pullRoutes: Route[] = [
  { method: 'GET', pattern: '/repos/:owner/:repo/pulls/:pull_number', docs: DOCS.get, permission: 'pull_requests=read', scope: 'repo', handle: get },
  { method: 'GET', pattern: '/repos/:owner/:repo/pulls/:pull_number/files', docs: DOCS.files, permission: 'pull_requests=read', scope: 'repo', handle: listFiles },
  { method: 'GET', pattern: '/repos/:owner/:repo/pulls/:pull_number/reviews', docs: DOCS.listReviews, permission: 'pull_requests=read', scope: 'repo', handle: listReviews },
  { method: 'POST', pattern: '/repos/:owner/:repo/pulls/:pull_number/reviews', docs: DOCS.createReview, permission: 'pull_requests=write', scope: 'repo', handle: createReview },
];
