/**
 * The bundled checklist action (dist/actions/checklist.js), run as a child
 * process with the runner's environment against the GitHub API test server.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubServer, type GitHubTestServer } from '../github-server/index';
import { assertBuilt, HEAD_SHA, pullRequestAtHead, runActionProcess, seedHelloWorld } from './run-dist';
import { tempProject } from '../helpers/workspace';

const OWNER = 'Codertocat';
const REPO = 'Hello-World';


const coverage = (pct: number) => JSON.stringify({
  total: {
    lines: { total: 1000, covered: pct * 10, skipped: 0, pct },
    statements: { total: 1000, covered: pct * 10, skipped: 0, pct },
    functions: { total: 10, covered: 10, skipped: 0, pct: 100 },
    branches: { total: 10, covered: 10, skipped: 0, pct: 100 },
  },
});

const CONFIG = 'checks:\n  - id: coverage\n    type: coverage\n    report: coverage.json\n    min: { lines: 80 }\n';

let server: GitHubTestServer;

beforeAll(async () => {
  assertBuilt();
  server = await startGitHubServer();
});
afterAll(() => server?.close());

beforeEach(() => {
  server.reset();
  seedHelloWorld(server.state, 'Update the README with new information.');
});

const payload = pullRequestAtHead;

const ourComments = () => [...server.state.comments.values()].filter((c) => c.body.includes('<!-- rollgate:checklist -->'));

describe('checklist action against the GitHub API', () => {
  it('fails a failing checklist on every channel: exit 1, outputs, summary, annotation, check run, comment', async () => {
    const ws = tempProject({ '.rollgate/checklist.yml': CONFIG, 'coverage.json': coverage(78.5) });
    const run = await runActionProcess({ action: 'checklist', workspace: ws, apiUrl: server.url, token: 'test-write-token', payload: payload() });
    expect(run.code).toBe(1);
    expect(run.outputs.passed).toBe('false');
    expect(run.outputs.headline).toBe('Not ready: 1 blocker failed (coverage)');
    expect(run.outputs.blockers).toBe('coverage');
    const result = JSON.parse(readFileSync(run.outputs['result-file']!, 'utf8'));
    expect(result.passed).toBe(false);
    expect(result.checks[0]).toMatchObject({ id: 'coverage', status: 'fail', observed: 'lines 78.5%', expected: 'lines ≥ 80%' });
    expect(run.stdout).toContain('lines 78.5% < 80%');
    expect(run.stdout).toMatch(/^::error file=\.rollgate\/checklist\.yml,line=2,.*title=Blocker%3A coverage/m);
    expect(run.summary).toContain('| coverage |');
    expect(run.summary).toContain('78.5%');

    const [checkRun, ...more] = server.state.checkRuns.values();
    expect(more).toEqual([]);
    expect(checkRun).toMatchObject({ headSha: HEAD_SHA, status: 'completed', conclusion: 'failure', app: 'rollgate-bot[bot]' });
    expect(checkRun!.output.title).toBe('Not ready: 1 blocker failed (coverage)');
    expect(checkRun!.output.summary).toContain('78.5%');

    const comments = ourComments();
    expect(comments).toHaveLength(1);
    expect(comments[0]!.issueNumber).toBe(2);
    expect(comments[0]!.body).toContain('Not ready: 1 blocker failed (coverage)');
  });

  it('sends more than 50 check-run annotations in batches of 50, and caps the workflow annotations', async () => {
    const files: Record<string, string> = {
      '.rollgate/checklist.yml': 'checks:\n  - id: owners\n    type: codeowners\n    paths: [src/**]\n',
      '.github/CODEOWNERS': '/src/owned/ @acme/core\n',
      'src/owned/a.ts': 'export {};\n',
    };
    for (let i = 0; i < 120; i++) files[`src/unowned/m${String(i).padStart(3, '0')}.ts`] = 'export {};\n';
    const ws = tempProject(files);
    const run = await runActionProcess({ action: 'checklist', workspace: ws, apiUrl: server.url, token: 'test-write-token', payload: payload(), inputs: { comment: 'false' } });
    expect(run.code).toBe(1);

    const writes = server.requests.filter((r) => r.path.startsWith(`/repos/${OWNER}/${REPO}/check-runs`) && r.method !== 'GET');
    const batches = writes.map((r) => ((r.body as { output?: { annotations?: unknown[] } }).output?.annotations ?? []).length);
    expect(writes.length).toBeGreaterThanOrEqual(3);
    for (const size of batches) expect(size).toBeLessThanOrEqual(50);
    expect(batches.filter((n) => n > 0).length).toBeGreaterThanOrEqual(2);
    const [checkRun] = server.state.checkRuns.values();
    // One annotation per unowned file plus the check's own at its config line.
    expect(checkRun!.annotations).toHaveLength(121);
    expect(checkRun!.conclusion).toBe('failure');

    // The workflow commands stop at GitHub's per-step caps and say where the rest are.
    const commands = run.stdout.split('\n').filter((l) => /^::(error|warning|notice)[ :]/.test(l));
    expect(commands.filter((l) => l.startsWith('::warning')).length).toBeLessThanOrEqual(10);
    expect(commands.filter((l) => l.startsWith('::error')).length).toBeLessThanOrEqual(10);
    expect(run.stdout).toMatch(/more findings/);
  });

  it('updates its sticky comment on a second run instead of posting another', async () => {
    const ws = tempProject({ '.rollgate/checklist.yml': CONFIG, 'coverage.json': coverage(78.5) });
    const options = { action: 'checklist', workspace: ws, apiUrl: server.url, token: 'test-write-token', payload: payload(), inputs: { 'check-run': 'false' } };
    const first = await runActionProcess(options);
    expect(first.code).toBe(1);
    const [created] = ourComments();
    expect(created!.body).toContain('Not ready');

    writeFileSync(join(ws, 'coverage.json'), coverage(91));
    const second = await runActionProcess(options);
    expect(second.code).toBe(0);
    const after = ourComments();
    expect(after).toHaveLength(1);
    expect(after[0]!.id).toBe(created!.id);
    expect(after[0]!.body).toContain('Ready: 1 of 1 checks passed');
    const commentWrites = server.requests.filter((r) => r.path.includes('/issues/') && r.method !== 'GET').map((r) => `${r.method} ${r.status}`);
    expect(commentWrites).toEqual(['POST 201', 'PATCH 200']);
  });

  it('deletes duplicate copies left by concurrent runs, keeping one', async () => {
    const marker = '<!-- rollgate:checklist -->';
    for (let i = 0; i < 2; i++) server.state.addIssueComment(OWNER, REPO, 2, { body: `${marker}\nold copy ${i}`, user: 'rollgate-bot[bot]' });
    server.state.addIssueComment(OWNER, REPO, 2, { body: 'LGTM', user: 'Codertocat' });
    const ws = tempProject({ '.rollgate/checklist.yml': CONFIG, 'coverage.json': coverage(91) });
    const run = await runActionProcess({ action: 'checklist', workspace: ws, apiUrl: server.url, token: 'test-write-token', payload: payload(), inputs: { 'check-run': 'false' } });
    expect(run.code).toBe(0);
    expect(ourComments()).toHaveLength(1);
    expect(ourComments()[0]!.body).toContain('Ready');
    expect([...server.state.comments.values()].map((c) => c.body)).toContain('LGTM');
    expect(server.requests.filter((r) => r.method === 'DELETE').map((r) => r.status)).toEqual([204]);
  });

  it('degrades on a fork PR: the read-only token gets 403, the step says so and still reports', async () => {
    const ws = tempProject({ '.rollgate/checklist.yml': CONFIG, 'coverage.json': coverage(78.5) });
    const run = await runActionProcess({
      action: 'checklist',
      workspace: ws,
      apiUrl: server.url,
      token: 'test-fork-token',
      payload: payload((p) => { p.pull_request.head.repo.full_name = 'contributor/Hello-World'; }),
    });
    // The verdict is the checklist's, not the API's.
    expect(run.code).toBe(1);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const denied = server.requests.filter((r) => r.method !== 'GET');
    expect(denied.length).toBeGreaterThan(0);
    for (const request of denied) expect(request.status).toBe(403);
    expect(run.stdout).toMatch(/^::notice title=Rollgate check-run skipped::The token cannot write here/m);
    expect(run.stdout).toMatch(/^::notice title=Rollgate comment skipped::/m);
    expect(run.stdout).toMatch(/^::error /m);
    expect(run.summary).toContain('Not ready');
    expect(run.outputs.passed).toBe('false');
    expect(server.state.checkRuns.size).toBe(0);
    expect(ourComments()).toHaveLength(0);
  });

  it('retries a 502 from the Checks API and then succeeds', async () => {
    server.serverError({ path: `/repos/${OWNER}/${REPO}/check-runs`, method: 'POST', status: 502, times: 1 });
    const ws = tempProject({ '.rollgate/checklist.yml': CONFIG, 'coverage.json': coverage(91) });
    const run = await runActionProcess({ action: 'checklist', workspace: ws, apiUrl: server.url, token: 'test-write-token', payload: payload(), inputs: { comment: 'false' } });
    expect(run.code).toBe(0);
    const creates = server.requests.filter((r) => r.method === 'POST' && r.path === `/repos/${OWNER}/${REPO}/check-runs`).map((r) => r.status);
    expect(creates).toEqual([502, 201]);
    expect([...server.state.checkRuns.values()].map((c) => c.conclusion)).toEqual(['success']);
    expect(run.stdout).not.toMatch(/could not publish/);
  });

  it('exits 2 on a broken config, names the line, and still sets passed=false', async () => {
    const ws = tempProject({ '.rollgate/checklist.yml': 'checks:\n  - id: x\n    type: covrage\n' });
    const run = await runActionProcess({ action: 'checklist', workspace: ws, apiUrl: server.url, token: 'test-write-token', payload: payload() });
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/^::error file=\.rollgate\/checklist\.yml,line=3/m);
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
    expect(run.outputs.passed).toBe('false');
    expect(existsSync(join(ws, 'rollgate-checklist.json'))).toBe(false);
  });
});
