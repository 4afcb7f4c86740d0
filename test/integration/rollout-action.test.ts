/**
 * The bundled rollout action as a workflow runs it: dist/actions/rollout.js
 * in a child process with INPUT_* variables, a real `release.published`
 * payload from @octokit/webhooks-examples, and the GitHub API test server
 * holding the state file, the flagd file and the deployments.
 */
import examples from '@octokit/webhooks-examples';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubServer, type GitHubTestServer } from '../github-server';
import { tempProject } from '../helpers/workspace';
import { FLAGD_FILE } from '../rollout/scenarios/support';
import { assertBuilt, runActionProcess } from './run-dist';

const PLAN = `
flag: checkout-v2
environment: production
stages:
  - { name: smoke,  percent: 1,  hold: 1h }
  - { name: full,   percent: 100 }
gates:
  - name: error-rate
    file: { path: metrics.json, jsonPath: $.errorRate }
    max: 0.001
breaker: { consecutiveBreaches: 2, critical: { error-rate: 0.01 } }
provider: { type: flagd-file, path: flags/flags.json }
`;

function releasePayload(): Record<string, any> {
  const all = examples as Array<{ name: string; examples: Array<Record<string, any>> }>;
  const release = all.find((group) => group.name === 'release')!.examples.find((example) => example.action === 'published');
  if (!release) throw new Error('@octokit/webhooks-examples has no release.published example');
  return structuredClone(release);
}

let server: GitHubTestServer;
beforeAll(async () => {
  assertBuilt();
  server = await startGitHubServer();
});
afterAll(async () => {
  await server.close();
});

describe('actions/rollout (bundled, child process)', () => {
  it('starts on a release, then a scheduled tick with a critical value rolls back: outputs, summary, annotations, exit 1', async () => {
    const payload = releasePayload();
    const [owner, repo] = (payload.repository.full_name as string).split('/') as [string, string];
    const sha = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e';
    server.state.addRepo(owner, repo);
    server.state.addCommit(owner, repo, sha);
    server.state.putFile(owner, repo, 'flags/flags.json', FLAGD_FILE);
    const workspace = tempProject({ '.rollgate/rollout.yml': PLAN, 'metrics.json': '{"errorRate": 0.0002}' });
    const common = { action: 'rollout', workspace, apiUrl: server.url, token: 'test-write-token', payload, repository: `${owner}/${repo}` };

    const started = await runActionProcess({
      ...common,
      inputs: { action: 'start', ref: payload.release.tag_name, now: '2026-11-29T13:00:00Z' },
      env: { GITHUB_EVENT_NAME: 'release', GITHUB_SHA: sha },
    });
    expect(started.code, started.stdout).toBe(0);
    expect(started.outputs).toMatchObject({ passed: 'true', action: 'started', state: 'progressing', stage: 'smoke', percent: '1', environment: 'production', 'next-check-after': '2026-11-29T14:00:00Z' });
    expect([...server.state.deployments.values()].map((d) => [d.sha, d.environment, d.statuses.at(-1)?.state])).toEqual([[sha, 'production', 'success']]);

    writeFileSync(join(workspace, 'metrics.json'), '{"errorRate": 0.2}');
    const ticked = await runActionProcess({
      ...common,
      inputs: { now: '2026-11-29T13:10:00Z' },
      env: { GITHUB_EVENT_NAME: 'schedule', GITHUB_SHA: sha },
    });
    expect(ticked.code).toBe(1);
    expect(ticked.outputs).toMatchObject({ passed: 'false', action: 'rolled-back', state: 'rolled-back', percent: '0' });
    // Workflow commands escape % as %25.
    expect(ticked.stdout).toContain('::error title=Rolled back checkout-v2::rolled back to 0%25: critical value on error-rate 0.2 (critical 0.01)');
    // The summary: the banner, the percent over time as a Mermaid line chart, the gate table, the next step.
    expect(ticked.summary).toContain('Automatic rollback');
    expect(ticked.summary).toMatch(/```mermaid\nxychart-beta\n[\s\S]*line \[0, 1, 0, 0\]/);
    expect(ticked.summary).toContain('| ❌ fail | error-rate | 0\\.2 | critical 0.01 | critical; query: file metrics.json \\$.errorRate |');
    expect(ticked.summary).toContain('resume by hand');
    const statuses = [...server.state.deployments.values()].map((d) => d.statuses.at(-1)?.state);
    expect(statuses).toEqual(['failure']);
    expect([...server.state.commitComments.values()].map((c) => c.commitId)).toEqual([sha]);

    // A scheduled resume is refused (exit 2, one ::error line); a manual one is not.
    const scheduledResume = await runActionProcess({ ...common, inputs: { action: 'resume', now: '2026-11-29T14:00:00Z' }, env: { GITHUB_EVENT_NAME: 'schedule', GITHUB_SHA: sha } });
    expect(scheduledResume.code).toBe(2);
    expect(scheduledResume.stdout).toContain('resuming after a rollback needs a manual trigger');
    const manualResume = await runActionProcess({ ...common, inputs: { action: 'resume', now: '2026-11-29T14:05:00Z' }, env: { GITHUB_EVENT_NAME: 'workflow_dispatch', GITHUB_SHA: sha } });
    expect(manualResume.code, manualResume.stdout).toBe(0);
    expect(manualResume.outputs).toMatchObject({ action: 'resumed', percent: '1' });
  }, 60_000);
});
