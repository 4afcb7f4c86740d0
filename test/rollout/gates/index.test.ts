import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { readGate, readGates } from '../../../src/commands/rollout/gates/index';
import type { GateReadContext } from '../../../src/commands/rollout/gates/types';
import { rolloutPlanSchema, type GateConfig } from '../../../src/commands/rollout/schema';
import { silentLogger } from '../../../src/context';
import { UserError } from '../../../src/errors';
import { tempProject } from '../../helpers/workspace';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** Answers {"p95": <v>} after `delayMs`; counts the requests in flight at once, and those answered. */
async function slowMetrics(delayMs: number): Promise<{ url: string; peak: () => number; answered: () => number }> {
  let inFlight = 0;
  let peak = 0;
  let answered = 0;
  const server = createServer((req, res) => {
    req.resume();
    inFlight++;
    peak = Math.max(peak, inFlight);
    const value = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('v'));
    setTimeout(() => {
      inFlight--;
      answered++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ p95: value }));
    }, delayMs);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, peak: () => peak, answered: () => answered };
}

function gates(list: unknown[]): GateConfig[] {
  return rolloutPlanSchema.parse({ flag: 'f', environment: 'production', provider: { type: 'file', path: 'flags.json' }, gates: list }).gates;
}

function context(cwd: string): GateReadContext {
  return { cwd, signal: new AbortController().signal, log: silentLogger, env: {}, ref: 'main', retryBaseMs: 5 };
}

describe('readGates', () => {
  it('reads every gate concurrently, by name, whatever its source', async () => {
    const metrics = await slowMetrics(400);
    const dir = tempProject({ 'coverage.json': '{"total": {"lines": 91.5}}' });
    const plan = gates([
      { name: 'p95-eu', http: { url: `${metrics.url}/latency?v=0.4`, jsonPath: '$.p95' }, max: 1 },
      { name: 'p95-us', http: { url: `${metrics.url}/latency?v=0.6`, jsonPath: '$.p95' }, max: 1 },
      { name: 'coverage', file: { path: 'coverage.json', jsonPath: '$.total.lines' }, min: 80 },
      { name: 'soak', file: { path: 'soak.json', jsonPath: '$.leak' }, max: 0 },
    ]);
    const readings = await readGates(plan, context(dir));
    // Both slow answers were in flight at once: concurrency, without timing the test.
    expect(metrics.peak()).toBe(2);
    expect(Object.fromEntries(readings)).toEqual({
      'p95-eu': { observed: 0.4, query: `GET ${metrics.url}/latency?v=0.4 $.p95` },
      'p95-us': { observed: 0.6, query: `GET ${metrics.url}/latency?v=0.6 $.p95` },
      coverage: { observed: 91.5, query: 'file coverage.json $.total.lines' },
      soak: { observed: null, query: 'file soak.json $.leak', note: 'soak.json does not exist (yet: the step that writes it may not have run)' },
    });
  });

  it('throws the first misconfigured gate in plan order, after every read has finished', async () => {
    const metrics = await slowMetrics(200);
    const dir = tempProject({ 'broken.json': '{"v": }' });
    const plan = gates([
      { name: 'p95', http: { url: `${metrics.url}/?v=1`, jsonPath: '$.p95' }, max: 2 },
      { name: 'tests', check: { name: 'ci / test' } },
      { name: 'broken', file: { path: 'broken.json', jsonPath: '$.v' }, max: 1 },
    ]);
    const error = await readGates(plan, context(dir)).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(/^gate "tests" reads the check run "ci \/ test" and needs a GitHub token/);
    // The check gate failed at once, yet readGates waited for the slow read rather than leave it running.
    expect(metrics.answered()).toBe(1);
  });

  it('readGate dispatches on the source key', async () => {
    const dir = tempProject({ 'm.json': '{"v": [3, 4]}' });
    const [gate] = gates([{ name: 'v', file: { path: 'm.json', jsonPath: '$.v[1]' }, max: 5 }]);
    expect(await readGate(gate!, context(dir))).toEqual({ observed: 4, query: 'file m.json $.v[1]' });
  });
});
