/**
 * The simplest flag store: a JSON file { "<flag>": { "<environment>": percent } }
 * that the application (or its deploy) reads. Other flags, environments and
 * keys are left as they are.
 */
import { UserError } from '../../../errors';
import type { ProviderConfig } from '../schema';
import { commitMessage } from './commit-message';
import { formatJsonFile, parseJsonFile } from './json-text';
import { pathFor } from './path-template';
import { editRepositoryFile } from './repository-file';
import type { FlagProvider, FlagWrite, FlagWriteOutcome, ProviderContext } from './types';

export type PercentFileConfig = Extract<ProviderConfig, { type: 'file' }>;

export function createPercentFileProvider(config: PercentFileConfig, ctx: ProviderContext): FlagProvider {
  return {
    async set(write: FlagWrite): Promise<FlagWriteOutcome> {
      const path = pathFor(config.path, write.environment);
      const result = await editRepositoryFile({ path, branch: config.branch, message: commitMessage(write) }, ctx, (current, where) => {
        const document = current === undefined ? {} : parseJsonFile(current, where, path);
        if (!isObject(document)) throw new UserError(`${where}: expected an object { "<flag>": { "<environment>": percent } }, found ${kindOf(document)}`, { file: path });
        const environments = document[write.flag] ?? {};
        if (!isObject(environments)) {
          throw new UserError(`${where}: "${write.flag}" must be an object { "<environment>": percent }, found ${kindOf(environments)}`, { file: path, path: write.flag });
        }
        if (environments[write.environment] === write.percent) return undefined;
        return formatJsonFile({ ...document, [write.flag]: { ...environments, [write.environment]: write.percent } });
      });
      const action = result.commit ? `committed ${result.commit}` : result.changed ? 'written' : 'unchanged';
      return {
        changed: result.changed,
        detail: `${result.where}: ${write.flag}.${write.environment} = ${write.percent} (${action})`,
        githubRequests: result.githubRequests,
      };
    },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  return Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value;
}
