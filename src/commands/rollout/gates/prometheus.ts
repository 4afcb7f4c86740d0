/**
 * A Prometheus instant query (GET /api/v1/query) read as one number. A query
 * that cannot give one (several series, a range vector, bad PromQL) is the
 * plan's mistake and a UserError; a Prometheus that is down or answers NaN
 * is no data, which the plan's noData rule judges.
 */
import { z } from 'zod';
import { UserError } from '../../../errors';
import { fetchWithRetries, statusLine, type FetchedResponse } from './http-fetch';
import type { PrometheusSource } from './schema';
import type { GateReadContext, GateReading } from './types';

const TIMEOUT_MS = 10_000;
const RETRIES = 2;

/** Prometheus writes sample values as strings: "0.01", "NaN", "+Inf", "-Inf". */
const sampleValue = z.string().transform((text, ctx) => {
  if (text === 'NaN') return Number.NaN;
  if (text === '+Inf' || text === 'Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  const value = Number(text);
  if (text.trim() === '' || Number.isNaN(value)) {
    ctx.addIssue({ code: 'custom', message: `expected a sample value, found ${JSON.stringify(text)}` });
    return z.NEVER;
  }
  return value;
});
const sample = z.tuple([z.number(), sampleValue]);

const series = z.object({
  metric: z.record(z.string(), z.string()),
  value: sample.optional(),
  // Native histograms come as `histogram` in place of `value`.
  histogram: z.unknown().optional(),
});

const queryAnswer = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('success'),
    data: z.discriminatedUnion('resultType', [
      z.object({ resultType: z.literal('vector'), result: z.array(series) }),
      z.object({ resultType: z.literal('scalar'), result: sample }),
      z.object({ resultType: z.literal('matrix'), result: z.array(z.unknown()) }),
      z.object({ resultType: z.literal('string'), result: z.tuple([z.number(), z.string()]) }),
    ]),
    warnings: z.array(z.string()).optional(),
    infos: z.array(z.string()).optional(),
  }),
  z.object({ status: z.literal('error'), errorType: z.string(), error: z.string() }),
]);

const errorAnswer = z.object({ status: z.literal('error'), errorType: z.string(), error: z.string() });

export async function readPrometheus(gateName: string, source: PrometheusSource, ctx: GateReadContext): Promise<GateReading> {
  const endpoint = `${source.url.replace(/\/+$/, '')}/api/v1/query`;
  const url = `${endpoint}?query=${encodeURIComponent(source.query)}`;
  const gate = `gate "${gateName}"`;
  const base: GateReading = { observed: null, query: source.query };
  const outcome = await fetchWithRetries(url, { timeoutMs: TIMEOUT_MS, retries: RETRIES, retryBaseMs: ctx.retryBaseMs ?? 1000 }, ctx.signal, ctx.log, `${gate}: Prometheus at ${source.url}`);

  if (outcome.kind === 'gave-up') {
    const said = outcome.last ? prometheusError(outcome.last) : undefined;
    return { ...base, note: `Prometheus at ${source.url}: ${outcome.reason}${said ? `: ${said}` : ''}` };
  }
  const { response } = outcome;
  if (response.status === 400 || response.status === 422) {
    const said = prometheusError(response);
    if (said) throw new UserError(`${gate}: Prometheus rejected the query ${JSON.stringify(source.query)}: ${said}`);
  }
  if (response.status < 200 || response.status >= 300) {
    throw new UserError(`${gate}: Prometheus at ${source.url} answered ${statusLine(response)} to ${endpoint}; expected 200 (is prometheus.url the server's base URL, without /api/v1?)`);
  }
  const answer = parseAnswer(response, gate, endpoint);
  if (answer.status === 'error') throw new UserError(`${gate}: Prometheus rejected the query ${JSON.stringify(source.query)}: ${answer.errorType}: ${answer.error}`);
  for (const warning of [...(answer.warnings ?? []), ...(answer.infos ?? [])]) ctx.log.warn(`${gate}: Prometheus says: ${warning}`);

  const { data } = answer;
  switch (data.resultType) {
    case 'scalar':
      return fromValue(base, data.result[1]);
    case 'vector': {
      const count = data.result.length;
      if (count === 0) return { ...base, samples: 0, note: 'the query returned no series: nothing matched, or no samples in its window yet' };
      if (count > 1) {
        const shown = data.result.slice(0, 3).map((one) => formatLabels(one.metric));
        throw new UserError(
          `${gate}: the query returned ${count} series (${shown.join(', ')}${count > 3 ? ', …' : ''}) and a gate needs one number; aggregate them, e.g. sum(...) or max(...)`,
        );
      }
      const only = data.result[0]!;
      if (only.value === undefined) {
        throw new UserError(`${gate}: the query returned a native histogram, not a number; wrap it, e.g. histogram_quantile(0.95, ...) or histogram_count(...)`);
      }
      return { ...fromValue(base, only.value[1]), samples: 1 };
    }
    case 'matrix':
      throw new UserError(`${gate}: the query returned a range vector (matrix) and a gate needs one number; wrap it in a function such as rate(...[5m]) or avg_over_time(...[5m])`);
    case 'string':
      throw new UserError(`${gate}: the query returned a string (${JSON.stringify(data.result[1])}), not a number`);
  }
}

function fromValue(base: GateReading, value: number): GateReading {
  // NaN is what 0/0 gives, e.g. an error ratio while no requests came in: nothing to judge.
  if (Number.isNaN(value)) return { ...base, note: 'the query answered NaN (e.g. 0/0: no events in its window)' };
  // ±Inf stays: a ratio that divides by zero requests is a real breach of a max.
  return { ...base, observed: value };
}

function parseAnswer(response: FetchedResponse, gate: string, endpoint: string): z.output<typeof queryAnswer> {
  let json: unknown;
  try {
    json = JSON.parse(response.body);
  } catch {
    throw new UserError(`${gate}: ${endpoint} did not answer JSON (content-type ${response.contentType ?? 'none'}); is prometheus.url the Prometheus base URL?`);
  }
  const parsed = queryAnswer.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    throw new UserError(`${gate}: ${endpoint} did not answer like Prometheus's query API (${issue?.message ?? 'unexpected shape'}${where}); is prometheus.url the Prometheus base URL?`);
  }
  return parsed.data;
}

/** "bad_data: 1:7: parse error: …" from a Prometheus error body, if it is one. */
function prometheusError(response: FetchedResponse): string | undefined {
  try {
    const parsed = errorAnswer.safeParse(JSON.parse(response.body));
    return parsed.success ? `${parsed.data.errorType}: ${parsed.data.error}` : undefined;
  } catch {
    return undefined;
  }
}

/** `http_requests_total{code="500", flag="on"}`, as Prometheus prints a series. */
function formatLabels(metric: Record<string, string>): string {
  const { __name__: name, ...labels } = metric;
  const pairs = Object.entries(labels).map(([key, value]) => `${key}=${JSON.stringify(value)}`);
  return `${name ?? ''}{${pairs.join(', ')}}`;
}
