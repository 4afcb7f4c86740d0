/**
 * Per-token hourly windows, so x-ratelimit-remaining counts down across a test the way it
 * does on GitHub, and a client that ignores it eventually meets the real 403.
 */

export interface RateWindow {
  limit: number;
  remaining: number;
  used: number;
  /** Epoch seconds at which the window starts over. */
  reset: number;
  resource: 'core';
}

/** An installation token's core limit; anonymous callers get 60. */
export const TOKEN_LIMIT = 5000;
export const ANONYMOUS_LIMIT = 60;
export const ANONYMOUS = Symbol('anonymous');

const WINDOW_SECONDS = 3600;

export class RateLimits {
  private readonly windows = new Map<string | typeof ANONYMOUS, { used: number; reset: number }>();

  constructor(private readonly clock: () => Date) {}

  private window(key: string | typeof ANONYMOUS): { used: number; reset: number } {
    const now = Math.floor(this.clock().getTime() / 1000);
    let window = this.windows.get(key);
    if (!window || window.reset <= now) {
      window = { used: 0, reset: now + WINDOW_SECONDS };
      this.windows.set(key, window);
    }
    return window;
  }

  private snapshot(key: string | typeof ANONYMOUS): RateWindow {
    const window = this.window(key);
    const limit = key === ANONYMOUS ? ANONYMOUS_LIMIT : TOKEN_LIMIT;
    return { limit, used: window.used, remaining: Math.max(0, limit - window.used), reset: window.reset, resource: 'core' };
  }

  /** Counts one request; `exhausted` means the window was already spent before it. */
  consume(key: string | typeof ANONYMOUS): { window: RateWindow; exhausted: boolean } {
    const before = this.snapshot(key);
    if (before.remaining === 0) return { window: before, exhausted: true };
    this.window(key).used += 1;
    return { window: this.snapshot(key), exhausted: false };
  }

  peek(key: string | typeof ANONYMOUS): RateWindow {
    return this.snapshot(key);
  }

  clear(): void {
    this.windows.clear();
  }
}

export function rateHeaders(window: RateWindow): Record<string, string> {
  return {
    'x-ratelimit-limit': String(window.limit),
    'x-ratelimit-remaining': String(window.remaining),
    'x-ratelimit-reset': String(window.reset),
    'x-ratelimit-used': String(window.used),
    'x-ratelimit-resource': window.resource,
  };
}

/** GET /rate_limit: every bucket GitHub lists, with core carrying the live counts. */
export function rateLimitOverview(core: RateWindow) {
  const bucket = (limit: number, resource: string) => ({ limit, used: 0, remaining: limit, reset: core.reset, resource });
  const coreBody = { limit: core.limit, used: core.used, remaining: core.remaining, reset: core.reset, resource: 'core' };
  return {
    resources: {
      core: coreBody,
      search: bucket(30, 'search'),
      graphql: bucket(5000, 'graphql'),
      integration_manifest: bucket(5000, 'integration_manifest'),
      source_import: bucket(100, 'source_import'),
      code_scanning_upload: bucket(1000, 'code_scanning_upload'),
      actions_runner_registration: bucket(10000, 'actions_runner_registration'),
      scim: bucket(15000, 'scim'),
      dependency_snapshots: bucket(100, 'dependency_snapshots'),
      code_search: bucket(10, 'code_search'),
    },
    rate: coreBody,
  };
}
