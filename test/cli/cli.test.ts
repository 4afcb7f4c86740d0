import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/commands/registry';
import { cli } from '../helpers/cli';
import { repoRoot } from '../helpers/fixtures';
import { tempProject } from '../helpers/workspace';

const demo = join(repoRoot, 'examples', 'demo');


describe('rollgate CLI', () => {
  it('lists every command, the common options and an example in --help', async () => {
    const run = await cli(['--help'], { cwd: repoRoot });
    expect(run.code).toBe(0);
    for (const name of Object.keys(COMMANDS)) expect(run.stdout).toContain(`  ${name} `);
    for (const flag of ['--config FILE', '--json', '--debug']) expect(run.stdout).toContain(flag);
    expect(run.stdout).toContain('rollgate checklist');
    expect(run.stdout).toMatch(/Exit codes: 0 .* 1 .* 2 /);
  });

  it('shows a command\'s options and examples', async () => {
    const run = await cli(['checklist', '--help'], { cwd: repoRoot });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: rollgate checklist [options]');
    expect(run.stdout).toContain('rollgate checklist --config .rollgate/checklist.yml --json');
  });

  it('exits 2 with one actionable line for an unknown command or flag', async () => {
    const unknown = await cli(['chekclist'], { cwd: repoRoot });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(`rollgate: unknown command "chekclist"; did you mean "checklist"? Commands: ${Object.keys(COMMANDS).join(', ')}\n`);
    const flag = await cli(['checklist', '--jsn'], { cwd: repoRoot });
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/^rollgate: Unknown option '--jsn'.*see rollgate --help\n$/);
  });

  it('exits 2 for a missing default config and says how to fix it', async () => {
    const run = await cli(['checklist'], { cwd: tempProject({}) });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('rollgate: .rollgate/checklist.yml: config file not found; create it (see `rollgate checklist --help`) or pass --config FILE\n');
  });

  it('exits 2 on a broken config with the YAML path and line, and no stack trace', async () => {
    const dir = tempProject({ '.rollgate/checklist.yml': 'checks:\n  - id: cov\n    type: coverage\n    report: c.json\n    min: { lines: high }\n' });
    const run = await cli(['checklist'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('rollgate: .rollgate/checklist.yml:5:19: checks[0].min.lines: expected number, found "high"\n');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const debug = await cli(['checklist', '--debug'], { cwd: dir });
    expect(debug.stderr).toMatch(/\n\s+at /);
  });

  it('runs the demo project: warnings and skips do not fail it, --json prints exactly one object', async () => {
    const run = await cli(['checklist', '--json'], { cwd: demo });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.passed).toBe(true);
    expect(result.blockers).toEqual([]);
    const byId = Object.fromEntries(result.checks.map((c: { id: string; status: string }) => [c.id, c]));
    expect(Object.fromEntries(Object.entries(byId).map(([id, c]) => [id, (c as { status: string }).status]))).toEqual({
      coverage: 'pass', tests: 'pass', security: 'pass', changelog: 'pass', docs: 'warn',
      'alert-runbooks': 'pass', owners: 'pass', approvals: 'skip', 'rollback-tested': 'skip', smoke: 'pass',
    });
    expect(byId.coverage.observed).toBe('lines 86.8%, branches 73.4%');
    expect(byId.docs.observed).toBe('nothing matches docs/slo.md');
    expect(byId.tests.observed).toBe('12 tests, 0 failed, 0 errors, 0 skipped');
  });

  it('exits 1 when a blocker fails and shows observed beside expected', async () => {
    const dir = tempProject({
      '.rollgate/checklist.yml': 'checks:\n  - id: coverage\n    type: coverage\n    report: cov.json\n    min: { lines: 80 }\n',
      'cov.json': JSON.stringify({ total: { lines: { total: 200, covered: 157, skipped: 0, pct: 78.5 }, statements: { total: 1, covered: 1, skipped: 0, pct: 100 }, functions: { total: 1, covered: 1, skipped: 0, pct: 100 }, branches: { total: 1, covered: 1, skipped: 0, pct: 100 } } }),
    });
    const run = await cli(['checklist', '--no-color'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('lines 78.5% < 80%');
    const json = await cli(['checklist', '--json', '--sarif', 'out/r.sarif', '--junit', 'out/r.xml', '--markdown', 'out/r.md'], { cwd: dir });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).blockers).toEqual(['coverage']);
    expect(JSON.parse(readFileSync(join(dir, 'out/r.sarif'), 'utf8')).version).toBe('2.1.0');
    expect(readFileSync(join(dir, 'out/r.xml'), 'utf8')).toContain('<testcase');
    expect(readFileSync(join(dir, 'out/r.md'), 'utf8')).toContain('78.5%');
  });

  it('prints the JSON Schema of a config', async () => {
    const run = await cli(['schema', 'checklist'], { cwd: repoRoot });
    expect(run.code).toBe(0);
    const schema = JSON.parse(run.stdout);
    expect(schema.properties.checks.type).toBe('array');
    expect(JSON.stringify(schema)).toContain('"coverage"');
  });
});
