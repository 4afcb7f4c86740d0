/**
 * The runner's connections to the target: undici Clients, one request at a
 * time each, handed out in turn (least recently used first, so none sits
 * idle until the server's keep-alive timeout closes it mid-run), with a
 * queue of our own for requests that find every connection busy.
 *
 * Why not undici's Pool: it opens a new connection for every request that
 * finds all of them busy, and a connection that is still connecting counts
 * as busy. At the start of an open-model run every connection is new, so at
 * 2,000 rps a run against a loopback server that answers in 0.2 ms opened
 * 142 connections in its first second, when two would do. Each cost the
 * runner's one thread about 0.4 ms, so the schedule fell tens of
 * milliseconds behind, which was the p99 of a 10-second run; at 15,000 rps
 * the backlog passed maxInFlight and requests were dropped. The idle ones
 * were then closed by the server's keep-alive timeout mid-run. Here a new
 * connection is opened only while more requests wait than connections are
 * being opened, so a slow server still gets as many as it needs, as fast as
 * requests queue, but a connect in progress does not multiply.
 *
 * Three more rules keep a fast run from feeding on itself:
 * - preconnect() connects the first few sockets before the clock starts
 *   (as wrk opens its connections, and k6 its pre-allocated VUs), so the
 *   first requests do not wait for handshakes;
 * - a connection is opened for waiting requests only once the oldest has
 *   waited OPEN_AFTER_MS for one of the busy ones to free (grow(), which the
 *   runner calls on every tick). A request that finds both connections of a
 *   2,000 rps run busy usually has one within 0.2 ms; opening another at
 *   once cost the runner's thread 1–3 ms of cold code, which made the next
 *   requests wait too. Against a slow server a millisecond is nothing
 *   beside its response time. It does not stop a burst once one starts,
 *   since each open itself keeps the queue waiting past a millisecond: a
 *   10-second run at 2,000 rps against a loopback server still opens 5–20
 *   connections within some 20 ms (BENCHMARKS.md, eighth session);
 * - the runner tells it when it is behind its schedule, and then it opens
 *   at most one connection per 100 ms: a backlog that comes from the
 *   runner's own CPU is not served faster by more connections, and each one
 *   it opened cost the same CPU again. At 15,000 rps the first 50 ms opened
 *   all 256 connections that way while hardly any request completed
 *   (measured: BENCHMARKS.md). Not none at all: a runner that stays behind
 *   (a busy machine) may also face a slow server that needs them.
 */
import type { Socket } from 'node:net';
import { buildConnector, Client, type Dispatcher } from 'undici';

/**
 * The longest keep-alive a server may ask for that the runner's connections
 * honour (undici's default caps it at 10 minutes). The warm-up's responder
 * asks for this long (warmup.ts), so that its connections, which are kept
 * until the run is over, are not closed as idle in the middle of it.
 */
export const KEEP_ALIVE_MAX_MS = 86_400_000;

/**
 * undici's own header and body timeout, per connection and per request: it
 * only backs up the runner's sweep, which times requests out from their
 * scheduled time, so it is a second longer than the plan's timeout.
 */
export function backstopMs(timeoutMs: number): number {
  return timeoutMs + 1000;
}

/** The undici Client options of every runner connection, for a plan whose timeout is `timeoutMs`. */
export function connectionOptions(timeoutMs: number): Client.Options {
  const backstop = backstopMs(timeoutMs);
  return {
    pipelining: 1,
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: KEEP_ALIVE_MAX_MS,
    headersTimeout: backstop,
    bodyTimeout: backstop,
    connectTimeout: Math.min(timeoutMs, 30_000),
  };
}

/** A request as the queue holds it: its handler carries what to send and, once sent, on which client. */
export interface QueuedRequest extends Dispatcher.DispatchHandler {
  request: Dispatcher.DispatchOptions | null;
  client: Client | null;
  /** Recorded already (timed out while queued): never sent, only released. */
  done: boolean;
  /** When it joined the queue, on the runner's clock (ms); set by dispatch(). */
  queuedAt: number;
}

/** A new connection is opened once more than this many requests wait per connection already being opened. */
const GROWTH = 4;
/** How long the oldest waiting request waits for a busy connection to free before another is opened (ms). */
export const OPEN_AFTER_MS = 1;
/** While the runner is behind its schedule, at most one connection is opened per this many ms. */
const BEHIND_OPEN_INTERVAL_MS = 100;

export class Connections {
  private readonly clients: Client[] = [];
  private readonly idle = new Fifo<Client>();
  private readonly queue = new Fifo<QueuedRequest>();
  /** Clients created and not yet connected (or failed to). */
  private connecting = 0;
  private readonly connector: buildConnector.connector;
  /** When the last connection opened while the runner was behind (ms, the runner's clock). */
  private openedBehind = Number.NEGATIVE_INFINITY;
  /** Sockets connected by preconnect() that no client has taken yet. */
  private readonly ready: Socket[] = [];
  private readonly options: Client.Options;

  constructor(
    private readonly origin: string,
    private readonly max: number,
    options: Client.Options,
    /** Releases a request that timed out while queued. */
    private readonly discard: (h: QueuedRequest) => void,
  ) {
    // undici's own connector unless the caller brought one; preconnected sockets are handed out first either way.
    const given = options.connect;
    this.connector = typeof given === 'function' ? given : buildConnector({ ...given, ...(options.connectTimeout != null ? { timeout: options.connectTimeout } : {}) });
    this.options = { ...options, connect: (opts, callback) => this.connect(opts, callback) };
  }

  /**
   * Connects up to `count` sockets now, each the socket of an idle client,
   * waiting at most `limitMs`. A socket that fails or is late is left out:
   * the run then opens its connections as it goes.
   */
  async preconnect(count: number, limitMs: number): Promise<void> {
    const url = new URL(this.origin);
    // An IPv6 literal without its brackets, as undici's Client passes it to the connector.
    const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    const target = { hostname, host: url.host, protocol: url.protocol, port: url.port };
    const connected = await Promise.all(
      Array.from({ length: Math.min(count, this.max - this.clients.length) }, () =>
        new Promise<Socket | undefined>((resolve) => {
          let late = false;
          const timer = setTimeout(() => {
            late = true;
            resolve(undefined);
          }, limitMs);
          this.connector(target, (error, socket) => {
            clearTimeout(timer);
            // Connected after the limit: the run has started without it.
            if (late) socket?.destroy();
            else resolve(error ? undefined : (socket as Socket));
          });
        }),
      ),
    );
    for (const socket of connected) {
      if (!socket) continue;
      this.ready.push(socket);
      const client = new Client(this.origin, this.options);
      this.clients.push(client);
      this.idle.push(client);
    }
  }

  /**
   * Sends `h` on an idle connection, or queues it. `now` is the runner's
   * clock (ms); `behind`, whether the runner is behind its schedule.
   */
  dispatch(h: QueuedRequest, now: number, behind = false): void {
    const client = this.idle.shift();
    if (client) {
      this.send(client, h);
      return;
    }
    h.queuedAt = now;
    this.queue.push(h);
    this.grow(now, behind);
  }

  /**
   * Opens a connection for the waiting requests if they need one: when none
   * is open or being opened, at once; otherwise once the oldest has waited
   * OPEN_AFTER_MS, more than GROWTH wait per connection being opened, and
   * (while `behind`) none was opened in the last BEHIND_OPEN_INTERVAL_MS.
   */
  grow(now: number, behind = false): void {
    if (!this.mayGrow()) return;
    // Clients that are connected and busy will free; with none, nothing will.
    if (this.clients.length > this.connecting && now - this.queue.peek()!.queuedAt < OPEN_AFTER_MS) return;
    if (behind) {
      if (now - this.openedBehind < BEHIND_OPEN_INTERVAL_MS) return;
      this.openedBehind = now;
    }
    this.open();
  }

  /** When grow() may next open a connection for the requests waiting now (ms, the runner's clock); Infinity when it will not. */
  growAt(): number {
    return this.mayGrow() ? this.queue.peek()!.queuedAt + OPEN_AFTER_MS : Number.POSITIVE_INFINITY;
  }

  /** Requests wait, below the connection limit, and more than GROWTH per connection being opened. */
  private mayGrow(): boolean {
    const waiting = this.queue.size;
    return waiting > 0 && this.clients.length < this.max && this.connecting * GROWTH < waiting;
  }

  /** The client a request ran on has finished it: give the client the next waiting request, or keep it idle. */
  free(client: Client): void {
    if (!this.take(client)) this.idle.push(client);
  }

  /** Sends the oldest waiting request on `client`; false when none waits. */
  private take(client: Client): boolean {
    for (let h = this.queue.shift(); h; h = this.queue.shift()) {
      if (h.done) {
        this.discard(h);
        continue;
      }
      this.send(client, h);
      return true;
    }
    return false;
  }

  close(): Promise<unknown> {
    for (const socket of this.ready.splice(0)) socket.destroy();
    return Promise.all(this.clients.map((c) => c.close()));
  }

  destroy(): Promise<unknown> {
    this.queue.clear();
    for (const socket of this.ready.splice(0)) socket.destroy();
    return Promise.all(this.clients.map((c) => c.destroy()));
  }

  private send(client: Client, h: QueuedRequest): void {
    h.client = client;
    client.dispatch(h.request!, h);
  }

  /** The client's connector: a preconnected socket if one is still open, else a new connection. */
  private connect(options: buildConnector.Options, callback: buildConnector.Callback): void {
    for (let socket = this.ready.pop(); socket; socket = this.ready.pop()) {
      // Closed or half-closed by the server while it waited.
      if (socket.readyState !== 'open') {
        socket.destroy();
        continue;
      }
      // undici expects the callback later, as a real connect calls it.
      queueMicrotask(() => callback(null, socket));
      return;
    }
    this.connector(options, callback);
  }

  private open(): void {
    const client = new Client(this.origin, this.options);
    this.clients.push(client);
    this.connecting++;
    let pending = true;
    const settled = (): void => {
      if (!pending) return;
      pending = false;
      this.connecting--;
      client.off('connect', settled);
      client.off('connectionError', settled);
    };
    client.on('connect', settled);
    client.on('connectionError', settled);
    // A client sent nothing never connects, so it is not counted as connecting.
    if (!this.take(client)) {
      settled();
      this.idle.push(client);
    }
  }
}

/** A first-in first-out queue over an array with a moving head, compacted once the head has passed half of it. */
class Fifo<T> {
  private items: (T | undefined)[] = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  shift(): T | undefined {
    if (this.head === this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    if (this.head === this.items.length) {
      this.items.length = 0;
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  /** The oldest item, left in place. */
  peek(): T | undefined {
    return this.head < this.items.length ? this.items[this.head] : undefined;
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }
}
