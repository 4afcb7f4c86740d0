import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createProvider, ProviderUnavailableError } from '../../../src/commands/rollout/providers';
import { providerSchema } from '../../../src/commands/rollout/providers/schema';
import type { WebhookConfig } from '../../../src/commands/rollout/providers/webhook';
import { UserError } from '../../../src/errors';
import { NOW, providerContext, write } from './context';

const SECRET = 'It\'s a Secret to Everybody';

interface Delivery {
  headers: IncomingHttpHeaders;
  body: string;
  signatureValid: boolean;
}

/** A receiver as a team would write one: it checks the signature over the raw bytes before it trusts anything. */
interface Receiver {
  url: string;
  deliveries: Delivery[];
  close(): Promise<void>;
}

type Reply = { status: number; body?: string } | 'hang';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((server) => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    }),
  );
});

async function receiver(replies: Reply[] = [], secret = SECRET): Promise<Receiver> {
  const deliveries: Delivery[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks);
      const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`);
      const given = Buffer.from(String(request.headers['x-rollgate-signature-256'] ?? ''));
      const signatureValid = given.length === expected.length && timingSafeEqual(given, expected);
      deliveries.push({ headers: request.headers, body: raw.toString('utf8'), signatureValid });
      const reply = replies.shift() ?? (signatureValid ? { status: 204 } : { status: 401, body: '{"error":"signature mismatch"}' });
      if (reply === 'hang') return;
      response.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body ?? '');
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/rollgate`,
    deliveries,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

const config = (url: string, fields: Record<string, unknown> = {}) => providerSchema.parse({ type: 'webhook', url, ...fields }) as WebhookConfig;
const env = { ROLLGATE_WEBHOOK_SECRET: SECRET };

describe('webhook provider', () => {
  it('POSTs {flag, environment, percent, reason, ref, at} signed like GitHub webhooks', async () => {
    const hook = await receiver();
    const provider = await createProvider(config(hook.url), providerContext({ env }));
    const outcome = await provider.set(write(5));
    expect(outcome.changed).toBe(true);
    expect(outcome.githubRequests).toBe(0);
    expect(outcome.detail).toMatch(new RegExp(`^webhook ${hook.url} answered 204; delivery [0-9a-f-]{36}$`));
    expect(hook.deliveries).toHaveLength(1);
    const [delivery] = hook.deliveries;
    expect(delivery!.signatureValid).toBe(true);
    expect(delivery!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(delivery!.body)).toEqual({ flag: 'new-checkout', environment: 'production', percent: 5, reason: 'stage at 5%', ref: 'refs/tags/v1.4.0', at: NOW.toISOString() });
  });

  it('a receiver holding another secret rejects the signature: a user error pointing at the secret variable', async () => {
    const hook = await receiver([], 'another secret');
    const provider = await createProvider(config(hook.url, { secretEnv: 'FLAGS_HOOK_SECRET' }), providerContext({ env: { FLAGS_HOOK_SECRET: SECRET } }));
    const error = await provider.set(write(5)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toBe(
      `webhook ${hook.url} answered 401: {"error":"signature mismatch"}; expected a 2xx (does the receiver check the signature with the secret in FLAGS_HOOK_SECRET?)`,
    );
    expect(hook.deliveries).toHaveLength(1);
  });

  it('without the secret nothing is sent, and the error names the variable', async () => {
    const hook = await receiver();
    const provider = await createProvider(config(hook.url), providerContext({ env: { ROLLGATE_WEBHOOK_SECRET: '' } }));
    await expect(provider.set(write(5))).rejects.toThrow(`the webhook secret is missing: set the environment variable ROLLGATE_WEBHOOK_SECRET (provider.secretEnv) to the secret the receiver at ${hook.url} verifies`);
    expect(hook.deliveries).toHaveLength(0);
  });

  it('retries a 5xx with backoff, re-sending the same body and delivery id', async () => {
    const hook = await receiver([{ status: 502, body: 'bad gateway' }, { status: 503 }]);
    const ctx = providerContext({ env });
    const provider = await createProvider(config(hook.url), ctx);
    await expect(provider.set(write(10))).resolves.toMatchObject({ changed: true });
    expect(hook.deliveries).toHaveLength(3);
    expect(hook.deliveries.every((d) => d.signatureValid)).toBe(true);
    expect(new Set(hook.deliveries.map((d) => d.body)).size).toBe(1);
    expect(new Set(hook.deliveries.map((d) => d.headers['x-rollgate-delivery'])).size).toBe(1);
    expect(ctx.sleeps).toEqual([1000, 2000]);
  });

  it('gives up after the retries: the last status and body in the error', async () => {
    const hook = await receiver([{ status: 500, body: '{"error":"db down"}' }, { status: 500, body: '{"error":"db down"}' }]);
    const provider = await createProvider(config(hook.url, { retries: 1 }), providerContext({ env }));
    const error = await provider.set(write(10)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect((error as Error).message).toBe(`webhook ${hook.url} answered 500: {"error":"db down"} (2 attempts)`);
  });

  it('a 4xx is not retried: status and an excerpt of the body', async () => {
    const hook = await receiver([{ status: 422, body: JSON.stringify({ error: 'unknown flag', detail: 'x'.repeat(1000) }) }]);
    const provider = await createProvider(config(hook.url), providerContext({ env }));
    const error = (await provider.set(write(10)).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toMatch(new RegExp(`^webhook ${hook.url} answered 422: \\{"error":"unknown flag","detail":"x+…; expected a 2xx$`));
    expect(error.message.length).toBeLessThan(450);
    expect(hook.deliveries).toHaveLength(1);
  });

  it('times out a receiver that never answers, and retries', async () => {
    const hook = await receiver(['hang', 'hang']);
    const provider = await createProvider(config(hook.url, { timeoutSeconds: 0.2, retries: 1 }), providerContext({ env }));
    const error = await provider.set(write(10)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect((error as Error).message).toBe(`webhook ${hook.url} gave no answer within 0.2s (2 attempts)`);
    expect(hook.deliveries).toHaveLength(2);
  });

  it('a receiver that cannot be reached is retried, then reported with the network error', async () => {
    const hook = await receiver();
    await hook.close();
    const ctx = providerContext({ env });
    const provider = await createProvider(config(hook.url), ctx);
    await expect(provider.set(write(10))).rejects.toThrow(`webhook ${hook.url} could not be reached (ECONNREFUSED) (3 attempts)`);
    expect(ctx.sleeps).toHaveLength(2);
  });

  it('a receiver that already had the percent answers {"changed": false}', async () => {
    const hook = await receiver([{ status: 200, body: '{"changed":false}' }, { status: 200, body: '{"changed":true,"previous":5}' }]);
    const provider = await createProvider(config(hook.url), providerContext({ env }));
    await expect(provider.set(write(10))).resolves.toMatchObject({ changed: false, detail: expect.stringContaining('(already at this percent)') });
    await expect(provider.set(write(20))).resolves.toMatchObject({ changed: true });
  });
});
