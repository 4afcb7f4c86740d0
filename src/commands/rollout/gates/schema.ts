/**
 * Where a gate's number comes from. One key per source kind; the plan schema
 * requires exactly one of them on every gate.
 */
import { z } from 'zod';
import { parseHold } from '../duration';
import { parseJsonPath } from './json-path';

export const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });

/** Checked when the plan loads, so a typo fails the first tick rather than reading nothing forever. */
const jsonPath = z.string().min(1, { error: 'expected a JSONPath such as $.errorRate' }).superRefine((text, ctx) => {
  const parsed = parseJsonPath(text);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: `unsupported JSONPath ${parsed.problem}` });
});

const TIMEOUT_HINT = 'expected a timeout such as 10s, 30s or 1m (at most 5m)';

/** Milliseconds; whole seconds are the finest grain a health endpoint needs. */
const timeout = z.string({ error: TIMEOUT_HINT }).transform((text, ctx) => {
  const ms = parseHold(text);
  if (ms === undefined || ms <= 0 || ms > 300_000) {
    ctx.addIssue({ code: 'custom', message: `${TIMEOUT_HINT}, found ${JSON.stringify(text)}` });
    return z.NEVER;
  }
  return ms;
});

/** `${NAME}` in a header value: the variable's value at read time, so tokens stay in secrets. */
export const ENV_REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

const headers = z.record(z.string(), z.string()).superRefine((record, ctx) => {
  for (const [name, value] of Object.entries(record)) {
    if (!HEADER_NAME.test(name)) ctx.addIssue({ code: 'custom', path: [name], message: `${JSON.stringify(name)} is not a valid HTTP header name` });
    if (/[\r\n]/.test(value)) ctx.addIssue({ code: 'custom', path: [name], message: 'a header value cannot contain a line break' });
    // What is left once the well-formed references are gone must hold no "${":
    // "${TOKEN" or "${my-token}" would otherwise be sent literally.
    if (value.replace(ENV_REFERENCE, '').includes('${')) {
      ctx.addIssue({ code: 'custom', path: [name], message: `expected \${NAME} to reference an environment variable (letters, digits, _), found ${JSON.stringify(value)}` });
    }
  }
});

export const gateSourceShape = {
  prometheus: z
    .strictObject({ url: httpUrl.describe('Prometheus base URL.'), query: z.string().min(1).describe('PromQL returning one number (an instant vector of one series, or a scalar).') })
    .optional(),
  http: z
    .strictObject({
      url: httpUrl.describe('A URL answering JSON.'),
      jsonPath: jsonPath.describe('Where the number is in the answer, e.g. $.errorRate.'),
      timeout: timeout.optional().describe('How long one request may take (default 10s).'),
      retries: z.number().int().min(0).max(10).optional().describe('Retries after a timeout, a network error, a 5xx or a 429 (default 2).'),
      headers: headers.optional().describe('Request headers; ${NAME} in a value is replaced by the environment variable NAME (e.g. Authorization: "Bearer ${METRICS_TOKEN}").'),
    })
    .transform(({ timeout: timeoutMs, ...rest }) => ({ ...rest, ...(timeoutMs === undefined ? {} : { timeoutMs }) }))
    .optional(),
  file: z
    .strictObject({ path: z.string().min(1).describe('A JSON file in the repository or workspace.'), jsonPath: jsonPath.describe('Where the number is in the file.') })
    .optional(),
  check: z
    .strictObject({
      name: z.string().min(1).describe('Check run name (as the Checks tab shows it) on the rolled-out ref.'),
      ref: z.string().min(1).optional().describe('Commit, branch or tag whose check runs are read (default: the ref given to start).'),
    })
    .optional()
    .describe(
      'A GitHub check conclusion: success is 1, failure (and cancelled, timed_out, action_required) is 0; none, still running, neutral, skipped or stale is no data (the plan\'s noData rule decides). Without min/max the gate needs min 1.',
    ),
};

export const GATE_SOURCES = Object.keys(gateSourceShape) as (keyof typeof gateSourceShape)[];

type SourceOf<K extends keyof typeof gateSourceShape> = NonNullable<z.output<(typeof gateSourceShape)[K]>>;
export type PrometheusSource = SourceOf<'prometheus'>;
export type HttpSource = SourceOf<'http'>;
export type FileSource = SourceOf<'file'>;
export type CheckSource = SourceOf<'check'>;
