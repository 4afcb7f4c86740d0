/**
 * The rollout's trail in GitHub's Deployments API, so the environment page
 * shows what percent is live and why it changed.
 *
 * Decisions, and why:
 * - One deployment per stage (GitHub keeps a limited number of statuses per
 *   deployment), created when the stage's percent goes live, with
 *   payload {rollout, stage, percent} and task "rollout".
 * - Its status is `success` as soon as the percent is live: in GitHub's model
 *   a deployment succeeded when the change is out, and the environment page
 *   then shows the current stage as the active deployment. A later rollback
 *   marks that deployment `failure` and the rollout's earlier ones
 *   `inactive`. Posting in_progress first and success when the hold ends
 *   would cost two more requests on every advancing tick (the budget is six).
 * - required_contexts is empty: the rollout's own gates decide, and the
 *   commit's checks were judged before the release started.
 */
import type { Octokit } from '@octokit/rest';
import { z } from 'zod';

export const ROLLOUT_TASK = 'rollout';

export interface DeploymentTarget {
  client: Octokit;
  owner: string;
  repo: string;
  /** Where status log links point: the workflow run. */
  logUrl?: string;
}

const created = z.object({ id: z.number().int() });
const listed = z.array(
  z.object({
    id: z.number().int(),
    ref: z.string(),
    environment: z.string(),
    created_at: z.string(),
    payload: z.union([z.record(z.string(), z.unknown()), z.string()]).nullable().optional(),
  }),
);

/** GitHub caps a status description at 140 characters. */
function short(text: string): string {
  return text.length <= 140 ? text : `${text.slice(0, 139)}…`;
}

export async function recordStage(
  target: DeploymentTarget,
  stage: { flag: string; environment: string; ref: string; stage: string; stageIndex: number; percent: number; description: string },
): Promise<{ deploymentId: number }> {
  const { client, owner, repo } = target;
  const { data } = await client.rest.repos.createDeployment({
    owner,
    repo,
    ref: stage.ref,
    environment: stage.environment,
    task: ROLLOUT_TASK,
    auto_merge: false,
    required_contexts: [],
    payload: { rollout: stage.flag, stage: stage.stage, stageIndex: stage.stageIndex, percent: stage.percent },
    description: short(`${stage.flag}: ${stage.stage} at ${stage.percent}%`),
  });
  const { id } = created.parse(data);
  await client.rest.repos.createDeploymentStatus({
    owner,
    repo,
    deployment_id: id,
    state: 'success',
    description: short(stage.description),
    ...(target.logUrl ? { log_url: target.logUrl } : {}),
  });
  return { deploymentId: id };
}

/**
 * After a rollback or an abort: the newest deployment of this rollout in the
 * environment becomes `failure` (rollback) or `inactive` (abort), the earlier
 * ones `inactive` (but the one before it stays, when the rollback went back
 * to the previous stage: that percent is live again). Only deployments since
 * this attempt started are touched.
 */
export async function retireStages(
  target: DeploymentTarget,
  rollout: { flag: string; environment: string; since: string | null; outcome: 'failure' | 'inactive'; description: string; keepPrevious?: boolean },
): Promise<{ marked: number }> {
  const { client, owner, repo } = target;
  const { data } = await client.rest.repos.listDeployments({ owner, repo, environment: rollout.environment, task: ROLLOUT_TASK, per_page: 100 });
  const since = rollout.since ? Date.parse(rollout.since) : Number.NEGATIVE_INFINITY;
  const ours = listed
    .parse(data)
    .filter((deployment) => {
      const payload = typeof deployment.payload === 'string' ? safeJson(deployment.payload) : deployment.payload;
      return payload?.rollout === rollout.flag && Date.parse(deployment.created_at) >= since - 1000;
    })
    .sort((a, b) => b.id - a.id);
  for (const [index, deployment] of ours.entries()) {
    if (index === 1 && rollout.keepPrevious) continue;
    const state = index === 0 ? rollout.outcome : 'inactive';
    await client.rest.repos.createDeploymentStatus({
      owner,
      repo,
      deployment_id: deployment.id,
      state,
      description: short(index === 0 ? rollout.description : `superseded: ${rollout.description}`),
      ...(target.logUrl ? { log_url: target.logUrl } : {}),
      // Marking one inactive must not let GitHub flip others on its own.
      auto_inactive: false,
    });
  }
  return { marked: ours.length - (rollout.keepPrevious && ours.length > 1 ? 1 : 0) };
}

function safeJson(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
