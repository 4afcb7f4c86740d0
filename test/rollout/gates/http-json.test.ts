import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../../src/commands/rollout/gates/http-fetch';
import { readHttpJson } from '../../../src/commands/rollout/gates/http-json';
import type { HttpSource } from '../../../src/commands/rollout/gates/schema';
import { rolloutPlanSchema } from '../../../src/commands/rollout/schema';
import { gateContext, userError } from './support';

interface Seen {
  at: number;
  headers: IncomingHttpHeaders;
}

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A local server whose n-th request (0-based) gets `answer(n, req, res)`. */
async function serve(answer: (n: number, req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    req.resume();
    seen.push({ at: performance.now(), headers: req.headers });
    answer(seen.length - 1, req, res);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`, seen };
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

// Backoff assertions below assume a 10 ms base.
const context = (overrides: Parameters<typeof gateContext>[0] = {}) => gateContext({ retryBaseMs: 10, ...overrides });


const source = (url: string, extra: Partial<HttpSource> = {}): HttpSource => ({ url, jsonPath: '$.latency.p95', ...extra });

describe('http gate', () => {
  it('reads the number at jsonPath, and a plain numeric string', async () => {
    const server = await serve((_n, _req, res) => json(res, 200, { latency: { p95: 0.42, p99: '1.25' } }));
    expect(await readHttpJson('p95', source(server.url), context())).toEqual({ observed: 0.42, query: `GET ${server.url} $.latency.p95` });
    expect(await readHttpJson('p99', source(server.url, { jsonPath: '$.latency.p99' }), context())).toMatchObject({ observed: 1.25 });
    expect(server.seen[0]!.headers.accept).toBe('application/json');
  });

  it('gives no data, naming the type, for values that are not numbers', async () => {
    const server = await serve((_n, _req, res) => json(res, 200, { latency: { p95: 'n/a', ok: true, none: null, all: [1, 2] } }));
    const read = (jsonPath: string) => readHttpJson('p95', source(server.url, { jsonPath }), context());
    expect(await read('$.latency.p95')).toEqual({ observed: null, query: `GET ${server.url} $.latency.p95`, note: '$.latency.p95 is a string ("n/a"), not a number' });
    expect(await read('$.latency.ok')).toMatchObject({ observed: null, note: '$.latency.ok is a boolean (true), not a number' });
    expect(await read('$.latency.none')).toMatchObject({ observed: null, note: '$.latency.none is null, not a number' });
    expect(await read('$.latency.all')).toMatchObject({ observed: null, note: '$.latency.all is an array of 2 items, not a number' });
    expect(await read('$.latency.p50')).toMatchObject({ observed: null, note: 'nothing at $.latency.p50: no key "p50" in the object at $.latency' });
  });

  it('retries after 503 and reads the answer that follows', async () => {
    const server = await serve((n, _req, res) => (n < 2 ? json(res, 503, { error: 'warming up' }) : json(res, 200, { latency: { p95: 0.3 } })));
    expect(await readHttpJson('p95', source(server.url), context())).toMatchObject({ observed: 0.3 });
    expect(server.seen).toHaveLength(3);
    // Backoff doubles: 10 ms, then 20 ms.
    expect(server.seen[2]!.at - server.seen[1]!.at).toBeGreaterThanOrEqual(15);
  });

  it('gives no data with a note when the 5xx persist through the retries', async () => {
    const server = await serve((_n, _req, res) => res.writeHead(502).end('bad gateway'));
    expect(await readHttpJson('p95', source(server.url, { retries: 3 }), context())).toEqual({
      observed: null,
      query: `GET ${server.url} $.latency.p95`,
      note: `GET ${server.url}: answered 502 Bad Gateway (4 attempts)`,
    });
    expect(server.seen).toHaveLength(4);
  });

  it('waits as long as a 429 Retry-After says, and gives up at once when that is longer than a tick waits', async () => {
    const limited = await serve((n, _req, res) => (n === 0 ? json(res, 429, { error: 'slow down' }, { 'retry-after': '1' }) : json(res, 200, { latency: { p95: 0.5 } })));
    expect(await readHttpJson('p95', source(limited.url), context())).toMatchObject({ observed: 0.5 });
    expect(limited.seen[1]!.at - limited.seen[0]!.at).toBeGreaterThanOrEqual(950);

    const closed = await serve((_n, _req, res) => json(res, 429, { error: 'slow down' }, { 'retry-after': '3600' }));
    expect(await readHttpJson('p95', source(closed.url), context())).toMatchObject({
      observed: null,
      note: `GET ${closed.url}: answered 429 Too Many Requests with Retry-After 3600 s, longer than the 60 s a tick waits (1 attempt)`,
    });
    expect(closed.seen).toHaveLength(1);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-29T13:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Sun, 29 Nov 2026 13:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sun, 29 Nov 2026 12:59:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('times out a server that does not answer, or stalls in the middle of the body, then gives no data', async () => {
    const silent = await serve(() => {});
    const started = performance.now();
    expect(await readHttpJson('p95', source(silent.url, { timeoutMs: 200, retries: 1 }), context())).toMatchObject({
      observed: null,
      note: `GET ${silent.url}: no answer within 200 ms (2 attempts)`,
    });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(silent.seen).toHaveLength(2);

    const stalling = await serve((_n, _req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"latency": {"p95": ');
    });
    expect(await readHttpJson('p95', source(stalling.url, { timeoutMs: 200, retries: 0 }), context())).toMatchObject({
      observed: null,
      note: `GET ${stalling.url}: no answer within 200 ms (1 attempt)`,
    });
  });

  it('gives no data when nothing listens, after the retries', async () => {
    const gone = await serve(() => {});
    const url = gone.url;
    const server = servers.pop()!;
    await new Promise((resolve) => server.close(resolve));
    expect(await readHttpJson('p95', source(url), context())).toMatchObject({ observed: null, note: `GET ${url}: connection refused (ECONNREFUSED) (3 attempts)` });
  });

  it('sends headers with ${NAME} taken from the environment', async () => {
    const server = await serve((_n, _req, res) => json(res, 200, { latency: { p95: 0.1 } }));
    const headers = { Authorization: 'Bearer ${METRICS_TOKEN}', 'X-Scope': '${TEAM}/${ENVIRONMENT_NAME}-eu' };
    const env = { METRICS_TOKEN: 's3cret', TEAM: 'payments', ENVIRONMENT_NAME: 'prod' };
    expect(await readHttpJson('p95', source(server.url, { headers }), context({ env }))).toMatchObject({ observed: 0.1 });
    expect(server.seen[0]!.headers.authorization).toBe('Bearer s3cret');
    expect(server.seen[0]!.headers['x-scope']).toBe('payments/prod-eu');
  });

  it('refuses a header whose variable is unset or empty, before any request', async () => {
    const server = await serve((_n, _req, res) => json(res, 200, { latency: { p95: 0.1 } }));
    const headers = { Authorization: 'Bearer ${METRICS_TOKEN}' };
    const unset = await userError(readHttpJson('p95', source(server.url, { headers }), context({ env: {} })));
    expect(unset.message).toBe(`gate "p95": header Authorization uses \${METRICS_TOKEN}, but the environment variable METRICS_TOKEN is not set; set it in the workflow step's env (e.g. from a secret)`);
    const empty = await userError(readHttpJson('p95', source(server.url, { headers }), context({ env: { METRICS_TOKEN: '' } })));
    expect(empty.message).toMatch(/METRICS_TOKEN is empty;/);
    expect(server.seen).toHaveLength(0);
  });

  it('refuses a URL that answers 4xx or something other than JSON', async () => {
    const server = await serve((n, _req, res) => {
      if (n === 0) res.writeHead(404).end('not found');
      else if (n === 1) res.writeHead(401).end();
      else res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html>\n<p>login</p>');
    });
    expect((await userError(readHttpJson('p95', source(server.url), context()))).message).toBe(`gate "p95": GET ${server.url} answered 404 Not Found; expected 200 with JSON (check http.url)`);
    expect((await userError(readHttpJson('p95', source(server.url), context()))).message).toMatch(/answered 401 Unauthorized; expected 200 with JSON \(check http\.headers/);
    expect((await userError(readHttpJson('p95', source(server.url), context()))).message).toBe(
      `gate "p95": GET ${server.url} answered 200 OK but not with JSON (content-type text/html; line 1 column 1: expected a value (an object, array, string, number, true, false or null), found "<")`,
    );
    expect(server.seen).toHaveLength(3);
  });

  it('stops waiting when the run is cancelled', async () => {
    const server = await serve((_n, _req, res) => res.writeHead(503).end());
    const controller = new AbortController();
    const reading = readHttpJson('p95', source(server.url), context({ signal: controller.signal, retryBaseMs: 60_000 }));
    setTimeout(() => controller.abort(new Error('run cancelled')), 100);
    const started = performance.now();
    await expect(reading).rejects.toThrow('run cancelled');
    expect(performance.now() - started).toBeLessThan(2000);
    expect(server.seen).toHaveLength(1);
  });
});

describe('http gate options in the plan', () => {
  const plan = (http: Record<string, unknown>) => ({
    flag: 'checkout-v2',
    environment: 'production',
    provider: { type: 'file', path: 'flags.json' },
    gates: [{ name: 'p95', http: { url: 'https://m.example.com/latency', jsonPath: '$.p95', ...http }, max: 2 }],
  });
  const issues = (http: Record<string, unknown>) => rolloutPlanSchema.safeParse(plan(http)).error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? [];

  it('takes timeout as a duration, retries and headers', () => {
    const parsed = rolloutPlanSchema.parse(plan({ timeout: '1m30s', retries: 4, headers: { Authorization: 'Bearer ${TOKEN}' } }));
    expect(parsed.gates[0]!.http).toEqual({ url: 'https://m.example.com/latency', jsonPath: '$.p95', timeoutMs: 90_000, retries: 4, headers: { Authorization: 'Bearer ${TOKEN}' } });
    expect(rolloutPlanSchema.parse(plan({})).gates[0]!.http).toEqual({ url: 'https://m.example.com/latency', jsonPath: '$.p95' });
  });

  it('refuses a bad timeout, retries or header', () => {
    expect(issues({ timeout: 'soon' })).toEqual(['gates.0.http.timeout: expected a timeout such as 10s, 30s or 1m (at most 5m), found "soon"']);
    expect(issues({ timeout: '1h' })).toEqual(['gates.0.http.timeout: expected a timeout such as 10s, 30s or 1m (at most 5m), found "1h"']);
    expect(issues({ retries: 11 })).toHaveLength(1);
    expect(issues({ headers: { Authorization: 'Bearer ${TOKEN' } })).toEqual([
      'gates.0.http.headers.Authorization: expected ${NAME} to reference an environment variable (letters, digits, _), found "Bearer ${TOKEN"',
    ]);
    expect(issues({ headers: { 'Bad Header': 'x' } })).toEqual(['gates.0.http.headers.Bad Header: "Bad Header" is not a valid HTTP header name']);
  });
});
