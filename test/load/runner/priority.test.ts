import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { BACKGROUND_NICE, yieldBackgroundThreads } from '../../../src/commands/load/runner/priority';

/** Each thread of this process and its nice value, from /proc (field 19 of stat). */
function niceByThread(): Map<number, number> {
  const nice = new Map<number, number>();
  for (const entry of readdirSync('/proc/self/task')) {
    const stat = readFileSync(`/proc/self/task/${entry}/stat`, 'utf8');
    // The fields after the parenthesised command name; nice is the 19th field of the line.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    nice.set(Number(entry), Number(fields[16]));
  }
  return nice;
}

// This file runs in a process of its own (vitest's forks pool), so lowering its other threads touches nothing else.
describe.runIf(process.platform === 'linux')('yieldBackgroundThreads (Linux: thread priorities through /proc)', () => {
  it('lowers every other thread of the process and leaves the calling thread as it was', () => {
    const self = Number(readlinkSync('/proc/thread-self').split('/').pop());
    const before = niceByThread();
    const lowered = yieldBackgroundThreads();
    const after = niceByThread();
    if (!isMainThread) {
      // In a worker the other threads belong to whoever runs it.
      expect(lowered).toBe(0);
      expect(after).toEqual(before);
      return;
    }
    // V8 starts its platform threads with the process, so a Node process always has some.
    expect(before.size).toBeGreaterThan(1);
    expect(lowered).toBe(before.size - 1);
    expect(after.get(self)).toBe(before.get(self));
    for (const [tid, nice] of after) if (tid !== self && before.has(tid)) expect(nice, `thread ${tid}`).toBe(BACKGROUND_NICE);
  });
});
