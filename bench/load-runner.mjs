#!/usr/bin/env node
// The load runner beside wrk (Debian package) and autocannon, in the same run,
// against one minimal loopback HTTP server pinned to core 0 while the generator
// is pinned to core 1 (taskset):
//   1. maximum sustained rate: each generator as hard as it goes for 5 s;
//   2. pacing: a fixed 2,000 rps for 10 s, p99 latency (rollgate and autocannon -R; wrk cannot pace).
// Usage: node bench/load-runner.mjs (needs wrk and taskset; autocannon is a dev dependency).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const results = join(root, 'bench', '.results', 'runner');
mkdirSync(results, { recursive: true });
for (const tool of ['wrk', 'taskset']) {
  if (spawnSync('which', [tool]).status !== 0) throw new Error(`${tool} is needed: apt-get install -y ${tool === 'wrk' ? 'wrk' : 'util-linux'}`);
}

const serverFile = join(results, 'server.mjs');
writeFileSync(serverFile, `import { createServer } from 'node:http';
const server = createServer((req, res) => res.end('ok'));
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`);
const server = spawn('taskset', ['-c', '0', process.execPath, serverFile], { stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise((resolve) => server.stdout.once('data', (d) => resolve(Number(String(d).trim()))));
const target = `http://127.0.0.1:${port}`;
const onCore1 = (cmd, args) => spawnSync('taskset', ['-c', '1', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });

function rollgate(rate, seconds, maxInFlight) {
  const plan = join(results, `plan-${rate}.yml`);
  writeFileSync(plan, `phases:\n  - { name: run, duration: ${seconds}s, rate: ${rate} }\nendpoints:\n  - { name: root, method: GET, path: /, weight: 1 }\ntimeout: 10s\nmaxInFlight: ${maxInFlight}\n`);
  const out = join(results, `rollgate-${rate}.json`);
  const run = onCore1(process.execPath, [join(root, 'dist', 'cli.js'), 'load', 'run', '--target', target, '--plan', plan, '--out', out, '--config', join(results, 'gate.yml'), '--json']);
  const result = JSON.parse(run.stdout);
  const requests = result.thresholds.find((t) => t.expression === 'count>0').observed;
  const dropped = result.phases[0].dropped;
  return { sent: requests, dropped, rps: requests / seconds, p99: result.thresholds.find((t) => t.expression.startsWith('p(99)')).observed };
}
writeFileSync(join(results, 'gate.yml'), 'noData: pass\nthresholds:\n  http_reqs: "count>0"\n  http_req_duration: "p(99)<100000"\n');

function wrk(seconds) {
  const run = onCore1('wrk', ['-t1', '-c64', `-d${seconds}s`, '--latency', target]);
  return { rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(run.stdout)?.[1]), output: run.stdout };
}

function autocannon(seconds, rate) {
  const args = [join(root, 'node_modules', 'autocannon', 'autocannon.js'), '-c', rate ? '16' : '64', '-d', String(seconds), '--json', ...(rate ? ['-R', String(rate)] : []), target];
  const run = onCore1(process.execPath, args);
  const json = JSON.parse(run.stdout);
  return { rps: json.requests.total / seconds, p99: json.latency.p99 };
}

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}, node ${process.version}; server on core 0, generators on core 1`);
// Maximum sustained rate: rollgate is asked for more than the server can take; drops show where it stops keeping up.
const max = {
  wrk: wrk(5),
  autocannon: autocannon(5),
  'rollgate 15k': rollgate(15000, 5, 1000),
  'rollgate 20k': rollgate(20000, 5, 1000),
};
console.log('\n| generator | achieved rps | notes |');
console.log('| --- | ---: | --- |');
console.log(`| wrk -t1 -c64 | ${max.wrk.rps.toFixed(0)} | closed model, as fast as the server answers |`);
console.log(`| autocannon -c64 | ${max.autocannon.rps.toFixed(0)} | closed model |`);
for (const key of ['rollgate 15k', 'rollgate 20k']) console.log(`| ${key} rps asked | ${max[key].rps.toFixed(0)} | open model; ${max[key].dropped} dropped |`);

const pacing = { rollgate: rollgate(2000, 10, 1000), autocannon: autocannon(10, 2000) };
console.log('\n| at 2,000 rps for 10 s | achieved rps | p99 ms |');
console.log('| --- | ---: | ---: |');
console.log(`| rollgate load run | ${pacing.rollgate.rps.toFixed(0)} | ${pacing.rollgate.p99.toFixed(2)} |`);
console.log(`| autocannon -R 2000 | ${pacing.autocannon.rps.toFixed(0)} | ${pacing.autocannon.p99.toFixed(2)} |`);
writeFileSync(join(root, 'bench', '.results', 'load-runner.json'), `${JSON.stringify({ max, pacing }, null, 2)}\n`);
server.kill();
