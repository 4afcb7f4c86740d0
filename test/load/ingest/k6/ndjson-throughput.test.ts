/**
 * Throughput of the k6 NDJSON reader on a generated 2,000,000-line file in
 * k6's layout (13 lines per iteration, as k6 writes them for one request:
 * 9 HTTP metrics, then data_sent, data_received, iteration_duration,
 * iterations). Off by default; run with
 *
 *   K6_NDJSON_BENCH=1 npx vitest run test/load/ingest/k6/ndjson-throughput.test.ts
 *
 * K6_NDJSON_BENCH_LINES changes the line count.
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readK6Ndjson } from '../../../../src/commands/load/ingest/k6';
import { goTime } from './helpers';

const LINES = Number(process.env['K6_NDJSON_BENCH_LINES'] ?? 2_000_000);

async function generate(path: string, lines: number): Promise<number> {
  const out = createWriteStream(path);
  const endpoints = Array.from({ length: 10 }, (_, i) => `https://test-api.k6.io/public/crocodiles/${i}/`);
  const metrics = ['http_reqs', 'http_req_duration', 'http_req_blocked', 'http_req_connecting', 'http_req_tls_handshaking', 'http_req_sending', 'http_req_waiting', 'http_req_receiving', 'http_req_failed'];
  let state = 0x9e3779b9;
  const random = (): number => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x100000000;
  };
  let written = 0;
  let requests = 0;
  let batch = '';
  for (const name of [...metrics, 'data_sent', 'data_received', 'iteration_duration', 'iterations']) {
    batch += `{"type":"Metric","data":{"name":"${name}","type":"trend","contains":"time","thresholds":[],"submetrics":null},"metric":"${name}"}\n`;
    written++;
  }
  const base = Date.UTC(2024, 4, 1, 8);
  while (written < lines) {
    const url = endpoints[requests % endpoints.length]!;
    const failed = random() < 0.02;
    const status = failed ? '500' : '200';
    const time = goTime(base + Math.floor(requests * 1.5), requests % 1000);
    const tags = `{"expected_response":"${failed ? 'false' : 'true'}","group":"","method":"GET","name":"${url}","proto":"HTTP/1.1","scenario":"default","status":"${status}","tls_version":"tls1.3","url":"${url}"}`;
    const duration = (20 + random() * 400).toFixed(6);
    for (const metric of metrics) {
      const value = metric === 'http_reqs' ? '1' : metric === 'http_req_failed' ? (failed ? '1' : '0') : metric === 'http_req_duration' ? duration : (random() * 5).toFixed(6);
      batch += `{"type":"Point","data":{"time":"${time}","value":${value},"tags":${tags}},"metric":"${metric}"}\n`;
    }
    const iterationTags = '{"group":"","scenario":"default"}';
    batch += `{"type":"Point","data":{"time":"${time}","value":118,"tags":${iterationTags}},"metric":"data_sent"}\n`;
    batch += `{"type":"Point","data":{"time":"${time}","value":6324,"tags":${iterationTags}},"metric":"data_received"}\n`;
    batch += `{"type":"Point","data":{"time":"${time}","value":${(Number(duration) + 1.5).toFixed(6)},"tags":${iterationTags}},"metric":"iteration_duration"}\n`;
    batch += `{"type":"Point","data":{"time":"${time}","value":1,"tags":${iterationTags}},"metric":"iterations"}\n`;
    written += metrics.length + 4;
    requests++;
    if (batch.length > 1 << 20) {
      if (!out.write(batch)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      batch = '';
    }
  }
  out.write(batch);
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return written;
}

describe.runIf(process.env['K6_NDJSON_BENCH'])('k6 NDJSON throughput', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rollgate-k6-bench-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`reads ${LINES} lines`, async () => {
    const path = join(dir, 'bench.json');
    const lines = await generate(path, LINES);
    const bytes = statSync(path).size;
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    const started = process.hrtime.bigint();
    const result = await readK6Ndjson(path, 'bench.json');
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const rssAfter = process.memoryUsage().rss;
    const requests = result.series.filter((s) => s.metric === 'http_reqs').reduce((n, s) => n + (s.metric === 'http_reqs' ? s.count : 0), 0);
    console.log(
      `k6 NDJSON: ${lines} lines, ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(2)} s = ${Math.round(lines / seconds).toLocaleString('en')} lines/s, ` +
        `${(bytes / 1e6 / seconds).toFixed(0)} MB/s; ${result.series.length} series; RSS ${(rssBefore / 1e6).toFixed(0)} → ${(rssAfter / 1e6).toFixed(0)} MB`,
    );
    expect(requests).toBe(Math.floor((lines - 13) / 13) + ((lines - 13) % 13 === 0 ? 0 : 1));
    expect(result.notes).toEqual([]);
  }, 600_000);
});
