#!/usr/bin/env node
// The load runner beside wrk (Debian package) and autocannon, in the same run,
// against one minimal loopback HTTP server pinned to core 0 while the generator
// is pinned to core 1 (taskset), in ROUNDS interleaved rounds (default 3):
//   1. maximum sustained rate: each generator as hard as it goes for 5 s;
//      rollgate, an open-model generator, is asked for 15,000 and 20,000 rps and
//      counts what it had to drop;
//   2. pacing: a fixed 2,000 rps for 10 s, p99 latency. The precisely paced peer is
//      wrk driven by bench/wrk-paced.lua: one connection, each request sent at its
//      slot of a fixed 2,000 rps schedule (never early), latency measured from that
//      slot, as wrk2 does (wrk2 is not packaged by Debian). autocannon -R is shown too.
// Usage: node bench/load-runner.mjs (needs wrk and taskset; autocannon is a dev dependency).
//   ROUNDS=3                  rounds (medians over rounds are printed at the end)
//   ROLLGATE_CLI=…/cli.js     the build to measure (default dist/cli.js of this checkout)
//   ROLLGATE_BEFORE=…/cli.js  another build (an older commit's dist/cli.js, say), run beside ROLLGATE_CLI
//                             in every round (first in even rounds, second in odd ones), so that both see the
//                             same machine: on shared runners the paced p99 of one build swings 2-3× between
//                             runs minutes apart.
//   ROLLGATE_NODE=…/node      the Node.js binary that runs ROLLGATE_CLI (default this one), e.g. Node 24, which
//   ROLLGATE_BEFORE_NODE=…    the actions run on (runs.using: node24); ROLLGATE_BEFORE_NODE for ROLLGATE_BEFORE.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from 'simple-statistics';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const results = join(root, 'bench', '.results', 'runner');
mkdirSync(results, { recursive: true });
for (const tool of ['wrk', 'taskset']) {
  if (spawnSync('which', [tool]).status !== 0) throw new Error(`${tool} is needed: apt-get install -y ${tool === 'wrk' ? 'wrk' : 'util-linux'}`);
}
const rounds = Number(process.env.ROUNDS ?? 3);
const cli = process.env.ROLLGATE_CLI ?? join(root, 'dist', 'cli.js');
const before = process.env.ROLLGATE_BEFORE;
const cliNode = process.env.ROLLGATE_NODE ?? process.execPath;
const beforeNode = process.env.ROLLGATE_BEFORE_NODE ?? process.execPath;
const PACED_RATE = 2000;

const serverFile = join(results, 'server.mjs');
writeFileSync(serverFile, `import { createServer } from 'node:http';
const server = createServer((req, res) => res.end('ok'));
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`);
const server = spawn('taskset', ['-c', '0', process.execPath, serverFile], { stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise((resolve) => server.stdout.once('data', (d) => resolve(Number(String(d).trim()))));
const target = `http://127.0.0.1:${port}`;
const onCore1 = (cmd, args, env) => spawnSync('taskset', ['-c', '1', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, ...env } });

writeFileSync(join(results, 'gate.yml'), 'noData: pass\nthresholds:\n  http_reqs: "count>0"\n  http_req_duration: ["p(50)<100000", "p(99)<100000"]\n');
function rollgate(rate, seconds, isBefore = false) {
  const build = isBefore ? before : cli;
  const plan = join(results, `plan-${rate}.yml`);
  writeFileSync(plan, `phases:\n  - { name: run, duration: ${seconds}s, rate: ${rate} }\nendpoints:\n  - { name: root, method: GET, path: /, weight: 1 }\ntimeout: 10s\nmaxInFlight: 1000\n`);
  const out = join(results, `rollgate-${rate}.json`);
  const run = onCore1(isBefore ? beforeNode : cliNode, [build, 'load', 'run', '--target', target, '--plan', plan, '--out', out, '--config', join(results, 'gate.yml'), '--json']);
  const result = JSON.parse(run.stdout);
  const observed = (prefix) => result.thresholds.find((t) => t.expression.startsWith(prefix)).observed;
  const requests = observed('count>0');
  return { sent: requests, dropped: result.phases[0].dropped, rps: requests / seconds, p50: observed('p(50)'), p99: observed('p(99)') };
}

function wrk(seconds) {
  const run = onCore1('wrk', ['-t1', '-c64', `-d${seconds}s`, target]);
  return { rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(run.stdout)?.[1]) };
}

function wrkPaced(seconds, rate) {
  const run = onCore1('wrk', ['-t1', '-c1', `-d${seconds}s`, '-s', join(root, 'bench', 'wrk-paced.lua'), target], { RATE: String(rate) });
  const m = /PACED n=(\d+) p50=([\d.]+) p90=([\d.]+) p99=([\d.]+)/.exec(run.stdout);
  if (!m) throw new Error(`wrk-paced printed no result:\n${run.stdout}\n${run.stderr}`);
  return { rps: Number(m[1]) / seconds, p50: Number(m[2]), p99: Number(m[4]) };
}

function autocannon(seconds, rate) {
  const args = [join(root, 'node_modules', 'autocannon', 'autocannon.js'), '-c', rate ? '16' : '64', '-d', String(seconds), '--json', ...(rate ? ['-R', String(rate)] : []), target];
  const run = onCore1(process.execPath, args);
  const json = JSON.parse(run.stdout);
  return { rps: json.requests.total / seconds, p50: json.latency.p50, p99: json.latency.p99 };
}

const version = (bin) => spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout.trim();
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}, node ${process.version}; server on core 0, generators on core 1; load average ${loadavg()[0].toFixed(2)}`);
console.log(`rollgate: ${cli} on node ${version(cliNode)}${before ? `; before: ${before} on node ${version(beforeNode)}` : ''}`);
const all = [];
const dropsText = (x) => `${x.rps.toFixed(0)} (${x.dropped})`;
for (let round = 1; round <= rounds; round++) {
  const r = { round, load: loadavg()[0], wrk: wrk(5), autocannon: autocannon(5) };
  // With two builds, even rounds run ROLLGATE_BEFORE first: whichever runs right after autocannon's
  // 200,000-odd requests meets the server with their garbage and closing sockets, so neither always does.
  const pair = (key, beforeKey, rate, seconds) => {
    const runs = before ? (round % 2 === 0 ? [true, false] : [false, true]) : [false];
    for (const isBefore of runs) r[isBefore ? beforeKey : key] = rollgate(rate, seconds, isBefore);
  };
  pair('rollgate15k', 'before15k', 15000, 5);
  pair('rollgate20k', 'before20k', 20000, 5);
  r.pacedWrk = wrkPaced(10, PACED_RATE);
  pair('pacedRollgate', 'pacedBefore', PACED_RATE, 10);
  r.pacedAutocannon = autocannon(10, PACED_RATE);
  all.push(r);
  console.log(`round ${round} (load ${r.load.toFixed(2)}): wrk -c64 ${r.wrk.rps.toFixed(0)} rps, autocannon -c64 ${r.autocannon.rps.toFixed(0)} rps; ` +
    `rollgate 15k asked ${dropsText(r.rollgate15k)} dropped, 20k asked ${dropsText(r.rollgate20k)} dropped; ` +
    `at ${PACED_RATE} rps p99: wrk-paced ${r.pacedWrk.p99.toFixed(2)} ms, rollgate ${r.pacedRollgate.p99.toFixed(2)} ms (${(r.pacedRollgate.p99 / r.pacedWrk.p99).toFixed(2)}×), autocannon -R ${r.pacedAutocannon.p99.toFixed(2)} ms` +
    (before ? `; before: 15k ${dropsText(r.before15k)}, 20k ${dropsText(r.before20k)}, p99 ${r.pacedBefore.p99.toFixed(2)} ms (${(r.pacedBefore.p99 / r.pacedWrk.p99).toFixed(2)}×)` : ''));
}

const builds = [['rollgate', 'rollgate15k', 'rollgate20k', 'pacedRollgate'], ...(before ? [['before', 'before15k', 'before20k', 'pacedBefore']] : [])];
console.log('\n| round | load avg | wrk -c64 rps | autocannon -c64 rps | build | 15k asked: rps (dropped) | 20k asked: rps (dropped) | 2,000 rps p99 ms: wrk-paced / build / autocannon -R | build ÷ wrk-paced |');
console.log('| --- | ---: | ---: | ---: | --- | --- | --- | --- | ---: |');
for (const r of all) {
  for (const [name, k15, k20, kp] of builds) {
    console.log(`| ${r.round} | ${r.load.toFixed(2)} | ${r.wrk.rps.toFixed(0)} | ${r.autocannon.rps.toFixed(0)} | ${name} | ${dropsText(r[k15])} | ${dropsText(r[k20])} | ${r.pacedWrk.p99.toFixed(2)} / ${r[kp].p99.toFixed(2)} / ${r.pacedAutocannon.p99.toFixed(2)} | ${(r[kp].p99 / r.pacedWrk.p99).toFixed(2)} |`);
  }
}
console.log(`\nmedians over ${rounds} round${rounds === 1 ? "" : "s"}: wrk-paced p99 ${median(all.map((r) => r.pacedWrk.p99)).toFixed(2)} ms`);
for (const [name, k15, k20, kp] of builds) {
  console.log(`  ${name}: p99 ${median(all.map((r) => r[kp].p99)).toFixed(2)} ms, ÷ wrk-paced ${median(all.map((r) => r[kp].p99 / r.pacedWrk.p99)).toFixed(2)}× ` +
    `(within 1.5× in ${all.filter((r) => r[kp].p99 <= 1.5 * r.pacedWrk.p99).length} of ${rounds}); ` +
    `15k dropped ${median(all.map((r) => r[k15].dropped))} (none in ${all.filter((r) => r[k15].dropped === 0).length} of ${rounds}); 20k completed ${median(all.map((r) => r[k20].rps)).toFixed(0)} rps`);
}
writeFileSync(join(root, 'bench', '.results', 'load-runner.json'), `${JSON.stringify(all, null, 2)}\n`);
server.kill();
