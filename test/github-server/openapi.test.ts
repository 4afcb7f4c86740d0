/**
 * Every implemented operation, answered by the fake, checked against the response schema
 * GitHub publishes for that status (api.github.com description in @octokit/openapi).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubServer, type GitHubTestServer } from './index';
import { componentProblems, declaredResponse, schemaProblems } from './openapi';
import { HEAD_SHA, OWNER, REPO, seedRepository } from './test-support';

let server: GitHubTestServer;
const covered = new Set<string>();

beforeAll(async () => {
  server = await startGitHubServer();
  seedRepository(server);
  server.state.addTeamMember(OWNER, 'release-managers', 'release-captain');
});
afterAll(() => server.close());

interface Answer {
  status: number;
  body: unknown;
}

async function call(method: string, path: string, body?: unknown, token = 'test-write-token'): Promise<Answer> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `token ${token}`, accept: 'application/vnd.github+json', 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

/**
 * Asserts the answer had `status` and that its body matches what the description declares
 * for it: the operation's own schema, or for a status it leaves undeclared, GitHub's shared
 * error schemas. A 204 must come without a body.
 */
function conforms(answer: Answer, method: string, specPath: string, status: number): void {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  covered.add(`${method} ${specPath} ${status}`);
  if (status === 204) {
    expect(answer.body).toBeUndefined();
    return;
  }
  if (declaredResponse(method, specPath, status)) {
    expect(schemaProblems(method, specPath, status, answer.body)).toEqual([]);
    return;
  }
  expect(status).toBeGreaterThanOrEqual(400);
  expect(componentProblems(status === 422 ? 'validation-error' : 'basic-error', answer.body)).toEqual([]);
  expect(answer.body).toMatchObject({ message: expect.any(String), documentation_url: expect.stringMatching(/^https:\/\/docs\.github\.com\//) });
}

const repoPath = `/repos/${OWNER}/${REPO}`;
const R = '/repos/{owner}/{repo}';

describe('the schema check itself', () => {
  it('rejects bodies that break the contract, so passing cases mean something', async () => {
    const created = await call('POST', `${repoPath}/check-runs`, { name: 'probe', head_sha: HEAD_SHA });
    const run = created.body as Record<string, unknown>;
    const path = `${R}/check-runs`;
    expect(schemaProblems('POST', path, 201, run)).toEqual([]);
    const { id: _id, ...withoutId } = run;
    expect(schemaProblems('POST', path, 201, withoutId).join('\n')).toContain("must have required property 'id'");
    // nullable fields take null, non-nullable ones do not.
    expect(schemaProblems('POST', path, 201, { ...run, conclusion: null, completed_at: null })).toEqual([]);
    expect(schemaProblems('POST', path, 201, { ...run, name: null })).not.toEqual([]);
    expect(schemaProblems('POST', path, 201, { ...run, status: 'exploded' })).not.toEqual([]);
    expect(schemaProblems('POST', path, 201, { ...run, started_at: 'yesterday' })).not.toEqual([]);
    expect(schemaProblems('POST', path, 201, { ...run, output: { ...(run.output as object), annotations_url: 'not a uri' } })).not.toEqual([]);
    expect(() => schemaProblems('GET', '/orgs/{org}/teams/{team_slug}/memberships/{username}', 404, {})).toThrow(/declares no JSON body/);
  });
});

describe('OpenAPI conformance', () => {
  it('check runs', async () => {
    const created = await call('POST', `${repoPath}/check-runs`, {
      name: 'rollgate / gate',
      head_sha: HEAD_SHA,
      status: 'in_progress',
      external_id: 'gate-1',
      output: {
        title: 'Gate',
        summary: 'Checking',
        annotations: [
          { path: 'src/a.ts', start_line: 3, end_line: 3, start_column: 1, end_column: 9, annotation_level: 'notice', message: 'm', title: 't', raw_details: 'd' },
          { path: 'src/b.ts', start_line: 1, end_line: 4, annotation_level: 'failure', message: 'm' },
        ],
      },
    });
    conforms(created, 'POST', `${R}/check-runs`, 201);
    const id = (created.body as { id: number }).id;
    conforms(await call('PATCH', `${repoPath}/check-runs/${id}`, { conclusion: 'success', output: { summary: 'done' } }), 'PATCH', `${R}/check-runs/{check_run_id}`, 200);
    conforms(await call('GET', `${repoPath}/check-runs/${id}`), 'GET', `${R}/check-runs/{check_run_id}`, 200);
    conforms(await call('GET', `${repoPath}/check-runs/${id}/annotations`), 'GET', `${R}/check-runs/{check_run_id}/annotations`, 200);
    conforms(await call('GET', `${repoPath}/commits/${HEAD_SHA}/check-runs`), 'GET', `${R}/commits/{ref}/check-runs`, 200);
    // Statuses GitHub answers but the description leaves undeclared for these operations.
    conforms(await call('POST', `${repoPath}/check-runs`, { head_sha: HEAD_SHA }), 'POST', `${R}/check-runs`, 422);
    conforms(await call('POST', `${repoPath}/check-runs`, { name: 'x', head_sha: HEAD_SHA }, 'test-fork-token'), 'POST', `${R}/check-runs`, 403);
    conforms(await call('GET', `${repoPath}/check-runs/1`), 'GET', `${R}/check-runs/{check_run_id}`, 404);
  });

  it('issue comments', async () => {
    const path = `${R}/issues/{issue_number}/comments`;
    const created = await call('POST', `${repoPath}/issues/1/comments`, { body: 'Canary at 10%' });
    conforms(created, 'POST', path, 201);
    conforms(await call('POST', `${repoPath}/issues/1/comments`, { body: '' }), 'POST', path, 422);
    conforms(await call('POST', `${repoPath}/issues/1/comments`, { body: 'x' }, 'test-fork-token'), 'POST', path, 403);
    conforms(await call('POST', `${repoPath}/issues/77/comments`, { body: 'x' }), 'POST', path, 404);
    conforms(await call('GET', `${repoPath}/issues/1/comments`), 'GET', path, 200);
    conforms(await call('GET', `${repoPath}/issues/77/comments`), 'GET', path, 404);

    const id = (created.body as { id: number }).id;
    const one = `${R}/issues/comments/{comment_id}`;
    conforms(await call('GET', `${repoPath}/issues/comments/${id}`), 'GET', one, 200);
    conforms(await call('PATCH', `${repoPath}/issues/comments/${id}`, { body: 'Canary at 50%' }), 'PATCH', one, 200);
    conforms(await call('PATCH', `${repoPath}/issues/comments/${id}`, {}), 'PATCH', one, 422);
    conforms(await call('DELETE', `${repoPath}/issues/comments/${id}`), 'DELETE', one, 204);
    conforms(await call('GET', `${repoPath}/issues/comments/${id}`), 'GET', one, 404);
  });

  it('pull requests, files and reviews', async () => {
    server.state.addPullRequest(OWNER, REPO, {
      number: 30,
      state: 'closed',
      merged: true,
      draft: false,
      labels: ['a', 'b'],
      head: { repo: 'contributor/web-app', ref: 'patch-1' },
      files: [{ filename: 'old.ts', status: 'renamed', previous_filename: 'older.ts' }, { filename: 'gone.ts', status: 'removed', deletions: 9 }],
    });
    conforms(await call('GET', `${repoPath}/pulls/1`), 'GET', `${R}/pulls/{pull_number}`, 200);
    conforms(await call('GET', `${repoPath}/pulls/30`), 'GET', `${R}/pulls/{pull_number}`, 200);
    conforms(await call('GET', `${repoPath}/pulls/999`), 'GET', `${R}/pulls/{pull_number}`, 404);
    conforms(await call('GET', `${repoPath}/pulls/1/files`), 'GET', `${R}/pulls/{pull_number}/files`, 200);
    conforms(await call('GET', `${repoPath}/pulls/30/files`), 'GET', `${R}/pulls/{pull_number}/files`, 200);

    const reviews = `${R}/pulls/{pull_number}/reviews`;
    server.state.addReview(OWNER, REPO, 1, { user: 'release-captain', state: 'CHANGES_REQUESTED', body: 'Needs a flag' });
    conforms(await call('POST', `${repoPath}/pulls/1/reviews`, { event: 'APPROVE' }), 'POST', reviews, 200);
    conforms(await call('POST', `${repoPath}/pulls/1/reviews`, { body: 'pending draft' }, 'test-org-token'), 'POST', reviews, 200);
    conforms(await call('POST', `${repoPath}/pulls/1/reviews`, { event: 'COMMENT' }), 'POST', reviews, 422);
    conforms(await call('POST', `${repoPath}/pulls/1/reviews`, { event: 'APPROVE' }, 'test-fork-token'), 'POST', reviews, 403);
    conforms(await call('GET', `${repoPath}/pulls/1/reviews`), 'GET', reviews, 200);
  });

  it('commits: associated pull requests and commit comments', async () => {
    const mergeSha = 'e'.repeat(40);
    server.state.addPullRequest(OWNER, REPO, {
      number: 40,
      merged: true,
      mergeCommitSha: mergeSha,
      labels: ['rollout:full'],
      head: { repo: 'contributor/web-app', ref: 'patch-2', sha: '9'.repeat(40) },
    });
    const pulls = `${R}/commits/{commit_sha}/pulls`;
    conforms(await call('GET', `${repoPath}/commits/${HEAD_SHA}/pulls`), 'GET', pulls, 200);
    conforms(await call('GET', `${repoPath}/commits/${mergeSha}/pulls`), 'GET', pulls, 200);
    conforms(await call('GET', `${repoPath}/commits/${'9'.repeat(40)}/pulls`), 'GET', pulls, 200);
    conforms(await call('GET', `${repoPath}/commits/${'0'.repeat(40)}/pulls`), 'GET', pulls, 422);
    conforms(await call('GET', `/repos/${OWNER}/unseeded/commits/${HEAD_SHA}/pulls`), 'GET', pulls, 404);

    const comments = `${R}/commits/{commit_sha}/comments`;
    conforms(await call('POST', `${repoPath}/commits/${HEAD_SHA}/comments`, { body: 'Canary failed', path: 'src/login.ts', position: 2, line: 5 }), 'POST', comments, 201);
    conforms(await call('POST', `${repoPath}/commits/${HEAD_SHA}/comments`, { body: 'Whole commit' }), 'POST', comments, 201);
    conforms(await call('POST', `${repoPath}/commits/${HEAD_SHA}/comments`, {}), 'POST', comments, 422);
    conforms(await call('POST', `${repoPath}/commits/${'0'.repeat(40)}/comments`, { body: 'x' }), 'POST', comments, 422);
    conforms(await call('POST', `${repoPath}/commits/${HEAD_SHA}/comments`, { body: 'x' }, 'test-fork-token'), 'POST', comments, 403);
    conforms(await call('GET', `${repoPath}/commits/${HEAD_SHA}/comments`), 'GET', comments, 200);
  });

  it('deployments and statuses', async () => {
    const path = `${R}/deployments`;
    const created = await call('POST', `${repoPath}/deployments`, { ref: 'main', environment: 'canary', payload: { percent: 5 }, description: 'canary', required_contexts: [] });
    conforms(created, 'POST', path, 201);
    conforms(await call('POST', `${repoPath}/deployments`, { ref: 'main', payload: '{"raw":true}', transient_environment: true, required_contexts: [] }), 'POST', path, 201);
    conforms(await call('POST', `${repoPath}/deployments`, { ref: 'nowhere' }), 'POST', path, 422);
    conforms(await call('POST', `${repoPath}/deployments`, {}), 'POST', path, 422);
    conforms(await call('GET', `${repoPath}/deployments?environment=canary`), 'GET', path, 200);

    const id = (created.body as { id: number }).id;
    conforms(await call('GET', `${repoPath}/deployments/${id}`), 'GET', `${path}/{deployment_id}`, 200);
    conforms(await call('GET', `${repoPath}/deployments/1`), 'GET', `${path}/{deployment_id}`, 404);

    const statuses = `${path}/{deployment_id}/statuses`;
    conforms(
      await call('POST', `${repoPath}/deployments/${id}/statuses`, { state: 'success', log_url: 'https://ci.example.com/1', environment_url: 'https://canary.example.com', description: 'live' }),
      'POST',
      statuses,
      201,
    );
    conforms(await call('POST', `${repoPath}/deployments/${id}/statuses`, { state: 'bogus' }), 'POST', statuses, 422);
    conforms(await call('GET', `${repoPath}/deployments/${id}/statuses`), 'GET', statuses, 200);
    conforms(await call('GET', `${repoPath}/deployments/1/statuses`), 'GET', statuses, 404);
  });

  it('contents', async () => {
    const path = `${R}/contents/{path}`;
    const content = Buffer.from('{"stage":1}').toString('base64');
    const created = await call('PUT', `${repoPath}/contents/state/rollout.json`, { message: 'start', content, committer: { name: 'Rollgate', email: 'bot@rollgate.dev' } });
    conforms(created, 'PUT', path, 201);
    const sha = (created.body as { content: { sha: string } }).content.sha;
    const next = Buffer.from('{"stage":2}').toString('base64');
    conforms(await call('PUT', `${repoPath}/contents/state/rollout.json`, { message: 'next', content: next, sha }), 'PUT', path, 200);
    conforms(await call('PUT', `${repoPath}/contents/state/rollout.json`, { message: 'stale', content, sha }), 'PUT', path, 409);
    conforms(await call('PUT', `${repoPath}/contents/state/rollout.json`, { message: 'blind', content }), 'PUT', path, 422);
    conforms(await call('PUT', `${repoPath}/contents/state/rollout.json`, { message: 'b', content, branch: 'nope' }), 'PUT', path, 404);

    conforms(await call('GET', `${repoPath}/contents/state/rollout.json`), 'GET', path, 200);
    conforms(await call('GET', `${repoPath}/contents/state%2Frollout.json?ref=main`), 'GET', path, 200);
    conforms(await call('GET', `${repoPath}/contents/state`), 'GET', path, 200);
    conforms(await call('GET', `${repoPath}/contents/missing.txt`), 'GET', path, 404);
  });

  it('repository dispatch, team membership, repository and rate limit', async () => {
    conforms(await call('POST', `${repoPath}/dispatches`, { event_type: 'rollgate-advance' }), 'POST', `${R}/dispatches`, 204);
    conforms(await call('POST', `${repoPath}/dispatches`, {}), 'POST', `${R}/dispatches`, 422);
    conforms(await call('POST', `/repos/${OWNER}/unseeded/dispatches`, { event_type: 'x' }), 'POST', `${R}/dispatches`, 404);

    const membership = '/orgs/{org}/teams/{team_slug}/memberships/{username}';
    conforms(await call('GET', `/orgs/${OWNER}/teams/release-managers/memberships/release-captain`, undefined, 'test-org-token'), 'GET', membership, 200);
    conforms(await call('GET', `/orgs/${OWNER}/teams/release-managers/memberships/release-captain`), 'GET', membership, 403);

    conforms(await call('GET', repoPath), 'GET', R, 200);
    conforms(await call('GET', `/repos/${OWNER}/unseeded`), 'GET', R, 404);
    conforms(await call('GET', '/rate_limit'), 'GET', '/rate_limit', 200);
  });

  it('covered every implemented operation, and each declared error body where the fake produces one', () => {
    const required = [
      `POST ${R}/check-runs 201`,
      `PATCH ${R}/check-runs/{check_run_id} 200`,
      `GET ${R}/check-runs/{check_run_id} 200`,
      `GET ${R}/check-runs/{check_run_id}/annotations 200`,
      `GET ${R}/commits/{ref}/check-runs 200`,
      `GET ${R}/issues/{issue_number}/comments 200`,
      `GET ${R}/issues/{issue_number}/comments 404`,
      `POST ${R}/issues/{issue_number}/comments 201`,
      `POST ${R}/issues/{issue_number}/comments 403`,
      `POST ${R}/issues/{issue_number}/comments 404`,
      `POST ${R}/issues/{issue_number}/comments 422`,
      `GET ${R}/issues/comments/{comment_id} 200`,
      `GET ${R}/issues/comments/{comment_id} 404`,
      `PATCH ${R}/issues/comments/{comment_id} 200`,
      `PATCH ${R}/issues/comments/{comment_id} 422`,
      `DELETE ${R}/issues/comments/{comment_id} 204`,
      `GET ${R}/pulls/{pull_number} 200`,
      `GET ${R}/pulls/{pull_number} 404`,
      `GET ${R}/pulls/{pull_number}/files 200`,
      `GET ${R}/pulls/{pull_number}/reviews 200`,
      `POST ${R}/pulls/{pull_number}/reviews 200`,
      `POST ${R}/pulls/{pull_number}/reviews 403`,
      `POST ${R}/pulls/{pull_number}/reviews 422`,
      `GET ${R}/commits/{commit_sha}/pulls 200`,
      `GET ${R}/commits/{commit_sha}/comments 200`,
      `POST ${R}/commits/{commit_sha}/comments 201`,
      `POST ${R}/commits/{commit_sha}/comments 403`,
      `POST ${R}/commits/{commit_sha}/comments 422`,
      `POST ${R}/deployments 201`,
      `POST ${R}/deployments 422`,
      `GET ${R}/deployments 200`,
      `GET ${R}/deployments/{deployment_id} 200`,
      `GET ${R}/deployments/{deployment_id} 404`,
      `POST ${R}/deployments/{deployment_id}/statuses 201`,
      `POST ${R}/deployments/{deployment_id}/statuses 422`,
      `GET ${R}/deployments/{deployment_id}/statuses 200`,
      `GET ${R}/deployments/{deployment_id}/statuses 404`,
      `GET ${R}/contents/{path} 200`,
      `GET ${R}/contents/{path} 404`,
      `PUT ${R}/contents/{path} 200`,
      `PUT ${R}/contents/{path} 201`,
      `PUT ${R}/contents/{path} 404`,
      `PUT ${R}/contents/{path} 409`,
      `PUT ${R}/contents/{path} 422`,
      `POST ${R}/dispatches 204`,
      `POST ${R}/dispatches 404`,
      `POST ${R}/dispatches 422`,
      `GET /orgs/{org}/teams/{team_slug}/memberships/{username} 200`,
      `GET ${R} 200`,
      `GET ${R} 404`,
      'GET /rate_limit 200',
    ];
    expect(required.filter((entry) => !covered.has(entry))).toEqual([]);
    // Every entry that names a body-carrying status is one the description declares.
    for (const entry of required) {
      const [method = '', path = '', status = ''] = entry.split(' ');
      if (status !== '204') expect(declaredResponse(method, path, Number(status)), entry).toBeDefined();
    }
  });
});
