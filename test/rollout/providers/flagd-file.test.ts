import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createProvider } from '../../../src/commands/rollout/providers';
import { setFractionalRollout, fractionalWeights } from '../../../src/commands/rollout/providers/flagd-targeting';
import { UserError } from '../../../src/errors';
import { inFractionalRollout } from '../../../src/flags/flagd';
import { providerContext, tempFolder, write } from './context';
import { FLAG, asWritten, definitions, evaluate, flagdConfig, keys } from './flagd-fixtures';

const FILE = 'flags/flags.flagd.json';

function checkout(document: unknown = definitions(), file = FILE): string {
  const cwd = tempFolder();
  mkdirSync(join(cwd, 'flags'), { recursive: true });
  writeFileSync(join(cwd, file), asWritten(document));
  return cwd;
}

const read = (cwd: string, file = FILE) => readFileSync(join(cwd, file), 'utf8');

describe('flagd-file provider: local checkout', () => {
  it('rewrites only the flag\'s targeting, on first, as 2-space JSON with a final newline; the same percent again writes nothing', async () => {
    const cwd = checkout();
    const provider = await createProvider(flagdConfig(), providerContext({ cwd }));

    const first = await provider.set(write(5));
    expect(first).toMatchObject({ changed: true, githubRequests: 0 });
    expect(first.detail).toMatch(/^flags\/flags\.flagd\.json: "new-checkout" fractional on 5 \/ off 95 \(written\); flagd-core: \d+\/10000 keys on/);
    const text = read(cwd);
    expect(text.endsWith('}\n')).toBe(true);
    const expected = definitions();
    expected.flags[FLAG] = { ...expected.flags[FLAG]!, targeting: { fractional: [['on', 5], ['off', 95]] } };
    expect(text).toBe(`${JSON.stringify(expected, null, 2)}\n`);

    const before = statSync(join(cwd, FILE)).mtimeMs;
    const again = await provider.set(write(5));
    expect(again.changed).toBe(false);
    expect(again.detail).toContain('(unchanged)');
    expect(read(cwd)).toBe(text);
    expect(statSync(join(cwd, FILE)).mtimeMs).toBe(before);
  });

  it('round trip: at each percent flagd-core serves the written file to the share of users asked, key for key as flagd\'s fractional', async () => {
    const cwd = checkout();
    const provider = await createProvider(flagdConfig(), providerContext({ cwd }));
    const users = keys(20_000);
    const contexts = users.map((targetingKey) => ({ targetingKey }));
    for (const percent of [0, 1, 5, 25, 50, 99, 100]) {
      await provider.set(write(percent));
      const variants = evaluate(read(cwd), FLAG, contexts);
      const on = variants.filter((variant) => variant === 'on').length;
      // Binomial: 4 standard deviations of 20,000 draws; exact at 0 and 100.
      const sd = Math.sqrt(users.length * (percent / 100) * (1 - percent / 100));
      expect(Math.abs(on - users.length * (percent / 100)), `${percent}%: ${on} on`).toBeLessThanOrEqual(4 * sd);
      // Rollgate's own model of flagd's bucketing (src/flags/flagd.ts) agrees with flagd-core on every key.
      const modelled = users.map((user) => (inFractionalRollout(FLAG + user, percent) ? 'on' : 'off'));
      expect(variants).toEqual(modelled);
    }
  });

  it('a percent with decimals becomes scaled integer weights that flagd-core accepts', async () => {
    const cwd = checkout();
    const provider = await createProvider(flagdConfig(), providerContext({ cwd }));
    await provider.set(write(12.5));
    const targeting = JSON.parse(read(cwd)).flags[FLAG].targeting;
    expect(targeting).toEqual({ fractional: [['on', 125], ['off', 875]] });
    const on = evaluate(read(cwd), FLAG, keys(20_000).map((targetingKey) => ({ targetingKey }))).filter((v) => v === 'on').length;
    expect(on / 20_000).toBeCloseTo(0.125, 1);
    expect(fractionalWeights(0.25)).toEqual([25, 9975]);
    expect(fractionalWeights(100)).toEqual([100, 0]);
  });

  it('monotonic: for random users and p1 < p2, everyone flagd-core serves "on" at p1 is still "on" at p2', () => {
    const document = definitions();
    const percent = fc.integer({ min: 0, max: 1000 }).map((tenths) => tenths / 10);
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 24 }), { minLength: 1, maxLength: 200 }), percent, percent, (users, a, b) => {
        fc.pre(a !== b);
        const [low, high] = a < b ? [a, b] : [b, a];
        const contexts = users.map((targetingKey) => ({ targetingKey }));
        // Chained as the stages write it: the file at p2 is the file at p1, edited.
        const atLow = setFractionalRollout(document, FLAG, low, { on: 'on', off: 'off' }, FILE).document;
        const atHigh = setFractionalRollout(atLow, FLAG, high, { on: 'on', off: 'off' }, FILE).document;
        const before = evaluate(JSON.stringify(atLow), FLAG, contexts);
        const after = evaluate(JSON.stringify(atHigh), FLAG, contexts);
        before.forEach((variant, index) => {
          if (variant === 'on') expect(after[index], `${users[index]} at ${low}% then ${high}%`).toBe('on');
        });
      }),
      { numRuns: 150 },
    );
  });

  it('keeps the existing fractional\'s custom bucketing expression, and checks it with the attributes it reads', async () => {
    const bucketing = { cat: [{ var: '$flagd.flagKey' }, { var: 'user.email' }] };
    const cwd = checkout(definitions({ checkout: { targeting: { fractional: [bucketing, ['on', 1], ['off', 1], ['off', 98]] } } }));
    const provider = await createProvider(flagdConfig(), providerContext({ cwd }));
    const outcome = await provider.set(write(30));
    expect(outcome.changed).toBe(true);
    expect(JSON.parse(read(cwd)).flags[FLAG].targeting).toEqual({ fractional: [bucketing, ['on', 30], ['off', 70]] });
    // Bucketed by e-mail, not by targeting key: the same e-mail under any targeting key gets the same variant.
    const emails = keys(3000, 'person').map((name) => `${name}@example.com`);
    const byEmail = evaluate(read(cwd), FLAG, emails.map((email, i) => ({ targetingKey: `session-${i}`, user: { email } })));
    const otherSessions = evaluate(read(cwd), FLAG, emails.map((email, i) => ({ targetingKey: `other-${i}`, user: { email } })));
    expect(otherSessions).toEqual(byEmail);
    expect(byEmail).toEqual(emails.map((email) => (inFractionalRollout(FLAG + email, 30) ? 'on' : 'off')));
  });

  it('keeps a bucketing $ref into $evaluators, and fills the variables the evaluator reads', async () => {
    const cwd = checkout(definitions({ checkout: { targeting: { fractional: [{ $ref: 'emailBucket' }, ['on', 50], ['off', 50]] } } }));
    const provider = await createProvider(flagdConfig(), providerContext({ cwd }));
    await provider.set(write(10));
    const written = JSON.parse(read(cwd));
    expect(written.flags[FLAG].targeting).toEqual({ fractional: [{ $ref: 'emailBucket' }, ['on', 10], ['off', 90]] });
    expect(written.$evaluators).toEqual(definitions().$evaluators);
  });

  it('refuses to write a file flagd-core would not serve at the percent, and says so', async () => {
    // $flagd.timestamp is a number: flagd-core cannot bucket on it and serves the default to everyone.
    const original = definitions({ checkout: { targeting: { fractional: [{ var: '$flagd.timestamp' }, ['on', 50], ['off', 50]] } } });
    const cwd = checkout(original);
    const provider = await createProvider(flagdConfig(), providerContext({ cwd }));
    await expect(provider.set(write(40))).rejects.toThrow(/flagd-core resolves 0 of 10000 keys to "on" \(0%\), expected 40% ± [\d.]+%; nothing was written/);
    expect(read(cwd)).toBe(asWritten(original));
  });

  it('names the file and the flag when the on/off variants are missing; provider.variants maps other names', async () => {
    const named = definitions({ checkout: { variants: { enabled: true, disabled: false }, defaultVariant: 'disabled' } });
    const cwd = checkout(named);
    const plain = await createProvider(flagdConfig(), providerContext({ cwd }));
    const error = await plain.set(write(5)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe(
      'flags/flags.flagd.json: flag "new-checkout" has no variant "on" for on (variants: enabled, disabled); add it or set provider.variants.on to one of them',
    );
    expect((error as UserError).location).toEqual({ file: FILE, path: 'flags.new-checkout.variants' });

    const mapped = await createProvider(flagdConfig({ variants: { on: 'enabled', off: 'disabled' } }), providerContext({ cwd }));
    await mapped.set(write(20));
    expect(JSON.parse(read(cwd)).flags[FLAG].targeting).toEqual({ fractional: [['enabled', 20], ['disabled', 80]] });
  });

  it('refuses what it cannot do safely: no such file or flag, other targeting rules, a DISABLED flag, bad JSON', async () => {
    const noFile = await createProvider(flagdConfig(), providerContext());
    await expect(noFile.set(write(5))).rejects.toThrow('flags/flags.flagd.json does not exist; the flagd-file provider edits a flag definitions file that has the flag "new-checkout"');

    const other = await createProvider(flagdConfig(), providerContext({ cwd: checkout() }));
    await expect(other.set(write(5, 'production', 'payments-v3'))).rejects.toThrow('flags/flags.flagd.json: no flag "payments-v3" under "flags" (flags: new-checkout, dark-mode)');

    const rules = definitions({ checkout: { targeting: { if: [{ in: [{ var: 'email' }, ['a@example.com']] }, 'on', { fractional: [['on', 5], ['off', 95]] }] } } });
    const withRules = await createProvider(flagdConfig(), providerContext({ cwd: checkout(rules) }));
    await expect(withRules.set(write(10))).rejects.toThrow('flag "new-checkout" has targeting that is not a single fractional (found if)');

    const disabledCwd = checkout(definitions({ checkout: { state: 'DISABLED' } }));
    const disabled = await createProvider(flagdConfig(), providerContext({ cwd: disabledCwd }));
    await expect(disabled.set(write(10))).rejects.toThrow('flag "new-checkout" is DISABLED, so 10% would reach nobody');
    // Rolling back a disabled flag to 0% is still allowed: it exposes nobody either way.
    await expect(disabled.set(write(0))).resolves.toMatchObject({ changed: true });

    const invalid = definitions();
    invalid.flags['dark-mode']!.state = 'PAUSED';
    const flagdRejects = await createProvider(flagdConfig(), providerContext({ cwd: checkout(invalid) }));
    await expect(flagdRejects.set(write(5))).rejects.toThrow(/^flags\/flags\.flagd\.json: flagd-core cannot load the file: .*; nothing was written$/);

    const broken = checkout();
    writeFileSync(join(broken, FILE), '{ "flags": ');
    const badJson = await createProvider(flagdConfig(), providerContext({ cwd: broken }));
    await expect(badJson.set(write(5))).rejects.toThrow(/^flags\/flags\.flagd\.json is not valid JSON: /);
  });

  it('{environment} in the path: each wave writes its own file and leaves the others alone', async () => {
    const cwd = tempFolder();
    mkdirSync(join(cwd, 'flags'));
    for (const env of ['staging', 'production']) writeFileSync(join(cwd, `flags/${env}.flagd.json`), asWritten(definitions()));
    const provider = await createProvider(flagdConfig({ path: 'flags/{environment}.flagd.json' }), providerContext({ cwd }));
    const outcome = await provider.set(write(25, 'staging'));
    expect(outcome.detail).toMatch(/^flags\/staging\.flagd\.json: /);
    expect(JSON.parse(read(cwd, 'flags/staging.flagd.json')).flags[FLAG].targeting).toEqual({ fractional: [['on', 25], ['off', 75]] });
    expect(read(cwd, 'flags/production.flagd.json')).toBe(asWritten(definitions()));
    await expect(provider.set(write(25, '../etc'))).rejects.toThrow('environment "../etc" cannot fill {environment} in provider.path "flags/{environment}.flagd.json"');
  });
});
