/**
 * Warms undici's request path before the run's clock starts, against a
 * throwaway responder on loopback inside this process — the target sees
 * nothing.
 *
 * Why: V8 compiles undici's connect, write and parse code lazily, on first
 * use. Cold, the first request takes ~25 ms and each new connection ~0.5–1 ms
 * (measured on the 2-core bench machine). Since an open-model run keeps
 * sending while it waits, every request due during that stall finds all
 * connections busy and opens one more, which is colder work still: at 2,000
 * rps the first ~0.5 s ran 100–300 ms behind schedule, which alone was the
 * p99 of a 10-second run, and at 15,000 rps the backlog passed maxInFlight and
 * dropped thousands of requests. A few hundred requests through the same code
 * first cost ~0.2 s of start-up and remove most of that stall.
 */
import { createServer, type Socket } from 'node:net';
import { Pool, type Dispatcher } from 'undici';

/** A complete response per chunk read: requests here are small GETs, one chunk each. */
const RESPONSE = Buffer.from('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok');

class WarmupHandler implements Dispatcher.DispatchHandler {
  constructor(private readonly done: () => void) {}
  onConnect(): void {}
  onHeaders(): boolean {
    return true;
  }
  onData(): boolean {
    return true;
  }
  onComplete(): void {
    this.done();
  }
  onError(): void {
    this.done();
  }
}

/**
 * Sends `requests` GETs over `connections` connections, closed-loop, and
 * resolves when they are done or after `limitMs`, whichever is first. Best
 * effort: any failure (no loopback, say) just ends the warm-up.
 */
export async function warmUp(requests: number, connections: number, limitMs = 1000): Promise<void> {
  if (requests <= 0) return;
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('data', () => socket.write(RESPONSE));
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  let pool: Pool | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    const address = server.address();
    if (!address || typeof address === 'string') return;
    const warm = new Pool(`http://127.0.0.1:${address.port}`, { connections, pipelining: 1 });
    pool = warm;
    const options: Dispatcher.DispatchOptions = { path: '/', method: 'GET' };
    await new Promise<void>((resolve) => {
      timer = setTimeout(resolve, limitMs);
      let sent = 0;
      let done = 0;
      const next = (): void => {
        done++;
        if (done >= requests) resolve();
        else if (sent < requests) send();
      };
      const send = (): void => {
        sent++;
        warm.dispatch(options, new WarmupHandler(next));
      };
      while (sent < Math.min(connections, requests)) send();
    });
  } catch {
    // Only a warm-up: the run proceeds cold.
  } finally {
    if (timer) clearTimeout(timer);
    await pool?.destroy().catch(() => undefined);
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
