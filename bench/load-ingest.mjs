#!/usr/bin/env node
// k6 --out json NDJSON ingest: `rollgate load gate` on a generated 2,000,000-line
// file in k6's layout (13 lines per request), beside jq computing the same p95
// in the same run. Both as separate processes; GNU time gives peak RSS.
// Usage: node bench/load-ingest.mjs [lines] (default 2e6).
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const results = join(root, 'bench', '.results');
const lines = Number(process.argv[2] ?? 2e6);
const rounds = Number(process.env.ROUNDS ?? 3);
mkdirSync(results, { recursive: true });
const file = join(results, `k6-${lines}.ndjson`);

function goTime(epochMs, micros) {
  const local = new Date(epochMs + 2 * 3600_000);
  const fraction = `${String(local.getUTCMilliseconds()).padStart(3, '0')}${String(micros).padStart(3, '0')}`.replace(/0+$/, '');
  return `${local.toISOString().slice(0, 19)}${fraction ? `.${fraction}` : ''}+02:00`;
}

async function generate() {
  const out = createWriteStream(`${file}.tmp`);
  const endpoints = Array.from({ length: 10 }, (_, i) => `https://test-api.k6.io/public/crocodiles/${i}/`);
  const metrics = ['http_reqs', 'http_req_duration', 'http_req_blocked', 'http_req_connecting', 'http_req_tls_handshaking', 'http_req_sending', 'http_req_waiting', 'http_req_receiving', 'http_req_failed'];
  let state = 0x9e3779b9;
  const random = () => { state ^= state << 13; state >>>= 0; state ^= state >>> 17; state ^= state << 5; state >>>= 0; return state / 0x100000000; };
  let written = 0;
  let batch = '';
  for (const name of [...metrics, 'data_sent', 'data_received', 'iteration_duration', 'iterations']) {
    batch += `{"type":"Metric","data":{"name":"${name}","type":"trend","contains":"time","thresholds":[],"submetrics":null},"metric":"${name}"}\n`;
    written++;
  }
  const base = Date.UTC(2024, 4, 1, 8);
  for (let requests = 0; written < lines; requests++) {
    const url = endpoints[requests % endpoints.length];
    const failed = random() < 0.02;
    const time = goTime(base + Math.floor(requests * 1.5), requests % 1000);
    const tags = `{"expected_response":"${!failed}","group":"","method":"GET","name":"${url}","proto":"HTTP/1.1","scenario":"default","status":"${failed ? 500 : 200}","tls_version":"tls1.3","url":"${url}"}`;
    const duration = (20 + random() * 400).toFixed(6);
    for (const metric of metrics) {
      const value = metric === 'http_reqs' ? '1' : metric === 'http_req_failed' ? (failed ? '1' : '0') : metric === 'http_req_duration' ? duration : (random() * 5).toFixed(6);
      batch += `{"type":"Point","data":{"time":"${time}","value":${value},"tags":${tags}},"metric":"${metric}"}\n`;
    }
    const it = '{"group":"","scenario":"default"}';
    batch += `{"type":"Point","data":{"time":"${time}","value":118,"tags":${it}},"metric":"data_sent"}\n{"type":"Point","data":{"time":"${time}","value":6324,"tags":${it}},"metric":"data_received"}\n{"type":"Point","data":{"time":"${time}","value":${(Number(duration) + 1.5).toFixed(6)},"tags":${it}},"metric":"iteration_duration"}\n{"type":"Point","data":{"time":"${time}","value":1,"tags":${it}},"metric":"iterations"}\n`;
    written += metrics.length + 4;
    if (batch.length > 1 << 20) {
      if (!out.write(batch)) await new Promise((r) => out.once('drain', r));
      batch = '';
    }
  }
  out.write(batch);
  await new Promise((r) => out.end(r));
  renameSync(`${file}.tmp`, file);
}

if (!existsSync(file)) {
  console.log(`generating ${file} …`);
  await generate();
}
const config = join(results, 'load-ingest.yml');
writeFileSync(config, 'thresholds:\n  http_req_duration: "p(95)<1000"\n');
const contenders = {
  'rollgate load gate': ['/usr/bin/time', ['-f', '%e %M', process.execPath, join(root, 'dist', 'cli.js'), 'load', 'gate', '--results', file, '--config', config, '--json']],
  'jq (p95 of http_req_duration)': ['/usr/bin/time', ['-f', '%e %M', 'jq', '-n', '[inputs | select(.type == "Point" and .metric == "http_req_duration") | .data.value] | sort | .[(length * 0.95 | floor)]', file]],
};
const runs = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
for (let round = 0; round < rounds; round++) {
  for (const [name, [cmd, args]] of Object.entries(contenders)) {
    const run = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
    const [seconds, kb] = run.stderr.trim().split('\n').pop().split(' ').map(Number);
    runs[name].push({ seconds, rssMb: kb / 1024, out: run.stdout });
  }
}
const bytes = statSync(file).size;
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}, node ${process.version}; ${lines.toLocaleString('en-US')} lines, ${(bytes / 2 ** 20).toFixed(0)} MiB; median of ${rounds}`);
console.log('| contender | median s | lines/s | peak RSS MiB | p95 ms |');
console.log('| --- | ---: | ---: | ---: | ---: |');
const summary = {};
for (const [name, list] of Object.entries(runs)) {
  const s = list.map((r) => r.seconds).sort((a, b) => a - b)[list.length >> 1];
  const rss = Math.max(...list.map((r) => r.rssMb));
  const p95 = name.startsWith('rollgate') ? JSON.parse(list[0].out).thresholds[0].observed : Number(list[0].out);
  summary[name] = { seconds: s, linesPerSecond: lines / s, peakRssMb: rss, p95 };
  console.log(`| ${name} | ${s.toFixed(2)} | ${(lines / s / 1e6).toFixed(2)}M | ${rss.toFixed(0)} | ${Number(p95).toFixed(3)} |`);
}
writeFileSync(join(results, 'load-ingest.json'), `${JSON.stringify({ lines, bytes, rounds, summary }, null, 2)}\n`);
