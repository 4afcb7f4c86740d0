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

function annotations(count: number, from = 1) {
  return Array.from({ length: count }, (_, index) => ({
    path: `src/file-${from + index}.ts`,
    start_line: from + index,
    end_line: from + index,
    annotation_level: 'warning' as const,
    message: `finding ${from + index}`,
  }));
}

describe('check runs', () => {
  it('appends annotations across updates: 50 on create plus 50 on update reads back as 100', async () => {
    const octokit = client(server);
    const created = await octokit.rest.checks.create({
      owner: OWNER,
      repo: REPO,
      name: 'rollgate / readiness',
      head_sha: HEAD_SHA,
      status: 'in_progress',
      output: { title: 'Readiness', summary: 'first batch', annotations: annotations(50) },
    });
    expect(created.status).toBe(201);
    expect(created.data.output.annotations_count).toBe(50);

    const updated = await octokit.rest.checks.update({
      owner: OWNER,
      repo: REPO,
      check_run_id: created.data.id,
      conclusion: 'failure',
      output: { title: 'Readiness', summary: 'second batch', annotations: annotations(50, 51) },
    });
    expect(updated.data.output.annotations_count).toBe(100);
    expect(updated.data.status).toBe('completed');
    expect(updated.data.conclusion).toBe('failure');
    expect(updated.data.completed_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    const listed = await octokit.paginate(octokit.rest.checks.listAnnotations, {
      owner: OWNER,
      repo: REPO,
      check_run_id: created.data.id,
      per_page: 100,
    });
    expect(listed).toHaveLength(100);
    expect(listed.map((annotation) => annotation.message)).toEqual(
      Array.from({ length: 100 }, (_, index) => `finding ${index + 1}`),
    );
    expect(listed[0]?.blob_href).toBe(`https://github.com/${OWNER}/${REPO}/blob/${HEAD_SHA}/src/file-1.ts`);

    const fetched = await octokit.rest.checks.get({ owner: OWNER, repo: REPO, check_run_id: created.data.id });
    expect(fetched.data.output.summary).toBe('second batch');
    expect(fetched.data.pull_requests.map((pull) => pull.number)).toEqual([1]);
  });

  it('rejects 51 annotations in one request with 422 and stores nothing', async () => {
    const octokit = client(server);
    const error = await rejection(
      octokit.rest.checks.create({
        owner: OWNER,
        repo: REPO,
        name: 'too many',
        head_sha: HEAD_SHA,
        output: { title: 't', summary: 's', annotations: annotations(51) },
      }),
    );
    expect(error.status).toBe(422);
    expect(error.response.data).toMatchObject({ message: 'Validation Failed', status: '422' });
    expect(server.state.checkRuns.size).toBe(0);
  });

  it('rejects 51 annotations on update too, keeping the earlier ones', async () => {
    const octokit = client(server);
    const { data: run } = await octokit.rest.checks.create({ owner: OWNER, repo: REPO, name: 'x', head_sha: HEAD_SHA, output: { title: 't', summary: 's', annotations: annotations(3) } });
    const error = await rejection(
      octokit.rest.checks.update({ owner: OWNER, repo: REPO, check_run_id: run.id, output: { summary: 's', annotations: annotations(51) } }),
    );
    expect(error.status).toBe(422);
    expect(server.state.checkRuns.get(run.id)?.annotations).toHaveLength(3);
  });

  it('rejects a summary or text over 65535 characters but accepts exactly 65535', async () => {
    const octokit = client(server);
    for (const field of ['summary', 'text'] as const) {
      const output = { title: 'big', summary: 'ok', [field]: 'x'.repeat(65536) };
      const error = await rejection(octokit.rest.checks.create({ owner: OWNER, repo: REPO, name: 'big', head_sha: HEAD_SHA, output }));
      expect(error.status).toBe(422);
      expect(error.message).toContain('Only 65535 characters are allowed; 65536 were supplied.');
    }
    const ok = await octokit.rest.checks.create({
      owner: OWNER,
      repo: REPO,
      name: 'big',
      head_sha: HEAD_SHA,
      output: { title: 'big', summary: 'é'.repeat(65535) },
    });
    expect(ok.data.output.summary).toHaveLength(65535);
  });

  it('answers missing required fields with GitHub\'s Validation Failed body', async () => {
    const octokit = client(server);
    const error = await rejection(octokit.request('POST /repos/{owner}/{repo}/check-runs', { owner: OWNER, repo: REPO, head_sha: HEAD_SHA } as never));
    expect(error.status).toBe(422);
    expect(error.response.data).toEqual({
      message: 'Validation Failed',
      errors: [{ resource: 'CheckRun', field: 'name', code: 'missing_field' }],
      documentation_url: 'https://docs.github.com/rest/checks/runs#create-a-check-run',
      status: '422',
    });
  });

  it('requires a conclusion when the status is completed, and a commit the repository has', async () => {
    const octokit = client(server);
    const noConclusion = await rejection(
      octokit.rest.checks.create({ owner: OWNER, repo: REPO, name: 'x', head_sha: HEAD_SHA, status: 'completed' }),
    );
    expect(noConclusion.status).toBe(422);
    expect(noConclusion.response.data).toMatchObject({ errors: [{ field: 'conclusion', code: 'missing_field' }] });

    const unknownSha = 'f'.repeat(40);
    const noCommit = await rejection(octokit.rest.checks.create({ owner: OWNER, repo: REPO, name: 'x', head_sha: unknownSha }));
    expect(noCommit.status).toBe(422);
    expect(noCommit.message).toContain(`No commit found for SHA: ${unknownSha}`);
  });

  it('lists check runs for a branch or sha, latest per name unless filter=all', async () => {
    const octokit = client(server);
    const first = await octokit.rest.checks.create({ owner: OWNER, repo: REPO, name: 'gate', head_sha: HEAD_SHA, conclusion: 'failure' });
    const rerun = await octokit.rest.checks.create({ owner: OWNER, repo: REPO, name: 'gate', head_sha: HEAD_SHA, conclusion: 'success' });
    await octokit.rest.checks.create({ owner: OWNER, repo: REPO, name: 'lint', head_sha: HEAD_SHA });

    const byBranch = await octokit.rest.checks.listForRef({ owner: OWNER, repo: REPO, ref: 'feature/login' });
    expect(byBranch.data.total_count).toBe(2);
    expect(byBranch.data.check_runs.find((run) => run.name === 'gate')?.id).toBe(rerun.data.id);

    const all = await octokit.rest.checks.listForRef({ owner: OWNER, repo: REPO, ref: HEAD_SHA, filter: 'all', check_name: 'gate' });
    expect(all.data.check_runs.map((run) => run.id)).toEqual([rerun.data.id, first.data.id]);

    const queued = await octokit.rest.checks.listForRef({ owner: OWNER, repo: REPO, ref: HEAD_SHA, status: 'queued' });
    expect(queued.data.check_runs.map((run) => run.name)).toEqual(['lint']);
  });

  it('paginates the {total_count, check_runs} list so Octokit collects every run', async () => {
    const octokit = client(server);
    for (const name of ['a', 'b', 'c']) await octokit.rest.checks.create({ owner: OWNER, repo: REPO, name, head_sha: HEAD_SHA });
    const page = await octokit.rest.checks.listForRef({ owner: OWNER, repo: REPO, ref: HEAD_SHA, per_page: 2 });
    expect(page.data.total_count).toBe(3);
    expect(page.data.check_runs).toHaveLength(2);
    expect(page.headers.link).toContain('rel="next"');
    const all = await octokit.paginate(octokit.rest.checks.listForRef, { owner: OWNER, repo: REPO, ref: HEAD_SHA, per_page: 2 });
    expect(all.map((run) => run.name).sort()).toEqual(['a', 'b', 'c']);
  });

  it('404s for a check run of another repository', async () => {
    server.state.addRepo(OWNER, 'other');
    const octokit = client(server);
    const { data: run } = await octokit.rest.checks.create({ owner: OWNER, repo: REPO, name: 'x', head_sha: HEAD_SHA });
    const error = await rejection(octokit.rest.checks.get({ owner: OWNER, repo: 'other', check_run_id: run.id }));
    expect(error.status).toBe(404);
  });
});
