/**
 * The bundled legacy-lint from dist/: the action on a pull request against
 * the GitHub API test server (diff mode against a fresh merge base, a check
 * run with annotations, SARIF), and a catastrophic pattern that the worker
 * watchdog stops.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubServer, type GitHubTestServer } from '../github-server/index';
import { commit, git, originOf, repository } from '../legacy-lint/git-repo';
import { assertBuilt, distCli, pullRequestAtHead, runActionProcess, runProcess, seedHelloWorld } from './run-dist';

let server: GitHubTestServer;

beforeAll(async () => {
  assertBuilt();
  server = await startGitHubServer();
  seedHelloWorld(server.state, 'Chart rewrite');
});
afterAll(() => server?.close());

const CONFIG = `rules:
  - id: no-moment
    message: Use date-fns.
    import: ["moment", "moment/**"]
  - id: no-old-binning
    message: Use the shared binning core.
    pattern: "\\\\blegacyBin\\\\w*\\\\("
`;

describe('legacy-lint from dist/', () => {
  it('as an action on a pull request: only the added lines, annotated in a check run and in SARIF', async () => {
    const source = repository({
      '.rollgate/legacy-lint.yml': CONFIG,
      'src/old.ts': "import moment from 'moment';\nexport const edges = legacyBinEdges(3);\n",
    });
    git(source, 'checkout', '-q', '-b', 'feature');
    commit(source, { 'src/chart.tsx': "import React from 'react';\nimport tz from 'moment/timezone';\nexport const C = () => <p>Don't use legacyBin(2) here</p>;\n" }, 'chart');
    git(source, 'checkout', '-q', 'main');
    const origin = originOf(source);
    const ws = mkdtempSync(join(tmpdir(), 'rollgate-lint-ws-'));
    git(ws, 'clone', '-q', '--depth', '1', '--branch', 'feature', `file://${origin}`, '.');
    const run = await runActionProcess({
      action: 'legacy-lint',
      workspace: ws,
      apiUrl: server.url,
      token: 'test-write-token',
      payload: pullRequestAtHead((p) => {
        p.pull_request.base.ref = 'main';
      }),
      inputs: { comment: 'false', 'sarif-file': 'legacy.sarif' },
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ passed: 'false', 'new-findings': '2' });
    // Patterns see lines, so legacyBin( in JSX text counts; the apostrophe in that text breaks nothing.
    expect(run.stdout).toContain('::error file=src/chart.tsx,line=2,col=17,title=no-moment%3A moment/timezone::Use date-fns.');
    expect(run.stdout).toContain('::error file=src/chart.tsx,line=3,col=37,title=no-old-binning%3A legacyBin(::Use the shared binning core.');
    expect(run.stdout).not.toContain('src/old.ts');
    const [checkRun] = server.state.checkRuns.values();
    expect(checkRun).toMatchObject({ name: 'rollgate legacy-lint', conclusion: 'failure' });
    expect(checkRun!.annotations.map((a) => `${a.path}:${a.start_line}`)).toEqual(['src/chart.tsx:2', 'src/chart.tsx:3']);
    const sarif = JSON.parse(readFileSync(join(ws, 'legacy.sarif'), 'utf8'));
    expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId).sort()).toEqual(['no-moment', 'no-old-binning']);
    expect(run.summary).toContain('on lines added since origin/main');
  });

  it('stops a catastrophic pattern after patternTimeout, naming the rule, the file and the fix', async () => {
    const root = repository({
      '.rollgate/legacy-lint.yml': 'rules:\n  - { id: fine, message: m, pattern: "legacyBin" }\n  - { id: evil, message: m, pattern: "(a+)+$" }\npatternTimeout: 1\n',
      'a.ts': 'const ok = 1;\n',
      'evil.txt': `${'a'.repeat(48)}!\n`,
    });
    writeFileSync(join(root, 'b.ts'), 'legacyBin();\n');
    const started = Date.now();
    const run = await runProcess(process.execPath, [distCli, 'legacy-lint'], { PATH: process.env.PATH }, root);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('rollgate: .rollgate/legacy-lint.yml:3: rules[1].pattern: the pattern "(a+)+$" ran for more than 1 s on evil.txt without finishing, so it backtracks catastrophically. Rewrite it without nested or overlapping quantifiers, such as (a+)+ or (\\w|\\d)*, or anchor it to a literal\n');
  });
});
