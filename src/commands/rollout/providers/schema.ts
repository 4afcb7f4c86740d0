/**
 * Where the rollout writes its percent: one entry per flag system.
 */
import { z } from 'zod';
import { httpUrl } from '../gates/schema';

/** Every `{name}` in a path must be one the provider fills in, or the file would be named literally. */
const templatedPath = (what: string) =>
  z
    .string()
    .min(1)
    .superRefine((path, issues) => {
      for (const [placeholder] of path.matchAll(/\{[^}]*\}/g)) {
        if (placeholder !== '{environment}') issues.addIssue({ code: 'custom', message: `unknown placeholder ${placeholder} in ${JSON.stringify(path)}; only {environment} is filled in` });
      }
    })
    .describe(`${what} Relative to the repository root; {environment} is replaced by the environment, for one file per wave.`);

const branch = z.string().min(1).optional().describe('Branch the Contents API commits to when running with a GitHub token (default: the repository\'s default branch).');

const envName = (fallback: string, what: string) =>
  z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'expected an environment variable name such as MY_TOKEN' })
    .default(fallback)
    .describe(`Environment variable holding ${what} (default ${fallback}); the secret itself never goes in the plan.`);

const timeoutSeconds = z.number().positive().max(300).default(10).describe('Seconds one request may take before it counts as failed (default 10).');
const retries = z.number().int().min(0).max(10).default(2).describe('Extra attempts after a timeout, a network error, a 429 or a 5xx (default 2).');

export const providerSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({
      type: z.literal('flagd-file'),
      path: templatedPath('flagd flag definitions (JSON).'),
      variants: z
        .strictObject({
          on: z.string().min(1).default('on').describe('Variant users in the rollout get (default "on").'),
          off: z.string().min(1).default('off').describe('Variant everyone else gets (default "off").'),
        })
        .refine((v) => v.on !== v.off, { error: 'variants.on and variants.off must name different variants' })
        .prefault({})
        .describe('Which of the flag\'s variants are "on" and "off" in the fractional split.'),
      branch,
    }),
    z.strictObject({
      type: z.literal('file'),
      path: templatedPath('A JSON file { "<flag>": { "<environment>": percent } }.'),
      branch,
    }),
    z.strictObject({
      type: z.literal('unleash'),
      url: httpUrl.describe('Unleash base URL (where the UI is served; a trailing /api is accepted).'),
      project: z.string().min(1).default('default').describe('Unleash project the feature belongs to (default "default").'),
      tokenEnv: envName('UNLEASH_ADMIN_TOKEN', 'an Unleash admin API token'),
      stickiness: z.string().min(1).default('default').describe('Stickiness of a flexibleRollout strategy Rollgate creates (default "default": userId, then sessionId, then random).'),
      timeoutSeconds,
      retries,
    }),
    z.strictObject({
      type: z.literal('webhook'),
      url: httpUrl.describe('Receives a signed POST {flag, environment, percent, reason, ref, at} on every change.'),
      secretEnv: envName('ROLLGATE_WEBHOOK_SECRET', 'the HMAC-SHA256 secret for X-Rollgate-Signature-256'),
      timeoutSeconds,
      retries,
    }),
  ],
  { error: 'expected provider.type to be one of "flagd-file", "unleash", "webhook", "file"' },
);
