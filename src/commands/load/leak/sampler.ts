/**
 * Samples a process's memory while the load runs (the edge: HTTP and /proc).
 * Either a Prometheus-format /metrics URL and a gauge in it (default
 * process_resident_memory_bytes, which every official client library
 * exports), or a process id, whose resident set size comes from
 * /proc/PID/status on Linux and from `ps` elsewhere (macOS runners).
 *
 * A failed reading is counted, never fatal: the run matters more than one
 * scrape. The first failure's message is kept for the report.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { request } from 'undici';
import type { MemorySample } from './trend';
import { readMetric, type MetricSelector } from './prometheus-text';

export type MemorySource = { url: URL; selector: MetricSelector; metric: string } | { pid: number };

export function describeSource(source: MemorySource): string {
  return 'pid' in source ? `RSS of pid ${source.pid}` : `${source.metric} at ${source.url.href}`;
}

const run = promisify(execFile);

/** One reading in bytes; throws an Error whose message says what went wrong. */
export async function readMemory(source: MemorySource, timeoutMs = 2000): Promise<number> {
  if ('pid' in source) return readRss(source.pid);
  const response = await request(source.url, { headersTimeout: timeoutMs, bodyTimeout: timeoutMs, headers: { accept: 'text/plain' } });
  const body = await response.body.text();
  if (response.statusCode !== 200) throw new Error(`${source.url.href} answered ${response.statusCode}`);
  const found = readMetric(body, source.selector);
  if (!found) throw new Error(`${source.url.href} has no ${source.metric} sample`);
  return found.value;
}

async function readRss(pid: number): Promise<number> {
  if (process.platform === 'linux') {
    let status: string;
    try {
      status = await readFile(`/proc/${pid}/status`, 'utf8');
    } catch {
      throw new Error(`no process with pid ${pid}`);
    }
    const kb = /^VmRSS:\s*(\d+)\s*kB/m.exec(status);
    if (!kb) throw new Error(`/proc/${pid}/status has no VmRSS line (a kernel thread or a zombie?)`);
    return Number(kb[1]) * 1024;
  }
  try {
    const { stdout } = await run('ps', ['-o', 'rss=', '-p', String(pid)]);
    const kb = Number(stdout.trim());
    if (!Number.isFinite(kb) || stdout.trim() === '') throw new Error('empty');
    return kb * 1024;
  } catch {
    throw new Error(`no process with pid ${pid}`);
  }
}

export interface Sampling {
  stop(): Promise<{ samples: MemorySample[]; failures: number; firstFailure?: string }>;
}

/**
 * Reads now and then every `everyMs` until stop(); `phaseAt(seconds)` names
 * the phase each reading falls in. Readings never overlap: a slow scrape
 * delays the next one rather than piling up.
 */
export function startSampling(source: MemorySource, everyMs: number, phaseAt: (seconds: number) => string, clock: () => number = () => performance.now()): Sampling {
  const start = clock();
  const samples: MemorySample[] = [];
  let failures = 0;
  let firstFailure: string | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();

  const sample = async (): Promise<void> => {
    const at = (clock() - start) / 1000;
    try {
      const bytes = await readMemory(source, Math.min(2000, everyMs));
      samples.push({ at, bytes, phase: phaseAt(at) });
    } catch (error) {
      failures++;
      firstFailure ??= error instanceof Error ? error.message : String(error);
    }
  };
  const loop = (): void => {
    if (stopped) return;
    const began = clock();
    inFlight = sample().then(() => {
      if (stopped) return;
      timer = setTimeout(loop, Math.max(0, everyMs - (clock() - began)));
      // The load, not the sampler, decides when the process may exit.
      timer.unref();
    });
  };
  loop();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await inFlight;
      return { samples, failures, ...(firstFailure !== undefined ? { firstFailure } : {}) };
    },
  };
}
