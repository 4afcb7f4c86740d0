import { createServer, type Server } from 'node:http';
import { connect as tcpConnect, type AddressInfo } from 'node:net';
import type { Client, Dispatcher } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { Connections, type QueuedRequest } from '../../../src/commands/load/runner/connections';

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
  status = 0;
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
  onError(): void {
    this.end();
  }
  private end(): void {
    const client = this.client!;
    this.client = null;
    this.settled(this);
    this.pool().free(client);
  }
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
    const statuses: number[] = [];
    await new Promise<void>((resolve) => {
      const settled = (r: Request) => {
        statuses.push(r.status);
        if (statuses.length === 8) resolve();
      };
      for (let i = 0; i < 8; i++) pool.dispatch(new Request(() => pool, settled));
    });
    // undici's Pool would have opened eight: a connecting client counts as busy. Here the second opens only
    // once more than four requests wait per connection being opened, and the two serve all eight.
    expect(connects).toBe(2);
    expect(statuses).toEqual(Array(8).fill(200));
    await pool.close();
  });
});
