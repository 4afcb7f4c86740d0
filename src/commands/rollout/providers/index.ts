/**
 * The registry of flag systems. Each provider loads on demand, so a rollout
 * that writes a webhook never loads flagd-core.
 */
import type { ProviderConfig } from '../schema';
import type { FlagProvider, ProviderContext } from './types';

export type { FlagProvider, FlagWrite, FlagWriteOutcome, ProviderContext } from './types';
export { ProviderUnavailableError } from './types';

export async function createProvider(config: ProviderConfig, ctx: ProviderContext): Promise<FlagProvider> {
  switch (config.type) {
    case 'flagd-file':
      return (await import('./flagd-file')).createFlagdFileProvider(config, ctx);
    case 'file':
      return (await import('./file')).createPercentFileProvider(config, ctx);
    case 'unleash':
      return (await import('./unleash')).createUnleashProvider(config, ctx);
    case 'webhook':
      return (await import('./webhook')).createWebhookProvider(config, ctx);
  }
}
