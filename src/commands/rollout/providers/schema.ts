/**
 * Where the rollout writes its percent: one entry per flag system.
 */
import { z } from 'zod';
import { httpUrl } from '../gates/schema';

export const providerSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('flagd-file'), path: z.string().min(1).describe('flagd flag definitions (JSON) in the repository.') }),
    z.strictObject({ type: z.literal('file'), path: z.string().min(1).describe('A JSON file mapping environment → percent.') }),
    z.strictObject({ type: z.literal('unleash'), url: httpUrl.describe('Unleash admin API base URL.'), project: z.string().min(1).default('default') }),
    z.strictObject({ type: z.literal('webhook'), url: httpUrl.describe('Receives {flag, environment, percent} on every change.') }),
  ],
  { error: 'expected provider.type to be one of "flagd-file", "unleash", "webhook", "file"' },
);
