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

/** Link header entries as rel -> page number. */
function linkPages(link: string | undefined): Record<string, number> {
  const pages: Record<string, number> = {};
  for (const part of (link ?? '').split(',')) {
    const match = /<([^>]+)>;\s*rel="(\w+)"/.exec(part.trim());
    if (match?.[1] && match[2]) pages[match[2]] = Number(new URL(match[1]).searchParams.get('page'));
  }
  return pages;
}

describe('issue comments', () => {
  it('paginates with GitHub-style link headers that Octokit follows', async () => {
    const octokit = client(server);
    for (let index = 1; index <= 5; index += 1) {
      await octokit.rest.issues.createComment({ owner: OWNER, repo: REPO, issue_number: 1, body: `comment ${index}` });
    }

    const first = await octokit.rest.issues.listComments({ owner: OWNER, repo: REPO, issue_number: 1, per_page: 2 });
    expect(first.data.map((comment) => comment.body)).toEqual(['comment 1', 'comment 2']);
    expect(linkPages(first.headers.link)).toEqual({ next: 2, last: 3 });
    expect(first.headers.link).toContain(`${server.url}/repos/${OWNER}/${REPO}/issues/1/comments?per_page=2&page=2`);

    const last = await octokit.rest.issues.listComments({ owner: OWNER, repo: REPO, issue_number: 1, per_page: 2, page: 3 });
    expect(last.data.map((comment) => comment.body)).toEqual(['comment 5']);
    expect(linkPages(last.headers.link)).toEqual({ prev: 2, first: 1 });

    const all = await octokit.paginate(octokit.rest.issues.listComments, { owner: OWNER, repo: REPO, issue_number: 1, per_page: 2 });
    expect(all.map((comment) => comment.body)).toEqual(['comment 1', 'comment 2', 'comment 3', 'comment 4', 'comment 5']);
    const pagesAsked = server.requests.filter((request) => request.method === 'GET').map((request) => request.query.page ?? '1');
    expect(pagesAsked.slice(-3)).toEqual(['1', '2', '3']);

    const single = await octokit.rest.issues.listComments({ owner: OWNER, repo: REPO, issue_number: 1 });
    expect(single.data).toHaveLength(5);
    expect(single.headers.link).toBeUndefined();
  });

  it('caps per_page at 100', async () => {
    const octokit = client(server);
    for (let index = 0; index < 101; index += 1) {
      server.state.comments.set(index + 1, {
        id: index + 1,
        repoKey: `${OWNER}/${REPO}`.toLowerCase(),
        issueNumber: 1,
        body: `seeded ${index}`,
        user: 'octocat',
        createdAt: server.state.now(),
        updatedAt: server.state.now(),
        authorAssociation: 'NONE',
      });
    }
    const page = await octokit.rest.issues.listComments({ owner: OWNER, repo: REPO, issue_number: 1, per_page: 500 });
    expect(page.data).toHaveLength(100);
    expect(linkPages(page.headers.link)).toEqual({ next: 2, last: 2 });
  });

  it('creates, reads, edits and deletes a comment as the token\'s bot', async () => {
    const octokit = client(server);
    const created = await octokit.rest.issues.createComment({ owner: OWNER, repo: REPO, issue_number: 1, body: 'Rollout 10%' });
    expect(created.status).toBe(201);
    expect(created.data.user).toMatchObject({ login: 'rollgate-bot[bot]', type: 'Bot' });
    expect(created.data.html_url).toBe(`https://github.com/${OWNER}/${REPO}/pull/1#issuecomment-${created.data.id}`);

    const edited = await octokit.rest.issues.updateComment({ owner: OWNER, repo: REPO, comment_id: created.data.id, body: 'Rollout 50%' });
    expect(edited.data.body).toBe('Rollout 50%');
    const read = await octokit.rest.issues.getComment({ owner: OWNER, repo: REPO, comment_id: created.data.id });
    expect(read.data.body).toBe('Rollout 50%');

    const deleted = await octokit.rest.issues.deleteComment({ owner: OWNER, repo: REPO, comment_id: created.data.id });
    expect(deleted.status).toBe(204);
    const gone = await rejection(octokit.rest.issues.getComment({ owner: OWNER, repo: REPO, comment_id: created.data.id }));
    expect(gone.status).toBe(404);
  });

  it('rejects empty and over-long bodies, and unknown issues', async () => {
    const octokit = client(server);
    const empty = await rejection(octokit.rest.issues.createComment({ owner: OWNER, repo: REPO, issue_number: 1, body: '' }));
    expect(empty.status).toBe(422);
    expect(empty.response.data).toMatchObject({ errors: [{ resource: 'IssueComment', field: 'body', code: 'missing_field' }] });

    const long = await rejection(octokit.rest.issues.createComment({ owner: OWNER, repo: REPO, issue_number: 1, body: 'x'.repeat(65537) }));
    expect(long.status).toBe(422);
    expect(long.message).toContain('Body is too long (maximum is 65536 characters)');

    const missing = await rejection(octokit.rest.issues.createComment({ owner: OWNER, repo: REPO, issue_number: 99, body: 'hi' }));
    expect(missing.status).toBe(404);
    expect(server.state.comments.size).toBe(0);
  });
});

describe('pull requests', () => {
  it('returns the seeded pull request with head, base, labels and counts', async () => {
    const { data } = await client(server).rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: 1 });
    expect(data).toMatchObject({
      number: 1,
      state: 'open',
      title: 'Add login page',
      body: 'Closes #12',
      user: { login: 'octocat', type: 'User' },
      head: { ref: 'feature/login', sha: HEAD_SHA, label: `${OWNER}:feature/login`, repo: { full_name: `${OWNER}/${REPO}` } },
      base: { ref: 'main', repo: { full_name: `${OWNER}/${REPO}` } },
      additions: 42,
      deletions: 1,
      changed_files: 2,
      merged: false,
    });
    expect(data.labels.map((label) => label.name)).toEqual(['rollout:canary']);
    expect(data.base.sha).toBe(server.state.getRepo(OWNER, REPO)?.branches.get('main'));
  });

  it('describes a pull request from a fork with the fork as head repository', async () => {
    server.state.addPullRequest(OWNER, REPO, { number: 7, head: { repo: 'contributor/web-app', ref: 'main', sha: 'b'.repeat(40) } });
    const { data } = await client(server).rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: 7 });
    expect(data.head.repo?.full_name).toBe('contributor/web-app');
    expect(data.head.repo?.fork).toBe(true);
    expect(data.head.label).toBe('contributor:main');
  });

  it('lists changed files with pagination', async () => {
    const octokit = client(server);
    const files = await octokit.paginate(octokit.rest.pulls.listFiles, { owner: OWNER, repo: REPO, pull_number: 1, per_page: 1 });
    expect(files.map((file) => [file.filename, file.status, file.changes])).toEqual([
      ['src/login.ts', 'added', 40],
      ['README.md', 'modified', 3],
    ]);
    expect(files[0]?.patch).toContain('@@ -0,0 +1,40 @@');
    expect(server.requests.filter((request) => request.path.endsWith('/files'))).toHaveLength(2);
  });

  it('creates and lists reviews, and refuses to let the author approve', async () => {
    server.state.addReview(OWNER, REPO, 1, { user: 'release-captain', state: 'APPROVED' });
    const octokit = client(server);
    const created = await octokit.rest.pulls.createReview({ owner: OWNER, repo: REPO, pull_number: 1, event: 'COMMENT', body: 'Canary is healthy' });
    expect(created.data).toMatchObject({ state: 'COMMENTED', commit_id: HEAD_SHA, user: { login: 'rollgate-bot[bot]' } });

    const listed = await octokit.rest.pulls.listReviews({ owner: OWNER, repo: REPO, pull_number: 1 });
    expect(listed.data.map((review) => [review.user?.login, review.state])).toEqual([
      ['release-captain', 'APPROVED'],
      ['rollgate-bot[bot]', 'COMMENTED'],
    ]);

    const noBody = await rejection(octokit.rest.pulls.createReview({ owner: OWNER, repo: REPO, pull_number: 1, event: 'REQUEST_CHANGES' }));
    expect(noBody.status).toBe(422);

    server.state.addPullRequest(OWNER, REPO, { number: 2, user: 'rollgate-bot[bot]' });
    const own = await rejection(octokit.rest.pulls.createReview({ owner: OWNER, repo: REPO, pull_number: 2, event: 'APPROVE' }));
    expect(own.status).toBe(422);
    expect(own.response.data).toMatchObject({ message: 'Unprocessable Entity', errors: ['Can not approve your own pull request'] });
  });

  it('404s for a pull request that was never seeded', async () => {
    const error = await rejection(client(server).rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: 404 }));
    expect(error.status).toBe(404);
    expect(error.response.data).toMatchObject({ message: 'Not Found', documentation_url: 'https://docs.github.com/rest/pulls/pulls#get-a-pull-request' });
  });
});
