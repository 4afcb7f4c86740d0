/**
 * The Unleash provider against a real unleash-server 7 on PostgreSQL. Without
 * them the suite is skipped with the reason printed, unless
 * ROLLGATE_REQUIRE_SERVERS=1 (CI), where it fails saying what is missing.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startUnleash, type Unleash } from 'unleash-client';
import { createProvider } from '../../../src/commands/rollout/providers';
import { providerSchema } from '../../../src/commands/rollout/providers/schema';
import type { UnleashConfig } from '../../../src/commands/rollout/providers/unleash';
import { UserError } from '../../../src/errors';
import { isEnabledForPercent } from '../../../src/flags/unleash';
import { providerContext, write } from './context';
import { findUnleashServer, startUnleashServer, type UnleashTestServer } from './unleash-server';

const found = findUnleashServer();
const required = process.env.ROLLGATE_REQUIRE_SERVERS === '1';
if (!found.ok && !required) console.warn(`[rollgate tests] skipping the unleash-server suite: ${found.reason}`);

const config = (url: string, fields: Record<string, unknown> = {}) => providerSchema.parse({ type: 'unleash', url, ...fields }) as UnleashConfig;

interface Strategy {
  id: string;
  name: string;
  disabled: boolean;
  parameters: Record<string, string>;
}

describe.skipIf(!found.ok && !required)('unleash provider against unleash-server', () => {
  let server: UnleashTestServer;
  beforeAll(async () => {
    if (!found.ok) throw new Error(`ROLLGATE_REQUIRE_SERVERS=1, but ${found.reason}`);
    server = await startUnleashServer(found);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  }, 30_000);

  async function admin(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${server.url}/api/admin${path}`, {
      method,
      headers: { authorization: server.adminToken, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  }
  const createFeature = (name: string) => admin('POST', '/projects/default/features', { name, type: 'release' });
  const strategies = async (feature: string, environment = 'production') => (await admin('GET', `/projects/default/features/${feature}/environments/${environment}/strategies`)) as Strategy[];
  const enabledIn = async (feature: string, environment = 'production') => {
    const data = (await admin('GET', `/projects/default/features/${feature}`)) as { environments: { name: string; enabled: boolean }[] };
    return data.environments.find((env) => env.name === environment)?.enabled;
  };
  const context = (token = server.adminToken) => providerContext({ env: { UNLEASH_ADMIN_TOKEN: token } });

  /** What an application with the Node SDK sees: a fresh client, so nothing is cached from an earlier stage. */
  async function exposure(feature: string, users: readonly string[], rollout: number): Promise<boolean[]> {
    for (let attempt = 0; ; attempt++) {
      const client: Unleash = await startUnleash({
        url: `${server.url}/api/`,
        appName: 'rollgate-test',
        customHeaders: { Authorization: server.clientToken },
        disableMetrics: true,
        // One fetch at start is all this needs (0 would disable fetching altogether).
        refreshInterval: 60_000,
        skipInstanceCountWarning: true,
      });
      try {
        const seen = client.getFeatureToggleDefinition(feature)?.strategies?.[0]?.parameters?.rollout;
        // The client API may serve its cache for a moment after a change.
        if (String(seen) === String(rollout) || attempt >= 20) return users.map((userId) => client.isEnabled(feature, { userId }));
      } finally {
        client.destroy();
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  it('creates the flexibleRollout, switches the environment on, then only moves the number: 5 → 5 → 50 → 0', async () => {
    await createFeature('new-checkout');
    expect(await enabledIn('new-checkout')).toBe(false);
    const ctx = context();
    const provider = await createProvider(config(server.url), ctx);

    const first = await provider.set(write(5));
    expect(first.changed).toBe(true);
    expect(first.detail).toBe(`Unleash ${server.url} default/new-checkout in production: flexibleRollout 5% (created flexibleRollout, environment switched on; environment on)`);
    const [created, ...others] = await strategies('new-checkout');
    expect(others).toEqual([]);
    expect(created).toMatchObject({ name: 'flexibleRollout', disabled: false, parameters: { rollout: '5', stickiness: 'default', groupId: 'new-checkout' } });
    expect(await enabledIn('new-checkout')).toBe(true);
    // Other environments are not touched.
    expect(await strategies('new-checkout', 'development')).toEqual([]);

    const again = await provider.set(write(5));
    expect(again).toMatchObject({ changed: false, detail: expect.stringContaining('(unchanged; environment on)') });

    const half = await provider.set(write(50));
    expect(half).toMatchObject({ changed: true, detail: expect.stringContaining('(rollout 5 → 50; environment on)') });
    expect(await strategies('new-checkout')).toEqual([expect.objectContaining({ id: created!.id, parameters: expect.objectContaining({ rollout: '50' }) })]);

    const users = Array.from({ length: 2000 }, (_, i) => `user-${i}`);
    const served = await exposure('new-checkout', users, 50);
    // The SDK's bucketing is Rollgate's own model of it (src/flags/unleash.ts), key for key.
    expect(served).toEqual(users.map((user) => isEnabledForPercent(user, 'new-checkout', 50, 'utf16-low-byte')));
    expect(served.filter(Boolean).length).toBeGreaterThan(850);
    expect(served.filter(Boolean).length).toBeLessThan(1150);

    const zero = await provider.set(write(0));
    expect(zero).toMatchObject({ changed: true, detail: expect.stringContaining('flexibleRollout 0% (rollout 50 → 0; environment on)') });
    expect((await strategies('new-checkout'))[0]!.parameters.rollout).toBe('0');
    // Decided: 0% keeps the environment on (other strategies there stay in force); the rollout exposes nobody.
    expect(await enabledIn('new-checkout')).toBe(true);
    expect((await exposure('new-checkout', users, 0)).some(Boolean)).toBe(false);
    expect(ctx.warnings).toEqual([]);
  });

  it('0% on a switched-off environment creates the strategy at 0 and leaves the environment off', async () => {
    await createFeature('dark-launch');
    const provider = await createProvider(config(`${server.url}/api`, { stickiness: 'userId' }), context());
    const outcome = await provider.set(write(0, 'production', 'dark-launch'));
    expect(outcome.detail).toContain('(created flexibleRollout; environment off)');
    expect(await strategies('dark-launch')).toEqual([expect.objectContaining({ parameters: { rollout: '0', stickiness: 'userId', groupId: 'dark-launch' } })]);
    expect(await enabledIn('dark-launch')).toBe(false);
  });

  it('re-enables a switched-off strategy above 0%, keeps its constraints, and warns about other strategies', async () => {
    await createFeature('search-v2');
    const path = '/projects/default/features/search-v2/environments/production/strategies';
    const constraint = { contextName: 'appName', operator: 'IN', values: ['web'], caseInsensitive: false, inverted: false };
    await admin('POST', path, { name: 'flexibleRollout', disabled: true, parameters: { rollout: '10', stickiness: 'default', groupId: 'search-v2' }, constraints: [constraint] });
    const testers = { contextName: 'userId', operator: 'IN', values: ['alice', 'bob'], caseInsensitive: false, inverted: false };
    await admin('POST', path, { name: 'default', title: 'internal testers', parameters: {}, constraints: [testers] });
    const ctx = context();
    const provider = await createProvider(config(server.url), ctx);
    await provider.set(write(25, 'production', 'search-v2'));
    const rollout = (await strategies('search-v2')).find((s) => s.name === 'flexibleRollout');
    expect(rollout).toMatchObject({ disabled: false, parameters: { rollout: '25', groupId: 'search-v2' }, constraints: [expect.objectContaining({ contextName: 'appName', values: ['web'] })] });
    expect(ctx.warnings).toEqual(['Unleash feature "search-v2" in production also has internal testers: users those match see the flag whatever the rollout percent']);
  });

  it('refuses what it cannot set: a wrong token, an unknown feature or environment, two rollouts, a fractional percent', async () => {
    await createFeature('billing');
    const wrong = await createProvider(config(server.url), context('*:*.not-a-real-token'));
    const error = await wrong.set(write(5, 'production', 'billing')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toBe(
      `Unleash answered 401 to feature "billing" (${server.url}/api/admin/projects/default/features/billing): You must log in to use Unleash. The token in UNLEASH_ADMIN_TOKEN was rejected: expected an Unleash admin API token (or a personal access token)`,
    );

    const provider = await createProvider(config(server.url), context());
    await expect(provider.set(write(5, 'production', 'no-such-flag'))).rejects.toThrow(`Unleash answered 404 to feature "no-such-flag"`);
    await expect(provider.set(write(5, 'qa', 'billing'))).rejects.toThrow('Unleash feature "billing" in project "default" has no environment "qa" (environments: development, production)');
    await expect(provider.set(write(2.5, 'production', 'billing'))).rejects.toThrow('Unleash rolls out whole percents; stage percent 2.5 for "billing" is not one');

    const path = '/projects/default/features/billing/environments/production/strategies';
    await admin('POST', path, { name: 'flexibleRollout', parameters: { rollout: '10', stickiness: 'default', groupId: 'billing' } });
    await admin('POST', path, { name: 'flexibleRollout', parameters: { rollout: '20', stickiness: 'default', groupId: 'billing' } });
    await expect(provider.set(write(30, 'production', 'billing'))).rejects.toThrow(/^Unleash feature "billing" has 2 flexibleRollout strategies in production \(.+\); the rollout sets exactly one/);

    const noToken = await createProvider(config(server.url, { tokenEnv: 'MY_UNLEASH_TOKEN' }), providerContext({ env: {} }));
    await expect(noToken.set(write(5, 'production', 'billing'))).rejects.toThrow('set the environment variable MY_UNLEASH_TOKEN (provider.tokenEnv)');
  });
});

describe('unleash provider: answers it does not expect', () => {
  let fake: Server;
  let url: string;
  beforeAll(async () => {
    // Something that is not Unleash (a proxy's login page, another API) at the configured URL.
    fake = createServer((request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ features: [] }));
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => fake.close(() => resolve())));

  it('an Admin API answer of the wrong shape is an error naming the call, before anything is written', async () => {
    const provider = await createProvider(config(url), providerContext({ env: { UNLEASH_ADMIN_TOKEN: 'token' } }));
    await expect(provider.set(write(5))).rejects.toThrow(/^Unleash \(feature "new-checkout"\) answered with an unexpected shape: .*environments/s);
  });
});
