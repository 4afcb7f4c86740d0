/**
 * The load plan `rollgate load run` executes: phases of an open-model arrival
 * rate (constant, or a linear ramp), a weighted list of endpoints, a
 * per-request timeout and a cap on requests outstanding at once.
 *
 * Parsed from YAML with parseConfigText, so every mistake is a UserError
 * pointing at its line and column.
 */
import { z } from 'zod';
import { loadConfigFile, parseConfigText } from '../../../config/load';
import { UserError } from '../../../errors';

const DURATION = /^(\d+(?:\.\d+)?|\.\d+)\s*(ms|s|m|h)$/;
const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };
const DURATION_HINT = 'expected a duration: seconds as a number, or a string such as "500ms", "60s", "2m"';

/** Seconds from a number (seconds) or "500ms" / "60s" / "2m" / "1h". */
export function parseDuration(value: number | string): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  const match = DURATION.exec(value.trim());
  if (!match) return undefined;
  return Number(match[1]) * UNIT_SECONDS[match[2]!]!;
}

/** A duration field: positive, and at most `maxSeconds`. */
function duration(maxSeconds: number) {
  return z.union([z.number(), z.string()], { error: DURATION_HINT }).transform((value, ctx) => {
    const seconds = parseDuration(value);
    if (seconds === undefined) {
      ctx.addIssue({ code: 'custom', message: `${DURATION_HINT}, found ${JSON.stringify(value)}` });
      return z.NEVER;
    }
    if (!(seconds > 0) || seconds > maxSeconds) {
      ctx.addIssue({ code: 'custom', message: `expected a duration above 0 and at most ${maxSeconds} s, found ${JSON.stringify(value)}` });
      return z.NEVER;
    }
    return seconds;
  });
}

const rps = z.number().nonnegative().finite();
const rate = z
  .union([rps, z.strictObject({ from: rps, to: rps })], { error: 'expected requests per second (a number >= 0) or { from: N, to: M } for a linear ramp' })
  .transform((value) => (typeof value === 'number' ? { from: value, to: value } : value));

const phase = z.strictObject({
  name: z.string().min(1),
  duration: duration(7 * 24 * 3600),
  rate,
});

/** The methods a plan may name; the runner sends these very strings (literals, which V8 interns). */
export const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
export type PlanMethod = (typeof METHODS)[number];

const endpoint = z
  .strictObject({
    name: z.string().min(1),
    method: z.enum(METHODS).default('GET'),
    path: z.string().regex(/^\//, 'expected a path starting with "/"'),
    weight: z.number().positive().finite().default(1),
    headers: z.record(z.string(), z.string()).default({}),
    /** A string is sent as is; anything else as JSON (with content-type: application/json unless set). */
    body: z.union([z.string(), z.record(z.string(), z.unknown()), z.array(z.unknown())]).optional(),
    /** Statuses that count as success; default any 2xx or 3xx. */
    expect: z.array(z.number().int().min(100).max(599)).min(1).optional(),
  })
  .transform((value) => {
    const headers = { ...value.headers };
    let body: string | undefined;
    if (typeof value.body === 'string') body = value.body;
    else if (value.body !== undefined) {
      body = JSON.stringify(value.body);
      if (!Object.keys(headers).some((key) => key.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
    }
    return { name: value.name, method: value.method, path: value.path, weight: value.weight, headers, ...(body !== undefined ? { body } : {}), ...(value.expect ? { expect: value.expect } : {}) };
  });

export const planSchema = z
  .strictObject({
    phases: z.array(phase).min(1),
    endpoints: z.array(endpoint).min(1),
    /** Per request, measured from its scheduled send time. */
    timeout: duration(600).default(10),
    /** Requests outstanding at once; a request due beyond it is dropped and counted. */
    maxInFlight: z.number().int().positive().max(100_000).default(1000),
  })
  .superRefine((plan, ctx) => {
    const unique = (names: string[], field: 'phases' | 'endpoints'): void => {
      const seen = new Set<string>();
      names.forEach((name, index) => {
        if (seen.has(name)) ctx.addIssue({ code: 'custom', path: [field, index, 'name'], message: `duplicate name ${JSON.stringify(name)}: names tag the result series and must be unique` });
        seen.add(name);
      });
    };
    unique(plan.phases.map((p) => p.name), 'phases');
    unique(plan.endpoints.map((e) => e.name), 'endpoints');
  });

export type Plan = z.output<typeof planSchema>;
export type PlanPhase = Plan['phases'][number];
export type PlanEndpoint = Plan['endpoints'][number];

export const DEFAULT_PLAN_YAML = `phases:
  - { name: warm-up,   duration: 60s,  rate: 10 }
  - { name: ramp,      duration: 120s, rate: { from: 20, to: 200 } }
  - { name: sustained, duration: 180s, rate: 200 }
  - { name: spike,     duration: 60s,  rate: 1000 }
  - { name: cool-down, duration: 60s,  rate: 50 }
endpoints:
  - { name: home, method: GET, path: /, weight: 1 }
timeout: 10s            # per request
maxInFlight: 1000       # requests outstanding at once; beyond it a scheduled request is dropped
`;

/** Parses plan YAML; `shownFile` names it in errors (UserError with line and column). */
export function parsePlanText(text: string, shownFile: string): Plan {
  return parseConfigText(text, shownFile, planSchema).config;
}

export const DEFAULT_PLAN: Plan = parsePlanText(DEFAULT_PLAN_YAML, '(default plan)');

/** Reads a plan file relative to cwd; no file means DEFAULT_PLAN. */
export function loadPlan(options: { file?: string; cwd: string }): Plan {
  if (options.file === undefined) return DEFAULT_PLAN;
  return loadConfigFile({ file: options.file, cwd: options.cwd, schema: planSchema, isDefaultPath: false, command: 'load run' }).config;
}

/**
 * Shrinks every phase's duration by `factor` (e.g. 0.1 for a PR run), rates
 * unchanged, keeping each phase at least 1 s (a phase already shorter keeps
 * its own length).
 */
export function scalePlan(plan: Plan, factor: number): Plan {
  if (!(factor > 0) || !Number.isFinite(factor)) throw new UserError(`--scale must be a number above 0, found ${String(factor)}`);
  return {
    ...plan,
    phases: plan.phases.map((p) => ({ ...p, duration: Math.max(Math.min(1, p.duration), p.duration * factor) })),
  };
}

/** Seconds of the whole schedule. */
export function planDuration(plan: Plan): number {
  return plan.phases.reduce((sum, p) => sum + p.duration, 0);
}
