/**
 * One GET with a timeout and retries, shared by the HTTP gate readers. A
 * metrics backend that is briefly down must not decide a rollout: timeouts,
 * network errors, 5xx and 429 are retried with backoff, and when they
 * persist the caller gets a reason in words instead of an exception, so the
 * plan's noData rule decides. Cancelling the run (ctx.signal) stops at once.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../../../context';

export interface FetchPolicy {
  timeoutMs: number;
  /** Attempts after the first. */
  retries: number;
  /** The first backoff; it doubles on every retry. */
  retryBaseMs: number;
  headers?: Record<string, string>;
  /** A Retry-After longer than this gives up at once: a tick should not sleep for minutes. */
  maxRetryAfterMs?: number;
}

export interface FetchedResponse {
  status: number;
  statusText: string;
  contentType: string | null;
  body: string;
}

export type FetchOutcome =
  /** Any status the retries cannot change: 2xx, and 4xx but 429. */
  | { kind: 'answered'; response: FetchedResponse; attempts: number }
  /** Retries exhausted (or a Retry-After too long); `last` is the final 5xx/429, if there was one. */
  | { kind: 'gave-up'; reason: string; attempts: number; last?: FetchedResponse };

const DEFAULT_MAX_RETRY_AFTER_MS = 60_000;

export async function fetchWithRetries(url: string, policy: FetchPolicy, signal: AbortSignal, log: Logger, label: string): Promise<FetchOutcome> {
  const attempts = policy.retries + 1;
  const maxRetryAfterMs = policy.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
  for (let attempt = 1; ; attempt++) {
    const result = await attemptOnce(url, policy, signal);
    const last = 'response' in result ? result.response : undefined;
    if (last && last.status !== 429 && last.status < 500) return { kind: 'answered', response: last, attempts: attempt };
    const what = last ? `answered ${statusLine(last)}` : (result as { failure: string }).failure;
    const tried = `${attempt} attempt${attempt === 1 ? '' : 's'}`;
    const gaveUp = (reason: string): FetchOutcome => ({ kind: 'gave-up', reason, attempts: attempt, ...(last ? { last } : {}) });
    if (attempt >= attempts) return gaveUp(`${what} (${tried})`);
    const retryAfterMs = 'retryAfter' in result ? parseRetryAfter(result.retryAfter) : undefined;
    if (retryAfterMs !== undefined && retryAfterMs > maxRetryAfterMs) {
      return gaveUp(`${what} with Retry-After ${Math.ceil(retryAfterMs / 1000)} s, longer than the ${maxRetryAfterMs / 1000} s a tick waits (${tried})`);
    }
    const delayMs = retryAfterMs ?? policy.retryBaseMs * 2 ** (attempt - 1);
    log.debug(`${label}: ${what}; retrying in ${delayMs} ms (attempt ${attempt + 1} of ${attempts})`);
    await pause(delayMs, signal);
  }
}

type Attempt = { response: FetchedResponse; retryAfter: string | null } | { failure: string };

async function attemptOnce(url: string, policy: FetchPolicy, signal: AbortSignal): Promise<Attempt> {
  signal.throwIfAborted();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), policy.timeoutMs);
  const cancel = (): void => controller.abort();
  signal.addEventListener('abort', cancel, { once: true });
  try {
    const response = await fetch(url, { headers: { accept: 'application/json', ...policy.headers }, signal: controller.signal });
    // The body counts against the same timeout: a server that sends headers and then stalls is as dead as one that never answers.
    const body = await response.text();
    return {
      response: { status: response.status, statusText: response.statusText, contentType: response.headers.get('content-type'), body },
      retryAfter: response.headers.get('retry-after'),
    };
  } catch (error) {
    signal.throwIfAborted();
    if (controller.signal.aborted) return { failure: `no answer within ${formatMs(policy.timeoutMs)}` };
    return { failure: describeNetworkError(error) };
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', cancel);
  }
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed (temporary)',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_SOCKET: 'the connection closed unexpectedly',
};

/** fetch says "fetch failed" and keeps the reason in `cause`. */
function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  if (code && NETWORK_CODES[code]) return `${NETWORK_CODES[code]} (${code})`;
  if (typeof cause?.message === 'string' && cause.message) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

/** "503 Service Unavailable", or "503" when the server sent no reason phrase (HTTP/2 never does). */
export function statusLine(response: Pick<FetchedResponse, 'status' | 'statusText'>): string {
  return response.statusText ? `${response.status} ${response.statusText}` : String(response.status);
}

/** Retry-After in seconds or as an HTTP date (RFC 9110 §10.2.3); undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined, now: number = Date.now()): number | undefined {
  if (header === null || header === undefined || header.trim() === '') return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

async function pause(ms: number, signal: AbortSignal): Promise<void> {
  try {
    await sleep(ms, undefined, { signal });
  } catch (error) {
    signal.throwIfAborted();
    throw error;
  }
}


function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
