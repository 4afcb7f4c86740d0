import { STATUS_CODES } from 'node:http';
import { DOCS_ROOT, errorBody } from './errors';
import { TOKEN_LIMIT } from './rate-limit';
import type { Fault, RateLimitFaultOptions, ServerErrorFaultOptions } from './types';

export interface FaultReply {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

interface QueuedFault {
  method: string | undefined;
  path: RegExp | string;
  remaining: number;
  /** Built when answered, so reset times count from the moment the client sees them. */
  reply: () => FaultReply;
}

const DEFAULT_MESSAGES: Record<number, string> = {
  401: 'Bad credentials',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  422: 'Validation Failed',
  500: 'Server Error',
  503: 'Service Unavailable',
};

/** The body GitHub sends for a bare status when the test did not say. */
export function defaultFaultBody(status: number): unknown {
  if (status === 502 || status === 504) {
    // Gateway errors come from the edge proxy, not the API, and are HTML rather than JSON.
    const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
    return `<html><head><title>${title}</title></head><body><h1>${title}</h1><p>The API did not answer in time. Please try again.</p></body></html>\n`;
  }
  return errorBody(status, DEFAULT_MESSAGES[status] ?? STATUS_CODES[status] ?? 'Error', DOCS_ROOT);
}

export class FaultQueue {
  private readonly queue: QueuedFault[] = [];

  add(fault: Fault): void {
    const times = fault.times ?? 1;
    this.queue.push({
      method: fault.method?.toUpperCase(),
      path: fault.path,
      remaining: times,
      reply: () => ({
        status: fault.status,
        body: fault.body === undefined ? defaultFaultBody(fault.status) : fault.body,
        headers: { ...fault.headers },
      }),
    });
  }

  addRateLimit(opts: RateLimitFaultOptions, clock: () => Date): void {
    const status = opts.status ?? 403;
    this.queue.push({
      method: opts.method?.toUpperCase(),
      path: opts.path,
      remaining: opts.times ?? 1,
      reply: () => (opts.secondary ? secondaryLimit(status, opts.retryAfterSeconds) : primaryLimit(status, opts.retryAfterSeconds, clock)),
    });
  }

  addServerError(opts: ServerErrorFaultOptions): void {
    const status = opts.status ?? 502;
    this.add({ status, path: opts.path, times: opts.times ?? 1, ...(opts.method ? { method: opts.method } : {}) });
  }

  /** The answer for this request if a queued fault matches, consuming one of its uses. */
  take(method: string, pathname: string): FaultReply | undefined {
    const index = this.queue.findIndex((fault) => matches(fault, method, pathname));
    const fault = this.queue[index];
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.queue.splice(index, 1);
    return fault.reply();
  }

  clear(): void {
    this.queue.length = 0;
  }
}

function matches(fault: QueuedFault, method: string, pathname: string): boolean {
  if (fault.method !== undefined && fault.method !== method.toUpperCase()) return false;
  if (typeof fault.path === 'string') return fault.path === pathname;
  fault.path.lastIndex = 0;
  return fault.path.test(pathname);
}

/** Primary limit: the hourly budget is spent; clients wait for x-ratelimit-reset. */
function primaryLimit(status: number, retryAfterSeconds: number, clock: () => Date): FaultReply {
  const reset = Math.ceil(clock().getTime() / 1000) + retryAfterSeconds;
  return {
    status,
    body: errorBody(
      status,
      'API rate limit exceeded for installation. If you reach out to GitHub Support for help, please include the request ID and timestamp.',
      'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api',
    ),
    headers: {
      'x-ratelimit-limit': String(TOKEN_LIMIT),
      'x-ratelimit-remaining': '0',
      'x-ratelimit-used': String(TOKEN_LIMIT),
      'x-ratelimit-reset': String(reset),
    },
  };
}

/** Secondary limit: too much too fast; clients wait retry-after seconds. */
function secondaryLimit(status: number, retryAfterSeconds: number): FaultReply {
  return {
    status,
    body: errorBody(
      status,
      'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.',
      'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits',
    ),
    headers: { 'retry-after': String(retryAfterSeconds) },
  };
}
