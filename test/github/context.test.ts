import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import examples from '@octokit/webhooks-examples';
import { describe, expect, it } from 'vitest';
import { githubContextFromEnv, pullRequestFromPayload } from '../../src/github/context';

const pullRequestExamples = (examples as Array<{ name: string; examples: Array<Record<string, any>> }>).find((e) => e.name === 'pull_request')!.examples;

describe('event payloads from @octokit/webhooks-examples', () => {
  it('reads every real pull_request payload', () => {
    for (const payload of pullRequestExamples) {
      const pr = pullRequestFromPayload(payload)!;
      expect(pr.number).toBe(payload.pull_request.number);
      expect(pr.headSha).toBe(payload.pull_request.head.sha);
      expect(pr.body).toBe(payload.pull_request.body ?? '');
      expect(pr.isFork).toBe(false);
    }
  });

  it('flags a PR whose head lives in another repository as a fork', () => {
    const payload = structuredClone(pullRequestExamples[0]!);
    payload.pull_request.head.repo.full_name = 'mallory/Hello-World';
    expect(pullRequestFromPayload(payload)!.isFork).toBe(true);
    payload.pull_request.head.repo = null;
    expect(pullRequestFromPayload(payload)!.isFork).toBe(true);
  });

  it('builds the context from runner variables and the event file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rollgate-event-'));
    writeFileSync(join(dir, 'event.json'), JSON.stringify(pullRequestExamples[0]));
    const gh = githubContextFromEnv({ GITHUB_REPOSITORY: 'Codertocat/Hello-World', GITHUB_EVENT_PATH: join(dir, 'event.json'), GITHUB_EVENT_NAME: 'pull_request', GITHUB_SHA: 'merge-sha', GITHUB_API_URL: 'http://127.0.0.1:9' })!;
    expect(gh).toMatchObject({ owner: 'Codertocat', repo: 'Hello-World', apiUrl: 'http://127.0.0.1:9', eventName: 'pull_request' });
    // Check runs belong on the PR head, not the synthetic merge commit.
    expect(gh.sha).toBe(pullRequestExamples[0]!.pull_request.head.sha);
    expect(githubContextFromEnv({})).toBeUndefined();
  });
});
