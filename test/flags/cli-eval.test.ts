/**
 * `rollgate flags eval` on the flagd testbed's own flag files, replaying its
 * published rows, checked against @openfeature/flagd-core, and refusing what it
 * does not evaluate.
 */
import { FlagdCore } from '@openfeature/flagd-core';
import { describe, expect, it } from 'vitest';
import { cli, type CliRun } from '../helpers/cli';
import { hasSharedFixtures, sharedFixture, sharedSkipReason } from '../helpers/fixtures';
import { tempProject } from '../helpers/workspace';
import { flagdVectors } from './cli-vectors';

interface EvalJson {
  reason: string;
  variant: string | null;
  value?: unknown;
  why: string;
  fractional?: { bucketingValue: string | null; bucket?: number; scale: number; buckets: { variant: unknown; from: number; to: number }[] };
}

const skipTitle = (title: string) => (hasSharedFixtures ? title : `${title} (skipped: ${sharedSkipReason})`);
const testkit = () => sharedFixture('bucketing', 'flagd', 'evaluator-testkit-flags.json');

async function evaluate(args: string[], cwd = tempProject()): Promise<EvalJson> {
  const run = await cli(['flags', 'eval', ...args, '--json'], { cwd });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as EvalJson;
}

function usageError(run: CliRun): string {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.split('\n').length).toBe(2);
  return run.stderr.replace(/^rollgate: /, '').trimEnd();
}

describe.skipIf(!hasSharedFixtures)(skipTitle('flags eval: flagd testbed rows'), () => {
  it('gives every @fractional-v1/v2 row the variant the testbed expects', async () => {
    const vectors = flagdVectors();
    expect(vectors.length).toBeGreaterThanOrEqual(40);
    for (const v of vectors) {
      const result = await evaluate([
        '--file', v.flagsFile, '--flag', v.flagKey, '--algorithm', `flagd-${v.version}`,
        // Rows that bucket on user.name have no targeting key; any key leaves their bucket alone.
        '--key', v.targetingKey ?? 'not-used',
        ...(Object.keys(v.attributes).length ? ['--context', JSON.stringify(v.attributes)] : []),
      ]);
      expect(result.value, v.name).toBe(v.expected);
      expect(result.reason, v.name).toBe('TARGETING_MATCH');
      // The explanation's bucket lies in the chosen variant's range.
      const slot = result.fractional!.buckets.find((b) => String(b.variant) === result.variant)!;
      expect(result.fractional!.bucket! >= slot.from && result.fractional!.bucket! < slot.to, v.name).toBe(true);
    }
  });

  const scenarios: Array<[string, string[], Partial<EvalJson>]> = [
    ['a single entry always wins', ['--flag', 'fractional-single-entry-flag', '--key', 'some-targeting-key'], { variant: 'single', value: 'single', reason: 'TARGETING_MATCH' }],
    ['all-zero weights fall back to the default variant', ['--flag', 'fractional-zero-weights-flag', '--key', 'any-user'], { variant: 'fallback', value: 'fallback', reason: 'DEFAULT' }],
    ['a negative weight counts as 0', ['--flag', 'fractional-negative-weight-flag', '--key', 'any-user'], { variant: 'two', value: 'two', reason: 'TARGETING_MATCH' }],
    ['a missing bucketing value falls back to the default variant', ['--flag', 'fractional-null-bucket-key-flag', '--key', 'any-user'], { variant: 'fallback', reason: 'DEFAULT' }],
    ['no targeting: the default variant, STATIC', ['--flag', 'string-flag', '--key', 'u'], { variant: 'greeting', value: 'hi', reason: 'STATIC' }],
    ['a disabled flag: no variant', ['--flag', 'disabled-string-flag', '--key', 'u'], { variant: null, reason: 'DISABLED' }],
    ['no default variant: the caller\'s default', ['--flag', 'undefined-default-flag', '--key', 'u'], { variant: null, reason: 'DEFAULT' }],
  ];
  for (const [name, args, expected] of scenarios) {
    it(`testbed scenario: ${name}`, async () => {
      const result = await evaluate(['--file', testkit(), ...args]);
      expect(result).toMatchObject(expected);
      if (expected.variant === null) expect(result).not.toHaveProperty('value');
    });
  }

  it('says why in the terminal: the bucket, the variants\' ranges, an arrow at the bucket', async () => {
    const run = await cli(['flags', 'eval', '--file', testkit(), '--flag', 'fractional-hash-edge-flag', '--key', 'ceQdGm'], { cwd: tempProject() });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('rollgate flags eval: fractional-hash-edge-flag gives "ceQdGm" variant "upper" = "upper": TARGETING_MATCH');
    // The testbed picked ceQdGm for its hash at the top of the range: bucket 99.
    expect(run.stdout).toContain('"ceQdGm" (var "targetingKey") has flagd-v2 bucket 99 of 0..99, in [50, 100): the buckets of variant "upper"');
    expect(run.stdout).toMatch(/lower +50 +0\.\.49 *\n +upper +50 +50\.\.99 +← 99/);
  });
});

describe('flags eval: the same variant as @openfeature/flagd-core', () => {
  const definitions = {
    $evaluators: { rollout: { fractional: [{ cat: [{ var: '$flagd.flagKey' }, { var: 'email' }] }, ['on', 10], ['off', 90]] } },
    flags: {
      implicit: { state: 'ENABLED', variants: { a: 'a', b: 'b', c: 'c', d: 'd' }, defaultVariant: 'a', targeting: { fractional: [['a', 10], ['b', 25], ['c', 1], ['d', 64]] } },
      shorthand: { state: 'ENABLED', variants: { heads: 'heads', tails: 'tails' }, defaultVariant: 'heads', targeting: { fractional: [['heads'], ['tails', 1]] } },
      referenced: { state: 'ENABLED', variants: { on: 'on', off: 'off' }, defaultVariant: 'off', targeting: { $ref: 'rollout' } },
    },
  };
  const core = new FlagdCore();
  core.setConfigurations(JSON.stringify(definitions));
  const cwd = tempProject({ 'flags.json': JSON.stringify(definitions, null, 2) });
  // flagd-core hashes UTF-16 units as imurmurhash does; on ASCII every murmur3 agrees.
  const keys = Array.from({ length: 200 }, (_, i) => (i % 2 ? `user-${i * 7919}` : `${(i * 2654435761) >>> 0}`));

  for (const flag of Object.keys(definitions.flags)) {
    it(`${flag}: 200 keys`, async () => {
      const mismatches: string[] = [];
      for (const key of keys) {
        const context: Record<string, string> = flag === 'referenced' ? { email: `${key}@example.com` } : {};
        const ours = await evaluate(['--file', 'flags.json', '--flag', flag, '--key', key, '--context', JSON.stringify(context)], cwd);
        const theirs = core.resolveStringEvaluation(flag, 'zz', { targetingKey: key, ...context });
        if (ours.value !== theirs.value || ours.reason !== theirs.reason) mismatches.push(`${key}: ${ours.value}/${ours.reason} vs ${theirs.value}/${theirs.reason}`);
      }
      expect(mismatches).toEqual([]);
    });
  }
});

describe.skipIf(!hasSharedFixtures)(skipTitle('flags eval: targeting it does not evaluate is refused'), () => {
  it('an "if" names the operator, the file and the field', async () => {
    const message = usageError(await cli(['flags', 'eval', '--file', testkit(), '--flag', 'starts-ends-flag', '--key', 'abc1'], { cwd: tempProject() }));
    expect(message).toMatch(/^\/.*evaluator-testkit-flags\.json:\d+: flags\.starts-ends-flag\.targeting: uses "if", which rollgate flags eval does not evaluate: .* Evaluate this flag with flagd or an OpenFeature provider\.$/);
  });

  it('fractional inside an "if" is refused too, not half-evaluated', async () => {
    expect(usageError(await cli(['flags', 'eval', '--file', testkit(), '--flag', 'fractional-as-condition-flag', '--key', 'k'], { cwd: tempProject() }))).toContain('uses "if"');
  });

  it('a nested expression as a variant (@fractional-nested)', async () => {
    const message = usageError(await cli(['flags', 'eval', '--file', testkit(), '--flag', 'fractional-nested-if-flag', '--key', 'k'], { cwd: tempProject() }));
    expect(message).toMatch(/flags\.fractional-nested-if-flag\.targeting\.fractional\[1\]\[0\]: uses "a nested expression as a variant"/);
  });

  it('a bucketing value that reads an attribute the context lacks asks for --context', async () => {
    const message = usageError(await cli(['flags', 'eval', '--file', testkit(), '--flag', 'fractional-flag', '--key', 'k'], { cwd: tempProject() }));
    expect(message).toMatch(/flags\.fractional-flag\.targeting\.fractional\[0\]\.cat\[1\]: the bucketing value reads "user\.name", which the context lacks; give it as a string, e\.g\. --context '\{"user":\{"name":"…"\}\}'$/);
  });

  it('an unknown flag suggests the nearest one', async () => {
    const message = usageError(await cli(['flags', 'eval', '--file', testkit(), '--flag', 'fractional-flag-shorthnd', '--key', 'k'], { cwd: tempProject() }));
    expect(message).toMatch(/evaluator-testkit-flags\.json: flag "fractional-flag-shorthnd" is not defined; did you mean "fractional-flag-shorthand"\? It defines boolean-flag, /);
  });
});

describe('flags eval: bad input exits 2 naming the file and the field', () => {
  const flag = (body: Record<string, unknown>) => JSON.stringify({ flags: { f: { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'off', ...body } } }, null, 2);
  const cases: Array<[string, string, RegExp]> = [
    ['invalid JSON', '{"flags": {"f": }}', /^flags\.json: invalid JSON: Unexpected token '\}'/],
    ['a trailing comma, at its line and column', '{\n  "flags": {\n    "f": 1,\n  }\n}', /^flags\.json:4:3: invalid JSON: Expected double-quoted property name$/],
    ['an unknown state', flag({ state: 'ON' }), /^flags\.json:4:16: flags\.f\.state: expected one of "ENABLED", "DISABLED", found "ON"$/],
    ['a default variant that is not a variant', flag({ defaultVariant: 'maybe' }), /^flags\.json:9: flags\.f\.defaultVariant: defaultVariant "maybe" is not one of the flag's variants \(on, off\)$/],
    ['a bucket naming no variant', flag({ targeting: { fractional: [['on', 50], ['of', 50]] } }), /^flags\.json:\d+: flags\.f\.targeting\.fractional\[1\]\[0\]: variant "of" is not one of the flag's variants \(on, off\)$/],
    ['a fractional weight that is not an integer', flag({ targeting: { fractional: [['on', 0.5], ['off', 50]] } }), /flags\.f\.targeting\.fractional\[0\]\[1\]: expected an integer weight, found 0\.5$/],
    ['a $ref to no evaluator', flag({ targeting: { $ref: 'nope' } }), /flags\.f\.targeting: \$ref "nope" names no evaluator in \$evaluators$/],
  ];
  for (const [name, text, message] of cases) {
    it(name, async () => {
      const cwd = tempProject({ 'flags.json': text });
      expect(usageError(await cli(['flags', 'eval', '--file', 'flags.json', '--flag', 'f', '--key', 'k'], { cwd }))).toMatch(message);
    });
  }

  it('a missing file, a missing --flag, a bad --context, a growthbook --algorithm', async () => {
    const cwd = tempProject({ 'flags.json': flag({}) });
    const run = (args: string[]) => cli(['flags', 'eval', ...args], { cwd });
    expect(usageError(await run(['--file', 'nope.json', '--flag', 'f', '--key', 'k']))).toBe('nope.json: flag definitions file not found; check the path given to --file');
    expect(usageError(await run(['--file', 'flags.json', '--key', 'k']))).toBe('--flag is required: the key of the flag to evaluate; see rollgate flags eval --help');
    expect(usageError(await run(['--file', 'flags.json', '--flag', 'constructor', '--key', 'k']))).toBe('flags.json: flag "constructor" is not defined. It defines f');
    expect(usageError(await run(['--file', 'flags.json', '--flag', 'f', '--key', 'k', '--context', '[1]']))).toBe('--context: expected a JSON object, found [1]');
    expect(usageError(await run(['--file', 'flags.json', '--flag', 'f', '--key', 'k', '--algorithm', 'growthbook-v2']))).toMatch(/^--algorithm: eval reads flagd files, so it takes flagd-v1 or flagd-v2/);
  });

  it('reads YAML flag definitions as flagd does', async () => {
    const cwd = tempProject({ 'flags.yaml': 'flags:\n  f:\n    state: ENABLED\n    variants: { on: true, off: false }\n    defaultVariant: "off"\n    targeting:\n      fractional: [["on", 0], ["off", 100]]\n' });
    const result = await evaluate(['--file', 'flags.yaml', '--flag', 'f', '--key', 'k'], cwd);
    expect(result).toMatchObject({ variant: 'off', value: false, reason: 'TARGETING_MATCH' });
  });
});
