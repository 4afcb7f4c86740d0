#!/usr/bin/env node
// What the scheduling policy of the engine's background threads does to the
// load runner's timers (src/commands/load/runner/priority.ts, which uses nice
// 10, not SCHED_IDLE, for the reason given there): how late a 1 ms timer fires on the
// main thread while a sibling thread of the same process, pinned to the same
// core, computes in bursts (20 ms busy, 20 ms asleep), as V8's compiler
// threads do after a warm-up. The sibling runs at nice 0, at nice 10, and
// under SCHED_IDLE (util-linux chrt), each ROUNDS times (default 3),
// interleaved. Linux only; needs taskset and chrt (util-linux).
// Usage: node bench/background-priority.mjs
import { spawnSync } from 'node:child_process';
import { setPriority } from 'node:os';
import { readdirSync, readlinkSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { median } from 'simple-statistics';

const SECONDS = 5;
const policies = ['nice 0', 'nice 10', 'SCHED_IDLE'];

if (process.argv[2] === '--measure') {
  const policy = process.argv[3];
  const sibling = new Worker(
    `const { parentPort } = require('node:worker_threads');
     const nap = new Int32Array(new SharedArrayBuffer(4));
     parentPort.once('message', (end) => {
       while (Date.now() < end) {
         const busy = Date.now();
         while (Date.now() - busy < 20) {}
         Atomics.wait(nap, 0, 0, 20);
       }
     });`,
    { eval: true },
  );
  await new Promise((resolve) => setTimeout(resolve, 200));
  const self = Number(readlinkSync('/proc/thread-self').split('/').pop());
  for (const tid of readdirSync('/proc/self/task').map(Number)) {
    if (tid === self) continue;
    if (policy === 'SCHED_IDLE') spawnSync('chrt', ['--idle', '--pid', '0', String(tid)], { stdio: 'inherit' });
    else if (policy === 'nice 10') setPriority(tid, 10);
  }
  const end = Date.now() + SECONDS * 1000;
  sibling.postMessage(end + 500);
  const late = [];
  let last = performance.now();
  await new Promise((resolve) => {
    const tick = () => {
      const now = performance.now();
      late.push(now - last - 1);
      last = now;
      if (Date.now() < end) setTimeout(tick, 1);
      else resolve();
    };
    setTimeout(tick, 1);
  });
  await sibling.terminate();
  late.sort((a, b) => a - b);
  const q = (p) => late[Math.min(late.length - 1, Math.ceil(p * late.length) - 1)];
  console.log(JSON.stringify({ n: late.length, p50: q(0.5), p99: q(0.99), p999: q(0.999), max: late.at(-1) }));
} else {
  for (const tool of ['taskset', 'chrt']) if (spawnSync('which', [tool]).status !== 0) throw new Error(`${tool} is needed: apt-get install -y util-linux`);
  const rounds = Number(process.env.ROUNDS ?? 3);
  const results = Object.fromEntries(policies.map((p) => [p, []]));
  console.log(`1 ms timer on the main thread, a sibling thread busy 20 ms of every 40, both on core 1, ${SECONDS} s per run; lateness in ms`);
  console.log('| round | sibling | timers | p50 | p99 | p99.9 | max |\n| ---: | --- | ---: | ---: | ---: | ---: | ---: |');
  for (let round = 1; round <= rounds; round++) {
    for (const policy of round % 2 ? policies : [...policies].reverse()) {
      const run = spawnSync('taskset', ['-c', '1', process.execPath, process.argv[1], '--measure', policy], { encoding: 'utf8' });
      const r = JSON.parse(run.stdout);
      results[policy].push(r);
      console.log(`| ${round} | ${policy} | ${r.n} | ${r.p50.toFixed(3)} | ${r.p99.toFixed(3)} | ${r.p999.toFixed(3)} | ${r.max.toFixed(3)} |`);
    }
  }
  for (const policy of policies) console.log(`${policy}: median p99 ${median(results[policy].map((r) => r.p99)).toFixed(3)} ms, p99.9 ${median(results[policy].map((r) => r.p999)).toFixed(3)} ms`);
}
