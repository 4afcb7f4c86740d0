import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubServer, type GitHubTestServer } from './index';
import { client, HEAD_SHA, OWNER, REPO, rejection, seedRepository } from './test-support';

let server: GitHubTestServer;
beforeAll(async () => {
  server = await startGitHubServer({ tokens: { 'pat-token': { permissions: 'write', login: 'release-captain' } } });
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
  seedRepository(server);
});

describe('tokens', () => {
  it('lets the fork token read but answers every write with 403 and changes nothing', async () => {
    const fork = client(server, 'test-fork-token');
    const pull = await fork.rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: 1 });
    expect(pull.status).toBe(200);
    const readme = await fork.rest.repos.getContent({ owner: OWNER, repo: REPO, path: 'README.md' });
    expect(readme.status).toBe(200);

    const writes = [
      () => fork.rest.checks.create({ owner: OWNER, repo: REPO, name: 'x', head_sha: HEAD_SHA }),
      () => fork.rest.issues.createComment({ owner: OWNER, repo: REPO, issue_number: 1, body: 'hi' }),
      () => fork.rest.repos.createOrUpdateFileContents({ owner: OWNER, repo: REPO, path: 'x', message: 'm', content: 'eA==' }),
      () => fork.rest.repos.createDeployment({ owner: OWNER, repo: REPO, ref: 'main' }),
      () => fork.rest.repos.createDispatchEvent({ owner: OWNER, repo: REPO, event_type: 'rollout' }),
      () => fork.rest.issues.deleteComment({ owner: OWNER, repo: REPO, comment_id: 1 }),
    ];
    for (const write of writes) {
      const error = await rejection(write());
      expect(error.status).toBe(403);
      expect(error.response.data).toMatchObject({ message: 'Resource not accessible by integration', status: '403' });
      expect(String((error.response.data as { documentation_url: string }).documentation_url)).toMatch(/^https:\/\/docs\.github\.com\/rest\//);
    }
    const checkWrite = await rejection(fork.rest.checks.create({ owner: OWNER, repo: REPO, name: 'x', head_sha: HEAD_SHA }));
    expect(checkWrite.response.headers['x-accepted-github-permissions']).toBe('checks=write');
    expect(server.state.checkRuns.size + server.state.comments.size + server.state.deployments.size + server.state.dispatches.length).toBe(0);
  });

  it('answers a bad or missing token with 401 Bad credentials', async () => {
    const bad = await rejection(client(server, 'ghp_not-a-real-token').rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: 1 }));
    expect(bad.status).toBe(401);
    expect(bad.response.data).toEqual({ message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });

    const anonymous = await fetch(`${server.url}/repos/${OWNER}/${REPO}`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('x-ratelimit-limit')).toBe('60');
  });

  it('accepts both "token" and "Bearer" authorization schemes', async () => {
    for (const scheme of ['token', 'Bearer']) {
      const response = await fetch(`${server.url}/repos/${OWNER}/${REPO}`, { headers: { authorization: `${scheme} test-write-token` } });
      expect(response.status).toBe(200);
    }
  });

  it('refuses check runs from a user (non-app) token, as GitHub does', async () => {
    const error = await rejection(client(server, 'pat-token').rest.checks.create({ owner: OWNER, repo: REPO, name: 'x', head_sha: HEAD_SHA }));
    expect(error.status).toBe(403);
    expect(error.message).toContain('You must authenticate via a GitHub App.');
  });
});

describe('team membership', () => {
  beforeEach(() => {
    server.state.addTeamMember(OWNER, 'release-managers', 'release-captain', { role: 'maintainer' });
  });

  it('answers membership to a token that can read the org', async () => {
    const octokit = client(server, 'test-org-token');
    const { data } = await octokit.rest.teams.getMembershipForUserInOrg({ org: OWNER, team_slug: 'release-managers', username: 'release-captain' });
    expect(data).toMatchObject({ state: 'active', role: 'maintainer' });
    expect(data.url).toMatch(new RegExp(`^${server.url}/organizations/\\d+/team/\\d+/memberships/release-captain$`));
    const stranger = await rejection(octokit.rest.teams.getMembershipForUserInOrg({ org: OWNER, team_slug: 'release-managers', username: 'someone' }));
    expect(stranger.status).toBe(404);
  });

  it('is 403 for a repository-scoped token, like GITHUB_TOKEN', async () => {
    const error = await rejection(
      client(server).rest.teams.getMembershipForUserInOrg({ org: OWNER, team_slug: 'release-managers', username: 'release-captain' }),
    );
    expect(error.status).toBe(403);
    expect(error.response.data).toMatchObject({ message: 'Resource not accessible by integration' });
  });
});

describe('repository dispatch', () => {
  it('records the event and answers 204', async () => {
    const response = await client(server).rest.repos.createDispatchEvent({
      owner: OWNER,
      repo: REPO,
      event_type: 'rollgate-advance',
      client_payload: { stage: 2 },
    });
    expect(response.status).toBe(204);
    expect(server.state.dispatches).toMatchObject([
      { repoKey: `${OWNER}/${REPO}`, eventType: 'rollgate-advance', clientPayload: { stage: 2 }, sender: 'rollgate-bot[bot]' },
    ]);
  });

  it('422s without event_type or with more than 10 payload keys', async () => {
    const octokit = client(server);
    const missing = await rejection(octokit.request('POST /repos/{owner}/{repo}/dispatches', { owner: OWNER, repo: REPO } as never));
    expect(missing.status).toBe(422);
    expect(missing.response.data).toMatchObject({ message: 'Invalid request.\n\n"event_type" wasn\'t supplied.' });
    const payload = Object.fromEntries(Array.from({ length: 11 }, (_, index) => [`k${index}`, index]));
    const tooBig = await rejection(octokit.rest.repos.createDispatchEvent({ owner: OWNER, repo: REPO, event_type: 'x', client_payload: payload }));
    expect(tooBig.status).toBe(422);
    expect(server.state.dispatches).toHaveLength(0);
  });
});

describe('routing, headers and recording', () => {
  it('404s unknown routes and unseeded repositories, even for writes', async () => {
    const octokit = client(server);
    const route = await rejection(octokit.request('GET /repos/{owner}/{repo}/nothing-here', { owner: OWNER, repo: REPO }));
    expect(route.status).toBe(404);
    expect(route.response.data).toEqual({ message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });

    const repo = await rejection(octokit.rest.issues.createComment({ owner: OWNER, repo: 'not-seeded', issue_number: 1, body: 'x' }));
    expect(repo.status).toBe(404);
    expect(server.state.getRepo(OWNER, 'not-seeded')).toBeUndefined();
  });

  it('sends GitHub\'s headers with a decrementing rate limit', async () => {
    const octokit = client(server);
    const first = await octokit.rest.repos.get({ owner: OWNER, repo: REPO });
    const second = await octokit.rest.repos.get({ owner: OWNER, repo: REPO });
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(first.headers['x-github-media-type']).toBe('github.v3; format=json');
    expect(first.headers['x-github-request-id']).toMatch(/^[0-9A-F]{4}:[0-9A-F]{6}:[0-9A-F]{6}:[0-9A-F]{6}:[0-9A-F]{8}$/);
    expect(first.headers['x-ratelimit-limit']).toBe('5000');
    expect(first.headers['x-ratelimit-resource']).toBe('core');
    expect(Number(first.headers['x-ratelimit-reset'])).toBeGreaterThan(Date.now() / 1000);
    expect(Number(second.headers['x-ratelimit-remaining'])).toBe(Number(first.headers['x-ratelimit-remaining']) - 1);
    expect(Number(second.headers['x-ratelimit-used'])).toBe(Number(first.headers['x-ratelimit-used']) + 1);

    const limits = await octokit.rest.rateLimit.get();
    expect(limits.data.resources.core.remaining).toBe(Number(second.headers['x-ratelimit-remaining']));
    expect(limits.data.rate).toEqual(limits.data.resources.core);
  });

  it('describes the repository with the caller\'s permissions', async () => {
    const { data } = await client(server, 'test-fork-token').rest.repos.get({ owner: OWNER, repo: REPO });
    expect(data).toMatchObject({ full_name: `${OWNER}/${REPO}`, default_branch: 'main', owner: { login: OWNER, type: 'Organization' } });
    expect(data.permissions).toMatchObject({ push: false, pull: true });
    expect(data.open_issues_count).toBe(1);
  });

  it('records every request in order with method, path, query, headers, body and status', async () => {
    const octokit = client(server);
    await octokit.rest.issues.createComment({ owner: OWNER, repo: REPO, issue_number: 1, body: 'hello' });
    await octokit.rest.issues.listComments({ owner: OWNER, repo: REPO, issue_number: 1, per_page: 5 });
    await rejection(octokit.rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: 9 }));
    expect(server.requests.map(({ method, path, query, body, status }) => ({ method, path, query, body, status }))).toEqual([
      { method: 'POST', path: `/repos/${OWNER}/${REPO}/issues/1/comments`, query: {}, body: { body: 'hello' }, status: 201 },
      { method: 'GET', path: `/repos/${OWNER}/${REPO}/issues/1/comments`, query: { per_page: '5' }, body: undefined, status: 200 },
      { method: 'GET', path: `/repos/${OWNER}/${REPO}/pulls/9`, query: {}, body: undefined, status: 404 },
    ]);
    expect(server.requests[0]?.headers.authorization).toBe('token test-write-token');
  });

  it('answers malformed JSON with 400 Problems parsing JSON', async () => {
    const response = await fetch(`${server.url}/repos/${OWNER}/${REPO}/issues/1/comments`, {
      method: 'POST',
      headers: { authorization: 'token test-write-token', 'content-type': 'application/json' },
      body: '{"body": ',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ message: 'Problems parsing JSON' });
    expect(server.requests.at(-1)).toMatchObject({ body: '{"body": ', status: 400 });
  });
});
