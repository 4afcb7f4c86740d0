import { nodeId, stableNumber } from '../ids';
import type { ServerState } from '../state';
import { WEB, type Urls } from './urls';

const NODE_PREFIX = { User: 'U', Bot: 'BOT', Organization: 'O' } as const;

/** The simple-user object GitHub embeds wherever a person, bot or organization appears. */
export function simpleUser(state: ServerState, urls: Urls, login: string) {
  const user = state.user(login);
  const api = urls.user(user.login);
  const isBot = user.type === 'Bot';
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId(NODE_PREFIX[user.type], user.id),
    avatar_url: isBot
      ? `https://avatars.githubusercontent.com/in/${appId(user.login)}?v=4`
      : `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: isBot ? `${WEB}/apps/${appSlug(user.login)}` : `${WEB}/${user.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: user.type,
    user_view_type: 'public',
    site_admin: false,
  };
}

/** "rollgate-bot[bot]" is the bot user of the app whose slug is "rollgate-bot". */
export function appSlug(login: string): string {
  return login.replace(/\[bot\]$/, '');
}

function appId(login: string): number {
  return appSlug(login) === 'github-actions' ? 15368 : stableNumber(`app:${appSlug(login)}`, 100_000, 900_000);
}

const APP_CREATED_AT = '2018-07-30T09:30:17Z';

/** The integration object on check runs: check runs always belong to the app whose token made them. */
export function appShape(state: ServerState, urls: Urls, botLogin: string) {
  const slug = appSlug(botLogin);
  const id = appId(botLogin);
  const owner = slug === 'github-actions' ? 'github' : 'rollgate';
  state.user(owner, 'Organization');
  return {
    id,
    slug,
    node_id: nodeId('A', id),
    client_id: `Iv1.${id.toString(16).padStart(16, '0')}`,
    owner: simpleUser(state, urls, owner),
    name: slug
      .split('-')
      .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
      .join(' '),
    description: '',
    external_url: `${WEB}/apps/${slug}`,
    html_url: `${WEB}/apps/${slug}`,
    created_at: APP_CREATED_AT,
    updated_at: APP_CREATED_AT,
    permissions: {
      checks: 'write',
      contents: 'write',
      deployments: 'write',
      issues: 'write',
      metadata: 'read',
      pull_requests: 'write',
    },
    events: ['check_run', 'check_suite', 'deployment', 'pull_request', 'push'],
  };
}
