import { createServer, type Server } from 'node:http';
import { connect as tcpConnect, type AddressInfo } from 'node:net';
import type { Client, Dispatcher } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { Connections, OPEN_AFTER_MS, type QueuedRequest } from '../../../src/commands/load/runner/connections';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A request that frees its connection when done, as the runner's handler does, and reports how it ended. */
class Request implements QueuedRequest {
  request: Dispatcher.DispatchOptions = { path: '/', method: 'GET' };
  client: Client | null = null;
  done = false;
  queuedAt = 0;
  status = 0;
  error: Error | null = null;
  constructor(
    private readonly pool: () => Connections,
    private readonly settled: (r: Request) => void,
  ) {}
  onConnect(): void {}
  onHeaders(status: number): boolean {
    this.status = status;
    return true;
  }
  onData(): boolean {
    return true;
  }
  onComplete(): void {
    this.end();
  }
  onError(error: Error): void {
    this.error = error;
    this.end();
  }
  private end(): void {
    const client = this.client!;
    this.client = null;
    this.settled(this);
    this.pool().free(client);
  }
}

/**
 * Dispatches `count` requests with `dispatch`, runs `after` straight away (before any can complete), and
 * resolves with their statuses once all are done.
 */
function sendAll(pool: Connections, count: number, dispatch: (r: Request) => void, after: () => void = () => undefined): Promise<number[]> {
  const statuses: number[] = [];
  return new Promise((resolve) => {
    const settled = (r: Request) => {
      statuses.push(r.status);
      if (statuses.length === count) resolve(statuses);
    };
    for (let i = 0; i < count; i++) dispatch(new Request(() => pool, settled));
    after();
  });
}

describe('Connections', () => {
  it('does not open a connection per request while connections are still being opened', async () => {
    const server = createServer((_req, res) => res.end('ok'));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    // Every connect takes 200 ms, so all eight requests arrive while the first connection is still opening.
    let connects = 0;
    const slowConnect = (_options: unknown, callback: (error: Error | null, socket: unknown) => void): void => {
      connects++;
      setTimeout(() => {
        const socket = tcpConnect(port, '127.0.0.1');
        socket.once('connect', () => callback(null, socket));
        socket.once('error', (error) => callback(error, null));
      }, 200);
    };
    const pool = new Connections(`http://127.0.0.1:${port}`, 256, { pipelining: 1, connect: slowConnect as never }, () => undefined);
    const statuses = await sendAll(pool, 8, (r) => pool.dispatch(r, 0));
    // undici's Pool would have opened eight: a connecting client counts as busy. Here the second opens only
    // once more than four requests wait per connection being opened, and the two serve all eight.
    expect(connects).toBe(2);
    expect(statuses).toEqual(Array(8).fill(200));
    await pool.close();
  });

  it('preconnects sockets that the first requests use, and opens one connection per 100 ms while behind schedule', async () => {
    const server = createServer((_req, res) => res.end('ok'));
    servers.push(server);
    const accepted: number[] = [];
    let served = 0;
    server.on('connection', () => accepted.push(served));
    server.on('request', () => served++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const pool = new Connections(`http://127.0.0.1:${port}`, 256, { pipelining: 1 }, () => undefined);
    await pool.preconnect(2, 5000);
    // Both were accepted before any request was sent.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(accepted).toEqual([0, 0]);

    // Twelve at once, at 5 ms on the runner's clock, while it is behind: ten queue. Nothing opens until the
    // oldest has waited a millisecond, and then only one connection for all ten, however often the runner asks.
    const statuses = await sendAll(
      pool,
      12,
      (r) => pool.dispatch(r, 5, true),
      () => {
        pool.grow(5.5, true);
        expect(pool.growAt()).toBe(5 + OPEN_AFTER_MS);
        pool.grow(5 + OPEN_AFTER_MS, true);
        pool.grow(7, true);
        pool.grow(50, true);
      },
    );
    expect(statuses).toEqual(Array(12).fill(200));
    expect(accepted.length).toBe(3);
    expect(accepted.slice(0, 2)).toEqual([0, 0]);
    await pool.close();
  });

  it('opens a connection for waiting requests only once the oldest has waited OPEN_AFTER_MS, then one per four waiting', async () => {
    const server = createServer((_req, res) => res.end('ok'));
    servers.push(server);
    let accepted = 0;
    server.on('connection', () => accepted++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const pool = new Connections(`http://127.0.0.1:${port}`, 256, { pipelining: 1 }, () => undefined);
    await pool.preconnect(2, 5000);
    // On time: two go out on the preconnected sockets and ten wait.
    const statuses = await sendAll(
      pool,
      12,
      (r) => pool.dispatch(r, 10),
      () => {
        pool.grow(10 + OPEN_AFTER_MS / 2);
        expect(pool.growAt()).toBe(10 + OPEN_AFTER_MS);
        // Waited long enough: the first new connection takes one (nine wait), the second another (eight wait,
        // no more than four per connection being opened), and a third is not opened.
        for (let i = 0; i < 3; i++) pool.grow(10 + OPEN_AFTER_MS);
        expect(pool.growAt()).toBe(Number.POSITIVE_INFINITY);
      },
    );
    expect(statuses).toEqual(Array(12).fill(200));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(accepted).toBe(4);
    await pool.close();
  });

  it('starts without preconnected sockets when the target refuses them, and reports the refusal on the request', async () => {
    // A port nothing listens on: take one from a server, then close it.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    await new Promise((resolve) => server.close(resolve));
    const pool = new Connections(`http://127.0.0.1:${port}`, 256, { pipelining: 1 }, () => undefined);
    await pool.preconnect(3, 5000);
    const failed = await new Promise<Request>((resolve) => pool.dispatch(new Request(() => pool, resolve), 0));
    expect((failed.error as NodeJS.ErrnoException | null)?.code).toBe('ECONNREFUSED');
    await pool.destroy();
  });

  it('preconnects to an IPv6 literal target too', async (context) => {
    const server = createServer((_req, res) => res.end('ok'));
    servers.push(server);
    const listening = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(0, '::1', () => resolve(true));
    });
    if (!listening) context.skip('no IPv6 loopback (::1) on this machine');
    const accepted: number[] = [];
    server.on('connection', () => accepted.push(accepted.length));
    const pool = new Connections(`http://[::1]:${(server.address() as AddressInfo).port}`, 256, { pipelining: 1 }, () => undefined);
    await pool.preconnect(2, 5000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(accepted).toHaveLength(2);
    await pool.close();
  });
});

