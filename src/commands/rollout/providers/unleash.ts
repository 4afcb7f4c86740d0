/**
 * Unleash: the percent is the `rollout` parameter of the feature's
 * flexibleRollout strategy in the environment, set through the Admin API.
 *
 * - No flexibleRollout in the environment: one is created (groupId = the flag,
 *   so a user's bucket is the same in every environment; stickiness from the plan).
 * - Above 0%: the environment is switched on if it was off, after the strategy
 *   is in place (Unleash adds a 100% default strategy to an environment switched
 *   on without strategies, which would expose everyone for a moment).
 * - 0%: the rollout parameter becomes 0 and the environment stays as it is.
 *   Switching it off would also switch off the other strategies people put
 *   there on purpose (internal users, allow-lists); at rollout 0 the rollout
 *   itself exposes nobody, and the next stage only has to raise one number.
 * - Unleash buckets users into whole percents (1..100), so a fractional percent
 *   is refused rather than silently rounded.
 */
import { UserError } from '../../../errors';
import type { ProviderConfig } from '../schema';
import { UnleashAdmin, type JsonPatch, type UnleashStrategy } from './unleash-admin';
import type { FlagProvider, FlagWrite, FlagWriteOutcome, ProviderContext } from './types';

export type UnleashConfig = Extract<ProviderConfig, { type: 'unleash' }>;

const ROLLOUT_STRATEGY = 'flexibleRollout';

export function createUnleashProvider(config: UnleashConfig, ctx: ProviderContext): FlagProvider {
  // People paste the API URL as often as the UI URL; both mean the same server.
  const baseUrl = config.url.replace(/\/+$/, '').replace(/\/api(\/admin)?$/, '');
  const tokenOf = (): string => {
    const token = ctx.env[config.tokenEnv];
    if (!token) throw new UserError(`the Unleash admin token is missing: set the environment variable ${config.tokenEnv} (provider.tokenEnv) to an admin API token for ${baseUrl}`);
    return token;
  };
  return {
    check: () => void tokenOf(),
    async set(write: FlagWrite): Promise<FlagWriteOutcome> {
      const token = tokenOf();
      if (!Number.isInteger(write.percent)) {
        throw new UserError(`Unleash rolls out whole percents; stage percent ${write.percent} for "${write.flag}" is not one (use an integer percent in the plan's stages)`);
      }
      const admin = new UnleashAdmin(
        { baseUrl, token, tokenEnv: config.tokenEnv, project: config.project, policy: { timeoutMs: config.timeoutSeconds * 1000, retries: config.retries } },
        ctx,
      );
      const feature = await admin.feature(write.flag);
      const environment = feature.environments.find((env) => env.name === write.environment);
      if (!environment) {
        const known = feature.environments.map((env) => env.name).join(', ') || 'none';
        throw new UserError(`Unleash feature "${write.flag}" in project "${config.project}" has no environment "${write.environment}" (environments: ${known})`);
      }
      const rollouts = environment.strategies.filter((strategy) => strategy.name === ROLLOUT_STRATEGY);
      if (rollouts.length > 1) {
        throw new UserError(
          `Unleash feature "${write.flag}" has ${rollouts.length} ${ROLLOUT_STRATEGY} strategies in ${write.environment} (${rollouts.map((s) => s.id).join(', ')}); the rollout sets exactly one, so remove the others`,
        );
      }
      const rollout = String(write.percent);
      const done: string[] = [];
      let strategy = rollouts[0];
      if (!strategy) {
        strategy = await admin.addStrategy(write.flag, write.environment, {
          name: ROLLOUT_STRATEGY,
          parameters: { rollout, stickiness: config.stickiness, groupId: write.flag },
          constraints: [],
        });
        done.push(`created ${ROLLOUT_STRATEGY}`);
      } else {
        const patch = patchFor(strategy, rollout, write.percent > 0);
        if (patch.length > 0) {
          strategy = await admin.patchStrategy(write.flag, write.environment, strategy.id, patch);
          done.push(`rollout ${String(rollouts[0]?.parameters?.rollout ?? 'unset')} → ${rollout}`);
        }
      }
      if (String(strategy.parameters?.rollout) !== rollout) {
        throw new Error(`Unleash kept rollout ${String(strategy.parameters?.rollout)} on strategy ${strategy.id} of "${write.flag}" in ${write.environment} after Rollgate set ${rollout}`);
      }
      if (write.percent > 0 && !environment.enabled) {
        await admin.setEnabled(write.flag, write.environment, true);
        done.push('environment switched on');
      }
      warnAboutOtherStrategies(environment.strategies, strategy.id, write, ctx);
      const state = write.percent > 0 || environment.enabled ? 'on' : 'off';
      return {
        changed: done.length > 0,
        detail: `Unleash ${baseUrl} ${config.project}/${write.flag} in ${write.environment}: ${ROLLOUT_STRATEGY} ${rollout}% (${done.join(', ') || 'unchanged'}; environment ${state})`,
        githubRequests: 0,
      };
    },
  };
}

function patchFor(strategy: UnleashStrategy, rollout: string, exposing: boolean): JsonPatch {
  const patch: JsonPatch = [];
  if (!strategy.parameters) patch.push({ op: 'add', path: '/parameters', value: { rollout } });
  else if (String(strategy.parameters.rollout) !== rollout) patch.push({ op: 'add', path: '/parameters/rollout', value: rollout });
  // A switched-off strategy exposes nobody whatever its rollout; a percent above 0 means it must count.
  if (strategy.disabled && exposing) patch.push({ op: 'replace', path: '/disabled', value: false });
  return patch;
}

/** Other active strategies decide for the users they match, whatever the rollout says: worth a line in the log. */
function warnAboutOtherStrategies(strategies: readonly UnleashStrategy[], rolloutId: string, write: FlagWrite, ctx: ProviderContext): void {
  const others = strategies.filter((strategy) => strategy.id !== rolloutId && !strategy.disabled);
  if (others.length === 0) return;
  const names = others.map((strategy) => strategy.title || strategy.name).join(', ');
  ctx.log.warn(`Unleash feature "${write.flag}" in ${write.environment} also has ${names}: users those match see the flag whatever the rollout percent`);
}
