import { notFound } from '../errors';
import { json, type RequestContext, type Route } from '../routing';

const DOCS = 'https://docs.github.com/rest/teams/members#get-team-membership-for-a-user';

function membership(ctx: RequestContext) {
  const { org = '', team_slug: slug = '', username = '' } = ctx.params;
  const team = ctx.state.getTeam(org, slug);
  const member = team?.members.get(username.toLowerCase());
  if (!team || !member) throw notFound(ctx.docs);
  const orgId = ctx.state.user(team.org, 'Organization').id;
  return json(200, {
    url: `${ctx.urls.api}/organizations/${orgId}/team/${team.id}/memberships/${encodeURIComponent(ctx.state.user(username).login)}`,
    role: member.role,
    state: member.state,
  });
}

export const teamRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/orgs/:org/teams/:team_slug/memberships/:username',
    docs: DOCS,
    permission: 'members=read',
    scope: 'org',
    handle: membership,
  },
];
