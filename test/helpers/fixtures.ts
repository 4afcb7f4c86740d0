/**
 * Real files from public projects live in ../shared/fixtures beside the repo.
 * A clone outside the team has no ../shared, so suites that need it skip and say why.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const sharedFixturesDir = resolve(repoRoot, '..', 'shared', 'fixtures');
export const hasSharedFixtures = existsSync(join(sharedFixturesDir, 'SOURCES.md'));
export const sharedSkipReason = `../shared/fixtures is absent (${sharedFixturesDir}); these tests read real reports from it`;

if (!hasSharedFixtures) {
  // Printed once per worker so a skipped suite is never silent.
  console.warn(`[rollgate tests] skipping shared-fixture suites: ${sharedSkipReason}`);
}

export function sharedFixture(...parts: string[]): string {
  return join(sharedFixturesDir, ...parts);
}
