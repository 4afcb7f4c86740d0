import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { providerSchema } from '../../../src/commands/rollout/providers/schema';

const problems = (input: unknown) => {
  const result = providerSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('provider config', () => {
  it('fills the defaults a plan leaves out', () => {
    expect(providerSchema.parse({ type: 'flagd-file', path: 'flags.json' })).toEqual({ type: 'flagd-file', path: 'flags.json', variants: { on: 'on', off: 'off' } });
    expect(providerSchema.parse({ type: 'file', path: 'percents.json' })).toEqual({ type: 'file', path: 'percents.json' });
    expect(providerSchema.parse({ type: 'unleash', url: 'https://unleash.example.com' })).toEqual({
      type: 'unleash',
      url: 'https://unleash.example.com',
      project: 'default',
      tokenEnv: 'UNLEASH_ADMIN_TOKEN',
      stickiness: 'default',
      timeoutSeconds: 10,
      retries: 2,
    });
    expect(providerSchema.parse({ type: 'webhook', url: 'https://hooks.example.com/flags' })).toEqual({
      type: 'webhook',
      url: 'https://hooks.example.com/flags',
      secretEnv: 'ROLLGATE_WEBHOOK_SECRET',
      timeoutSeconds: 10,
      retries: 2,
    });
  });

  it('rejects what would go wrong later: unknown placeholders, one variant for both, secrets in the plan, odd retry settings', () => {
    expect(problems({ type: 'flagd-file', path: 'flags/{env}.json' })).toEqual(['path: unknown placeholder {env} in "flags/{env}.json"; only {environment} is filled in']);
    expect(problems({ type: 'file', path: 'flags/{environment}/{region}.json' })).toEqual(['path: unknown placeholder {region} in "flags/{environment}/{region}.json"; only {environment} is filled in']);
    expect(problems({ type: 'flagd-file', path: 'f.json', variants: { on: 'x', off: 'x' } })).toEqual(['variants: variants.on and variants.off must name different variants']);
    expect(problems({ type: 'webhook', url: 'https://h.example.com', secret: 'hunter2' })).toEqual([': Unrecognized key: "secret"']);
    expect(problems({ type: 'unleash', url: 'https://u.example.com', tokenEnv: 'my token' })).toEqual(['tokenEnv: expected an environment variable name such as MY_TOKEN']);
    expect(problems({ type: 'webhook', url: 'https://h.example.com', retries: 1.5, timeoutSeconds: 0 })).toHaveLength(2);
  });

  it('every field is described, for the generated JSON Schema', () => {
    const schema = z.toJSONSchema(providerSchema, { io: 'input' }) as { anyOf?: { properties: Record<string, { description?: string }> }[]; oneOf?: { properties: Record<string, { description?: string }> }[] };
    const variants = schema.oneOf ?? schema.anyOf ?? [];
    const undocumented = variants.flatMap((variant) => Object.entries(variant.properties).filter(([key, value]) => key !== 'type' && !value.description).map(([key]) => key));
    expect(undocumented).toEqual([]);
  });
});
