import { defineConfig } from 'vitest/config';

// The rollout benchmark needs the GitHub API test server, which is
// TypeScript under test/; vitest runs it without a build step. Nothing here
// asserts a timing: it measures and writes bench/.results/rollout.json.
export default defineConfig({
  test: {
    include: ['bench/rollout/*.run.ts'],
    testTimeout: 600_000,
    fileParallelism: false,
  },
});
