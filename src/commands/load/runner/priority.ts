/**
 * Gives the runner's thread precedence over the engine's own background
 * threads, on Linux, by raising the nice value of every other thread of the
 * process to 10 (only this thread keeps its priority).
 *
 * Why: after the warm-up, V8 still compiles and recompiles a hundred or so
 * functions in the first second of a run, and marks the heap concurrently, on
 * background threads. On a generator pinned to one core those threads took
 * the core from the runner for milliseconds at a time, and every request due
 * meanwhile was sent late: at 2,000 rps that was the p99 of a 10-second run
 * (3–4× a precisely paced generator's; bench/load-runner.mjs, BENCHMARKS.md).
 * Lowered, they run while the runner's thread waits, which at a fixed rate
 * is most of the time, and yield when it has work. Why 10 and not 19: a
 * runner saturated at its start (15,000 rps and more on one core) never
 * waits, and at 19 the compiler got ~1.5% of the core, so the hot path stayed
 * unoptimised and throughput stuck at 14–17k rps; at 10 it gets ~10%, enough
 * to finish within the first second. Measured side by side at 0, 5, 10 and
 * 19 (BENCHMARKS.md). With cores to spare it changes nothing. libuv's pool
 * threads, where they exist yet, are lowered too; their work during a run
 * (a DNS lookup per new connection) takes microseconds.
 *
 * Only where the runner owns the process: on its main thread. Inside a worker
 * thread (a test runner's pool, say) the other threads are not ours to slow.
 * A raised nice value cannot be lowered again without privileges, so this
 * lasts for the rest of the process, which after a run only writes results.
 * Best effort: anywhere it fails, the run proceeds as before.
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
