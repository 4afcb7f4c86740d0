import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { BACKGROUND_NICE, yieldBackgroundThreads } from '../../../src/commands/load/runner/priority';

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

// This file runs in a process of its own (vitest's forks pool), so lowering its other threads touches nothing else.
describe.runIf(process.platform === 'linux')('yieldBackgroundThreads (Linux: thread priorities through /proc)', () => {
  it('lowers every other thread of the process to nice 10, under the normal policy, and leaves the calling thread as it was', () => {
    const before = threads();
    const lowered = yieldBackgroundThreads();
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
});
