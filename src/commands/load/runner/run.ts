/**
 * The open-model load runner: sends each request at the time the schedule
 * fixed for it, whatever the target is doing, and measures its latency from
 * that scheduled time — so time a request spent waiting behind a slow one (in
 * the connection queue, or because the runner itself fell behind) is counted, which
 * is what avoids coordinated omission.
 *
 * - One timer drives everything: it dispatches every request that is due
 *   (catching up in a burst when late), times out requests, and reports
 *   progress; it then sleeps until the next of those is due.
 * - A request due while `maxInFlight` requests are outstanding is dropped and
 *   counted per phase, never delayed. "Outstanding" is queued for a
 *   connection or on one, including a timed-out request not yet released.
 * - Connections are opened as requests wait for them, not one per busy
 *   moment, and few while the runner is behind its schedule; the first
 *   few are connected before the clock starts (connections.ts).
 * - A request not complete `timeout` after its scheduled time is recorded as
 *   status "error" with its latency at that moment, and aborted.
 * - Per request there is no closure and no promise: request handlers are
 *   pooled objects on undici's dispatch interface, counters are plain fields,
 *   and the cells a result lands in are looked up by index and status code.
 *   A latency is recorded into two histograms, its cell's and its window's;
 *   the total that progress reports is added up from the cells when asked.
 * - With `warmupRequests`, undici's code is compiled against a throwaway
 *   responder before the clock starts (warmup.ts), so the first scheduled
 *   requests do not pay for it; with `yieldBackgroundThreads`, what V8 still
 *   compiles during the run waits for the runner's idle moments (priority.ts).
 */
import { performance } from 'node:perf_hooks';
import type { Client, Dispatcher } from 'undici';
import { UserError } from '../../../errors';
import type { AbortDecision, LiveCell, LiveState } from '../abort';
import { createHistogram, encodeHistogram, recordableUs, type Histogram } from '../histogram';
import type { LoadResult, Series } from '../model';
import { METHODS, planDuration, type Plan, type PlanMethod } from './plan';
import { backstopMs, connectionOptions, Connections, type QueuedRequest } from './connections';
import { ArrivalCursor, rateAt } from './schedule';
import { yieldBackgroundThreads } from './priority';
import { warmUp, warmupPlan } from './warmup';

export interface Progress {
  /** Phase the schedule is in (the last phase once it is over). */
  phase: string;
  /** 0-based index of that phase, of `phases`. */
  phaseIndex: number;
  phases: number;
  /** Seconds since the run started. */
  elapsedSeconds: number;
  /** The rate the schedule asks for now (requests per second). */
  targetRate: number;
  /** Responses (and errors) completed per second since the previous report. */
  rate: number;
  /** 95th percentile latency of every request completed so far, in ms; null before the first. */
  p95Ms: number | null;
  /** Requests completed so far (responses, errors and timeouts). */
  requests: number;
  /** Failed so far: a status not expected, a network error or a timeout. */
  errors: number;
  /** Requests dropped so far because maxInFlight were outstanding. */
  dropped: number;
  inFlight: number;
  /** True on the last report, once the run is over. */
  done: boolean;
}

export interface RunOptions {
  /** Stops the run: the rest of the schedule is not sent, requests in flight are not counted, and the partial result is returned. */
  signal?: AbortSignal;
  /** Called about every second, and once at the end with done: true. */
  onProgress?: (progress: Progress) => void;
  /** Seeds the weighted endpoint choice; default 1. */
  seed?: number;
  /** Monotonic clock in milliseconds; default performance.now. */
  now?: () => number;
  /** Most connections open at once; default min(maxInFlight, 256). */
  connections?: number;
  /** LoadResult.file; default the target URL. */
  file?: string;
  /** Milliseconds between progress reports (and abort checks); default 1000. */
  progressIntervalMs?: number;
  /**
   * Asked at every progress interval with what has been recorded so far; a
   * decision stops the run like the signal does, and is returned in the
   * result's `aborted`.
   */
  abortCheck?: (live: LiveState) => AbortDecision | undefined;
  /**
   * Requests sent, before the clock starts, by the same runner code on the
   * plan's endpoints to a throwaway responder in a worker thread, so that
   * the first scheduled requests do not run cold (see warmup.ts); default 0.
   * The target never sees them; `rollgate load run` sends up to 10,000, at
   * most for a second, near the plan's peak rate, then half as many again
   * after a garbage collection.
   */
  warmupRequests?: number;
  /**
   * Lowers the engine's background threads (compilers, concurrent GC) to
   * nice 10 after the warm-up, so they take less of the runner's core while
   * it has requests due (priority.ts; Linux, main thread only; lasts for the
   * rest of the process). Default false; `rollgate load run` sets it.
   */
  yieldBackgroundThreads?: boolean;
}

/** The runner's result; `aborted` when abortCheck stopped it. */
export type RunResult = LoadResult & { aborted?: AbortedRun };

/** A run stopped by abortCheck. */
export interface AbortedRun extends AbortDecision {
  afterSeconds: number;
  phase: string;
}

/** Width of the time-window series, by scheduled send time from the start of the run. */
export const WINDOW_MS = 10_000;

const ERROR_STATUS = 0;

/**
 * Each method as the literal in plan.ts's METHODS, which V8 interns. A method
 * parsed from YAML is a string of another kind, and undici's optimised
 * comparisons of it, compiled on the warm-up's literal 'GET', were thrown
 * away on the run's first request.
 */
const INTERNED_METHODS = Object.fromEntries(METHODS.map((m) => [m, m])) as Record<PlanMethod, PlanMethod>;

/** A warm-up that takes longer than this (a loaded machine) is cut short: it has done its work by then. */
const WARMUP_LIMIT_MS = 3000;

/**
 * Connections opened before the clock starts: one per this many requests
 * per second of the first phase's opening rate (a loopback server answers
 * within a millisecond, so one connection carries up to ~1,000 rps), at least one.
 */
const PRECONNECT_PER_RATE = 1000;
/** How long preconnecting may delay the start; a target slower to accept is connected to as the run goes. */
const PRECONNECT_LIMIT_MS = 3000;

/**
 * With nothing in flight and the next request due within this many ms, the
 * runner sleeps until it is due (Atomics.wait, late by some 0.06 ms here)
 * rather than setting a timer: Node's timers count whole milliseconds from
 * the event loop's cached clock, so a request waited for one went out
 * 0–1.5 ms late, ~0.6 ms in the median at 2,000 rps, and that lateness is
 * part of its measured latency. Nothing else can happen meanwhile: no
 * response is awaited. For a request further off, the timer is set to
 * wake this much before it, and the runner sleeps the rest.
 */
const PRECISE_WAIT_MS = 2;
/**
 * Shorter sleeps are left to the timer: at rates where they occur (above
 * ~10,000 rps) requests go out in batches of a tick each, and a wake-up per
 * request would cost more CPU than the runner has to spare.
 */
const MIN_PRECISE_WAIT_MS = 0.1;

/** Whether the runner, idle, sleeps the `delay` ms to its next request rather than setting a timer. */
function sleepsTo(delay: number): boolean {
  return delay >= MIN_PRECISE_WAIT_MS && delay <= PRECISE_WAIT_MS;
}

/**
 * The runner is behind its schedule when the oldest request a tick sends was
 * due this long ago. A tick is normally up to ~1 ms late (the timer's resolution).
 */
const BEHIND_MS = 2;

interface Cell {
  status: number;
  histogram: Histogram;
  count: number;
  min: number;
  max: number;
}

interface Window {
  histogram: Histogram;
  min: number;
  max: number;
}

/** One outstanding request. Pooled and reused; linked in dispatch order (= scheduled order) while counted as in flight. */
class RequestHandler implements QueuedRequest {
  request: Dispatcher.DispatchOptions | null = null;
  /** The connection it was sent on; null while it waits for one. */
  client: Client | null = null;
  /** Scheduled send time, ms from the start of the run. */
  scheduled = 0;
  /** When it last waited for a connection (connections.ts). */
  queuedAt = 0;
  /** phase × endpoints + endpoint. */
  cell = 0;
  window = 0;
  status = 0;
  /** Recorded (or discarded): anything undici reports later only releases the handler. */
  done = false;
  abortRequest: ((err?: Error) => void) | null = null;
  prev: RequestHandler | null = null;
  next: RequestHandler | null = null;

  constructor(private readonly run: Runner) {}

  onConnect(abort: (err?: Error) => void): void {
    // A request that timed out while still queued is aborted as soon as it reaches a connection.
    if (this.done) abort(this.run.timeoutError);
    else this.abortRequest = abort;
  }

  onHeaders(statusCode: number): boolean {
    this.status = statusCode;
    return true;
  }

  onData(): boolean {
    return true;
  }

  onComplete(): void {
    this.run.release(this, this.status);
  }

  onError(): void {
    this.run.release(this, ERROR_STATUS);
  }
}

class Runner {
  readonly timeoutError = new Error('request timed out');
  private readonly now: () => number;
  private readonly connections: Connections;
  private readonly cursor: ArrivalCursor;
  private hasNext: boolean;
  private readonly endpointCount: number;
  private readonly requests: Dispatcher.DispatchOptions[];
  /** Per endpoint: 1 at each status counted as success. */
  private readonly okStatus: Uint8Array[];
  private readonly cells: Map<number, Cell>[];
  /** By index from the start of the run; sized and filled up front, so the array's kind never changes under optimised code. */
  private readonly windows: (Window | undefined)[];
  /** Scratch for the progress p95: the cells added up when a report is due, rather than a third histogram recorded per request. */
  private readonly total = createHistogram('fast');
  private readonly dropped: number[];
  private readonly timeoutMs: number;
  private readonly maxInFlight: number;
  private readonly free: RequestHandler[] = [];
  private head: RequestHandler | null = null;
  private tail: RequestHandler | null = null;
  private inFlight = 0;
  private completed = 0;
  private failed = 0;
  private droppedTotal = 0;
  private timeouts = 0;
  /** Whether the runner is behind its schedule at this tick (connections.ts then opens fewer connections). */
  private behind = false;
  private maxLagMs = 0;
  private start = 0;
  private startWall = 0;
  private end = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly tickBound = (): void => this.tick();
  /** A tick from release() once nothing is in flight, in place of the timer. */
  private wakePending = false;
  private readonly wakeBound = (): void => {
    this.wakePending = false;
    if (this.finished || this.interrupted || this.inFlight !== 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.tick();
  };
  private readonly sleeper = new Int32Array(new SharedArrayBuffer(4));
  private readonly progressEvery: number;
  private nextProgress = 0;
  private lastProgressAt = 0;
  private lastProgressCompleted = 0;
  private finished = false;
  private interrupted: { at: number; phase: number; discarded: number } | undefined;
  private aborted: AbortedRun | undefined;
  /** Ends run() or warm(), once the run is over. */
  private settle!: () => void;
  private reject!: (error: unknown) => void;
  private readonly onAbort = (): void => this.interrupt();

  constructor(
    private readonly plan: Plan,
    private readonly target: URL,
    private readonly options: RunOptions,
  ) {
    if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new UserError(`the target must be an http:// or https:// URL, found ${target.href}`);
    this.now = options.now ?? (() => performance.now());
    this.timeoutMs = plan.timeout * 1000;
    this.maxInFlight = plan.maxInFlight;
    this.endpointCount = plan.endpoints.length;
    this.cursor = new ArrivalCursor(plan, options.seed ?? 1);
    this.hasNext = this.cursor.next();
    this.progressEvery = options.progressIntervalMs ?? 1000;
    this.dropped = plan.phases.map(() => 0);
    this.cells = Array.from({ length: plan.phases.length * this.endpointCount }, () => new Map<number, Cell>());
    this.windows = new Array<Window | undefined>(Math.floor((planDuration(plan) * 1000) / WINDOW_MS) + 1).fill(undefined);
    const base = target.pathname.replace(/\/+$/, '');
    const backstop = backstopMs(this.timeoutMs);
    this.requests = plan.endpoints.map((e) => ({
      path: `${base}${e.path}${target.search}`,
      method: INTERNED_METHODS[e.method],
      headers: e.headers,
      ...(e.body !== undefined ? { body: Buffer.from(e.body) } : {}),
      headersTimeout: backstop,
      bodyTimeout: backstop,
    }));
    this.okStatus = plan.endpoints.map((e) => {
      const table = new Uint8Array(600);
      if (e.expect) for (const s of e.expect) table[s] = 1;
      else table.fill(1, 200, 400);
      return table;
    });
    this.connections = new Connections(target.origin, Math.max(1, options.connections ?? Math.min(plan.maxInFlight, 256)), connectionOptions(this.timeoutMs), (h) =>
      this.release(h as RequestHandler, ERROR_STATUS),
    );
  }

  /** Runs the plan, closes the connections, and returns the result. */
  run(): Promise<RunResult> {
    return this.go<RunResult>((resolve) => {
      const closing = this.interrupted ? this.connections.destroy() : this.connections.close();
      closing
        .then(() => {
          this.report(this.end, true);
          resolve(this.aborted ? { ...this.result(), aborted: this.aborted } : this.result());
        })
        .catch((error: unknown) => this.reject(error));
    });
  }

  /**
   * Runs the plan as a warm-up: no result, and the connections are left open;
   * returns what closes them. Closed sooner, V8 would throw away code
   * optimised during the warm-up (warmup.ts).
   */
  warm(): Promise<() => Promise<unknown>> {
    return this.go<() => Promise<unknown>>((resolve) => resolve(() => this.connections.destroy()));
  }

  private async go<T>(settle: (resolve: (value: T) => void) => void): Promise<T> {
    const opening = this.plan.phases[0]!.rate.from;
    if (!this.options.signal?.aborted) await this.connections.preconnect(Math.max(1, Math.ceil(opening / PRECONNECT_PER_RATE)), PRECONNECT_LIMIT_MS);
    return new Promise<T>((resolve, reject) => {
      this.settle = () => settle(resolve);
      this.reject = reject;
      this.start = this.now();
      this.startWall = Date.now();
      this.nextProgress = this.progressEvery;
      const signal = this.options.signal;
      if (signal?.aborted) {
        this.interrupt();
        return;
      }
      signal?.addEventListener('abort', this.onAbort, { once: true });
      this.tick();
    });
  }

  private elapsed(): number {
    return this.now() - this.start;
  }

  private tick(): void {
    this.timer = undefined;
    if (this.finished) return;
    try {
      for (;;) {
        const t = this.elapsed();
        this.sweep(t);
        const cursor = this.cursor;
        this.behind = this.hasNext && t - cursor.at * 1000 >= BEHIND_MS;
        // Requests left waiting by earlier ticks may by now need another connection.
        this.connections.grow(t, this.behind);
        while (this.hasNext && cursor.at * 1000 <= t) {
          this.dispatch(cursor.phase, cursor.endpoint, cursor.at * 1000, t);
          this.hasNext = cursor.next();
        }
        if (t >= this.nextProgress) {
          this.report(t, false);
          if (this.checkAbort(t)) return;
          this.nextProgress = Math.max(this.nextProgress + this.progressEvery, t + this.progressEvery / 2);
        }
        if (!this.hasNext && this.inFlight === 0) {
          this.finish();
          return;
        }
        let wake = this.nextProgress;
        if (this.hasNext) wake = Math.min(wake, cursor.at * 1000);
        if (this.head) wake = Math.min(wake, this.head.scheduled + this.timeoutMs, this.connections.growAt());
        let delay = wake - this.elapsed();
        // Idle until the next request: sleep to it if it is near, or set the timer to wake that much before it.
        if (this.inFlight === 0 && this.hasNext && wake === cursor.at * 1000) {
          if (sleepsTo(delay)) {
            this.sleep(delay);
            continue;
          }
          if (delay > PRECISE_WAIT_MS) delay -= PRECISE_WAIT_MS;
        }
        this.timer = setTimeout(this.tickBound, Math.max(0, Math.ceil(delay)));
        return;
      }
    } catch (error) {
      this.fail(error);
    }
  }

  /** Blocks the thread for `ms`: only while nothing is in flight, so no response waits behind it. */
  private sleep(ms: number): void {
    Atomics.wait(this.sleeper, 0, 0, ms);
  }

  private dispatch(phase: number, endpoint: number, scheduled: number, t: number): void {
    if (t - scheduled > this.maxLagMs) this.maxLagMs = t - scheduled;
    if (this.inFlight >= this.maxInFlight) {
      this.dropped[phase]!++;
      this.droppedTotal++;
      return;
    }
    const h = this.free.pop() ?? new RequestHandler(this);
    h.scheduled = scheduled;
    h.cell = phase * this.endpointCount + endpoint;
    h.window = Math.floor(scheduled / WINDOW_MS);
    h.status = 0;
    h.done = false;
    h.abortRequest = null;
    h.next = null;
    h.prev = this.tail;
    if (this.tail) this.tail.next = h;
    else this.head = h;
    this.tail = h;
    this.inFlight++;
    h.request = this.requests[endpoint]!;
    h.client = null;
    this.connections.dispatch(h, t, this.behind);
  }

  private unlink(h: RequestHandler): void {
    if (h.prev) h.prev.next = h.next;
    else this.head = h.next;
    if (h.next) h.next.prev = h.prev;
    else this.tail = h.prev;
    h.prev = null;
    h.next = null;
  }

  /** Times out, oldest first, every request past its deadline. */
  private sweep(t: number): void {
    while (this.head && this.head.scheduled + this.timeoutMs <= t) {
      const h = this.head;
      h.done = true;
      this.unlink(h);
      this.timeouts++;
      this.record(h, ERROR_STATUS, t);
      const abort = h.abortRequest;
      h.abortRequest = null;
      // Synchronously ends in onError → release, which only frees the handler now.
      if (abort) abort(this.timeoutError);
    }
  }

  /** undici is done with a request: record it unless already recorded, and free the handler. */
  release(h: RequestHandler, status: number): void {
    if (!h.done) {
      h.done = true;
      this.unlink(h);
      if (!this.interrupted) this.record(h, status, this.elapsed());
    }
    h.abortRequest = null;
    this.inFlight--;
    this.free.push(h);
    const client = h.client;
    h.client = null;
    // The connection takes the next waiting request, if any, now that this one is recorded.
    if (client) this.connections.free(client);
    if (this.inFlight === 0 && this.hasNext && !this.wakePending && !this.finished && !this.interrupted) {
      const delay = this.cursor.at * 1000 - this.elapsed();
      // The timer set for the next request is up to a millisecond late: wake after this I/O instead, and sleep to it.
      if (delay <= 0 || sleepsTo(delay)) {
        this.wakePending = true;
        setImmediate(this.wakeBound);
      }
    }
    if (!this.hasNext && this.inFlight === 0 && !this.finished && !this.interrupted) {
      // Finish from a timer, not from inside undici's callback.
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(this.tickBound, 0);
    }
  }

  private record(h: RequestHandler, status: number, t: number): void {
    const latency = t - h.scheduled;
    const cells = this.cells[h.cell]!;
    let cell = cells.get(status);
    if (!cell) {
      cell = { status, histogram: createHistogram('fast'), count: 0, min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY };
      cells.set(status, cell);
    }
    // Each request is recorded twice, into its cell and its window; the total is derived from the cells only when progress asks.
    const us = recordableUs(latency);
    cell.histogram.recordValueWithCount(us, 1);
    cell.count++;
    if (latency < cell.min) cell.min = latency;
    if (latency > cell.max) cell.max = latency;
    let window = this.windows[h.window];
    if (!window) {
      window = { histogram: createHistogram('fast'), min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY };
      this.windows[h.window] = window;
    }
    window.histogram.recordValueWithCount(us, 1);
    if (latency < window.min) window.min = latency;
    if (latency > window.max) window.max = latency;
    this.completed++;
    if (this.okStatus[h.cell % this.endpointCount]![status] !== 1) this.failed++;
  }

  private report(t: number, done: boolean): void {
    const onProgress = this.options.onProgress;
    if (!onProgress) return;
    const phaseIndex = Math.min(this.cursor.phase, this.plan.phases.length - 1);
    const phase = this.plan.phases[phaseIndex]!;
    const since = (t - this.lastProgressAt) / 1000;
    const progress: Progress = {
      phase: phase.name,
      phaseIndex,
      phases: this.plan.phases.length,
      elapsedSeconds: t / 1000,
      targetRate: this.hasNext ? rateAt(phase, this.cursor.at - (this.cursor.starts[phaseIndex] ?? 0)) : 0,
      rate: since > 0 ? (this.completed - this.lastProgressCompleted) / since : 0,
      p95Ms: this.completed > 0 ? this.totalHistogram().getValueAtPercentile(95) / 1000 : null,
      requests: this.completed,
      errors: this.failed,
      dropped: this.droppedTotal,
      inFlight: this.inFlight,
      done,
    };
    this.lastProgressAt = t;
    this.lastProgressCompleted = this.completed;
    onProgress(progress);
  }

  /** Every request recorded so far, in one histogram (reused scratch, valid until the next call). */
  private totalHistogram(): Histogram {
    const total = this.total;
    total.reset();
    for (const cells of this.cells) for (const cell of cells.values()) total.add(cell.histogram);
    return total;
  }

  /** Asks abortCheck; on a decision, stops the run as interrupt() does and returns true. */
  private checkAbort(t: number): boolean {
    const check = this.options.abortCheck;
    if (!check) return false;
    const decision = check(this.live());
    if (!decision) return false;
    const phase = this.plan.phases[Math.min(this.cursor.phase, this.plan.phases.length - 1)]!.name;
    this.aborted = { ...decision, afterSeconds: round(t / 1000), phase };
    this.interrupt();
    return true;
  }

  /** What has been recorded so far, read in place (nothing is encoded or copied). */
  private live(): LiveState {
    const plan = this.plan;
    const cells: LiveCell[] = [];
    plan.phases.forEach((phase, p) => {
      plan.endpoints.forEach((endpoint, e) => {
        for (const cell of this.cells[p * this.endpointCount + e]!.values()) {
          const tags = { phase: phase.name, endpoint: endpoint.name, method: endpoint.method, status: cell.status === ERROR_STATUS ? 'error' : String(cell.status) };
          cells.push({ tags, histogram: cell.histogram, count: cell.count, failed: this.okStatus[e]![cell.status] === 1 ? 0 : cell.count, min: cell.min, max: cell.max });
        }
      });
    });
    const dropped: Record<string, number> = {};
    const remaining: Record<string, number> = {};
    const counts = this.cursor.counts;
    plan.phases.forEach((phase, p) => {
      dropped[phase.name] = this.dropped[p]!;
      // Not yet sent in this phase, plus everything in flight (their phase is not tracked, so each phase is given all of them: an upper bound).
      let unsent = 0;
      if (this.hasNext && p === this.cursor.phase) unsent = counts[p]! - this.cursor.k;
      else if (this.hasNext && p > this.cursor.phase) unsent = counts[p]!;
      remaining[phase.name] = unsent + this.inFlight;
    });
    return { cells, dropped, phases: plan.phases.map((p) => p.name), remaining };
  }

  /** Stops on the signal: nothing more is sent, requests in flight are discarded uncounted. */
  private interrupt(): void {
    if (this.finished || this.interrupted) return;
    let discarded = 0;
    for (let h = this.head; h; h = h.next) {
      h.done = true;
      discarded++;
    }
    this.head = null;
    this.tail = null;
    this.interrupted = { at: this.elapsed(), phase: Math.min(this.cursor.phase, this.plan.phases.length - 1), discarded };
    this.hasNext = false;
    this.finish();
  }

  private fail(error: unknown): void {
    if (this.finished) return;
    this.finished = true;
    this.cleanup();
    this.connections.destroy().catch(() => undefined);
    this.reject(error);
  }

  private cleanup(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.options.signal?.removeEventListener('abort', this.onAbort);
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.end = this.interrupted ? this.interrupted.at : this.elapsed();
    this.cleanup();
    this.settle();
  }

  private result(): LoadResult {
    const plan = this.plan;
    const durations: Series[] = [];
    const failures: Series[] = [];
    const counts: Series[] = [];
    plan.phases.forEach((phase, p) => {
      plan.endpoints.forEach((endpoint, e) => {
        const cells = [...this.cells[p * this.endpointCount + e]!.values()].sort((a, b) => (a.status || 1000) - (b.status || 1000));
        for (const cell of cells) {
          const tags = { phase: phase.name, endpoint: endpoint.name, method: endpoint.method, status: cell.status === ERROR_STATUS ? 'error' : String(cell.status) };
          durations.push({ metric: 'http_req_duration', tags, trend: { kind: 'histogram', histogram: encodeHistogram(cell.histogram), min: round(cell.min), max: round(cell.max) } });
          failures.push({ metric: 'http_req_failed', tags, failed: this.okStatus[e]![cell.status] === 1 ? 0 : cell.count, total: cell.count });
          counts.push({ metric: 'http_reqs', tags, count: cell.count });
        }
      });
    });
    const drops: Series[] = plan.phases.map((phase, p) => ({ metric: 'dropped_requests', tags: { phase: phase.name }, count: this.dropped[p]! }));
    const windows: Series[] = [];
    this.windows.forEach((w, i) => {
      if (!w) return;
      windows.push({
        metric: 'http_req_duration',
        tags: { window: new Date(this.startWall + i * WINDOW_MS).toISOString() },
        // A second partition of the same traffic: only a gate on exactly {window} may use it, so an untagged gate does not count requests twice.
        exactOnly: true,
        trend: { kind: 'histogram', histogram: encodeHistogram(w.histogram), min: round(w.min), max: round(w.max) },
      });
    });
    return {
      format: 'rollgate',
      file: this.options.file ?? this.target.href,
      durationSeconds: round(this.end / 1000),
      series: [...durations, ...failures, ...counts, ...drops, ...windows],
      notes: this.notes(),
    };
  }

  private notes(): string[] {
    const notes: string[] = [];
    if (this.droppedTotal > 0) {
      const by = this.plan.phases.map((p, i) => (this.dropped[i] ? `${p.name} ${this.dropped[i]}` : '')).filter(Boolean).join(', ');
      notes.push(`${this.droppedTotal} scheduled request${this.droppedTotal === 1 ? ' was' : 's were'} dropped because maxInFlight (${this.maxInFlight}) were outstanding (${by})`);
    }
    if (this.timeouts > 0) notes.push(`${this.timeouts} request${this.timeouts === 1 ? '' : 's'} timed out after ${this.plan.timeout} s from the scheduled send time (status "error")`);
    if (this.maxLagMs > 100) notes.push(`the runner fell behind its schedule by up to ${Math.round(this.maxLagMs)} ms; latencies include that wait (measured from the scheduled time)`);
    if (this.aborted) {
      notes.push(`aborted after ${this.aborted.afterSeconds.toFixed(1)} s in phase ${this.aborted.phase} (--abort-on-fail): ${this.aborted.key} ${this.aborted.expression} can no longer pass, ${this.aborted.reason}`);
    } else if (this.interrupted) {
      const phase = this.plan.phases[this.interrupted.phase]!.name;
      notes.push(`interrupted after ${(this.interrupted.at / 1000).toFixed(1)} s in phase ${phase}: the rest of the schedule was not sent and ${this.interrupted.discarded} request${this.interrupted.discarded === 1 ? '' : 's'} in flight ${this.interrupted.discarded === 1 ? 'was' : 'were'} not counted`);
    }
    return notes;
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/**
 * Runs `plan` against `target` (its path, if any, prefixes every endpoint's
 * path) and returns the result: series tagged {phase, endpoint, method,
 * status} for http_req_duration, http_req_failed and http_reqs; one
 * dropped_requests series per phase (count 0 included, so a "count==0" gate
 * has data); and http_req_duration per 10-second window of scheduled time,
 * tagged {window: ISO start} and marked exactOnly.
 */
export async function runPlan(plan: Plan, target: URL, options: RunOptions = {}): Promise<RunResult> {
  const warmup = options.warmupRequests ?? 0;
  if (warmup > 0 && !options.signal?.aborted) {
    const stop = AbortSignal.timeout(WARMUP_LIMIT_MS);
    // The same kinds of options as the run's, and progress due often, so that every branch the run takes
    // has type feedback: code V8 optimised without it is thrown away the first time the branch runs.
    const noop = (): undefined => undefined;
    const closers: (() => Promise<unknown>)[] = [];
    const endResponder = await warmUp(async (responder, pass) => {
      const runner = new Runner(warmupPlan(plan, warmup, pass), responder, {
        signal: stop,
        seed: 2,
        progressIntervalMs: 50,
        ...(options.onProgress ? { onProgress: noop } : {}),
        ...(options.abortCheck ? { abortCheck: noop } : {}),
      });
      closers.push(await runner.warm());
    });
    try {
      return await measure(plan, target, options);
    } finally {
      for (const close of closers) await close();
      await endResponder();
    }
  }
  return measure(plan, target, options);
}

function measure(plan: Plan, target: URL, options: RunOptions): Promise<RunResult> {
  // After the warm-up, whose compiles should finish at full priority, and before the clock starts.
  if (options.yieldBackgroundThreads) yieldBackgroundThreads();
  return new Runner(plan, target, options).run();
}
