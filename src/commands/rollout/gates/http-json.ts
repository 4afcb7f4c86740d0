/**
 * A number from a URL answering JSON (a health endpoint, a metrics API). A
 * wrong URL or a missing credential is the plan's mistake (UserError); an
 * endpoint that is down, slow or rate-limiting after the retries is no data.
 */
import { UserError } from '../../../errors';
import { fetchWithRetries, statusLine } from './http-fetch';
import { numberAt, requireJsonPath } from './json-path';
import { findJsonSyntaxError } from './json-syntax';
import { ENV_REFERENCE, type HttpSource } from './schema';
import type { GateReadContext, GateReading } from './types';

export const HTTP_DEFAULTS = { timeoutMs: 10_000, retries: 2 } as const;

export async function readHttpJson(gateName: string, source: HttpSource, ctx: GateReadContext): Promise<GateReading> {
  const gate = `gate "${gateName}"`;
  const segments = requireJsonPath(gate, source.jsonPath);
  const headers = resolveHeaders(gate, source.headers ?? {}, ctx.env);
  const base: GateReading = { observed: null, query: `GET ${source.url} ${source.jsonPath}` };
  const outcome = await fetchWithRetries(
    source.url,
    { timeoutMs: source.timeoutMs ?? HTTP_DEFAULTS.timeoutMs, retries: source.retries ?? HTTP_DEFAULTS.retries, retryBaseMs: ctx.retryBaseMs ?? 1000, headers },
    ctx.signal,
    ctx.log,
    `${gate}: GET ${source.url}`,
  );
  if (outcome.kind === 'gave-up') return { ...base, note: `GET ${source.url}: ${outcome.reason}` };

  const { response } = outcome;
  if (response.status < 200 || response.status >= 300) {
    const hint = response.status === 401 || response.status === 403 ? 'check http.headers (the credential, and that its variable holds the right secret)' : 'check http.url';
    throw new UserError(`${gate}: GET ${source.url} answered ${statusLine(response)}; expected 200 with JSON (${hint})`);
  }
  let document: unknown;
  try {
    document = JSON.parse(response.body);
  } catch {
    const syntax = findJsonSyntaxError(response.body);
    const where = syntax ? `line ${syntax.line} column ${syntax.column}: ${syntax.message}` : 'unreadable';
    throw new UserError(`${gate}: GET ${source.url} answered ${statusLine(response)} but not with JSON (content-type ${response.contentType ?? 'none'}; ${where})`);
  }
  const found = numberAt(document, segments);
  return found.value === null ? { ...base, note: found.note } : { ...base, observed: found.value };
}

/**
 * Header values with `${NAME}` replaced from the environment. An unset or
 * empty variable is an error, not an empty credential: GitHub Actions turns
 * a secret that does not exist into "", and sending "Bearer " would only
 * come back as a puzzling 401.
 */
export function resolveHeaders(gate: string, headers: Readonly<Record<string, string>>, env: GateReadContext['env']): Record<string, string> {
  const resolved: Record<string, string> = {};
  for (const [name, template] of Object.entries(headers)) {
    resolved[name] = template.replace(ENV_REFERENCE, (_match, variable: string) => {
      const value = env[variable];
      if (value === undefined || value === '') {
        throw new UserError(`${gate}: header ${name} uses \${${variable}}, but the environment variable ${variable} is ${value === undefined ? 'not set' : 'empty'}; set it in the workflow step's env (e.g. from a secret)`);
      }
      return value;
    });
  }
  return resolved;
}
