import type { ServerState } from './state';

export interface RecordedRequest {
  method: string;
  /** Pathname only; the query string is split into `query`. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON, the raw text if it was not JSON, or undefined for an empty body. */
  body: unknown;
  /** The status answered (0 only while the request is still being handled). */
  status: number;
}

export interface Fault {
  method?: string;
  /** A string matches the exact pathname. */
  path: RegExp | string;
  status: number;
  /** Objects are sent as JSON, strings as text/html; omitted means GitHub's body for `status`. */
  body?: unknown;
  headers?: Record<string, string>;
  /** How many matching requests get this answer; default 1. */
  times?: number;
}

export interface TokenInfo {
  permissions: 'write' | 'read';
  login?: string;
  canReadOrg?: boolean;
}

export interface RateLimitFaultOptions {
  path: RegExp | string;
  method?: string;
  retryAfterSeconds: number;
  /** Secondary (abuse) limit: retry-after plus GitHub's "secondary rate limit" message. */
  secondary?: boolean;
  /** GitHub answers either; default 403 for both kinds. */
  status?: 403 | 429;
  times?: number;
}

export interface ServerErrorFaultOptions {
  path: RegExp | string;
  method?: string;
  status?: 500 | 502 | 503 | 504;
  times?: number;
}

export interface StartOptions {
  /** 0 or omitted: any free port. */
  port?: number;
  /** Added to (or overriding) the default tokens. */
  tokens?: Record<string, TokenInfo>;
}

export interface GitHubTestServer {
  /** e.g. http://127.0.0.1:PORT: use as GITHUB_API_URL or Octokit's baseUrl. */
  url: string;
  /** Every request, in arrival order, with the status it was answered. */
  requests: RecordedRequest[];
  /** In-memory data, inspectable and seedable by tests. */
  state: ServerState;
  /** Queue a fault: the next `times` matching requests get this answer instead of the real one. */
  fail(fault: Fault): void;
  rateLimit(opts: RateLimitFaultOptions): void;
  serverError(opts: ServerErrorFaultOptions): void;
  /** Empties state, requests, queued faults and rate-limit counters; tokens stay. */
  reset(): void;
  close(): Promise<void>;
}
