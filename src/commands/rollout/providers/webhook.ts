/**
 * Any flag system behind a small receiver: a signed JSON POST per change.
 * The signature follows GitHub's webhooks (X-Hub-Signature-256), so receivers
 * can reuse the verification they already have: HMAC-SHA256 of the exact body
 * bytes, hex, prefixed "sha256=".
 *
 * Retries re-send the same body and X-Rollgate-Delivery id, so a receiver can
 * drop duplicates. A receiver that already had the percent may answer
 * {"changed": false}; any other 2xx counts as a change.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { UserError } from '../../../errors';
import type { ProviderConfig } from '../schema';
import { jsonOrUndefined } from './json-text';
import { excerpt, send } from './http';
import type { FlagProvider, FlagWrite, FlagWriteOutcome, ProviderContext } from './types';

export type WebhookConfig = Extract<ProviderConfig, { type: 'webhook' }>;

export const SIGNATURE_HEADER = 'X-Rollgate-Signature-256';

const receiverAnswer = z.object({ changed: z.boolean() });

export function createWebhookProvider(config: WebhookConfig, ctx: ProviderContext): FlagProvider {
  const secretOf = (): string => {
    const secret = ctx.env[config.secretEnv];
    if (!secret) {
      throw new UserError(`the webhook secret is missing: set the environment variable ${config.secretEnv} (provider.secretEnv) to the secret the receiver at ${config.url} verifies`);
    }
    return secret;
  };
  return {
    check: () => void secretOf(),
    async set(write: FlagWrite): Promise<FlagWriteOutcome> {
      const secret = secretOf();
      const body = JSON.stringify({
        flag: write.flag,
        environment: write.environment,
        percent: write.percent,
        reason: write.reason,
        ref: write.ref,
        at: ctx.now().toISOString(),
      });
      const delivery = randomUUID();
      const answer = await send(
        {
          method: 'POST',
          url: config.url,
          headers: {
            'content-type': 'application/json',
            'user-agent': 'rollgate',
            [SIGNATURE_HEADER]: `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`,
            'X-Rollgate-Delivery': delivery,
          },
          body,
        },
        { timeoutMs: config.timeoutSeconds * 1000, retries: config.retries },
        ctx,
        `webhook ${config.url}`,
      );
      if (answer.status >= 300) {
        const location = answer.headers.get('location');
        const found = answer.text ? `: ${excerpt(answer.text)}` : location ? ` (to ${location})` : '';
        throw new UserError(`webhook ${config.url} answered ${answer.status}${found}; expected a 2xx${answer.status === 401 || answer.status === 403 ? ` (does the receiver check the signature with the secret in ${config.secretEnv}?)` : ''}`);
      }
      const reported = receiverAnswer.safeParse(jsonOrUndefined(answer.text));
      const changed = reported.success ? reported.data.changed : true;
      return {
        changed,
        detail: `webhook ${config.url} answered ${answer.status}${changed ? '' : ' (already at this percent)'}; delivery ${delivery}`,
        githubRequests: 0,
      };
    },
  };
}
