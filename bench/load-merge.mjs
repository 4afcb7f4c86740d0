#!/usr/bin/env node
// Merging 16 shard results of `rollgate load run`, each with a full set of HDR
// histograms (5 phases × 4 endpoints × 3 statuses, plus 30 windows), with
// `rollgate load merge`, end to end as a process. Goal: under 1 s.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as hdr from 'hdr-histogram-js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'bench', '.results', 'merge-shards');
const rounds = Number(process.env.ROUNDS ?? 5);
mkdirSync(dir, { recursive: true });

let state = 0x2545f491;
const random = () => { state ^= state << 13; state >>>= 0; state ^= state >>> 17; state ^= state << 5; state >>>= 0; return state / 0x100000000; };
const histogram = (n, scaleMs) => {
  const h = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: 3, bitBucketSize: 'packed', useWebAssembly: false });
  let min = Infinity;
  let max = 0;
  for (let i = 0; i < n; i++) {
    const ms = scaleMs * Math.exp(0.6 * Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random()));
    h.recordValue(Math.max(1, Math.round(ms * 1000)));
    min = Math.min(min, ms);
    max = Math.max(max, ms);
  }
  return { kind: 'histogram', histogram: hdr.encodeIntoCompressedBase64(h), min, max };
};

const files = [];
for (let shard = 1; shard <= 16; shard++) {
  const series = [];
  for (const phase of ['warm-up', 'ramp', 'sustained', 'spike', 'cool-down']) {
    for (const endpoint of ['home', 'items', 'search', 'order']) {
      for (const status of ['200', '429', '500']) {
        const n = status === '200' ? 2000 : 40;
        const tags = { phase, endpoint, method: 'GET', status };
        series.push({ metric: 'http_req_duration', tags, trend: histogram(n, endpoint === 'search' ? 40 : 10) });
        series.push({ metric: 'http_req_failed', tags, failed: status === '500' ? n : 0, total: n });
        series.push({ metric: 'http_reqs', tags, count: n });
      }
    }
    series.push({ metric: 'dropped_requests', tags: { phase }, count: 0 });
  }
  for (let w = 0; w < 30; w++) series.push({ metric: 'http_req_duration', tags: { window: new Date(Date.UTC(2026, 10, 29, 12, 0, w * 10)).toISOString() }, exactOnly: true, trend: histogram(1500, 12) });
  const file = join(dir, `shard-${String(shard).padStart(2, '0')}.json`);
  writeFileSync(file, `${JSON.stringify({ rollgate: 1, durationSeconds: 300, series, notes: [] })}\n`);
  files.push(file);
}

const times = [];
for (let round = 0; round < rounds; round++) {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), 'load', 'merge', ...files, '--out', join(dir, 'merged.json'), '--json'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  times.push(Number(process.hrtime.bigint() - started) / 1e9);
}
const node = [];
for (let round = 0; round < rounds; round++) {
  const started = process.hrtime.bigint();
  spawnSync(process.execPath, ['-e', '0']);
  node.push(Number(process.hrtime.bigint() - started) / 1e9);
}
const median = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];
const series = JSON.parse(spawnSync(process.execPath, ['-e', `console.log(require(${JSON.stringify(join(dir, 'merged.json'))}).series.length)`], { encoding: 'utf8' }).stdout);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}, node ${process.version}; 16 shards × ${5 * 4 * 3 * 3 + 5 + 30} series → ${series} merged series; median of ${rounds}`);
console.log(`rollgate load merge: ${median(times).toFixed(3)} s (node -e 0: ${median(node).toFixed(3)} s)`);
writeFileSync(join(root, 'bench', '.results', 'load-merge.json'), `${JSON.stringify({ seconds: median(times), nodeSeconds: median(node), rounds }, null, 2)}\n`);
