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
 * They get nice 10, not more: a saturated runner (15,000 rps and more on
 * one core) never waits, and the compilers still need a share to finish
 * optimising its hot path. At nice 10 they get ~10% of the core; at 19
 * (~1.5%) the hot path stayed unoptimised and throughput stuck at 14–17k
 * rps (measured side by side at 0, 5, 10 and 19, BENCHMARKS.md).
 *
 * Not SCHED_IDLE, though it would serve a paced run better (on Linux's
 * EEVDF scheduler a nice 10 thread still finishes its time slice before the
 * runner's woken thread runs; bench/background-priority.mjs): where other
 * processes keep the cores busy, as the target itself does when it runs on
 * the same machine, SCHED_IDLE threads get no CPU at all, and the runner
 * waited on them. Under three busy loops on two cores, runs of the demo plan
 * fell 1.1–4.4 s behind their schedule and dropped requests in 4 of 12
 * runs, and in none of 5 at nice 10 (BENCHMARKS.md, ninth session).
 *
 * Only where the runner owns the process: on its main thread. Inside a worker
 * thread (a test runner's pool, say) the other threads are not ours to slow.
 * The change cannot be undone without privileges, so it lasts for the rest
 * of the process, which after a run only writes results. libuv's pool
 * threads, where they exist yet, are lowered too; their work during a run
 * (a DNS lookup per new connection) takes microseconds. Best effort:
 * anywhere it fails, the run proceeds as before.
 */
import { readdirSync, readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { isMainThread } from 'node:worker_threads';

/** The nice value the other threads get. */
export const BACKGROUND_NICE = 10;

/** Returns how many threads were lowered (0 off Linux, in a worker, or when /proc is not readable). */
export function yieldBackgroundThreads(): number {
  if (process.platform !== 'linux' || !isMainThread) return 0;
  let lowered = 0;
  try {
    // /proc/thread-self names this thread; on the main thread its id is the process id.
    const self = Number(readlinkSync('/proc/thread-self').split('/').pop());
    for (const entry of readdirSync('/proc/self/task')) {
      const tid = Number(entry);
      if (tid === self || !Number.isInteger(tid)) continue;
      try {
        setPriority(tid, BACKGROUND_NICE);
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
