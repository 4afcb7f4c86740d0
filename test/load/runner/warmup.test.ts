import { connect, createServer, type AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildConnector, Client, request } from 'undici';
import { describe, expect, it } from 'vitest';
import { connectionOptions } from '../../../src/commands/load/runner/connections';
import { parsePlanText, type Plan } from '../../../src/commands/load/runner/plan';
import { RESPONSE_KEEP_ALIVE_S, warmUp, warmupPlan } from '../../../src/commands/load/runner/warmup';

/** Resolves with the error code of a TCP connect to `url`, or 'connected'. */
function tryConnect(url: URL): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

describe('warmUp', () => {
  it('answers HTTP from a worker thread, and keeps the responder until the run is over', async () => {
    let responder: URL | undefined;
    let answer: { status: number; body: string; keepAlive: string | undefined } | undefined;
    const release = await warmUp(async (url) => {
      responder = url;
      const response = await request(url, { method: 'GET' });
      answer = { status: response.statusCode, body: await response.body.text(), keepAlive: response.headers['keep-alive'] as string | undefined };
    });
    expect(answer).toEqual({ status: 200, body: 'ok', keepAlive: `timeout=${RESPONSE_KEEP_ALIVE_S}` });
    // The warm-up is over, but the run has not started: the responder is still there, so nothing the
    // warm-up used is torn down before the clock.
    expect(await tryConnect(responder!)).toBe('connected');
    await release();
    expect(await tryConnect(responder!)).toBe('ECONNREFUSED');
  });

  it("keeps a connection with the runner's options open while idle, where a 5 s keep-alive closes it after 3 s", async () => {
    // Node's http server asks for 5 s, and undici closes an idle connection 2 s before that: the warm-up's
    // connections, idle through the run, were closed 3 s after their last request, in the middle of the run.
    const fiveSeconds = createServer((socket) => {
      socket.on('data', () => socket.write('HTTP/1.1 200 OK\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\nContent-Length: 2\r\n\r\nok'));
    });
    await new Promise<void>((resolve) => fiveSeconds.listen(0, '127.0.0.1', resolve));
    const connectsTo = async (url: URL): Promise<number> => {
      let connects = 0;
      const connector = buildConnector({});
      const client = new Client(url.origin, {
        ...connectionOptions(10_000),
        connect: (options, callback) => {
          connects++;
          connector(options, callback);
        },
      });
      try {
        for (const wait of [0, 3300]) {
          await sleep(wait);
          const response = await client.request({ path: '/', method: 'GET' });
          await response.body.text();
        }
        return connects;
      } finally {
        await client.destroy();
      }
    };
    let warmup: Promise<number> | undefined;
    const release = await warmUp(async (url, pass) => {
      if (pass === 1) warmup = connectsTo(url);
    });
    try {
      const [toWarmup, toFive] = await Promise.all([warmup!, connectsTo(new URL(`http://127.0.0.1:${(fiveSeconds.address() as AddressInfo).port}`))]);
      expect({ toWarmup, toFive }).toEqual({ toWarmup: 1, toFive: 2 });
    } finally {
      await release();
      fiveSeconds.close();
    }
  });

  it('runs a second pass against the same responder once the first is done', async () => {
    const calls: { pass: number; port: string; answered: number }[] = [];
    const release = await warmUp(async (url, pass) => {
      const response = await request(url, { method: 'GET' });
      await response.body.text();
      calls.push({ pass, port: url.port, answered: response.statusCode });
    });
    await release();
    expect(calls.map((c) => [c.pass, c.answered])).toEqual([[1, 200], [2, 200]]);
    expect(calls[1]!.port).toBe(calls[0]!.port);
  });

  it('skips the second pass when the first fails', async () => {
    const passes: number[] = [];
    const release = await warmUp(async (_url, pass) => {
      passes.push(pass);
      throw new Error('no loopback here');
    });
    await release();
    expect(passes).toEqual([1]);
  });

  it('is best effort: a warm-up that throws leaves the run to go on', async () => {
    const release = await warmUp(async () => {
      throw new Error('no loopback here');
    });
    await expect(release()).resolves.toBeUndefined();
  });
});

describe('warmupPlan', () => {
  const plan = (rate: number): Plan =>
    parsePlanText(
      `phases:
  - { name: ramp, duration: 60s, rate: { from: 10, to: ${rate} } }
  - { name: hold, duration: 60s, rate: ${rate} }
endpoints:
  - { name: items, method: POST, path: /items, weight: 1, body: '{}', expect: [201] }
`,
      'plan.yml',
    );

  it('runs near the peak rate, for a second at most, and the second pass for half as long', () => {
    const first = warmupPlan(plan(15_000), 10_000, 1);
    expect(first.phases).toEqual([{ name: 'warm-up', duration: 1, rate: { from: 10_000, to: 10_000 } }]);
    expect(warmupPlan(plan(15_000), 10_000, 2).phases[0]!.duration).toBe(0.5);
    // 2,000 requests at 4,000 rps take half a second, less than the cap.
    expect(warmupPlan(plan(4_000), 2_000, 1).phases[0]).toMatchObject({ duration: 0.5, rate: { from: 4_000, to: 4_000 } });
    expect(warmupPlan(plan(4_000), 2_000, 2).phases[0]!.duration).toBe(0.25);
  });

  it('sends bodiless GETs to the responder, whatever the endpoints send', () => {
    expect(warmupPlan(plan(200), 10_000).endpoints).toEqual([{ name: 'items', method: 'GET', path: '/items', weight: 1, headers: {} }]);
  });
});
