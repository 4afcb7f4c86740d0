/**
 * Octokit with retries (5xx) and throttling (429, primary and secondary rate
 * limits). Loaded lazily: a run that talks to no API pays nothing for it.
 */
import type { Octokit } from '@octokit/rest';
import type { Logger } from '../context';

export interface ClientOptions {
  token: string;
  baseUrl: string;
  log: Logger;
  /** Retries for 5xx and rate limits; GitHub recommends backing off, not hammering. */
  maxRetries?: number;
  /** Multiplier for retry delays in ms; tests shrink it. */
  retryBaseMs?: number;
}

export async function createClient(options: ClientOptions): Promise<Octokit> {
  const [{ Octokit: Base }, { retry }, { throttling }] = await Promise.all([
    import('@octokit/rest'),
    import('@octokit/plugin-retry'),
    import('@octokit/plugin-throttling'),
  ]);
  const maxRetries = options.maxRetries ?? 3;
  const baseMs = options.retryBaseMs ?? 1000;
  const Client = Base.plugin(retry, throttling);
  const onLimit = (kind: string) => (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
    const again = retryCount < maxRetries;
    options.log.warn(`GitHub ${kind} on ${request.method} ${request.url}; ${again ? `retrying after ${retryAfter}s` : 'giving up'}`);
    return again;
  };
  return new Client({
    auth: options.token,
    baseUrl: options.baseUrl.replace(/\/$/, ''),
    userAgent: 'rollgate',
    log: { debug: () => {}, info: () => {}, warn: (m: string) => options.log.debug(m), error: (m: string) => options.log.debug(m) },
    retry: { retries: maxRetries, retryAfterBaseValue: baseMs },
    throttle: {
      retryAfterBaseValue: baseMs,
      onRateLimit: onLimit('rate limit'),
      onSecondaryRateLimit: onLimit('secondary rate limit'),
    },
  }) as unknown as Octokit;
}

/** True for the 403/404 a read-only token (fork PRs) gets on write endpoints. */
export function isPermissionError(error: unknown): boolean {
  const status = (error as { status?: number } | null)?.status;
  return status === 403 || status === 404;
}
