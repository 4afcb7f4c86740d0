import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { approvalsCheck, currentApprovers } from '../../src/commands/checklist/checks/approvals';
import { changelogCheck, unreleasedEntries } from '../../src/commands/checklist/checks/changelog';
import { codeownersCheck, compileOwnerPattern, ownersOf, parseCodeowners } from '../../src/commands/checklist/checks/codeowners';
import { commandCheck } from '../../src/commands/checklist/checks/command';
import { checkboxState, manualCheck } from '../../src/commands/checklist/checks/manual';
import { runbooksCheck } from '../../src/commands/checklist/checks/runbooks';
import { createWorkspace } from '../../src/commands/checklist/workspace';
import type { GitHubContext, PullRequestInfo } from '../../src/github/context';
import { hasSharedFixtures, sharedFixture } from '../helpers/fixtures';
import { tempProject, testContext } from '../helpers/workspace';

async function runCheck<C extends { schema: { parse(v: unknown): unknown }; run(c: never, e: never): Promise<unknown> }>(check: C, config: Record<string, unknown>, cwd: string, github?: GitHubContext) {
  const ctx = testContext(cwd, github);
  const parsed = check.schema.parse({ id: 'x', ...config });
  return (check.run as (c: unknown, e: unknown) => Promise<{ status: string; observed?: string; details: string; findings?: Array<{ file?: string; line?: number; message: string }> }>)(parsed, { ctx, workspace: createWorkspace(ctx), configPath: ['checks', 0] });
}

const pr = (overrides: Partial<PullRequestInfo> = {}): PullRequestInfo => ({
  number: 7, title: 't', body: '', labels: [], author: 'alice', headSha: 'a'.repeat(40), headRef: 'feature', baseSha: 'b'.repeat(40), baseRef: 'main', isFork: false, ...overrides,
});
const gh = (pullRequest?: PullRequestInfo): GitHubContext => ({ owner: 'acme', repo: 'shop', sha: 'a'.repeat(40), eventName: 'pull_request', serverUrl: 'https://github.com', apiUrl: 'http://127.0.0.1:1', pullRequest });

describe('changelog', () => {
  it('finds entries under Unreleased and ignores headings, comments and link references', () => {
    const text = ['# Changelog', '## [Unreleased]', '<!-- add entries here', '- not this -->', '### Added', '', '- Retry charges', '[Unreleased]: https://x', '## [1.0.0]', '- old'].join('\n');
    expect(unreleasedEntries(text)).toEqual(['- Retry charges']);
    expect(unreleasedEntries('# Changelog\n## [Unreleased]\n### Added\n\n## [1.0.0]\n- old\n')).toEqual([]);
    expect(unreleasedEntries('## Unreleased\r\n* CRLF entry\r\n')).toEqual(['* CRLF entry']);
  });

  it('fails with what it saw when there is no entry and no diff', async () => {
    const dir = tempProject({ 'CHANGELOG.md': '# Changelog\n## [Unreleased]\n\n## [1.0.0]\n- old\n' });
    const outcome = await runCheck(changelogCheck, { type: 'changelog' }, dir);
    expect(outcome.status).toBe('fail');
    expect(outcome.observed).toBe('no pull request diff available; no ## [Unreleased] entry');
  });
});

describe('codeowners', () => {
  it('follows gitignore anchoring and last-match-wins', () => {
    expect(compileOwnerPattern('*.js')('src/deep/a.js')).toBe(true);
    expect(compileOwnerPattern('/build/')('build/x/y.txt')).toBe(true);
    expect(compileOwnerPattern('/build/')('src/build/y.txt')).toBe(false);
    expect(compileOwnerPattern('docs')('a/docs/readme.md')).toBe(true);
    expect(compileOwnerPattern('apps/')('x/apps/y')).toBe(true);
    expect(compileOwnerPattern('docs/*')('docs/getting-started.md')).toBe(true);
    expect(compileOwnerPattern('docs/*')('docs/build-app/troubleshooting.md')).toBe(false);
    expect(compileOwnerPattern('**/logs')('deeply/nested/logs/x.log')).toBe(true);
    expect(compileOwnerPattern('src/*.ts')('src/a/b.ts')).toBe(false);
    const rules = parseCodeowners('# owners\n*  @org/all\n/src/ @org/core # core\n/src/generated/\n');
    expect(ownersOf(rules, 'README.md')).toEqual(['@org/all']);
    expect(ownersOf(rules, 'src/a.ts')).toEqual(['@org/core']);
    expect(ownersOf(rules, 'src/generated/x.ts')).toEqual([]);
  });

  it('fails and points at each unowned file', async () => {
    const dir = tempProject({ '.github/CODEOWNERS': '/src/api/ @org/api\n', 'src/api/a.ts': '', 'src/web/b.ts': '', 'docs/x.md': '' });
    const outcome = await runCheck(codeownersCheck, { type: 'codeowners', paths: ['src/**'] }, dir);
    expect(outcome.status).toBe('fail');
    expect(outcome.observed).toBe('1/2 files owned');
    expect(outcome.findings?.map((f) => f.file)).toEqual(['src/web/b.ts']);
  });
});

describe('manual', () => {
  it('reads task-list boxes exactly', () => {
    expect(checkboxState('- [x] Rollback tested', 'Rollback tested')).toBe('ticked');
    expect(checkboxState('* [X] rollback tested  ', 'Rollback tested')).toBe('ticked');
    expect(checkboxState('- [ ] Rollback tested', 'Rollback tested')).toBe('unticked');
    expect(checkboxState('- [x] Rollback tested later', 'Rollback tested')).toBe('absent');
    expect(checkboxState('Rollback tested (x)', 'Rollback tested')).toBe('absent');
    expect(checkboxState('- [x] Cost (x2) checked', 'Cost (x2) checked')).toBe('ticked');
  });

  it('passes on a label, skips outside a PR, fails on an unticked box', async () => {
    const dir = tempProject();
    expect((await runCheck(manualCheck, { type: 'manual', checkbox: 'Rollback tested' }, dir)).status).toBe('skip');
    expect((await runCheck(manualCheck, { type: 'manual', checkbox: 'Rollback tested' }, dir, gh(pr({ labels: ['rollback tested'] })))).status).toBe('pass');
    const unticked = await runCheck(manualCheck, { type: 'manual', checkbox: 'Rollback tested' }, dir, gh(pr({ body: '## Checks\n- [ ] Rollback tested\n' })));
    expect(unticked).toMatchObject({ status: 'fail', observed: 'box not ticked' });
  });
});

describe('approvals', () => {
  it('counts the latest deciding review per reviewer, never the author', () => {
    const reviews = [
      { user: { login: 'bob' }, state: 'APPROVED' },
      { user: { login: 'bob' }, state: 'COMMENTED' },
      { user: { login: 'carol' }, state: 'APPROVED' },
      { user: { login: 'carol' }, state: 'CHANGES_REQUESTED' },
      { user: { login: 'alice' }, state: 'APPROVED' },
      { user: { login: 'dan' }, state: 'APPROVED' },
      { user: { login: 'dan' }, state: 'DISMISSED' },
      { user: null, state: 'APPROVED' },
    ];
    expect(currentApprovers(reviews, 'alice')).toEqual(['bob']);
  });

  it('says it needs a token instead of guessing', async () => {
    const outcome = await runCheck(approvalsCheck, { type: 'approvals', min: 1 }, tempProject(), gh(pr()));
    expect(outcome.status).toBe('fail');
    expect(outcome.details).toMatch(/needs a token/);
  });
});

describe('command', () => {
  it('passes on exit 0 and fails with the tail of the output otherwise', async () => {
    const dir = tempProject();
    expect((await runCheck(commandCheck, { type: 'command', run: 'echo fine' }, dir)).status).toBe('pass');
    const failed = await runCheck(commandCheck, { type: 'command', run: 'echo broken-thing >&2; exit 3' }, dir);
    expect(failed.status).toBe('fail');
    expect(failed.observed).toMatch(/^exit 3 in /);
    expect(failed.details).toContain('broken-thing');
  });

  it('kills the whole process tree on timeout', async () => {
    const started = Date.now();
    const outcome = await runCheck(commandCheck, { type: 'command', run: 'sh -c "sleep 30" & sleep 30', timeoutSeconds: 0.5 }, tempProject());
    expect(outcome).toMatchObject({ status: 'fail', observed: 'timed out after 0.5s' });
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe.skipIf(!hasSharedFixtures)('runbooks on real Thanos alert rules', () => {
  const rules = hasSharedFixtures ? readFileSync(sharedFixture('prometheus', 'thanos-alerts.yaml'), 'utf8') : '';

  it('resolves blob/tree URLs of this repository to files that exist', async () => {
    const dir = tempProject({ 'alerts.yaml': rules, 'mixin/runbook.md': '# Thanos runbook\n' });
    const outcome = await runCheck(runbooksCheck, { type: 'runbooks', rules: 'alerts.yaml', repository: 'thanos-io/thanos' }, dir);
    expect(outcome).toMatchObject({ status: 'pass', observed: '48/48 alerts with a runbook' });
  });

  it('fails every alert, at its own line, when the runbook file is missing', async () => {
    const dir = tempProject({ 'alerts.yaml': rules });
    const outcome = await runCheck(runbooksCheck, { type: 'runbooks', rules: 'alerts.yaml', repository: 'thanos-io/thanos' }, dir);
    expect(outcome.status).toBe('fail');
    expect(outcome.observed).toBe('0/48 alerts with a runbook');
    expect(outcome.findings).toHaveLength(48);
    const first = outcome.findings![0]!;
    const lines = rules.split('\n');
    expect(lines[first.line! - 1]).toMatch(/alert: /);
    expect(first.message).toMatch(/mixin\/runbook\.md .*does not exist/);
  });

  it('rejects runbooks in another repository', async () => {
    const dir = tempProject({ 'alerts.yaml': rules, 'mixin/runbook.md': '#' });
    const outcome = await runCheck(runbooksCheck, { type: 'runbooks', rules: 'alerts.yaml', repository: 'acme/shop' }, dir);
    expect(outcome.status).toBe('fail');
    expect(outcome.findings![0]!.message).toMatch(/points at thanos-io\/thanos, not this repository \(acme\/shop\)/);
  });
});
