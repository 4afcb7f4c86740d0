import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { gitBlobSha, startGitHubServer, type GitHubTestServer } from './index';
import { client, OWNER, REPO, rejection, seedRepository } from './test-support';

let server: GitHubTestServer;
beforeAll(async () => {
  server = await startGitHubServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
  seedRepository(server);
});

const b64 = (text: string) => Buffer.from(text).toString('base64');
const PATH = '.rollgate/state/web-app.json';

async function readFile(path: string, ref?: string) {
  const { data } = await client(server).rest.repos.getContent({ owner: OWNER, repo: REPO, path, ...(ref ? { ref } : {}) });
  if (Array.isArray(data) || data.type !== 'file') throw new Error(`${path} is not a file`);
  return { text: Buffer.from(data.content, 'base64').toString('utf8'), sha: data.sha, data };
}

describe('contents API', () => {
  it('uses the git blob sha1 of the bytes, as `git hash-object` does', () => {
    // `printf 'hello\n' | git hash-object --stdin`
    expect(gitBlobSha(Buffer.from('hello\n'))).toBe('ce013625030ba8dba906f756967f9e9ca394464a');
    const bytes = Buffer.from('{"stage":2}');
    const expected = createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
    expect(gitBlobSha(bytes)).toBe(expected);
  });

  it('is a compare-and-swap store: create, update with the current sha, 409 on a stale sha, 422 without one', async () => {
    const octokit = client(server);
    const created = await octokit.rest.repos.createOrUpdateFileContents({
      owner: OWNER,
      repo: REPO,
      path: PATH,
      message: 'rollgate: start rollout',
      content: b64('{"stage":1}'),
    });
    expect(created.status).toBe(201);
    expect(created.data.content?.sha).toBe(gitBlobSha(Buffer.from('{"stage":1}')));
    const v1 = await readFile(PATH);
    expect(v1.text).toBe('{"stage":1}');
    expect(v1.sha).toBe(created.data.content?.sha);

    const updated = await octokit.rest.repos.createOrUpdateFileContents({
      owner: OWNER,
      repo: REPO,
      path: PATH,
      message: 'rollgate: stage 2',
      content: b64('{"stage":2}'),
      sha: v1.sha,
    });
    expect(updated.status).toBe(200);
    expect(updated.data.commit.parents).toHaveLength(1);
    expect(updated.data.commit.message).toBe('rollgate: stage 2');

    const stale = await rejection(
      octokit.rest.repos.createOrUpdateFileContents({ owner: OWNER, repo: REPO, path: PATH, message: 'lost race', content: b64('{"stage":9}'), sha: v1.sha }),
    );
    expect(stale.status).toBe(409);
    expect(stale.response.data).toMatchObject({ message: `${PATH} does not match ${v1.sha}`, status: '409' });

    const unsha = await rejection(
      octokit.rest.repos.createOrUpdateFileContents({ owner: OWNER, repo: REPO, path: PATH, message: 'blind write', content: b64('{"stage":9}') }),
    );
    expect(unsha.status).toBe(422);
    expect(unsha.response.data).toMatchObject({ message: 'Invalid request.\n\n"sha" wasn\'t supplied.' });

    expect((await readFile(PATH)).text).toBe('{"stage":2}');
  });

  it('serves older commits by ?ref= and keeps branches apart', async () => {
    const octokit = client(server);
    const first = await octokit.rest.repos.createOrUpdateFileContents({ owner: OWNER, repo: REPO, path: PATH, message: 'v1', content: b64('one') });
    await octokit.rest.repos.createOrUpdateFileContents({
      owner: OWNER,
      repo: REPO,
      path: PATH,
      message: 'v2',
      content: b64('two'),
      sha: first.data.content?.sha ?? '',
    });
    expect((await readFile(PATH)).text).toBe('two');
    expect((await readFile(PATH, first.data.commit.sha)).text).toBe('one');

    // The PR branch was cut before either write.
    const onBranch = await rejection(readFile(PATH, 'feature/login'));
    expect(onBranch.status).toBe(404);
    await octokit.rest.repos.createOrUpdateFileContents({ owner: OWNER, repo: REPO, path: PATH, message: 'b', content: b64('branch'), branch: 'feature/login' });
    expect((await readFile(PATH, 'feature/login')).text).toBe('branch');
    expect((await readFile(PATH)).text).toBe('two');

    const noBranch = await rejection(
      octokit.rest.repos.createOrUpdateFileContents({ owner: OWNER, repo: REPO, path: PATH, message: 'b', content: b64('x'), branch: 'nope' }),
    );
    expect(noBranch.status).toBe(404);
    const noRef = await rejection(readFile(PATH, 'nope'));
    expect(noRef.status).toBe(404);
    expect(noRef.message).toContain('No commit found for the ref nope');
  });

  it('lists directories and serves the raw media type', async () => {
    server.state.putFile(OWNER, REPO, '.rollgate/config.yml', 'stages: [1, 10, 100]\n');
    const octokit = client(server);
    const { data: listing } = await octokit.rest.repos.getContent({ owner: OWNER, repo: REPO, path: '.rollgate' });
    expect(Array.isArray(listing) && listing.map((entry) => [entry.name, entry.type])).toEqual([['config.yml', 'file']]);
    const { data: root } = await octokit.rest.repos.getContent({ owner: OWNER, repo: REPO, path: '' });
    expect(Array.isArray(root) && root.map((entry) => [entry.name, entry.type])).toEqual([
      ['.rollgate', 'dir'],
      ['README.md', 'file'],
    ]);

    const raw = await octokit.rest.repos.getContent({ owner: OWNER, repo: REPO, path: '.rollgate/config.yml', mediaType: { format: 'raw' } });
    expect(raw.data).toBe('stages: [1, 10, 100]\n');
    expect(raw.headers['x-github-media-type']).toBe('github.v3; param=raw');
  });

  it('wraps base64 content at 60 characters like GitHub', async () => {
    server.state.putFile(OWNER, REPO, 'big.txt', 'x'.repeat(100));
    const { data } = await readFile('big.txt');
    if (Array.isArray(data)) throw new Error('file expected');
    const lines = (data as { content: string }).content.split('\n');
    expect(lines[0]).toHaveLength(60);
    expect(lines.at(-1)).toBe('');
  });

  it('rejects missing message or invalid base64', async () => {
    const octokit = client(server);
    const noMessage = await rejection(octokit.request('PUT /repos/{owner}/{repo}/contents/{path}', { owner: OWNER, repo: REPO, path: 'a.txt', content: b64('a') } as never));
    expect(noMessage.status).toBe(422);
    expect(noMessage.response.data).toMatchObject({ message: 'Invalid request.\n\n"message" wasn\'t supplied.' });
    const badBase64 = await rejection(octokit.rest.repos.createOrUpdateFileContents({ owner: OWNER, repo: REPO, path: 'a.txt', message: 'm', content: 'not base64!' }));
    expect(badBase64.status).toBe(422);
  });
});
