/**
 * npm start's rollout step end to end: the demo checkout service, the bundled
 * CLI on a file state store with a simulated clock, one automatic rollback,
 * then a manual resume that reaches 100%.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/fixtures';
import { assertBuilt, runProcess } from './run-dist';

describe('examples/demo/rollout/run-demo.mjs', () => {
  it('rolls v2.0.0 back after two breaching ticks at 10%, then takes v2.0.1 to 100%', async () => {
    assertBuilt();
    const out = await runProcess(process.execPath, [join(repoRoot, 'examples/demo/rollout/run-demo.mjs')], { PATH: process.env.PATH }, repoRoot);
    expect(out.code, out.stderr).toBe(0);
    const lines = out.stdout.split('\n');
    const rollback = lines.find((line) => line.includes('rolled-back'));
    expect(rollback).toMatch(/rolled-back\s+0%.*2 breaching checks in a row; error-rate [\d.]+ \(max 0\.01\)/);
    expect(lines.filter((line) => /\s(started|advanced|completed)\s/.test(line)).map((line) => line.match(/\s(\d+)%/)?.[1])).toEqual(['1', '5', '10', '5', '10', '25', '50', '100']);
    expect(out.stdout).toContain('resumed after the rollback: production restarts at smoke (1%)');
    expect(out.stdout).toContain('✓ PASSED  rollgate rollout: checkout-v2, production 100% (full)');
  }, 120_000);
});
