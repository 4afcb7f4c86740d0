/**
 * Shared bits for the k6 ingest suites: UserError assertions, temp files, and
 * a generator of k6 --out json lines in k6's own layout.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';
import { UserError } from '../../../../src/errors';

/** Requires a UserError whose message matches, at the given file (and line), and returns it. */
export function expectUserError(error: unknown, message: RegExp, where: { file: string; line?: number }): UserError {
  expect(error, 'expected a UserError').toBeInstanceOf(UserError);
  const userError = error as UserError;
  expect(userError.message).toMatch(message);
  expect(userError.location?.file).toBe(where.file);
  if (where.line !== undefined) expect(userError.location?.line).toBe(where.line);
  return userError;
}

export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

export async function rejected(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

/** A temp directory for this suite, removed after it. */
export function tempDir(prefix: string): (name: string, content: string | Uint8Array) => string {
  const dir = mkdtempSync(join(tmpdir(), `rollgate-${prefix}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return (name, content) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
}

/** Go's encoding/json escapes <, > and & (k6's output does too). */
export function goJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
}

/** Go's RFC3339Nano in a fixed +02:00 zone: trailing fraction zeros trimmed, as k6 writes times. */
export function goTime(epochMs: number, micros = 0): string {
  const local = new Date(epochMs + 2 * 3600_000);
  const base = local.toISOString().slice(0, 19);
  const fraction = `${String(local.getUTCMilliseconds()).padStart(3, '0')}${String(micros).padStart(3, '0')}`.replace(/0+$/, '');
  return `${base}${fraction ? `.${fraction}` : ''}+02:00`;
}

export interface K6Request {
  name: string;
  method?: string;
  status?: string;
  scenario?: string;
  phase?: string;
  url?: string;
  /** Milliseconds. */
  duration: number;
  failed?: boolean;
  epochMs: number;
}

/** k6 writes a map's keys sorted (Go), so tags are built in key order. */
function sortedObject(entries: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(entries).sort()) if (entries[key] !== undefined) out[key] = entries[key]!;
  return out;
}

const TYPES: Record<string, [string, string]> = {
  http_reqs: ['counter', 'default'],
  http_req_duration: ['trend', 'time'],
  http_req_blocked: ['trend', 'time'],
  http_req_waiting: ['trend', 'time'],
  http_req_failed: ['rate', 'default'],
  data_received: ['counter', 'data'],
  vus: ['gauge', 'default'],
  dropped_iterations: ['counter', 'default'],
};

/**
 * The lines k6 writes for these requests: a Metric line before each metric's
 * first point, then per request http_reqs, http_req_duration, two timing
 * metrics we do not read, http_req_failed and data_received, with k6's tags.
 */
export function k6Lines(requests: readonly K6Request[], extra: { vusEvery?: number } = {}): string[] {
  const lines: string[] = [];
  const declared = new Set<string>();
  const point = (metric: string, epochMs: number, value: number, tags: Record<string, string>, micros = 0): void => {
    if (!declared.has(metric)) {
      declared.add(metric);
      const [type, contains] = TYPES[metric] ?? ['counter', 'default'];
      lines.push(goJson({ type: 'Metric', data: { name: metric, type, contains, thresholds: [], submetrics: null }, metric }));
    }
    lines.push(goJson({ type: 'Point', data: { time: goTime(epochMs, micros), value, tags }, metric }));
  };
  requests.forEach((request, i) => {
    if (extra.vusEvery && i % extra.vusEvery === 0) point('vus', request.epochMs, 10, {});
    const url = request.url ?? request.name;
    const tags = sortedObject({
      expected_response: request.failed ? 'false' : 'true',
      group: '',
      method: request.method,
      name: request.name,
      proto: 'HTTP/1.1',
      scenario: request.scenario,
      status: request.status,
      tls_version: '',
      url,
      phase: request.phase,
    });
    const micros = (i * 7) % 1000;
    point('http_reqs', request.epochMs, 1, tags, micros);
    point('http_req_duration', request.epochMs, request.duration, tags, micros);
    point('http_req_blocked', request.epochMs, 0.004512, tags, micros);
    point('http_req_waiting', request.epochMs, request.duration * 0.9, tags, micros);
    point('http_req_failed', request.epochMs, request.failed ? 1 : 0, tags, micros);
    point('data_received', request.epochMs, 1234, { group: '', scenario: request.scenario ?? 'default' }, micros);
  });
  return lines;
}

/** Rewrites a k6 line with its keys in another order, so the reader must take its JSON.parse path. */
export function reordered(line: string): string {
  const value = JSON.parse(line) as { type: string; data: Record<string, unknown>; metric: string };
  const data = Object.fromEntries(Object.entries(value.data).reverse());
  return JSON.stringify({ metric: value.metric, data, type: value.type });
}
