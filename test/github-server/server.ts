import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ApiError,
  badCredentials,
  DOCS_ROOT,
  errorBody,
  notAccessibleByIntegration,
  notFound,
  problemsParsingJson,
} from './errors';
import { FaultQueue, type FaultReply } from './faults';
import { requestId } from './ids';
import { ANONYMOUS, RateLimits, rateHeaders, rateLimitOverview, type RateWindow } from './rate-limit';
import { allRoutes } from './routes';
import { matchRoute, type Caller, type Method, type Reply, type RequestContext, type Route } from './routing';
import { Urls } from './shapes/urls';
import { ServerState } from './state';
import type { GitHubTestServer, RecordedRequest, StartOptions, TokenInfo } from './types';

/** The tokens every server knows; `options.tokens` adds to or overrides them. */
export const DEFAULT_TOKENS: Readonly<Record<string, TokenInfo>> = {
  'test-write-token': { permissions: 'write', login: 'rollgate-bot[bot]' },
  // What a pull request from a fork gets: GITHUB_TOKEN with read-only permissions.
  'test-fork-token': { permissions: 'read', login: 'github-actions[bot]' },
  'test-org-token': { permissions: 'write', login: 'rollgate-org-bot[bot]', canReadOrg: true },
};

const METHODS: ReadonlySet<string> = new Set<Method>(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']);
const JSON_MEDIA = { contentType: 'application/json; charset=utf-8', mediaType: 'github.v3; format=json' };

interface Outcome {
  reply: Reply;
  route?: Route | undefined;
  window: RateWindow;
}

export async function startGitHubServer(options: StartOptions = {}): Promise<GitHubTestServer> {
  const tokens: Record<string, TokenInfo> = { ...DEFAULT_TOKENS, ...options.tokens };
  const state = new ServerState();
  const requests: RecordedRequest[] = [];
  const faults = new FaultQueue();
  const limits = new RateLimits(() => state.clock());
  const routes = allRoutes((ctx) => rateLimitOverview(limits.peek(ctx.caller.token)));
  let urls = new Urls('http://127.0.0.1');

  function authenticate(header: string | undefined): Caller | undefined {
    const match = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(header ?? '');
    const token = match?.[1];
    const info = token === undefined ? undefined : tokens[token];
    if (token === undefined || !info) return undefined;
    return {
      token,
      login: info.login ?? 'github-actions[bot]',
      permissions: info.permissions,
      canReadOrg: info.canReadOrg ?? false,
    };
  }

  function answer(req: IncomingMessage, record: RecordedRequest, malformedJson: boolean): Outcome {
    const caller = authenticate(req.headers.authorization);
    const rateKey = caller?.token ?? ANONYMOUS;
    const fault = faults.take(record.method, record.path);
    if (fault) return { reply: faultReply(fault), window: limits.peek(rateKey) };
    if (!caller) {
      return { reply: errorReply(badCredentials()), window: limits.consume(ANONYMOUS).window };
    }
    // GitHub does not count GET /rate_limit against the limit it reports.
    const { window, exhausted } = record.path === '/rate_limit' ? { window: limits.peek(rateKey), exhausted: false } : limits.consume(rateKey);
    if (exhausted) {
      const body = errorBody(403, 'API rate limit exceeded for installation.', 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api');
      return { reply: { status: 403, body }, window };
    }
    if (malformedJson) return { reply: errorReply(problemsParsingJson()), window };

    const matched = METHODS.has(record.method) ? matchRoute(routes, record.method, record.path) : undefined;
    if (!matched) return { reply: errorReply(notFound()), window };
    const { route, params } = matched;
    const ctx: RequestContext = {
      method: route.method,
      path: record.path,
      query: record.query,
      headers: req.headers,
      body: record.body,
      params,
      caller,
      state,
      urls,
      docs: route.docs,
      repo: undefined,
    };
    try {
      guard(ctx, route);
      return { reply: route.handle(ctx), route, window };
    } catch (error) {
      if (error instanceof ApiError) return { reply: errorReply(error), route, window };
      console.error(`[github-server] ${record.method} ${record.path} crashed:`, error);
      return { reply: { status: 500, body: errorBody(500, 'Server Error', DOCS_ROOT) }, route, window };
    }
  }

  /** The checks GitHub makes before an endpoint runs: repository visible, token allowed to write or read the org. */
  function guard(ctx: RequestContext, route: Route): void {
    if (route.scope === 'repo') {
      ctx.repo = state.getRepo(ctx.params.owner ?? '', ctx.params.repo ?? '');
      if (!ctx.repo) throw notFound(route.docs);
    }
    const writes = route.method !== 'GET';
    if ((writes && ctx.caller.permissions !== 'write') || (route.scope === 'org' && !ctx.caller.canReadOrg)) {
      throw notAccessibleByIntegration(route.docs, route.permission);
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const parsed = parseBody(Buffer.concat(chunks).toString('utf8'));
    const url = new URL(req.url ?? '/', urls.api);
    const record: RecordedRequest = {
      method: (req.method ?? 'GET').toUpperCase(),
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: { ...req.headers },
      body: parsed.value,
      status: 0,
    };
    requests.push(record);
    const outcome = answer(req, record, parsed.malformed);
    record.status = outcome.reply.status;
    send(res, outcome);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[github-server] request failed:', error);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  urls = new Urls(`http://127.0.0.1:${port}`);

  return {
    url: urls.api,
    requests,
    state,
    fail: (fault) => faults.add(fault),
    rateLimit: (opts) => faults.addRateLimit(opts, () => state.clock()),
    serverError: (opts) => faults.addServerError(opts),
    reset() {
      state.reset();
      requests.length = 0;
      faults.clear();
      limits.clear();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Octokit keeps connections alive; without this close() waits for them to time out.
        server.closeAllConnections();
      }),
  };
}

/** JSON when it parses; otherwise the text itself (recorded as sent), which answer() turns into GitHub's 400. */
function parseBody(raw: string): { value: unknown; malformed: boolean } {
  if (raw === '') return { value: undefined, malformed: false };
  try {
    return { value: JSON.parse(raw) as unknown, malformed: false };
  } catch {
    return { value: raw, malformed: true };
  }
}

function errorReply(error: ApiError): Reply {
  return { status: error.status, body: error.body, headers: error.headers };
}

function faultReply(fault: FaultReply): Reply {
  if (typeof fault.body === 'string') {
    const contentType = fault.headers['content-type'] ?? 'text/html; charset=utf-8';
    return { status: fault.status, headers: fault.headers, raw: { bytes: Buffer.from(fault.body), contentType, mediaType: JSON_MEDIA.mediaType } };
  }
  return { status: fault.status, body: fault.body, headers: fault.headers };
}

function send(res: ServerResponse, { reply, route, window }: Outcome): void {
  const media = reply.raw ?? JSON_MEDIA;
  const payload = reply.raw ? reply.raw.bytes : reply.status === 204 ? Buffer.alloc(0) : Buffer.from(JSON.stringify(reply.body ?? null));
  const headers: Record<string, string> = {
    server: 'github.com',
    'content-type': media.contentType,
    'content-length': String(payload.length),
    'cache-control': reply.status < 300 ? 'private, max-age=60, s-maxage=60' : 'no-cache',
    vary: 'Accept, Authorization, Cookie, X-GitHub-OTP',
    'x-github-media-type': media.mediaType,
    'x-github-api-version-selected': '2022-11-28',
    'x-github-request-id': requestId(),
    ...rateHeaders(window),
    ...(route?.permission ? { 'x-accepted-github-permissions': route.permission } : {}),
    ...reply.headers,
  };
  res.writeHead(reply.status, headers);
  res.end(payload);
}
