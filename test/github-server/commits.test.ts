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

const MERGE_SHA = 'c0ffee'.padEnd(40, '0');
const FORK_SHA = 'f'.repeat(40);
const UNKNOWN_SHA = '0123456789abcdef0123456789abcdef01234567';

describe('pull requests associated with a commit', () => {
  it('finds open and closed pull requests by head sha, and a merged one by its merge commit', async () => {
    server.state.addPullRequest(OWNER, REPO, { number: 2, state: 'closed', head: { ref: 'retry-login', sha: HEAD_SHA } });
    server.state.addPullRequest(OWNER, REPO, { number: 3, merged: true, mergeCommitSha: MERGE_SHA, head: { ref: 'release', sha: 'd'.repeat(40) } });
    const octokit = client(server);

    const byHead = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ owner: OWNER, repo: REPO, commit_sha: HEAD_SHA });
    expect(byHead.data.map((pull) => [pull.number, pull.state, pull.head.sha])).toEqual([
      [1, 'open', HEAD_SHA],
      [2, 'closed', HEAD_SHA],
    ]);
    // pull-request-simple carries no merge state or diff stats.
    expect(byHead.data[0]).not.toHaveProperty('mergeable');
    expect(byHead.data[0]).not.toHaveProperty('additions');

    const byMerge = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ owner: OWNER, repo: REPO, commit_sha: MERGE_SHA });
    expect(byMerge.data.map((pull) => [pull.number, pull.merge_commit_sha])).toEqual([[3, MERGE_SHA]]);
    const full = await octokit.rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: 3 });
    expect(full.data.merge_commit_sha).toBe(MERGE_SHA);
  });

  it('knows a fork pull request\'s head commit, as GitHub keeps it under refs/pull', async () => {
    server.state.addPullRequest(OWNER, REPO, { number: 4, head: { repo: 'contributor/web-app', ref: 'main', sha: FORK_SHA } });
    const { data } = await client(server).rest.repos.listPullRequestsAssociatedWithCommit({ owner: OWNER, repo: REPO, commit_sha: FORK_SHA });
    expect(data.map((pull) => [pull.number, pull.head.repo.full_name])).toEqual([[4, 'contributor/web-app']]);
  });

  it('accepts a branch name, and lists nothing for a commit no pull request touched', async () => {
    const octokit = client(server);
    const byBranch = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ owner: OWNER, repo: REPO, commit_sha: 'feature/login' });
    expect(byBranch.data.map((pull) => pull.number)).toEqual([1]);
    const mainSha = server.state.getRepo(OWNER, REPO)?.branches.get('main') ?? '';
    const none = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ owner: OWNER, repo: REPO, commit_sha: mainSha });
    expect(none.data).toEqual([]);
  });

  it('paginates', async () => {
    for (const number of [5, 6, 7]) server.state.addPullRequest(OWNER, REPO, { number, head: { ref: `copy-${number}`, sha: HEAD_SHA } });
    const octokit = client(server);
    const first = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ owner: OWNER, repo: REPO, commit_sha: HEAD_SHA, per_page: 2 });
    expect(first.data.map((pull) => pull.number)).toEqual([1, 5]);
    expect(first.headers.link).toContain('rel="next"');
    const all = await octokit.paginate(octokit.rest.repos.listPullRequestsAssociatedWithCommit, { owner: OWNER, repo: REPO, commit_sha: HEAD_SHA, per_page: 2 });
    expect(all.map((pull) => pull.number)).toEqual([1, 5, 6, 7]);
  });

  it('answers 422 "No commit found" for an unknown commit and 404 for an unseeded repository', async () => {
    const octokit = client(server);
    const unknown = await rejection(octokit.rest.repos.listPullRequestsAssociatedWithCommit({ owner: OWNER, repo: REPO, commit_sha: UNKNOWN_SHA }));
    expect(unknown.status).toBe(422);
    expect(unknown.response.data).toMatchObject({
      message: `No commit found for SHA: ${UNKNOWN_SHA}`,
      documentation_url: 'https://docs.github.com/rest/commits/commits#list-pull-requests-associated-with-a-commit',
    });
    const noRepo = await rejection(octokit.rest.repos.listPullRequestsAssociatedWithCommit({ owner: OWNER, repo: 'unseeded', commit_sha: HEAD_SHA }));
    expect(noRepo.status).toBe(404);
  });
});

describe('commit comments', () => {
  it('creates a comment with a Location header and reads it back from the list and from state', async () => {
    const octokit = client(server);
    const created = await octokit.rest.repos.createCommitComment({ owner: OWNER, repo: REPO, commit_sha: HEAD_SHA, body: 'Canary failed here', path: 'src/login.ts', position: 3 });
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`${server.url}/repos/${OWNER}/${REPO}/comments/${created.data.id}`);
    expect(created.data).toMatchObject({
      body: 'Canary failed here',
      path: 'src/login.ts',
      position: 3,
      line: null,
      commit_id: HEAD_SHA,
      user: { login: 'rollgate-bot[bot]', type: 'Bot' },
      html_url: `https://github.com/${OWNER}/${REPO}/commit/${HEAD_SHA}#commitcomment-${created.data.id}`,
    });

    await octokit.rest.repos.createCommitComment({ owner: OWNER, repo: REPO, commit_sha: HEAD_SHA, body: 'Rolled back', position: 9 });
    const listed = await octokit.rest.repos.listCommentsForCommit({ owner: OWNER, repo: REPO, commit_sha: HEAD_SHA });
    expect(listed.data.map((comment) => [comment.body, comment.path, comment.position])).toEqual([
      ['Canary failed here', 'src/login.ts', 3],
      // A position without a path has nothing to point into.
      ['Rolled back', null, null],
    ]);
    expect([...server.state.commitComments.values()].map((comment) => [comment.commitId, comment.user])).toEqual([
      [HEAD_SHA, 'rollgate-bot[bot]'],
      [HEAD_SHA, 'rollgate-bot[bot]'],
    ]);
  });

  it('lists seeded comments for that commit only, and nothing for an unknown commit', async () => {
    const mainSha = server.state.getRepo(OWNER, REPO)?.branches.get('main') ?? '';
    server.state.addCommitComment(OWNER, REPO, HEAD_SHA, { body: 'from an earlier run', user: 'rollgate-bot[bot]' });
    server.state.addCommitComment(OWNER, REPO, mainSha, { body: 'on main', user: 'octocat' });
    const octokit = client(server);
    const listed = await octokit.rest.repos.listCommentsForCommit({ owner: OWNER, repo: REPO, commit_sha: HEAD_SHA });
    expect(listed.data.map((comment) => comment.body)).toEqual(['from an earlier run']);
    const unknown = await octokit.rest.repos.listCommentsForCommit({ owner: OWNER, repo: REPO, commit_sha: UNKNOWN_SHA });
    expect(unknown.data).toEqual([]);
    expect(() => server.state.addCommitComment(OWNER, REPO, UNKNOWN_SHA, { body: 'x', user: 'octocat' })).toThrow(/has no commit/);
  });

  it('requires a body, checks field types, and refuses unknown commits with 422', async () => {
    const octokit = client(server);
    const empty = await rejection(octokit.rest.repos.createCommitComment({ owner: OWNER, repo: REPO, commit_sha: HEAD_SHA, body: '' }));
    expect(empty.status).toBe(422);
    expect(empty.response.data).toMatchObject({ message: 'Validation Failed', errors: [{ resource: 'CommitComment', field: 'body', code: 'missing_field' }] });

    const badPosition = await rejection(octokit.request('POST /repos/{owner}/{repo}/commits/{commit_sha}/comments', { owner: OWNER, repo: REPO, commit_sha: HEAD_SHA, body: 'x', position: 'four' as never }));
    expect(badPosition.response.data).toMatchObject({ errors: [{ field: 'position', code: 'invalid' }] });

    const unknown = await rejection(octokit.rest.repos.createCommitComment({ owner: OWNER, repo: REPO, commit_sha: UNKNOWN_SHA, body: 'hi' }));
    expect(unknown.status).toBe(422);
    expect(unknown.message).toContain(`No commit found for SHA: ${UNKNOWN_SHA}`);
    expect(server.state.commitComments.size).toBe(0);
  });

  it('is a write: a read-only token gets 403 and an unseeded repository 404', async () => {
    const fork = await rejection(client(server, 'test-fork-token').rest.repos.createCommitComment({ owner: OWNER, repo: REPO, commit_sha: HEAD_SHA, body: 'hi' }));
    expect(fork.status).toBe(403);
    expect(fork.response.data).toMatchObject({ message: 'Resource not accessible by integration' });
    expect(fork.response.headers['x-accepted-github-permissions']).toBe('contents=write');

    const noRepo = await rejection(client(server).rest.repos.createCommitComment({ owner: OWNER, repo: 'unseeded', commit_sha: HEAD_SHA, body: 'hi' }));
    expect(noRepo.status).toBe(404);
    expect(server.state.commitComments.size).toBe(0);
  });
});
