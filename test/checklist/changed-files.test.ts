import { describe, expect, it } from 'vitest';
import { createWorkspace } from '../../src/commands/checklist/workspace';
import type { GitHubContext } from '../../src/github/context';
import { commit, git, originOf, repository } from '../legacy-lint/git-repo';
import { testContext } from '../helpers/workspace';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('checklist changed files from git (no token for the API)', () => {
  it('diffs against the base branch as fetched now, not the base sha frozen when the PR opened', async () => {
    const source = repository({ 'a.txt': 'a\n', 'b.txt': 'b\n' });
    const origin = originOf(source);
    const clone = join(mkdtempSync(join(tmpdir(), 'rollgate-clone-')), 'work');
    git(process.cwd(), 'clone', '-q', origin, clone);
    const frozenBase = git(clone, 'rev-parse', 'HEAD').trim();
    git(clone, 'checkout', '-q', '-b', 'feature');
    commit(clone, { 'a.txt': 'a, changed by the PR\n' }, 'the PR');
    // Meanwhile main moves on, and the PR branch merges it in.
    commit(source, { 'b.txt': 'b, changed on main\n' }, 'main moves');
    git(source, 'push', '-q', origin, 'main');
    git(clone, 'fetch', '-q', 'origin');
    git(clone, 'merge', '-q', '--no-edit', 'origin/main');

    const github = { owner: 'o', repo: 'r', sha: 'x', eventName: 'pull_request', serverUrl: 'https://github.com', pullRequest: { number: 1, title: '', body: '', labels: [], author: 'a', headSha: 'x', headRef: 'feature', baseSha: frozenBase, baseRef: 'main', isFork: false } } as unknown as GitHubContext;
    const changed = await createWorkspace(testContext(clone, github)).changedFiles();
    expect(changed?.files).toEqual(['a.txt']);
    expect(changed?.source).toMatch(/merge base/);
  });
});
