/**
 * The few Unleash Admin API calls the rollout needs (Unleash 5 to 7), each
 * answer checked with zod before it is used. Errors say which call, what
 * Unleash answered and what to fix.
 */
import { z } from 'zod';
import { UserError } from '../../../errors';
import { jsonOrUndefined } from './json-text';
import { excerpt, send, type HttpPolicy, type HttpRequest } from './http';
import type { ProviderContext } from './types';

export const strategySchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  title: z.string().nullish(),
  disabled: z.boolean().nullish(),
  // Unleash stores parameters as strings; older servers let numbers through.
  parameters: z.record(z.string(), z.union([z.string(), z.number()])).nullish(),
  constraints: z.array(z.unknown()).nullish(),
  segments: z.array(z.unknown()).nullish(),
});
export type UnleashStrategy = z.infer<typeof strategySchema>;

const featureSchema = z.object({
  name: z.string(),
  environments: z.array(z.object({ name: z.string(), enabled: z.boolean(), strategies: z.array(strategySchema).default([]) })),
});
export type UnleashFeature = z.infer<typeof featureSchema>;

const errorBody = z.object({ message: z.string() });

export interface UnleashAdminOptions {
  /** Base URL, without /api. */
  baseUrl: string;
  token: string;
  /** Named in errors about the token. */
  tokenEnv: string;
  project: string;
  policy: HttpPolicy;
}

export type JsonPatch = { op: 'replace' | 'add'; path: string; value: unknown }[];

export class UnleashAdmin {
  constructor(
    private readonly options: UnleashAdminOptions,
    private readonly ctx: Pick<ProviderContext, 'signal' | 'sleep'>,
  ) {}

  async feature(feature: string): Promise<UnleashFeature> {
    return this.call('GET', this.featurePath(feature), featureSchema, `feature "${feature}"`);
  }

  /** Not retried: a POST that timed out may still have created the strategy, and a second would split the rollout. */
  async addStrategy(feature: string, environment: string, strategy: { name: string; parameters: Record<string, string>; constraints: unknown[] }): Promise<UnleashStrategy> {
    return this.call('POST', `${this.featurePath(feature)}/environments/${segment(environment)}/strategies`, strategySchema, `adding a strategy to "${feature}" in ${environment}`, strategy, 0);
  }

  /** JSON Patch: only the named fields change, so constraints, segments and variants someone set stay. */
  async patchStrategy(feature: string, environment: string, id: string, patch: JsonPatch): Promise<UnleashStrategy> {
    return this.call('PATCH', `${this.featurePath(feature)}/environments/${segment(environment)}/strategies/${segment(id)}`, strategySchema, `updating strategy ${id} of "${feature}" in ${environment}`, patch);
  }

  async setEnabled(feature: string, environment: string, enabled: boolean): Promise<void> {
    await this.call('POST', `${this.featurePath(feature)}/environments/${segment(environment)}/${enabled ? 'on' : 'off'}`, z.unknown(), `turning "${feature}" ${enabled ? 'on' : 'off'} in ${environment}`);
  }

  private featurePath(feature: string): string {
    return `/api/admin/projects/${segment(this.options.project)}/features/${segment(feature)}`;
  }

  private async call<T>(method: HttpRequest['method'], path: string, schema: z.ZodType<T>, what: string, body?: unknown, retries?: number): Promise<T> {
    const url = `${this.options.baseUrl}${path}`;
    const answer = await send(
      {
        method,
        url,
        headers: { authorization: this.options.token, accept: 'application/json', 'user-agent': 'rollgate', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      },
      { ...this.options.policy, retries: retries ?? this.options.policy.retries },
      this.ctx,
      `Unleash (${what}) at ${url}`,
    );
    if (answer.status >= 300) throw this.refusal(answer.status, answer.text, what, url);
    let json: unknown;
    try {
      json = answer.text === '' ? undefined : JSON.parse(answer.text);
    } catch {
      throw new Error(`Unleash (${what}) answered ${answer.status} with a body that is not JSON: ${excerpt(answer.text)}`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new Error(`Unleash (${what}) answered with an unexpected shape: ${z.prettifyError(parsed.error)}`);
    return parsed.data;
  }

  private refusal(status: number, text: string, what: string, url: string): UserError {
    const parsed = errorBody.safeParse(jsonOrUndefined(text));
    const said = parsed.success ? parsed.data.message : excerpt(text);
    const answered = `Unleash answered ${status} to ${what} (${url})${said ? `: ${said.replace(/[.\s]+$/, '')}` : ''}`;
    if (status === 401) return new UserError(`${answered}. The token in ${this.options.tokenEnv} was rejected: expected an Unleash admin API token (or a personal access token)`);
    if (status === 403) return new UserError(`${answered}. The token in ${this.options.tokenEnv} may not change project "${this.options.project}" (or the environment needs a change request)`);
    if (status === 404) return new UserError(`${answered}. Check provider.url, provider.project ("${this.options.project}"), the flag name and the environment`);
    return new UserError(answered);
  }
}

function segment(value: string): string {
  return encodeURIComponent(value);
}
