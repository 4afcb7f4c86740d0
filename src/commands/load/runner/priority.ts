/**
 * Gives the runner's thread precedence over the engine's own background
 * threads (compilers, concurrent GC, the warm-up's responder), on Linux.
 *
 * Why: after the warm-up, V8 still compiles and recompiles a hundred or so
 * functions in the first second of a run, and more later, on background
 * threads. On a generator pinned to one core those threads took the core
 * from the runner for milliseconds at a time, and every request due
 * meanwhile was sent late: at 2,000 rps that was the p99 of a 10-second run
 * (bench/load-runner.mjs, BENCHMARKS.md).
 *
 * Two policies, because one cannot serve both kinds of run:
 * - 'idle' (SCHED_IDLE): the kernel preempts such a thread the moment the
 *   runner's thread wakes. A raised nice value does not do that: Linux's
 *   EEVDF scheduler lets a running thread finish its time slice whatever its
 *   weight, and a thread spinning in 20 ms bursts beside a 1 ms timer loop
 *   delayed the timer by 2.5–3.0 ms at p99 at nice 0 and nice 10 alike,
 *   against 0.3 ms under SCHED_IDLE. But an idle thread only gets the time
 *   the runner does not use: right for a runner with time to spare (a paced
 *   run), wrong for one that never waits.
 * - 'nice' (nice 10): a saturated runner (15,000 rps and more on one core)
 *   never waits, and the compilers still need a share to finish optimising
 *   its hot path. At nice 10 they get ~10% of the core; at 19 (~1.5%) the
 *   hot path stayed unoptimised and throughput stuck at 14–17k rps
 *   (measured side by side at 0, 5, 10 and 19, BENCHMARKS.md).
 * runPlan picks one by how busy the warm-up kept the runner's thread.
 *
 * SCHED_IDLE is set by util-linux's chrt, one short process per thread
 * (about 2 ms each), since Node has no call for it; where chrt is missing or
 * refused, those threads get the nice value instead.
 *
 * Only where the runner owns the process: on its main thread. Inside a worker
 * thread (a test runner's pool, say) the other threads are not ours to slow.
 * Neither change can be undone without privileges, so it lasts for the rest
 * of the process, which after a run only writes results. libuv's pool
 * threads, where they exist yet, are lowered too; their work during a run
 * (a DNS lookup per new connection) takes microseconds. Best effort:
 * anywhere it fails, the run proceeds as before.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { isMainThread } from 'node:worker_threads';

/** The nice value the other threads get. */
export const BACKGROUND_NICE = 10;

/** SCHED_IDLE: run only when the runner's thread does not want the core; or nice BACKGROUND_NICE. */
export type BackgroundPolicy = 'idle' | 'nice';

/** The share of the warm-up's second pass the runner's thread was busy (event-loop utilisation), below which backgroundPolicy picks 'idle'. */
const IDLE_POLICY_BELOW = 0.75;

/**
 * SCHED_IDLE for the background threads unless the warm-up kept the runner's thread
 * busy three quarters of the time or more. Under SCHED_IDLE the compilers
 * and the collector get what the runner leaves idle, and never delay a
 * request; that is a larger share than nice 10's ~10% until the runner is
 * nearly saturated, where they need nice 10's guaranteed share to finish
 * optimising (above). The warm-up's share overstates the run's: its
 * responder and full-priority compiles share the core. With no warm-up to
 * tell, 'nice'.
 */
export function backgroundPolicy(busy: number | undefined): BackgroundPolicy {
  return busy !== undefined && busy < IDLE_POLICY_BELOW ? 'idle' : 'nice';
}

/** Returns how many threads were lowered (0 off Linux, in a worker, or when /proc is not readable). */
export function yieldBackgroundThreads(policy: BackgroundPolicy): number {
  if (process.platform !== 'linux' || !isMainThread) return 0;
  let lowered = 0;
  try {
    // /proc/thread-self names this thread; on the main thread its id is the process id.
    const self = Number(readlinkSync('/proc/thread-self').split('/').pop());
    for (const entry of readdirSync('/proc/self/task')) {
      const tid = Number(entry);
      if (tid === self || !Number.isInteger(tid)) continue;
      try {
        if (policy !== 'idle' || !setIdle(tid)) setPriority(tid, BACKGROUND_NICE);
        lowered++;
      } catch {
        // The thread has ended, or its nice value is fixed: leave it.
      }
    }
  } catch {
    // No /proc: nothing to do.
  }
  return lowered;
}

/** True once `tid` runs under SCHED_IDLE; false where chrt is missing or refused. */
function setIdle(tid: number): boolean {
  const chrt = spawnSync('chrt', ['--idle', '--pid', '0', String(tid)], { stdio: 'ignore', timeout: 1000 });
  return chrt.status === 0;
}
