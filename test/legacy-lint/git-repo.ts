/** Real git repositories for the lint's tests: an origin, clones, commits. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const IDENTITY = { GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.com', GIT_CONFIG_NOSYSTEM: '1', HOME: tmpdir() };

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'init.defaultBranch=main', '-c', 'protocol.file.allow=always', ...args], { cwd, env: { ...process.env, ...IDENTITY }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export function write(root: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
}

export function commit(root: string, files: Record<string, string>, message: string): void {
  write(root, files);
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', message);
}

/** A repository with these files committed on main. */
export function repository(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'rollgate-lint-'));
  git(root, 'init', '-q');
  commit(root, files, 'initial');
  return root;
}

/** A bare origin holding `source`'s branches, and a fresh folder name for a clone. */
export function originOf(source: string): string {
  const origin = mkdtempSync(join(tmpdir(), 'rollgate-origin-'));
  git(origin, 'clone', '-q', '--bare', source, '.');
  return origin;
}
