/**
 * Warms the runner before its clock starts: the same Runner code, on the
 * plan's own endpoints, runs for a second against a throwaway responder on
 * loopback — the target sees nothing — and everything it used stays alive
 * until the run is over.
 *
 * Why: V8 compiles undici's connect, write and parse code and the runner's
 * own dispatch and record code lazily, on first use, and optimises it only
 * once it is hot. Cold, the first requests take milliseconds each; since an
 * open-model run keeps sending while it waits, every request due during that
 * stall finds all connections busy, and the backlog feeds on itself. At
 * 2,000 rps the first second ran tens of milliseconds behind schedule, which
 * alone was the p99 of a 10-second run, and at 15,000 rps the backlog passed
 * maxInFlight and dropped thousands of requests.
 *
 * How the warm-up is run decides whether its optimised code survives into the
 * run (measured with --trace-opt --trace-deopt-verbose; BENCHMARKS.md, sixth
 * session):
 * - The responder runs in a worker thread. In this thread its server-side
 *   sockets ran the same stream code as the runner's client sockets, with
 *   other types, and it shared the thread, capping the warm-up at 5,000 rps.
 * - The warm-up runs near the plan's peak rate, up to 10,000 rps, for up to
 *   a second: at 1,500 requests only about half the hot functions had been
 *   optimised when the clock started.
 * - Its connections and responder are closed only after the run. Closing
 *   them before it threw away about 40 optimised functions just before the
 *   clock started: V8 discards code whose assumptions about field types a
 *   teardown breaks ("code dependencies"), or whose embedded objects die
 *   ("weak objects").
 * - The garbage is collected before the clock starts, with all of that
 *   still alive: loading the bundle brings the process's first full
 *   mark-compact due, and in the run it paused 5–8 ms plus ~17 ms of
 *   marking steps.
 * - Then a second pass, half as long, runs before the clock. The collection
 *   and the run's new objects still cost the first pass's code: after it,
 *   the runner's own tick, release and onComplete were back in unoptimised
 *   code when the clock started, and V8 took 50–100 ms of wall time to
 *   recompile them on the lowered compiler threads while a 15,000 rps run
 *   fell behind. The second pass takes those deopts and recompiles, so the
 *   run starts on code that has already met them.
 */
import { Worker } from 'node:worker_threads';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Plan } from './plan';
import { KEEP_ALIVE_MAX_MS } from './connections';

/**
 * A complete response per chunk read (the warm-up sends small GETs, one
 * chunk each), with the headers typical servers send, so that undici's
 * header handling (keep-alive timeout included) is warmed too: with a bare
 * content-length, the target's first responses sent V8 back to recompile it.
 *
 * The keep-alive is as long as the runner honours (KEEP_ALIVE_MAX_MS): the
 * warm-up's connections sit idle through the run, and undici closes an idle
 * connection 2 s before the server's keep-alive ends. With the 5 s that
 * Node's http server sends, they closed 2.25 and 3 s into every run, and the
 * teardown threw away optimised code as it does before the clock (above):
 * at 2,000 rps those were the worst 250 ms of most runs (BENCHMARKS.md,
 * ninth session).
 */
export const RESPONSE_KEEP_ALIVE_S = KEEP_ALIVE_MAX_MS / 1000;
const RESPONSE = Buffer.from(
  `HTTP/1.1 200 OK\r\nDate: Sun, 29 Nov 2026 00:00:00 GMT\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: keep-alive\r\nKeep-Alive: timeout=${RESPONSE_KEEP_ALIVE_S}\r\nContent-Length: 2\r\n\r\nok`,
);

/** The responder has its own thread, but shares the runner's core when it is pinned to one. */
const MAX_WARMUP_RATE = 10_000;
const MIN_WARMUP_RATE = 500;
/** The first pass: a plan with a low peak rate needs less warming than its request count would take. */
const MAX_WARMUP_SECONDS = 1;
/** The second pass, after the collection, is this share of the first. */
const SECOND_PASS_SHARE = 0.5;

/**
 * The plan the warm-up runs: one phase near the plan's peak rate, its
 * endpoints as bodiless GETs (the responder answers one response per chunk),
 * and its timeout (undici's timers take other paths for other lengths).
 */
export function warmupPlan(plan: Plan, requests: number, pass: 1 | 2 = 1): Plan {
  const peak = Math.max(...plan.phases.map((p) => Math.max(p.rate.from, p.rate.to)));
  const rate = Math.min(MAX_WARMUP_RATE, Math.max(MIN_WARMUP_RATE, peak));
  const first = Math.min(MAX_WARMUP_SECONDS, requests / rate);
  return {
    ...plan,
    phases: [{ name: 'warm-up', duration: pass === 1 ? first : first * SECOND_PASS_SHARE, rate: { from: rate, to: rate } }],
    endpoints: plan.endpoints.map(({ body: _body, expect: _expect, ...e }) => ({ ...e, method: 'GET' as const })),
  };
}

/** The responder: answers every chunk it reads with RESPONSE. CommonJS, as an eval worker runs it. */
const RESPONDER = `
const { createServer } = require('node:net');
const { parentPort, workerData } = require('node:worker_threads');
const response = Buffer.from(workerData);
const server = createServer((socket) => {
  socket.on('data', () => socket.write(response));
  socket.on('error', () => undefined);
});
server.on('error', (error) => parentPort.postMessage({ error: String(error) }));
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
`;

/**
 * Runs `warm` (the runner, on `warmupPlan` for the pass it is given)
 * against a responder on loopback in a worker thread, collects garbage, and
 * runs the second pass. Returns what ends the responder, to be called once
 * the run is over. Best effort: any failure (no loopback, say) just ends the
 * warm-up and the run proceeds cold.
 */
export async function warmUp(warm: (target: URL, pass: 1 | 2) => Promise<unknown>): Promise<() => Promise<void>> {
  let worker: Worker | undefined;
  let target: URL | undefined;
  try {
    worker = new Worker(RESPONDER, { eval: true, workerData: RESPONSE });
    const started = worker;
    const port = await new Promise<number>((resolve, reject) => {
      started.once('message', (message: { port?: number; error?: string }) => (message.port ? resolve(message.port) : reject(new Error(message.error))));
      started.once('error', reject);
    });
    target = new URL(`http://127.0.0.1:${port}/`);
    await warm(target, 1);
  } catch {
    // Only a warm-up.
    target = undefined;
  }
  collectGarbage();
  if (target) await warm(target, 2).catch(() => undefined);
  return async () => {
    await worker?.terminate();
  };
}

/**
 * A full collection now, so the one that loading the bundle and the warm-up
 * have brought due does not pause the measured run. `--expose-gc` set at
 * run time exposes gc() to contexts created afterwards (the approach of
 * jest's leak detector); where that fails, nothing is lost but the collection.
 */
function collectGarbage(): void {
  try {
    setFlagsFromString('--expose-gc');
    (runInNewContext('gc') as () => void)();
  } catch {
    // No collection; the run is measured all the same.
  }
}
