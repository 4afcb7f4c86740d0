import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubServer, type GitHubTestServer } from './index';
import { client, OWNER, quietLog, REPO, rejection, seedRepository } from './test-support';

const RetryingOctokit = Octokit.plugin(retry);
const ThrottledOctokit = Octokit.plugin(throttling);

let server: GitHubTestServer;
beforeAll(async () => {
  server = await startGitHubServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
  seedRepository(server);
});

const PULL_PATH = `/repos/${OWNER}/${REPO}/pulls/1`;
const getPull = (octokit: Octokit) => octokit.rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: 1 });
const statuses = () => server.requests.map((request) => request.status);

/** A throttled client whose handlers record what they were told and retry once. */
function throttledClient(retryAfterBaseValue: number) {
  const seen = { primary: [] as number[], secondary: [] as number[] };
  const octokit = new ThrottledOctokit({
    baseUrl: server.url,
    auth: 'test-write-token',
    log: quietLog,
    throttle: {
      retryAfterBaseValue,
      onRateLimit: (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) => {
        seen.primary.push(retryAfter);
        return retryCount === 0;
      },
      onSecondaryRateLimit: (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) => {
        seen.secondary.push(retryAfter);
        return retryCount === 0;
      },
    },
  });
  return { octokit, seen };
}

describe('server errors', () => {
  it('answers a queued 502 with an HTML gateway page, once', async () => {
    server.serverError({ path: PULL_PATH });
    const error = await rejection(getPull(client(server)));
    expect(error.status).toBe(502);
    expect(String(error.response.data)).toContain('<h1>502 Bad Gateway</h1>');
    expect(error.response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect((await getPull(client(server))).status).toBe(200);
  });

  it('is retried by @octokit/plugin-retry: 502 once, then success', async () => {
    server.serverError({ path: PULL_PATH });
    const octokit = new RetryingOctokit({ baseUrl: server.url, auth: 'test-write-token', log: quietLog, retry: { retryAfterBaseValue: 5 } });
    const response = await getPull(octokit);
    expect(response.status).toBe(200);
    expect(response.data.number).toBe(1);
    expect(statuses()).toEqual([502, 200]);
  });

  it('lets the retry plugin ride out several 503s with a JSON body', async () => {
    server.serverError({ path: /\/pulls\/\d+$/, status: 503, times: 2 });
    const octokit = new RetryingOctokit({ baseUrl: server.url, auth: 'test-write-token', log: quietLog, retry: { retryAfterBaseValue: 5 } });
    expect((await getPull(octokit)).status).toBe(200);
    expect(statuses()).toEqual([503, 503, 200]);
  });
});

describe('rate limits with @octokit/plugin-throttling', () => {
  it('primary 429: x-ratelimit-remaining 0 and a reset time, handled by onRateLimit', async () => {
    server.rateLimit({ path: PULL_PATH, retryAfterSeconds: 1, status: 429 });
    // The plugin waits until reset + 1 s; scale its clock down so the suite stays fast.
    const { octokit, seen } = throttledClient(100);
    const response = await getPull(octokit);
    expect(response.status).toBe(200);
    expect(statuses()).toEqual([429, 200]);
    expect(seen.primary).toHaveLength(1);
    expect(seen.primary[0]).toBeGreaterThanOrEqual(1);
    expect(seen.primary[0]).toBeLessThanOrEqual(3);
    expect(seen.secondary).toEqual([]);
  });

  it('primary 403 reports the exhausted window in its headers', async () => {
    server.rateLimit({ path: PULL_PATH, retryAfterSeconds: 1 });
    const error = await rejection(getPull(client(server)));
    expect(error.status).toBe(403);
    expect(error.message).toContain('API rate limit exceeded');
    expect(error.response.headers['x-ratelimit-remaining']).toBe('0');
    expect(Number(error.response.headers['x-ratelimit-reset'])).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000));

    server.rateLimit({ path: PULL_PATH, retryAfterSeconds: 0 });
    const { octokit, seen } = throttledClient(100);
    expect((await getPull(octokit)).status).toBe(200);
    expect(seen.primary).toHaveLength(1);
  });

  it('secondary 429 with retry-after: 1 is retried after onSecondaryRateLimit returns true', async () => {
    server.rateLimit({ path: PULL_PATH, retryAfterSeconds: 1, secondary: true, status: 429 });
    const { octokit, seen } = throttledClient(1000);
    const started = Date.now();
    const response = await getPull(octokit);
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(seen.secondary).toEqual([1]);
    expect(statuses()).toEqual([429, 200]);
  });

  it('secondary 403 carries retry-after and GitHub\'s message, and is retried the same way', async () => {
    server.rateLimit({ path: /\/issues\/\d+\/comments$/, method: 'POST', retryAfterSeconds: 1, secondary: true });
    const plain = await rejection(client(server).rest.issues.createComment({ owner: OWNER, repo: REPO, issue_number: 1, body: 'x' }));
    expect(plain.status).toBe(403);
    expect(plain.response.headers['retry-after']).toBe('1');
    expect(plain.message).toContain('You have exceeded a secondary rate limit');
    expect(server.state.comments.size).toBe(0);

    // A GET for the retry: the plugin spaces writes that notify by 3 s on top of retry-after.
    server.rateLimit({ path: PULL_PATH, retryAfterSeconds: 1, secondary: true });
    const { octokit, seen } = throttledClient(1000);
    expect((await getPull(octokit)).status).toBe(200);
    expect(seen.secondary).toEqual([1]);
    expect(statuses()).toEqual([403, 403, 200]);
  });
});

describe('fail()', () => {
  it('serves a custom answer to the next N matching requests only', async () => {
    server.fail({ path: /\/pulls\/\d+$/, method: 'GET', status: 500, body: { message: 'boom' }, headers: { 'x-fault': 'yes' }, times: 2 });
    const octokit = client(server);
    const created = await octokit.rest.issues.createComment({ owner: OWNER, repo: REPO, issue_number: 1, body: 'not matched' });
    expect(created.status).toBe(201);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const error = await rejection(getPull(octokit));
      expect(error.status).toBe(500);
      expect(error.response.data).toEqual({ message: 'boom' });
      expect(error.response.headers['x-fault']).toBe('yes');
      expect(error.response.headers['x-ratelimit-limit']).toBe('5000');
    }
    expect((await getPull(octokit)).status).toBe(200);
    expect(statuses()).toEqual([201, 500, 500, 200]);
  });

  it('matches string paths exactly and is cleared by reset()', async () => {
    server.fail({ path: `/repos/${OWNER}/${REPO}/pulls`, status: 418 });
    expect((await getPull(client(server))).status).toBe(200);
    server.fail({ path: PULL_PATH, status: 418 });
    server.reset();
    seedRepository(server);
    expect((await getPull(client(server))).status).toBe(200);
  });
});
