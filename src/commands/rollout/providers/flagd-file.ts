/**
 * flagd: the percent is the "on" weight of a `fractional` in a flagd flag
 * definitions file, committed through the Contents API or written to the
 * checkout. Before anything is written, flagd-core evaluates the new file and
 * must see the intended share of keys on.
 */
import { UserError } from '../../../errors';
import type { ProviderConfig } from '../schema';
import { commitMessage } from './commit-message';
import { measureOnShare, shareMatches, type FlagdShare } from './flagd-check';
import { setFractionalRollout } from './flagd-targeting';
import { formatJsonFile, parseJsonFile } from './json-text';
import { pathFor } from './path-template';
import { editRepositoryFile } from './repository-file';
import type { FlagProvider, FlagWrite, FlagWriteOutcome, ProviderContext } from './types';

export type FlagdFileConfig = Extract<ProviderConfig, { type: 'flagd-file' }>;

export function createFlagdFileProvider(config: FlagdFileConfig, ctx: ProviderContext): FlagProvider {
  const { variants } = config;
  return {
    async set(write: FlagWrite): Promise<FlagWriteOutcome> {
      const path = pathFor(config.path, write.environment);
      let share: FlagdShare | undefined;
      let weights: [number, number] = [0, 0];
      const result = await editRepositoryFile({ path, branch: config.branch, message: commitMessage(write) }, ctx, (current, where) => {
        if (current === undefined) {
          throw new UserError(`${where} does not exist; the flagd-file provider edits a flag definitions file that has the flag "${write.flag}" with "${variants.on}" and "${variants.off}" variants`, { file: path });
        }
        const document = parseJsonFile(current, where, path);
        const edit = setFractionalRollout(document, write.flag, write.percent, variants, where);
        weights = edit.weights;
        const text = edit.changed ? formatJsonFile(edit.document) : current;
        const evaluators = (edit.document as { $evaluators?: unknown }).$evaluators;
        try {
          share = measureOnShare(text, write.flag, variants.on, write.percent, { bucketing: edit.bucketing, evaluators, log: ctx.log });
        } catch (error) {
          if (error instanceof UserError) throw new UserError(`${where}: ${error.message}; nothing was written`, { file: path });
          throw error;
        }
        if (!shareMatches(share)) {
          const state = edit.changed ? 'nothing was written' : 'the file already had this targeting';
          throw new Error(
            `${where}: flagd-core resolves ${share.on} of ${share.keys} keys to "${variants.on}" (${percentOf(share)}), expected ${write.percent}% ± ${formatPercent((share.tolerance / share.keys) * 100)}; ${state}. A custom bucketing expression may need context attributes the check cannot supply`,
          );
        }
        return edit.changed ? text : undefined;
      });
      const measured = share ? `flagd-core: ${share.on}/${share.keys} keys on (${percentOf(share)})` : 'not evaluated';
      const action = result.commit ? `committed ${result.commit}` : result.changed ? 'written' : 'unchanged';
      return {
        changed: result.changed,
        detail: `${result.where}: "${write.flag}" fractional ${variants.on} ${weights[0]} / ${variants.off} ${weights[1]} (${action}); ${measured}`,
        githubRequests: result.githubRequests,
      };
    },
  };
}

function percentOf(share: FlagdShare): string {
  return formatPercent((share.on / share.keys) * 100);
}

function formatPercent(value: number): string {
  return `${Number(value.toFixed(2))}%`;
}
