/**
 * A real Prometheus (the Debian package's binary, see .ci/servers/prometheus.sh)
 * scraping a small service that exports prom-client metrics with steady,
 * known traffic, so queries over it have exact answers:
 *
 * - flag="on": every 100 ms, 19 requests answer 200 and 1 answers 500 (error
 *   rate 0.05); their durations are 9 × 70 ms and 1 × 300 ms (median 0.0777…
 *   and p95 0.375 by histogram_quantile's linear interpolation).
 * - flag="off": 6 × 200 and 1 × 500 once at start, then nothing, so any
 *   rate() over it is 0 and a ratio of rates is 0/0.
 *
 * Every counter grows in proportion within one scrape, so ratios of rates
 * are exact whatever rate()'s extrapolation does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { Counter, Histogram, Registry } from 'prom-client';

export const WINDOW = '5s';

/** The prometheus binary on PATH, or undefined. */
export function findPrometheus(path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, 'prometheus');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

export interface PrometheusStack {
  /** Prometheus's base URL, as a gate's prometheus.url. */
  url: string;
  /** The scraped service's /metrics URL. */
  metricsUrl: string;
  requests: Counter<'code' | 'flag'>;
  durations: Histogram<'flag'>;
  stop(): Promise<void>;
}

export async function startPrometheusStack(binary: string): Promise<PrometheusStack> {
  const dir = mkdtempSync(join(tmpdir(), 'rollgate-prometheus-'));
  const cleanups: (() => Promise<void> | void)[] = [() => rmSync(dir, { recursive: true, force: true })];
  const stop = async (): Promise<void> => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  try {
    const service = await startService();
    cleanups.push(service.stop);
    const port = await freePort();
    writeFileSync(
      join(dir, 'prometheus.yml'),
      `global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n  evaluation_interval: 1s\nscrape_configs:\n  - job_name: app\n    static_configs:\n      - targets: ['127.0.0.1:${service.port}']\n`,
    );
    const child = spawn(
      binary,
      [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    cleanups.push(() => stopChild(child));
    const url = `http://127.0.0.1:${port}`;
    const exited = new Promise<never>((_, reject) => child.once('exit', (code, signal) => reject(new Error(`prometheus exited (${code ?? signal}) before it had data:\n${stderr}`))));
    exited.catch(() => {});
    // Prometheus hands its first targets to the scraper about 5 s after start, and
    // rate() needs two scrapes after that: wait for a rate, not just for /-/ready.
    await Promise.race([exited, waitFor(() => hasRate(url), 30_000, () => `Prometheus at ${url} had no rate() data within 30 s:\n${stderr}`)]);
    return { url, metricsUrl: `http://127.0.0.1:${service.port}/metrics`, requests: service.requests, durations: service.durations, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function hasRate(url: string): Promise<boolean> {
  try {
    const query = encodeURIComponent(`sum(rate(http_requests_total{flag="on"}[${WINDOW}]))`);
    const response = await fetch(`${url}/api/v1/query?query=${query}`);
    if (!response.ok) return false;
    const body = (await response.json()) as { data?: { result?: { value?: [number, string] }[] } };
    return Number(body.data?.result?.[0]?.value?.[1] ?? 0) > 0;
  } catch {
    return false;
  }
}

async function startService(): Promise<{ port: number; requests: Counter<'code' | 'flag'>; durations: Histogram<'flag'>; stop: () => Promise<void> }> {
  const registry = new Registry();
  const requests = new Counter({ name: 'http_requests_total', help: 'Requests answered, by status code and flag variant.', labelNames: ['code', 'flag'] as const, registers: [registry] });
  const durations = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Request durations, by flag variant.',
    labelNames: ['flag'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1],
    registers: [registry],
  });
  requests.inc({ code: '200', flag: 'off' }, 6);
  requests.inc({ code: '500', flag: 'off' }, 1);
  const tick = (): void => {
    requests.inc({ code: '200', flag: 'on' }, 19);
    requests.inc({ code: '500', flag: 'on' }, 1);
    for (let i = 0; i < 9; i++) durations.observe({ flag: 'on' }, 0.07);
    durations.observe({ flag: 'on' }, 0.3);
  };
  tick();
  const traffic = setInterval(tick, 100);
  const server: Server = createServer((req, res) => {
    req.resume();
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (error: Error) => res.writeHead(500).end(error.message),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    durations,
    stop: async () => {
      clearInterval(traffic);
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A port nothing listens on right now (the OS picks it; closed again at once). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function waitFor(ready: () => Promise<boolean>, timeoutMs: number, describe: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(describe());
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
