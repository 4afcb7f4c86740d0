/**
 * HTTP for the providers that talk to a flag service: a timeout per attempt,
 * and retries with backoff where another attempt can help (no answer, 429,
 * 5xx). Anything else is handed back for the caller to judge, since only it
 * knows what a 404 means there.
 */
import { ProviderUnavailableError, type ProviderContext } from './types';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface HttpPolicy {
  timeoutMs: number;
  /** Extra attempts; 0 for a request that must not be repeated blindly. */
  retries: number;
  /** First backoff; doubled per attempt, and a Retry-After up to 30 s is honoured. */
  retryDelayMs?: number;
}

export interface HttpAnswer {
  status: number;
  text: string;
  headers: Headers;
}

const MAX_RETRY_AFTER_MS = 30_000;

/**
 * Sends `request`, retrying as the policy allows. Resolves with any answer that
 * is not 429/5xx; throws ProviderUnavailableError when every attempt failed.
 *
 * @param what names the call in errors, e.g. "webhook https://hooks.example.com/flags"
 */
export async function send(request: HttpRequest, policy: HttpPolicy, ctx: Pick<ProviderContext, 'signal' | 'sleep'>, what: string): Promise<HttpAnswer> {
  const attempts = policy.retries + 1;
  const sleep = ctx.sleep ?? abortableSleep;
  let failure = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const timeout = AbortSignal.timeout(policy.timeoutMs);
    let waitMs = (policy.retryDelayMs ?? 1000) * 2 ** (attempt - 1);
    try {
      const response = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        // A redirected POST becomes a GET in fetch; the caller should see the 3xx instead.
        redirect: 'manual',
        signal: AbortSignal.any([ctx.signal, timeout]),
      });
      const text = await response.text();
      if (response.status !== 429 && response.status < 500) return { status: response.status, text, headers: response.headers };
      failure = `answered ${response.status}${text ? `: ${excerpt(text)}` : ''}`;
      const retryAfter = Number(response.headers.get('retry-after'));
      if (Number.isFinite(retryAfter) && retryAfter > 0) waitMs = Math.min(retryAfter * 1000, MAX_RETRY_AFTER_MS);
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      failure = timeout.aborted ? `gave no answer within ${policy.timeoutMs / 1000}s` : `could not be reached (${networkReason(error)})`;
    }
    if (attempt < attempts) await sleep(waitMs, ctx.signal);
  }
  throw new ProviderUnavailableError(`${what} ${failure}${attempts > 1 ? ` (${attempts} attempts)` : ''}`);
}

/** The first 300 characters of a body, on one line, for error messages. */
export function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return (error as Error).message;
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
