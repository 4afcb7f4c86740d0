/**
 * `node dist/cli.js` must work from a clean clone with no `npm ci`: dist/ is
 * copied alone, away from node_modules, and run on a copy of the demo project.
 */
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/fixtures';
import { assertBuilt, runProcess } from './run-dist';

describe('dist/ with no install', () => {
  it('runs the checklist on the demo project and prints one JSON object', async () => {
    assertBuilt();
    const root = mkdtempSync(join(tmpdir(), 'rollgate-noinstall-'));
    cpSync(join(repoRoot, 'dist'), join(root, 'dist'), { recursive: true });
    cpSync(join(repoRoot, 'examples', 'demo'), join(root, 'demo'), { recursive: true });
    expect(existsSync(join(root, 'node_modules'))).toBe(false);

    const env = { PATH: process.env.PATH, HOME: process.env.HOME };
    const run = await runProcess(process.execPath, [join(root, 'dist', 'cli.js'), 'checklist', '--json', '--cwd', join(root, 'demo')], env, root);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.passed).toBe(true);
    expect(result.checks).toHaveLength(10);

    const help = await runProcess(process.execPath, [join(root, 'dist', 'cli.js'), '--help'], env, root);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('checklist');

    const action = await runProcess(process.execPath, [join(root, 'dist', 'actions', 'checklist.js')], { ...env, GITHUB_WORKSPACE: join(root, 'demo'), RUNNER_TEMP: root }, root);
    expect(action.code).toBe(0);
    expect(action.stdout).toContain('Ready: 7 of 10 checks passed');
  });
});
