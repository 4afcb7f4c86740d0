/** `rollgate flags` as a command with subcommands only: help, usage errors, schema. */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/commands/registry';
import { cli } from '../helpers/cli';
import { repoRoot } from '../helpers/fixtures';
import { tempProject } from '../helpers/workspace';

describe('rollgate flags (subcommands only)', () => {
  it('alone prints its help on stdout and exits 2: there is nothing to run', async () => {
    const run = await cli(['flags'], { cwd: repoRoot });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('Usage: rollgate flags <subcommand> [options]');
    expect(run.stdout).toMatch(/ {2}bucket {2}.*\(rollgate flags bucket --help\)/);
    expect(run.stdout).toMatch(/ {2}eval {4}.*\(rollgate flags eval --help\)/);
    expect(run.stdout).not.toContain('Config: .rollgate/flags.yml');
    expect(run.stderr).toBe('');
  });

  it('--help and `help flags` exit 0 with the same text', async () => {
    const help = await cli(['flags', '--help'], { cwd: repoRoot });
    expect(help.code).toBe(0);
    const word = await cli(['help', 'flags'], { cwd: repoRoot });
    expect(word.code).toBe(0);
    expect(word.stdout).toBe(help.stdout);
  });

  it('an unknown subcommand exits 2 with "did you mean" and the list', async () => {
    const run = await cli(['flags', 'bukcet', '--key', 'a'], { cwd: repoRoot });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('rollgate: unknown subcommand "flags bukcet"; did you mean "bucket"? Subcommands: bucket, eval; see rollgate flags --help\n');
    const far = await cli(['flags', 'zzzzzz'], { cwd: repoRoot });
    expect(far.stderr).toBe('rollgate: unknown subcommand "flags zzzzzz". Subcommands: bucket, eval; see rollgate flags --help\n');
  });

  it('subcommand help explains which of --group/--seed each algorithm uses and what the bucket is', async () => {
    const run = await cli(['flags', 'bucket', '--help'], { cwd: repoRoot });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: rollgate flags bucket [options]');
    expect(run.stdout).not.toContain('--config FILE');
    for (const text of ['unleash        murmur3 (seed 0) of "GROUP:KEY"', 'an integer 1..100', 'a percent 0..99', 'an integer 0..T-1', '[0, 1) in steps of 0.001', 'Uses --group, not --seed', 'Uses --seed']) {
      expect(run.stdout).toContain(text);
    }
    const viaHelp = await cli(['help', 'flags', 'eval'], { cwd: repoRoot });
    expect(viaHelp.stdout).toContain('Usage: rollgate flags eval [options]');
    expect(viaHelp.stdout).toContain('STATIC, TARGETING_MATCH, DEFAULT, DISABLED');
  });

  it('is listed in the main help, with an example, and has no schema', async () => {
    const main = await cli(['--help'], { cwd: repoRoot });
    expect(main.stdout).toMatch(/\n {2}flags +Who is in a rollout/);
    expect(main.stdout).toContain('  rollgate flags bucket --algorithm unleash');
    const schema = await cli(['schema', 'flags'], { cwd: repoRoot });
    expect(schema.code).toBe(2);
    expect(schema.stderr).toMatch(/^rollgate: flags has no config file, so no schema; commands with one: checklist, ab/);
    expect(schema.stderr).not.toMatch(/commands with one:.*flags/);
  });

  it('schema --write (what the build runs) writes every config schema but none for flags', async () => {
    const dir = tempProject();
    const run = await cli(['schema', '--write', dir], { cwd: repoRoot });
    expect(run.code).toBe(0);
    const written = readdirSync(dir).sort();
    expect(written).toEqual(Object.keys(COMMANDS).filter((name) => name !== 'flags').map((name) => `${name}.schema.json`).sort());
  });

  it('leaves commands that have a capability as they were', async () => {
    const run = await cli(['ab', 'size', '--baseline', '0.1', '--mde', '0.05', '--json'], { cwd: repoRoot });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).proportions.unitsPerVariant).toBeGreaterThan(0);
  });
});
