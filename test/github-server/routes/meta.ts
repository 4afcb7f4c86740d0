import { json, repoOf, type RequestContext, type Route } from '../routing';
import { repositoryShape } from '../shapes/repository';

const DOCS = {
  repo: 'https://docs.github.com/rest/repos/repos#get-a-repository',
  rateLimit: 'https://docs.github.com/rest/rate-limit/rate-limit#get-rate-limit-status-for-the-authenticated-user',
};

function getRepo(ctx: RequestContext) {
  return json(200, repositoryShape(ctx.state, ctx.urls, repoOf(ctx), ctx.caller));
}

/** The rate-limit snapshot is filled in by the server, which owns the counters. */
export type RateLimitSnapshot = (ctx: RequestContext) => unknown;

export function metaRoutes(rateLimit: RateLimitSnapshot): Route[] {
  return [
    { method: 'GET', pattern: '/repos/:owner/:repo', docs: DOCS.repo, permission: 'metadata=read', scope: 'repo', handle: getRepo },
    { method: 'GET', pattern: '/rate_limit', docs: DOCS.rateLimit, permission: '', handle: (ctx) => json(200, rateLimit(ctx)) },
  ];
}
