/**
 * The soak leak check end to end: `rollgate load run` samples a real
 * process's memory (by pid, and from a /metrics URL) while it loads it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli';
import { tempProject } from '../../helpers/workspace';


const PLAN = 'phases:\n  - { name: warm-up, duration: 1s, rate: 20 }\n  - { name: sustained, duration: 4s, rate: 40 }\nendpoints:\n  - { name: home, path: / }\n';

const children: ChildProcess[] = [];
const servers: Server[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) child.kill();
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A server in its own process that keeps 512 KB of every request it answers: a leak of about 20 MB/s at 40 rps. */
async function leakyServer(): Promise<{ pid: number; url: string }> {
  const source = `
    const kept = [];
    const server = require('node:http').createServer((req, res) => {
      kept.push(Buffer.alloc(512 * 1024, 1));
      res.end('ok');
    });
    server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
  `;
  const child = spawn(process.execPath, ['-e', source], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  const port = await new Promise<string>((resolve) => child.stdout!.once('data', (chunk: Buffer) => resolve(chunk.toString().trim())));
  return { pid: child.pid!, url: `http://127.0.0.1:${port}` };
}

describe('rollgate load run with the leak check', () => {
  it('finds a leaking process by pid, fitting the sustained phase only, and fails with a finding', async () => {
    const server = await leakyServer();
    const dir = tempProject({ 'plan.yml': PLAN, '.rollgate/load.yml': 'thresholds:\n  http_req_failed: ["rate<0.01"]\nleak:\n  every: 200ms\n  phase: sustained\n' });
    const run = await cli(['load', 'run', '--target', server.url, '--plan', 'plan.yml', '--memory-pid', String(server.pid), '--json'], { cwd: dir });
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(result.leak).toMatchObject({ source: `RSS of pid ${server.pid}`, verdict: 'leak', limit: 0.1 });
    expect(result.leak.samples).toBeGreaterThanOrEqual(10);
    expect(result.leak.taken).toBeGreaterThan(result.leak.samples);
    expect(result.leak.growthPerHour).toBeGreaterThan(10);
    expect(result.thresholds.find((t: { metric: string }) => t.metric === 'memory')).toMatchObject({ key: `leak{RSS of pid ${server.pid}}`, expression: 'growth<=10%/h', ok: false, status: 'fail' });
    expect(result.thresholds.find((t: { metric: string }) => t.metric === 'http_req_failed')).toMatchObject({ ok: true });

    const text = await cli(['load', 'run', '--target', server.url, '--plan', 'plan.yml', '--memory-pid', String(server.pid)], { cwd: dir });
    expect(text.stdout).toMatch(/Leak: memory grew [\d.,]+%\/h \(95% CI/);
  });

  it('reads the gauge from a /metrics URL: flat memory with noise passes', async () => {
    let scrapes = 0;
    const server = createServer((req, res) => {
      req.resume();
      if (req.url === '/metrics') {
        scrapes++;
        const wobble = ((scrapes * 7919) % 5) - 2;
        res.setHeader('content-type', 'text/plain; version=0.0.4');
        res.end(`# HELP process_resident_memory_bytes Resident memory size in bytes.\n# TYPE process_resident_memory_bytes gauge\nprocess_resident_memory_bytes ${100e6 + wobble * 1e5}\n`);
      } else res.end('ok');
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const dir = tempProject({ 'plan.yml': PLAN, '.rollgate/load.yml': `thresholds:\n  http_req_failed: ["rate<0.01"]\nleak:\n  url: ${base}/metrics\n  every: 200ms\n` });
    const run = await cli(['load', 'run', '--target', base, '--plan', 'plan.yml', '--json'], { cwd: dir });
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout);
    expect(result.leak).toMatchObject({ source: `process_resident_memory_bytes at ${base}/metrics`, verdict: 'ok' });
    expect(result.leak.samples).toBeGreaterThanOrEqual(15);
    expect(run.code).toBe(0);
  });

  it('exits 2 when the leak check has nothing to sample, or is given both a url and a pid', async () => {
    const dir = tempProject({ 'plan.yml': PLAN, '.rollgate/load.yml': 'thresholds:\n  http_req_failed: ["rate<0.01"]\nleak:\n  every: 1s\n' });
    const none = await cli(['load', 'run', '--target', 'http://127.0.0.1:9', '--plan', 'plan.yml'], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toBe('rollgate: the leak check needs something to sample: set leak.url (a /metrics endpoint) or leak.pid in .rollgate/load.yml, or pass --memory-url / --memory-pid\n');
    const both = await cli(['load', 'run', '--target', 'http://127.0.0.1:9', '--plan', 'plan.yml', '--memory-pid', '1', '--memory-url', 'http://127.0.0.1:9/metrics'], { cwd: dir });
    expect(both.code).toBe(2);
    const badEvery = tempProject({ '.rollgate/load.yml': 'thresholds:\n  http_req_failed: ["rate<0.01"]\nleak:\n  every: soon\n' });
    const bad = await cli(['load', 'run', '--target', 'http://127.0.0.1:9'], { cwd: badEvery });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/\.rollgate\/load\.yml:4:\d+: leak\.every: expected a duration from 100ms to 1h, such as 5s or "500ms", found "soon"/);
  });
});
