/**
 * The bundled load-gate action against the GitHub API test server: a JMeter
 * result gated per endpoint, reported as a check run with one annotation per
 * failed threshold at its line in the config.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubServer, type GitHubTestServer } from '../github-server/index';
import { assertBuilt, pullRequestAtHead, runActionProcess, seedHelloWorld } from './run-dist';

let server: GitHubTestServer;

beforeAll(async () => {
  assertBuilt();
  server = await startGitHubServer();
  seedHelloWorld(server.state, 'Faster search');
});
afterAll(() => server?.close());

describe('load-gate action from dist/', () => {
  it('fails on the endpoint that is too slow, with observed values, annotations and a check run', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'rollgate-load-ws-'));
    mkdirSync(join(ws, '.rollgate'));
    mkdirSync(join(ws, 'results'));
    const rows = ['timeStamp,elapsed,label,responseCode,success'];
    for (let i = 0; i < 500; i++) rows.push(`${1_700_000_000_000 + i * 10},${20 + (i % 50)},home,200,true`);
    for (let i = 0; i < 100; i++) rows.push(`${1_700_000_000_000 + i * 50},${400 + i * 5},search,${i % 10 === 0 ? 500 : 200},${i % 10 !== 0}`);
    writeFileSync(join(ws, 'results', 'run.jtl'), `${rows.join('\n')}\n`);
    writeFileSync(join(ws, '.rollgate', 'load.yml'), [
      'thresholds:',
      '  http_req_duration{endpoint:home}: ["p(95)<100"]',
      '  http_req_duration{endpoint:search}: ["p(95)<500"]',
      '  http_req_failed: ["rate<0.01"]',
      '',
    ].join('\n'));
    const run = await runActionProcess({
      action: 'load',
      workspace: ws,
      apiUrl: server.url,
      token: 'test-write-token',
      payload: pullRequestAtHead(),
      inputs: { results: 'results/run.jtl', comment: 'false' },
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ passed: 'false', invalid: 'false' });
    expect(run.outputs['failed-thresholds']).toBe('http_req_duration{endpoint:search} p(95)<500; http_req_failed rate<0.01');
    expect(run.stdout).toContain('::error file=.rollgate/load.yml,line=4,title=Load threshold failed%3A http_req_failed rate<0.01::observed 1.67%25 over 600 samples');
    expect(run.stdout).toMatch(/^::error file=\.rollgate\/load\.yml,line=3,title=Load threshold failed%3A http_req_duration\{endpoint%3Asearch\} p\(95\)<500::observed 8\d\d(\.\d)? ms over 100 samples; expected p\(95\)<500/m);
    expect(run.summary).toContain('| ✅ pass | http\\_req\\_duration{endpoint:home} p(95)&lt;100 | 67\\.01 ms (500 samples) |');
    const [checkRun] = server.state.checkRuns.values();
    expect(checkRun).toMatchObject({ name: 'rollgate load', conclusion: 'failure' });
    expect(checkRun!.annotations.map((a) => a.start_line)).toEqual([3, 4]);
  });
});
