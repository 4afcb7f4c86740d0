/**
 * Warms the runner before its clock starts: the same Runner code, on the
 * plan's own endpoints, runs for a moment against a throwaway responder on
 * loopback inside this process — the target sees nothing — and then the
 * start-up garbage is collected.
 *
 * Why: V8 compiles undici's connect, write and parse code and the runner's
 * own dispatch and record code lazily, on first use, and optimises it only
 * once it is hot. Cold, the first requests take milliseconds each; since an
 * open-model run keeps sending while it waits, every request due during that
 * stall finds all connections busy and opens one more, which is colder work
 * still. At 2,000 rps the first second ran tens of milliseconds behind
 * schedule, which alone was the p99 of a 10-second run, and at 15,000 rps the
 * backlog passed maxInFlight and dropped thousands of requests. The first
 * full mark-compact of the process, which loading the bundle brings due, also
 * landed in that first second (5–8 ms of pause plus ~17 ms of marking steps).
 * A closed-loop warm-up of a different request handler left most of it
 * (measured: bench/load-runner.mjs, BENCHMARKS.md).
 */
import { createServer, type Socket } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Plan } from './plan';

/**
 * A complete response per chunk read (the warm-up sends small GETs, one
 * chunk each), with the headers typical servers send, so that undici's
 * header handling (keep-alive timeout included) is warmed too: with a bare
 * content-length, the target's first responses sent V8 back to recompile it.
 */
const RESPONSE = Buffer.from('HTTP/1.1 200 OK\r\nDate: Sun, 29 Nov 2026 00:00:00 GMT\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\nContent-Length: 2\r\n\r\nok');

/** The responder shares this thread with the runner, so the warm-up rate is capped below what the two can do together. */
const MAX_WARMUP_RATE = 5000;
const MIN_WARMUP_RATE = 500;
/** A plan with a low peak rate needs less warming than its request count would take. */
const MAX_WARMUP_SECONDS = 1;

/**
 * The plan the warm-up runs: one phase near the plan's peak rate, its
 * endpoints as bodiless GETs (the responder answers one response per chunk),
 * and its timeout (undici's timers take other paths for other lengths).
 */
export function warmupPlan(plan: Plan, requests: number): Plan {
  const peak = Math.max(...plan.phases.map((p) => Math.max(p.rate.from, p.rate.to)));
  const rate = Math.min(MAX_WARMUP_RATE, Math.max(MIN_WARMUP_RATE, peak));
  return {
    ...plan,
    phases: [{ name: 'warm-up', duration: Math.min(MAX_WARMUP_SECONDS, requests / rate), rate: { from: rate, to: rate } }],
    endpoints: plan.endpoints.map(({ body: _body, expect: _expect, ...e }) => ({ ...e, method: 'GET' as const })),
  };
}

/**
 * Runs `warm` (the runner, on `warmupPlan`) against a responder on loopback,
 * then collects garbage. Best effort: any failure (no loopback, say) just
 * ends the warm-up and the run proceeds cold.
 */
export async function warmUp(warm: (target: URL) => Promise<unknown>): Promise<void> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('data', () => socket.write(RESPONSE));
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    const address = server.address();
    if (address && typeof address !== 'string') await warm(new URL(`http://127.0.0.1:${address.port}/`));
  } catch {
    // Only a warm-up.
  } finally {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  collectGarbage();
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
