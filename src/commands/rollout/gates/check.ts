/**
 * A GitHub check run's conclusion as a number: the latest run named `name`
 * on the ref. success is 1 and the conclusions that mean "did not pass" are
 * 0. neutral, skipped and stale are no data: the check neither vouched for
 * the ref nor found a fault in it (a job skipped by a path filter must not
 * roll back a rollout, nor may it advance one), so the plan's noData rule
 * decides, as it does while the check is missing or still running.
 */
import { z } from 'zod';
import { UserError } from '../../../errors';
import type { CheckSource } from './schema';
import type { GateReadContext, GateReading } from './types';

const PASSED = new Set(['success']);
const FAILED = new Set(['failure', 'cancelled', 'timed_out', 'action_required']);

const checkRuns = z.object({
  check_runs: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      status: z.string(),
      conclusion: z.string().nullable(),
    }),
  ),
});

export async function readCheck(gateName: string, source: CheckSource, ctx: GateReadContext): Promise<GateReading> {
  const gate = `gate "${gateName}"`;
  const github = ctx.github;
  if (!github?.client) {
    throw new UserError(`${gate} reads the check run "${source.name}" and needs a GitHub token with checks: read (the action's token input; on the CLI, GITHUB_TOKEN and GITHUB_REPOSITORY)`);
  }
  const ref = source.ref ?? ctx.ref;
  if (!ref) throw new UserError(`${gate}: no ref to read the check run "${source.name}" on; set check.ref, or start the rollout with --ref`);
  const base: GateReading = { observed: null, query: `check ${source.name} on ${ref}` };
  const repo = `${github.owner}/${github.repo}`;

  let data: unknown;
  try {
    // filter=latest is what the Checks tab shows: a re-run replaces the earlier run of the same name.
    ({ data } = await github.client.rest.checks.listForRef({
      owner: github.owner,
      repo: github.repo,
      ref,
      check_name: source.name,
      filter: 'latest',
      per_page: 100,
      request: { signal: ctx.signal },
    }));
  } catch (error) {
    ctx.signal.throwIfAborted();
    const status = (error as { status?: number } | null)?.status;
    const message = (error as Error).message;
    if (status === 404) throw new UserError(`${gate}: ${repo} was not found, or the token cannot read its check runs (404); check GITHUB_REPOSITORY and the token's checks: read permission`);
    if (status === 422) throw new UserError(`${gate}: ${repo} has no commit, branch or tag "${ref}" (422: ${message})`);
    if (status === 401) throw new UserError(`${gate}: GitHub refused the token (401 ${message}); check the token given to the rollout`);
    if (status === 403 && !/rate limit/i.test(message)) throw new UserError(`${gate}: the token may not read check runs of ${repo} (403 ${message}); it needs checks: read`);
    // 5xx and rate limits left after the client's own retries: GitHub is having a bad minute, not the plan.
    return { ...base, note: `GitHub API: could not list check runs on ${ref}: ${status ? `${status} ` : ''}${message}` };
  }

  const parsed = checkRuns.safeParse(data);
  if (!parsed.success) {
    return { ...base, note: `GitHub API: unexpected answer listing check runs (${parsed.error.issues[0]?.message ?? 'unknown shape'})` };
  }
  // The API filters by name already; the check here keeps a lookalike from another name out all the same.
  const runs = parsed.data.check_runs.filter((run) => run.name === source.name).sort((a, b) => b.id - a.id);
  const latest = runs[0];
  if (!latest) return { ...base, note: `no check run named "${source.name}" on ${ref} (yet)` };
  if (latest.status !== 'completed' || latest.conclusion === null) return { ...base, note: `check run "${source.name}" on ${ref} is ${latest.status.replace('_', ' ')}` };
  if (PASSED.has(latest.conclusion)) return { ...base, observed: 1 };
  if (FAILED.has(latest.conclusion)) return { ...base, observed: 0 };
  return { ...base, note: `check run "${source.name}" on ${ref} concluded ${latest.conclusion}, neither a pass nor a failure` };
}
