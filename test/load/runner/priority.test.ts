import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { BACKGROUND_NICE, backgroundPolicy, yieldBackgroundThreads } from '../../../src/commands/load/runner/priority';

/** Linux's number for SCHED_IDLE (sched.h); SCHED_OTHER is 0. */
const SCHED_IDLE = 5;

/** Each thread of this process with its nice value and scheduling policy, from /proc (fields 19 and 41 of stat). */
function threads(): Map<number, { nice: number; policy: number }> {
  const byTid = new Map<number, { nice: number; policy: number }>();
  for (const entry of readdirSync('/proc/self/task')) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/self/task/${entry}/stat`, 'utf8');
    } catch {
      continue; // ended meanwhile
    }
    // The fields after the parenthesised command name, which starts the count at field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    byTid.set(Number(entry), { nice: Number(fields[16]), policy: Number(fields[38]) });
  }
  return byTid;
}

const self = (): number => Number(readlinkSync('/proc/thread-self').split('/').pop());
const hasChrt = spawnSync('chrt', ['--version'], { stdio: 'ignore' }).status === 0;

// This file runs in a process of its own (vitest's forks pool), so lowering its other threads touches nothing else.
// Neither change can be undone unprivileged, so the tests run in this order: nice first, then SCHED_IDLE on top.
describe.runIf(process.platform === 'linux')('yieldBackgroundThreads (Linux: thread priorities through /proc)', () => {
  it("'nice' lowers every other thread of the process to nice 10 and leaves the calling thread as it was", () => {
    const before = threads();
    const lowered = yieldBackgroundThreads('nice');
    const after = threads();
    if (!isMainThread) {
      // In a worker the other threads belong to whoever runs it.
      expect(lowered).toBe(0);
      expect(after).toEqual(before);
      return;
    }
    // V8 starts its platform threads with the process, so a Node process always has some.
    expect(before.size).toBeGreaterThan(1);
    expect(lowered).toBe(before.size - 1);
    expect(after.get(self())).toEqual(before.get(self()));
    for (const [tid, t] of after) if (tid !== self() && before.has(tid)) expect(t, `thread ${tid}`).toEqual({ nice: BACKGROUND_NICE, policy: 0 });
  });

  it.skipIf(!hasChrt || !isMainThread)("'idle' puts every other thread under SCHED_IDLE with util-linux's chrt, and leaves the calling thread as it was", () => {
    const before = threads();
    const lowered = yieldBackgroundThreads('idle');
    const after = threads();
    expect(lowered).toBe(before.size - 1);
    expect(after.get(self())).toEqual(before.get(self()));
    for (const [tid, t] of after) if (tid !== self() && before.has(tid)) expect(t.policy, `thread ${tid}`).toBe(SCHED_IDLE);
  });
});

describe('backgroundPolicy', () => {
  it('chooses SCHED_IDLE unless the warm-up kept the runner busy three quarters of the time or more', () => {
    // Measured warm-ups: 0.36-0.45 at 1,000 and 2,000 rps, 0.57 at 5,000, 0.84-0.91 at 10,000 (a 15,000 rps plan).
    expect(backgroundPolicy(0.4)).toBe('idle');
    expect(backgroundPolicy(0.57)).toBe('idle');
    expect(backgroundPolicy(0.75)).toBe('nice');
    expect(backgroundPolicy(0.87)).toBe('nice');
    // No warm-up ran, so nothing tells whether the compilers will get idle time.
    expect(backgroundPolicy(undefined)).toBe('nice');
  });
});
