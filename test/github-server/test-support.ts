/** Shared set-up for this folder's suites: a seeded repository and Octokit clients aimed at the fake. */
import { Octokit } from '@octokit/rest';
import type { GitHubTestServer } from './types';

export const OWNER = 'rollgate-org';
export const REPO = 'web-app';
export const HEAD_SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';

/** One repository with an open pull request (#1, head `feature/login` at HEAD_SHA) and two changed files. */
export function seedRepository(server: GitHubTestServer) {
  const repo = server.state.addRepo(OWNER, REPO, { description: 'The app Rollgate rolls out' });
  server.state.putFile(OWNER, REPO, 'README.md', '# web-app\n');
  const pull = server.state.addPullRequest(OWNER, REPO, {
    title: 'Add login page',
    body: 'Closes #12',
    user: 'octocat',
    labels: ['rollout:canary'],
    head: { ref: 'feature/login', sha: HEAD_SHA },
    files: [
      { filename: 'src/login.ts', status: 'added', additions: 40, patch: '@@ -0,0 +1,40 @@\n+export {}' },
      { filename: 'README.md', status: 'modified', additions: 2, deletions: 1 },
    ],
  });
  return { repo, pull };
}

export function client(server: GitHubTestServer, token = 'test-write-token'): Octokit {
  return new Octokit({ baseUrl: server.url, auth: token, log: quietLog });
}

/** Octokit logs every 4xx at warn/error; the suites provoke them on purpose. */
export const quietLog = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/** The rejection of `promise` as Octokit's RequestError shape, failing the test if it resolved. */
export async function rejection(promise: Promise<unknown>): Promise<{
  status: number;
  message: string;
  response: { data: unknown; headers: Record<string, string | number | undefined> };
}> {
  try {
    await promise;
  } catch (error) {
    return error as never;
  }
  throw new Error('expected the request to fail, but it succeeded');
}
