/**
 * `rollgate legacy-lint` end to end on real git repositories: findings,
 * exit codes, the baseline across a rebase, a pull request that grows the
 * baseline, diff mode in a shallow clone, bad config.
 */
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';
import { pullRequestPayload } from '../integration/run-dist';
import { commit, git, originOf, repository, write } from './git-repo';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

const CONFIG = `rules:
  - id: no-legacy-simulator
    message: The legacy simulator is retired; use src/sim/core instead.
    import: ["legacy-sim", "legacy-sim/**", "**/legacy/simulator*"]
    sunset: ${day(30)}
    files: ["src/**"]
    ignore: ["src/legacy/**"]
  - id: no-moment
    message: Use date-fns.
    import: ["moment"]
    severity: error
  - id: no-old-binning
    message: Use the shared binning core.
    pattern: "\\\\blegacyBin\\\\w*\\\\("
    files: ["**/*.{ts,js,py,rs}"]
  - id: no-legacy-dir
    message: Nothing new may be added under legacy/.
    path: ["legacy/**"]
allow:
  - { rule: no-moment, path: src/report/old-chart.ts, owner: "@team-viz", reason: "chart rewrite", expires: ${day(90)} }
baseline: .rollgate/legacy-baseline.json
`;

const TREE = {
  '.rollgate/legacy-lint.yml': CONFIG,
  'src/report/old-chart.ts': "import moment from 'moment';\n",
  'src/app.ts': "import sim from '../legacy/simulator';\n// import x from 'moment'\nconst b = legacyBinEdges(3);\nconst m = require('moment');\n",
  'src/view.tsx': "import React from 'react';\nexport const A = () => <p>Don't import 'moment' {require('moment-timezone')}</p>;\n",
  'src/legacy/inner.ts': "import sim from 'legacy-sim';\n",
  'tools/sim.py': 'from legacy_sim import core\n"""import moment"""\n',
  'legacy/old.py': 'x = 1\n',
  'notes.txt': 'legacyBin(1) is not a .ts file\n',
};

async function lint(cwd: string, ...args: string[]) {
  const run = await cli(['legacy-lint', '--json', ...args], { cwd });
  return { ...run, result: run.stdout ? JSON.parse(run.stdout) : undefined };
}

describe('rollgate legacy-lint', () => {
  it('finds each kind of rule at file:line:column, and writes SARIF', async () => {
    const root = repository(TREE);
    const sarifFile = join(root, 'legacy.sarif');
    const { code, result, stderr } = await lint(root, '--sarif', sarifFile);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(result.findings.map((f: { rule: string; file: string; line: number; column: number; severity: string; new: boolean; allowed: boolean }) => [f.rule, `${f.file}:${f.line}:${f.column}`, f.severity, f.new, f.allowed])).toEqual([
      ['no-legacy-dir', 'legacy/old.py:1:1', 'error', true, false],
      ['no-legacy-simulator', 'src/app.ts:1:18', 'warning', true, false],
      ['no-old-binning', 'src/app.ts:3:11', 'error', true, false],
      ['no-moment', 'src/app.ts:4:20', 'error', true, false],
      ['no-moment', 'src/report/old-chart.ts:1:21', 'error', false, true],
    ]);
    expect(result.rules.find((r: { id: string }) => r.id === 'no-legacy-simulator')).toMatchObject({ sunset: day(30), daysLeft: 30, severity: 'warning' });
    expect(result.skipped).toMatchObject({ files: 0 });
    const sarif = JSON.parse(readFileSync(sarifFile, 'utf8'));
    const results = sarif.runs[0].results;
    expect(results).toHaveLength(4);
    expect(results.find((r: { ruleId: string }) => r.ruleId === 'no-moment')).toMatchObject({ ruleId: 'no-moment', level: 'error', locations: [{ physicalLocation: { artifactLocation: { uri: 'src/app.ts' }, region: { startLine: 4, startColumn: 20 } } }] });
    expect(sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toContain('no-legacy-dir');
    // Two uses in one file share a rule and a message; each is still its own alert.
    expect(new Set(results.map((r: { partialFingerprints: unknown }) => JSON.stringify(r.partialFingerprints))).size).toBe(results.length);
  });

  it('turns a sunset into errors on its day, fails on an expired and on a stale allow entry, and prunes', async () => {
    const edited = CONFIG.replace(`sunset: ${day(30)}`, `sunset: ${day(0)}`)
      .replace(`expires: ${day(90)}`, `expires: ${day(-1)}`)
      .replace('baseline:', `  - { rule: no-moment, path: src/gone.ts, owner: "@me", reason: "moved", expires: ${day(10)} }\nbaseline:`);
    const root = repository({ ...TREE, '.rollgate/legacy-lint.yml': edited });
    const { result } = await lint(root);
    expect(result.rules.find((r: { id: string }) => r.id === 'no-legacy-simulator')).toMatchObject({ daysLeft: 0, severity: 'error' });
    expect(result.expired).toEqual([expect.objectContaining({ rule: 'no-moment', path: 'src/report/old-chart.ts', reason: `expired ${day(-1)} (1 day ago); it no longer allows its 1 finding` })]);
    expect(result.stale).toEqual([expect.objectContaining({ path: 'src/gone.ts', index: 1 })]);
    const text = await cli(['legacy-lint'], { cwd: root });
    expect(text.stdout).toMatch(/error\s+\.rollgate\/legacy-lint\.yml:2\d\s+Allow entry expired: no-moment in src\/report\/old-chart\.ts/);
    expect(text.stdout).toMatch(/error\s+\.rollgate\/legacy-lint\.yml:2\d\s+Stale allow entry: no-moment in src\/gone\.ts/);
    const pruned = await lint(root, '--prune');
    expect(pruned.result.pruned).toEqual([{ rule: 'no-moment', path: 'src/gone.ts' }]);
    const config = readFileSync(join(root, '.rollgate/legacy-lint.yml'), 'utf8');
    expect(config).not.toContain('src/gone.ts');
    expect(config).toContain('src/report/old-chart.ts');
    expect((await lint(root)).result.stale).toEqual([]);
  });

  it('keeps its baseline through a rebase that shifts every line, and fails only on the new use', async () => {
    const root = repository(TREE);
    const written = await lint(root, '--update-baseline');
    expect(written.code).toBe(0);
    expect(written.result.baselineWritten).toBe(4);
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'baseline');
    git(root, 'checkout', '-q', '-b', 'feature');
    commit(root, { 'src/feature.ts': "import moment from 'moment';\n" }, 'feature uses moment');
    git(root, 'checkout', '-q', 'main');
    // Upstream inserts 50 lines at the top of app.ts and reindents it.
    const app = TREE['src/app.ts'].split('\n').map((l) => (l ? `  ${l}` : l)).join('\n');
    commit(root, { 'src/app.ts': `${'// header\n'.repeat(50)}${app}` }, 'reformat');
    git(root, 'checkout', '-q', 'feature');
    git(root, 'rebase', '-q', 'main');
    const { code, result } = await lint(root);
    expect(code).toBe(1);
    expect(result.findings.filter((f: { new: boolean }) => f.new).map((f: { file: string; line: number }) => `${f.file}:${f.line}`)).toEqual(['src/feature.ts:1']);
    expect(result.findings.find((f: { rule: string }) => f.rule === 'no-old-binning')).toMatchObject({ line: 53, new: false });
    // Fixing a known use is celebrated, and --strict-baseline holds the baseline to it.
    commit(root, { 'src/feature.ts': '', 'src/app.ts': `${'// header\n'.repeat(50)}  const m = require('moment');\n` }, 'remove uses');
    const fixed = await lint(root);
    expect(fixed.code).toBe(0);
    expect(fixed.result.baseline.fixed.map((f: { rule: string }) => f.rule).sort()).toEqual(['no-legacy-simulator', 'no-old-binning']);
    expect((await cli(['legacy-lint'], { cwd: root })).stdout).toMatch(/Fixed: 2 legacy uses gone 🎉/);
    expect((await lint(root, '--strict-baseline')).code).toBe(1);
  });

  it('refuses a pull request that adds its new use to the baseline', async () => {
    const source = repository(TREE);
    await lint(source, '--update-baseline');
    git(source, 'add', '-A');
    git(source, 'commit', '-q', '-m', 'baseline');
    const origin = originOf(source);
    const clone = mkdtempSync(join(tmpdir(), 'rollgate-clone-'));
    git(clone, 'clone', '-q', origin, '.');
    git(clone, 'checkout', '-q', '-b', 'sneaky');
    write(clone, { 'src/feature.ts': "import moment from 'moment';\n" });
    await lint(clone, '--update-baseline');
    commit(clone, {}, 'use moment, and baseline it');
    const { code, result } = await lint(clone, '--base', 'origin/main');
    expect(code).toBe(1);
    expect(result.findings.every((f: { new: boolean }) => !f.new)).toBe(true);
    expect(result.baseline.grew).toEqual([{ rule: 'no-moment', file: 'src/feature.ts', text: "import moment from 'moment';", added: 1 }]);
    const text = await cli(['legacy-lint', '--base', 'origin/main'], { cwd: clone });
    expect(text.stdout).toMatch(/Baseline grew: no-moment in src\/feature\.ts: This pull request adds 1 entry for "import moment from 'moment';" to the baseline\. The baseline may only shrink/);
  });

  it('reports only lines the pull request adds, from a shallow clone, against the base branch as it is now', async () => {
    const source = repository(TREE);
    for (let i = 0; i < 30; i++) commit(source, { [`src/history/f${i}.ts`]: `export const x${i} = ${i};\n` }, `history ${i}`);
    git(source, 'checkout', '-q', '-b', 'feature');
    commit(source, { 'src/app.ts': `${TREE['src/app.ts']}const again = legacyBinCount(2);\n`, 'src/new.ts': "import 'legacy-sim/core';\n" }, 'feature');
    git(source, 'checkout', '-q', 'main');
    // The base moves on after the pull request opened: its own new use must not be blamed on the pull request.
    commit(source, { 'src/main-only.ts': "import moment from 'moment';\n" }, 'main moves on');
    const origin = originOf(source);
    const shallow = mkdtempSync(join(tmpdir(), 'rollgate-shallow-'));
    git(shallow, 'clone', '-q', '--depth', '1', '--branch', 'feature', `file://${origin}`, '.');
    expect(git(shallow, 'rev-parse', '--is-shallow-repository').trim()).toBe('true');
    const payloadFile = join(shallow, '..', `event-${Date.now()}.json`);
    writeFileSync(payloadFile, JSON.stringify(pullRequestPayload((p) => {
      p.pull_request.base.ref = 'main';
      p.pull_request.head.ref = 'feature';
    })));
    const env = { GITHUB_REPOSITORY: 'octo/app', GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: payloadFile, GITHUB_SHA: git(shallow, 'rev-parse', 'HEAD').trim() };
    const run = await cli(['legacy-lint', '--json'], { cwd: shallow, env });
    const result = JSON.parse(run.stdout);
    expect(result.changedOnly).toMatchObject({ against: 'origin/main' });
    expect(result.findings.map((f: { rule: string; file: string; line: number }) => `${f.rule} ${f.file}:${f.line}`)).toEqual(['no-old-binning src/app.ts:5', 'no-legacy-simulator src/new.ts:1']);
    // Deepened until the merge base was in it (here, the whole short history).
    expect(git(shallow, 'rev-parse', '--is-shallow-repository').trim()).toBe('false');
    // Outside a pull request diff mode needs a base, and says so.
    const bare = await cli(['legacy-lint', '--changed-only', 'on'], { cwd: shallow });
    expect(bare.code).toBe(2);
    expect(bare.stderr).toBe('rollgate: --changed-only outside a pull request needs --base REF (the branch to compare with, e.g. origin/main)\n');
  });

  it('skips binary files, large files and symlinks out of the tree, and counts them', async () => {
    const root = repository({ '.rollgate/legacy-lint.yml': 'rules:\n  - { id: no-x, message: m, pattern: "legacyBin" }\nmaxFileSize: 1000\n', 'README.md': 'legacyBin() in prose\n', 'a.ts': 'legacyBin()\n' });
    writeFileSync(join(root, 'blob.bin'), Buffer.from([0x6c, 0x65, 0x67, 0x00, 0x61]));
    writeFileSync(join(root, 'big.ts'), `legacyBin()\n${'x'.repeat(2000)}\n`);
    const outside = mkdtempSync(join(tmpdir(), 'rollgate-outside-'));
    writeFileSync(join(outside, 'secret.ts'), 'legacyBin()\n');
    symlinkSync(join(outside, 'secret.ts'), join(root, 'link.ts'));
    writeFileSync(join(root, '.gitignore'), 'ignored.ts\n');
    writeFileSync(join(root, 'ignored.ts'), 'legacyBin()\n');
    const { result } = await lint(root);
    // The lint's own config names the pattern; it is never scanned.
    expect(result.findings.map((f: { file: string }) => f.file)).toEqual(['README.md', 'a.ts']);
    expect(result.skipped).toEqual({ binary: 1, large: 1, symlinks: 1, unreadable: 0, files: 3, reason: '1 binary, 1 over 1,000 bytes, 1 symlink' });
  });

  it('exits 2 with the YAML location on a bad config', async () => {
    const cases: Array<[string, RegExp]> = [
      ['rules:\n  - { id: a, message: m, import: [x], colour: red }\n', /legacy-lint\.yml:2:\d+: rules\[0\]: unknown field "colour"/],
      ['rules:\n  - id: a\n    message: m\n    import: [x]\n    sunset: 2026-02-30\n', /legacy-lint\.yml:5:13: rules\[0\]\.sunset: expected a date as YYYY-MM-DD, found "2026-02-30"/],
      ['rules:\n  - id: a\n    message: m\n    pattern: "legacy(Bin"\n', /legacy-lint\.yml:4:14: rules\[0\]\.pattern: invalid regular expression: \/legacy\(Bin\/: Unterminated group/],
      ['rules:\n  - { id: a, message: m }\n', /legacy-lint\.yml:2:5: rules\[0\]: expected one of import, pattern or path/],
    ];
    for (const [config, message] of cases) {
      const root = repository({ '.rollgate/legacy-lint.yml': config });
      const run = await cli(['legacy-lint'], { cwd: root });
      expect(run.code, config).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    }
  });

  it('lints a monorepo package from its folder: globs are the package\'s, findings the repository\'s', async () => {
    const root = repository({
      'packages/app/.rollgate/legacy-lint.yml': 'rules:\n  - { id: no-moment, message: Use date-fns., import: [moment], files: ["src/**"] }\n',
      'packages/app/src/a.ts': "import moment from 'moment';\n",
      'packages/other/src/b.ts': "import moment from 'moment';\n",
    });
    const { result } = await lint(join(root, 'packages/app'));
    expect(result.prefix).toBe('packages/app');
    expect(result.findings.map((f: { file: string }) => f.file)).toEqual(['packages/app/src/a.ts']);
  });
});
