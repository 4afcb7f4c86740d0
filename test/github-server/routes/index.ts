import type { Route } from '../routing';
import { checkRunRoutes } from './check-runs';
import { commitRoutes } from './commits';
import { contentRoutes } from './contents';
import { deploymentRoutes } from './deployments';
import { dispatchRoutes } from './dispatches';
import { issueCommentRoutes } from './issue-comments';
import { metaRoutes, type RateLimitSnapshot } from './meta';
import { pullRoutes } from './pulls';
import { teamRoutes } from './teams';

export function allRoutes(rateLimit: RateLimitSnapshot): Route[] {
  return [
    ...checkRunRoutes,
    ...issueCommentRoutes,
    ...pullRoutes,
    ...commitRoutes,
    ...deploymentRoutes,
    ...contentRoutes,
    ...dispatchRoutes,
    ...teamRoutes,
    ...metaRoutes(rateLimit),
  ];
}
