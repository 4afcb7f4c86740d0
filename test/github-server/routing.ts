import type { IncomingHttpHeaders } from 'node:http';
import type { RepoRecord } from './records';
import type { Urls } from './shapes/urls';
import type { ServerState } from './state';

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** The authenticated side of a request, resolved from its token. */
export interface Caller {
  token: string;
  login: string;
  permissions: 'write' | 'read';
  canReadOrg: boolean;
}

export interface RequestContext {
  method: Method;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: unknown;
  params: Record<string, string>;
  caller: Caller;
  state: ServerState;
  urls: Urls;
  /** documentation_url for this operation, which GitHub echoes in every error body. */
  docs: string;
  /** Set for routes with scope 'repo': the server has already answered 404 for unknown repositories. */
  repo: RepoRecord | undefined;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Non-JSON payloads, e.g. the raw media type of the contents API. */
  raw?: { bytes: Buffer; contentType: string; mediaType: string };
}

export interface Route {
  method: Method;
  /** GitHub's path with `:name` segments; a final `*name` swallows the rest (contents paths). */
  pattern: string;
  docs: string;
  /** Value of x-accepted-github-permissions, e.g. "checks=write". */
  permission: string;
  /** 'repo' routes 404 on unseeded repositories; 'org' routes need canReadOrg. */
  scope?: 'repo' | 'org';
  handle(ctx: RequestContext): Reply;
}

/** GitHub answers 404, not 400, when an id segment is not a number. */
const NUMERIC_PARAMS = new Set(['check_run_id', 'comment_id', 'issue_number', 'pull_number', 'deployment_id']);

export function matchRoute(
  routes: readonly Route[],
  method: string,
  pathname: string,
): { route: Route; params: Record<string, string> } | undefined {
  const segments = pathname.split('/').slice(1);
  for (const route of routes) {
    if (route.method !== method) continue;
    const params = matchPattern(route.pattern, segments);
    if (params) return { route, params };
  }
  return undefined;
}

function matchPattern(pattern: string, segments: string[]): Record<string, string> | undefined {
  const parts = pattern.split('/').slice(1);
  const params: Record<string, string> = {};
  for (const [index, part] of parts.entries()) {
    if (part.startsWith('*')) {
      const rest = segments.slice(index).map(decode);
      if (rest.some((segment) => segment === undefined)) return undefined;
      params[part.slice(1)] = rest.join('/');
      return params;
    }
    const segment = segments[index];
    if (segment === undefined) return undefined;
    if (part.startsWith(':')) {
      const value = decode(segment);
      const name = part.slice(1);
      if (value === undefined || value === '') return undefined;
      if (NUMERIC_PARAMS.has(name) && !/^\d+$/.test(value)) return undefined;
      params[name] = value;
    } else if (part !== segment) {
      return undefined;
    }
  }
  return parts.length === segments.length ? params : undefined;
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

export const json = (status: number, body: unknown, headers?: Record<string, string>): Reply =>
  headers ? { status, body, headers } : { status, body };

export const noContent = (): Reply => ({ status: 204 });

/** For handlers of 'repo' routes: the repository the server already looked up. */
export function repoOf(ctx: RequestContext): RepoRecord {
  if (!ctx.repo) throw new Error(`github-server: route ${ctx.method} ${ctx.path} was not declared with scope 'repo'`);
  return ctx.repo;
}

export function intParam(ctx: RequestContext, name: string): number {
  return Number(ctx.params[name]);
}
