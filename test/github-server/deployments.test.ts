import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubServer, type GitHubTestServer } from './index';
import { client, HEAD_SHA, OWNER, REPO, rejection, seedRepository } from './test-support';

let server: GitHubTestServer;
beforeAll(async () => {
  server = await startGitHubServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
  seedRepository(server);
});

describe('deployments', () => {
  it('creates deployments resolving branch refs, and filters the list by environment, ref, sha and task', async () => {
    const octokit = client(server);
    const canary = await octokit.rest.repos.createDeployment({
      owner: OWNER,
      repo: REPO,
      ref: 'feature/login',
      environment: 'canary',
      payload: { percent: 10 },
      required_contexts: [],
    });
    expect(canary.status).toBe(201);
    if (!('id' in canary.data)) throw new Error('expected a deployment');
    expect(canary.data).toMatchObject({ sha: HEAD_SHA, ref: 'feature/login', environment: 'canary', task: 'deploy', payload: { percent: 10 } });
    expect(canary.data.production_environment).toBe(false);

    const production = await octokit.rest.repos.createDeployment({ owner: OWNER, repo: REPO, ref: 'main', task: 'deploy:migrations', required_contexts: [] });
    if (!('id' in production.data)) throw new Error('expected a deployment');
    expect(production.data.environment).toBe('production');
    expect(production.data.production_environment).toBe(true);

    const list = async (filters: Record<string, string>) =>
      (await octokit.rest.repos.listDeployments({ owner: OWNER, repo: REPO, ...filters })).data.map((deployment) => deployment.id);
    expect(await list({})).toEqual([production.data.id, canary.data.id]);
    expect(await list({ environment: 'canary' })).toEqual([canary.data.id]);
    expect(await list({ ref: 'main' })).toEqual([production.data.id]);
    expect(await list({ sha: HEAD_SHA })).toEqual([canary.data.id]);
    expect(await list({ task: 'deploy:migrations' })).toEqual([production.data.id]);

    const fetched = await octokit.rest.repos.getDeployment({ owner: OWNER, repo: REPO, deployment_id: canary.data.id });
    expect(fetched.data.creator?.login).toBe('rollgate-bot[bot]');
  });

  it('records statuses newest first and retires earlier successful deployments to the same environment', async () => {
    const octokit = client(server);
    const create = async () => {
      const { data } = await octokit.rest.repos.createDeployment({ owner: OWNER, repo: REPO, ref: 'main', environment: 'staging', required_contexts: [] });
      if (!('id' in data)) throw new Error('expected a deployment');
      return data.id;
    };
    const older = await create();
    await octokit.rest.repos.createDeploymentStatus({ owner: OWNER, repo: REPO, deployment_id: older, state: 'success' });
    const newer = await create();
    await octokit.rest.repos.createDeploymentStatus({ owner: OWNER, repo: REPO, deployment_id: newer, state: 'in_progress', log_url: 'https://ci.example.com/run/1' });
    const done = await octokit.rest.repos.createDeploymentStatus({
      owner: OWNER,
      repo: REPO,
      deployment_id: newer,
      state: 'success',
      environment_url: 'https://staging.example.com',
    });
    expect(done.status).toBe(201);
    expect(done.data).toMatchObject({ state: 'success', environment: 'staging', environment_url: 'https://staging.example.com' });

    const statuses = await octokit.rest.repos.listDeploymentStatuses({ owner: OWNER, repo: REPO, deployment_id: newer });
    expect(statuses.data.map((status) => status.state)).toEqual(['success', 'in_progress']);
    const olderStatuses = await octokit.rest.repos.listDeploymentStatuses({ owner: OWNER, repo: REPO, deployment_id: older });
    expect(olderStatuses.data.map((status) => status.state)).toEqual(['inactive', 'success']);

    const invalid = await rejection(octokit.rest.repos.createDeploymentStatus({ owner: OWNER, repo: REPO, deployment_id: newer, state: 'exploded' as never }));
    expect(invalid.status).toBe(422);
  });

  it('refuses (409) while the commit\'s checks are not green unless required_contexts says otherwise', async () => {
    const octokit = client(server);
    await octokit.rest.checks.create({ owner: OWNER, repo: REPO, name: 'ci', head_sha: HEAD_SHA, conclusion: 'failure' });
    await octokit.rest.checks.create({ owner: OWNER, repo: REPO, name: 'lint', head_sha: HEAD_SHA, status: 'in_progress' });

    const blocked = await rejection(octokit.rest.repos.createDeployment({ owner: OWNER, repo: REPO, ref: 'feature/login' }));
    expect(blocked.status).toBe(409);
    expect(blocked.response.data).toMatchObject({
      message: 'Conflict: Commit status checks failed for feature/login.',
      errors: [{ contexts: [{ context: 'ci', state: 'failure' }, { context: 'lint', state: 'pending' }], field: 'required_contexts' }],
    });

    const missing = await rejection(octokit.rest.repos.createDeployment({ owner: OWNER, repo: REPO, ref: 'feature/login', required_contexts: ['e2e'] }));
    expect(missing.status).toBe(409);

    await octokit.rest.checks.create({ owner: OWNER, repo: REPO, name: 'ci', head_sha: HEAD_SHA, conclusion: 'success' });
    const allowed = await octokit.rest.repos.createDeployment({ owner: OWNER, repo: REPO, ref: 'feature/login', required_contexts: ['ci'] });
    expect(allowed.status).toBe(201);
  });

  it('422s an unknown ref and 404s an unknown deployment', async () => {
    const octokit = client(server);
    const noRef = await rejection(octokit.rest.repos.createDeployment({ owner: OWNER, repo: REPO, ref: 'no-such-branch' }));
    expect(noRef.status).toBe(422);
    expect(noRef.message).toContain('No ref found for: no-such-branch');
    const noDeployment = await rejection(octokit.rest.repos.getDeployment({ owner: OWNER, repo: REPO, deployment_id: 1 }));
    expect(noDeployment.status).toBe(404);
  });
});
