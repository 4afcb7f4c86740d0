/**
 * One rollout run: load the state, read the gates, take one step of the pure
 * state machine, save it with compare-and-swap, then make the world match:
 * the flag, the deployments, the rollback comment.
 *
 * Decisions, and why:
 * - The state is saved before the flag is written. The save is the lock: of
 *   twenty concurrent ticks exactly one saves a transition, and only that
 *   one writes the flag. The saved state keeps the change as `pendingWrite`
 *   with the wall-clock time of the save; a run that finds it more than a
 *   minute old re-applies it (writes are idempotent) before anything else,
 *   so a flag write that failed or crashed after the save is retried, never
 *   lost, while runs racing the saving one do not write the flag again.
 * - A run that loses the compare-and-swap reloads and decides again on the
 *   fresh state. If it would now only hold, it stands down without saving:
 *   another run has just judged the same rollout, and twenty runs queueing
 *   to record twenty holds would only delay the one that matters. A run that
 *   would still move the rollout (a critical value seen a second later)
 *   keeps trying.
 * - Gate queries may say {environment}: with waves, each environment is
 *   measured on its own traffic.
 * - Deployments and the rollback comment come last and only warn on failure:
 *   by then the flag is where it must be, and a comment must never keep a
 *   rollback from finishing.
 */
import { resolve } from 'node:path';
import type { RunContext } from '../../context';
import { UserError } from '../../errors';
import { abort, pause, promote, resume, rollback, start } from './controls';
import { msOf } from './duration';
import { judgeReading } from './gate';
import { readEachGate } from './gates/index';
import { recordStage, retireStages } from './github/deployments';
import { postRollbackComment, rollbackCommentBody } from './github/rollback-comment';
import type { Control, RolloutInputs } from './inputs';
import { rolloutInputs } from './inputs';
import { alignGates, tick } from './machine';
import { createProvider } from './providers/index';
import type { FlagProvider } from './providers/types';
import type { GateConfig, RolloutPlan } from './schema';
import type { GateResult, RolloutState, Transition } from './state-schema';
import { RolloutRefused, activeWave, type StepResult, unchanged } from './step';
import { fileStore } from './store/file';
import { githubStore } from './store/github';
import { StateConflict, type Loaded, type RolloutStore } from './store/types';

export interface FlagWriteRecord {
  environment: string;
  percent: number;
  detail: string;
  changed: boolean;
  /** A retry of the change an earlier run saved but may not have written. */
  retry: boolean;
}

export interface RolloutResult {
  passed: boolean;
  flag: string;
  control: Control;
  /** pending | progressing | paused | rolled-back | aborted | completed, after this run. */
  state: RolloutState['status'];
  environment: string;
  stage: string | null;
  stageIndex: number | null;
  percent: number;
  action: StepResult['action'];
  reason: string;
  gates: GateResult[];
  consecutiveBreaches: number;
  breaker: { limit: number; critical: Record<string, number> };
  nextCheckAfter: string | null;
  now: string;
  dryRun: boolean;
  store: string;
  flagWrites: FlagWriteRecord[];
  /** Deployment and comment work, in words; failures there are warnings. */
  github: string[];
  warnings: string[];
  /** Requests this run made to the GitHub API (state, deployments, comment, flag commits, check gates). */
  githubRequests: number;
  /** Runs that lost the compare-and-swap and decided again. */
  conflicts: number;
  /** Milliseconds from the start of this run until the flag write of its change returned; null without one. */
  flagWrittenAfterMs: number | null;
  waves: RolloutState['waves'];
  history: Transition[];
  lastRollback: RolloutState['lastRollback'];
  stages: Array<{ name: string; percent: number; holdMs: number | null }>;
}

/** How long a lowering run waits for a racing raise to land before it writes its percent again. */
const CONFIRM_LOWERING_MS = 3_000;

/** How long the run that saved a change has to write it before later runs re-apply it. */
const PENDING_GRACE_MS = 60_000;

/** A transition retries this often against concurrent runs before giving up. */
const MAX_ATTEMPTS = 8;

function chooseStore(plan: RolloutPlan, inputs: RolloutInputs, ctx: RunContext): RolloutStore {
  const gh = ctx.github;
  if (inputs.stateFile === undefined && gh?.client) {
    return githubStore({ client: gh.client, owner: gh.owner, repo: gh.repo, path: inputs.statePath, ...(inputs.stateBranch ? { branch: inputs.stateBranch } : {}) });
  }
  const file = inputs.stateFile ?? '.rollgate/rollout-state.json';
  return fileStore(resolve(ctx.cwd, file), file);
}

/** Fills {environment} in every string of a gate source. */
function forEnvironment(gate: GateConfig, environment: string): GateConfig {
  const fill = (value: unknown): unknown => {
    if (typeof value === 'string') return value.replaceAll('{environment}', environment);
    if (Array.isArray(value)) return value.map(fill);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, fill(inner)]));
    return value;
  };
  return fill(gate) as GateConfig;
}

/**
 * Reads every gate of the active wave. A gate whose config is wrong (a 404
 * URL, bad PromQL) is a user error, but not one that may hide a critical
 * value on another gate: then the rollback goes ahead and the broken gate is
 * reported beside it.
 */
async function measure(plan: RolloutPlan, state: RolloutState | null, control: Control, ctx: RunContext, warnings: string[]): Promise<GateResult[]> {
  const wants = control === 'tick' || control === 'promote' || control === 'status';
  if (!wants || !state || state.status !== 'progressing' || plan.gates.length === 0) return [];
  const wave = activeWave(state);
  if (wave.status === 'completed') return [];
  const gates = plan.gates.map((gate) => forEnvironment(gate, wave.environment));
  const readCtx = { cwd: ctx.cwd, signal: ctx.signal, log: ctx.log, env: ctx.env, github: ctx.github, ref: state.ref };
  const outcomes = await readEachGate(gates, readCtx);
  const broken: UserError[] = [];
  const judged = gates.map((gate, index) => {
    const outcome = outcomes[index]!;
    if (!(outcome instanceof UserError)) return judgeReading(plan, gate, outcome);
    broken.push(outcome);
    return judgeReading(plan, gate, { observed: null, query: '', note: `not read: ${outcome.message}` });
  });
  if (broken.length > 0) {
    if (!judged.some((gate) => gate.status === 'critical')) throw broken[0]!;
    for (const error of broken) warnings.push(`a gate could not be read (${error.toString()}); the rollback went ahead on the other gates' critical values`);
  }
  return judged;
}

function step(control: Control, state: RolloutState | null, plan: RolloutPlan, gates: GateResult[], inputs: RolloutInputs, nowMs: number, where: string): StepResult {
  const now = new Date(nowMs);
  if (control === 'start') return start(state, plan, { ref: inputs.ref!, now });
  if (!state) {
    throw new UserError(`no rollout of "${plan.flag}" is stored at ${where}; start one with: rollgate rollout start --ref <tag or sha>`);
  }
  switch (control) {
    case 'tick':
      return tick(state, plan, gates, now);
    case 'status':
      return unchanged(state, plan, state.history.at(-1)?.reason ?? 'not started', alignGates(plan, gates), nowMs);
    case 'pause':
      return pause(state, plan, { now, ...(inputs.reason ? { reason: inputs.reason } : {}) });
    case 'resume':
      try {
        return resume(state, plan, { now, manual: inputs.manual, ...(inputs.fromStage !== undefined ? { fromStage: inputs.fromStage } : {}) });
      } catch (error) {
        if (error instanceof RolloutRefused && !inputs.manual) throw new RolloutRefused(`${error.message} (this run was triggered by a ${inputs.event} event)`);
        throw error;
      }
    case 'abort':
      return abort(state, plan, { now, ...(inputs.reason ? { reason: inputs.reason } : {}) });
    case 'promote':
      return promote(state, plan, { now, gates });
    case 'rollback':
      return rollback(state, plan, { now, ...(inputs.reason ? { reason: inputs.reason } : {}) });
  }
}

function commitMessage(plan: RolloutPlan, result: StepResult): string {
  return `rollout ${plan.flag}: ${result.action} (${result.environment} ${result.percent}%)\n\n${result.reason}`;
}

/** Counts the requests this run asks the shared Octokit for (its own retries of one request are not counted again). */
function countRequests(ctx: RunContext): { count(): number; stop(): void } {
  const client = ctx.github?.client;
  if (!client) return { count: () => 0, stop: () => {} };
  let n = 0;
  const hook = async () => {
    n++;
  };
  client.hook.before('request', hook);
  return { count: () => n, stop: () => client.hook.remove('request', hook as never) };
}

export async function runRollout(plan: RolloutPlan, ctx: RunContext): Promise<RolloutResult> {
  const startedAt = performance.now();
  const inputs = rolloutInputs(plan, ctx);
  const nowMs = inputs.now.getTime();
  const store = chooseStore(plan, inputs, ctx);
  const counter = countRequests(ctx);
  const warnings: string[] = [];
  const githubNotes: string[] = [];
  const flagWrites: FlagWriteRecord[] = [];
  let provider: FlagProvider | undefined;
  const providerFor = async () => (provider ??= await createProvider(plan.provider, { cwd: ctx.cwd, signal: ctx.signal, log: ctx.log, env: ctx.env, github: ctx.github, now: () => new Date(nowMs) }));

  try {
    // A provider whose config cannot work (a missing secret, a bad path) fails before anything is saved.
    if (inputs.control !== 'status' && !inputs.dryRun) (await providerFor()).check?.();
    let conflicts = 0;
    let outcome: { before: RolloutState | null; result: StepResult; saved: boolean; measured: boolean; version: string | null } | undefined;
    for (let attempt = 0; attempt < MAX_ATTEMPTS && !outcome; attempt++) {
      const loaded: Loaded = await store.load();
      const before = loaded.state;
      const pending = before?.pendingWrite ?? null;
      const settled = pending !== null && Date.now() - Date.parse(pending.savedAt) > PENDING_GRACE_MS;
      let reapplied = false;
      if (pending && settled && !inputs.dryRun && inputs.control !== 'status') {
        try {
          const written = await (await providerFor()).set({ flag: plan.flag, environment: pending.environment, percent: pending.percent, reason: `re-applying the last change (${before?.history.at(-1)?.reason ?? 'unknown'})`, ref: before?.ref ?? null });
          reapplied = true;
          flagWrites.push({ environment: pending.environment, percent: pending.percent, detail: written.detail, changed: written.changed, retry: true });
          if (written.changed) warnings.push(`the flag was not at ${pending.percent}% in ${pending.environment} as the last run left it; it is now (${written.detail})`);
        } catch (error) {
          if (error instanceof UserError) throw error;
          // The flag system being down must not stop the gates from being read: a rollback may be due.
          warnings.push(`re-applying ${pending.percent}% in ${pending.environment} failed (${(error as Error).message}); it stays pending for the next run`);
        }
      }
      const gates = await measure(plan, before, inputs.control, ctx, warnings);
      // After losing a race, this run's readings are still a fresh observation:
      // judged just after the winner's tick, not thrown away as a duplicate of it.
      const decideAt = conflicts > 0 && before?.lastTickAt ? Math.max(nowMs, msOf(before.lastTickAt) + 1) : nowMs;
      const result = step(inputs.control, before, plan, gates, inputs, decideAt, store.where);
      const measured = gates.length > 0;
      if (conflicts > 0 && (result.action === 'held' || result.action === 'none')) {
        const reason = `stood down: another run saved this rollout at the same time (${result.reason}); this run's readings were not recorded`;
        outcome = { before, result: { ...unchanged(before!, plan, reason, result.gates, nowMs), action: result.action }, saved: false, measured, version: loaded.version };
        break;
      }
      if (inputs.noAdvance && inputs.control === 'tick' && before && (result.action === 'advanced' || result.action === 'completed' || result.action === 'started')) {
        // The approved job advances; this one only holds, breaches and rolls back.
        const reason = `held for approval (no-advance): a tick now would have ${result.reason}`;
        outcome = { before, result: { ...unchanged(before, plan, reason, result.gates, nowMs), action: 'held' }, saved: false, measured, version: loaded.version };
        break;
      }
      if (result.state === before) {
        if (reapplied && before) {
          // Confirmed once; a stopped rollout would otherwise re-write its flag on every run.
          try {
            await store.save({ ...before, pendingWrite: null }, loaded.version, `rollout ${plan.flag}: flag at ${pending!.percent}% in ${pending!.environment} confirmed`);
          } catch (error) {
            if (!(error instanceof StateConflict)) throw error;
          }
        }
        outcome = { before, result, saved: false, measured, version: loaded.version };
        break;
      }
      const next: RolloutState = {
        ...result.state,
        // A change not yet confirmed stays pending until a run re-applies it.
        pendingWrite: result.flagChange ? { ...result.flagChange, savedAt: new Date().toISOString() } : pending && !reapplied ? pending : null,
      };
      // A full sha given to start is the release itself; the workflow's sha may be a later commit.
      if (inputs.control === 'start') next.commit = /^[0-9a-f]{40}$/.test(inputs.ref ?? '') ? inputs.ref! : ctx.github?.sha || null;
      if (inputs.dryRun) {
        outcome = { before, result: { ...result, state: next }, saved: false, measured, version: loaded.version };
        break;
      }
      try {
        const version = await store.save(next, loaded.version, commitMessage(plan, result));
        outcome = { before, result: { ...result, state: next }, saved: true, measured, version };
      } catch (error) {
        if (!(error instanceof StateConflict)) throw error;
        conflicts++;
        ctx.log.debug(`${error.message}; deciding again (attempt ${attempt + 2})`);
      }
    }
    // Not a bug to report: other runs kept winning. Nothing was changed by this one; the next tick decides again.
    if (!outcome) throw new UserError(`the rollout state at ${store.where} changed under this run ${MAX_ATTEMPTS} times in a row; other runs are moving the rollout, so this one changed nothing (run it again, or let the next tick decide)`);

    const { result } = outcome;
    const state = result.state;
    let flagFailed = false;
    let flagWrittenAfterMs: number | null = null;
    if (outcome.saved && result.flagChange) {
      try {
        const written = await (await providerFor()).set({ flag: plan.flag, environment: result.flagChange.environment, percent: result.flagChange.percent, reason: result.reason, ref: state.ref });
        flagWrites.push({ ...result.flagChange, detail: written.detail, changed: written.changed, retry: false });
        flagWrittenAfterMs = Math.round(performance.now() - startedAt);
        const previous = outcome.before?.waves.find((wave) => wave.environment === result.flagChange!.environment)?.percent ?? 0;
        if (result.flagChange.percent < previous && !inputs.noConfirm) await confirmLowering(store, outcome.version, result.flagChange, plan, providerFor, flagWrites, warnings);
      } catch (error) {
        if (error instanceof UserError) throw error;
        flagFailed = true;
        warnings.push(`the state says ${result.flagChange.percent}% in ${result.flagChange.environment}, but writing the flag failed: ${(error as Error).message}. The next run retries the write.`);
      }
    }
    if (outcome.saved && flagFailed) warnings.push('GitHub deployments and the rollback comment wait until the flag is written: they would claim a change that has not happened');
    if (outcome.saved && !flagFailed) await publishToGitHub(plan, outcome.before, result, ctx, githubNotes, warnings, inputs);

    return {
      passed: !flagFailed && !(result.action === 'rolled-back' && state.lastRollback?.manual === false),
      flag: plan.flag,
      control: inputs.control,
      state: state.status,
      environment: result.environment,
      stage: result.stage,
      stageIndex: result.stageIndex,
      percent: result.percent,
      action: result.action,
      reason: result.reason,
      // Gates not read (a stopped rollout, a control that needs none) are not reported as missing data.
      gates: outcome.measured ? result.gates : [],
      consecutiveBreaches: result.consecutiveBreaches,
      breaker: { limit: plan.breaker.consecutiveBreaches, critical: plan.breaker.critical },
      nextCheckAfter: result.nextCheckAfter,
      now: new Date(nowMs).toISOString(),
      dryRun: inputs.dryRun,
      store: store.where,
      flagWrites,
      github: githubNotes,
      warnings,
      githubRequests: counter.count(),
      conflicts,
      flagWrittenAfterMs,
      waves: state.waves,
      history: state.history,
      lastRollback: state.lastRollback,
      stages: plan.stages.map((stage) => ({ name: stage.name, percent: stage.percent, holdMs: stage.holdMs })),
    };
  } finally {
    counter.stop();
  }
}

/**
 * Lowering races a raise: a tick that saved "advance" just before this run
 * saved "abort" may still be writing its higher percent, and land after this
 * run's 0%. The lowering run (rare: a rollback, an abort) therefore waits
 * for such a write to land and, if nobody has saved since, writes its
 * percent again (idempotent: usually no change). Raising runs pay nothing
 * for it, which keeps an advancing tick within six GitHub requests. A run
 * that stalls longer is still caught: the saved change stays pending, and
 * the next run after a minute re-applies it.
 */
async function confirmLowering(
  store: RolloutStore,
  savedVersion: string | null,
  written: { environment: string; percent: number },
  plan: RolloutPlan,
  providerFor: () => Promise<FlagProvider>,
  flagWrites: FlagWriteRecord[],
  warnings: string[],
): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, CONFIRM_LOWERING_MS));
  const now = await store.load();
  if (now.version !== savedVersion) return;
  const out = await (await providerFor()).set({ flag: plan.flag, environment: written.environment, percent: written.percent, reason: 'confirming the lowered percent', ref: now.state?.ref ?? null });
  flagWrites.push({ environment: written.environment, percent: written.percent, detail: out.detail, changed: out.changed, retry: true });
  if (out.changed) warnings.push(`a concurrent run raised the flag after this run lowered it; it is back at ${written.percent}% in ${written.environment}`);
}

function runUrl(ctx: RunContext): string | undefined {
  const gh = ctx.github;
  return gh?.runId ? `${gh.serverUrl}/${gh.owner}/${gh.repo}/actions/runs/${gh.runId}` : undefined;
}

async function publishToGitHub(plan: RolloutPlan, before: RolloutState | null, result: StepResult, ctx: RunContext, notes: string[], warnings: string[], inputs: RolloutInputs): Promise<void> {
  const gh = ctx.github;
  if (!gh?.client || !inputs.deployments) return;
  const state = result.state;
  const target = { client: gh.client, owner: gh.owner, repo: gh.repo, ...(runUrl(ctx) ? { logUrl: runUrl(ctx)! } : {}) };
  try {
    const forward = ['started', 'advanced', 'promoted', 'resumed', 'completed'].includes(result.action);
    if (forward && result.flagChange && result.percent > 0 && result.stage !== null && result.stageIndex !== null) {
      // The commit is exact and always exists; a tag or release name may not be a ref GitHub resolves.
      const ref = state.commit ?? state.ref ?? gh.sha;
      const { deploymentId } = await recordStage(target, {
        flag: plan.flag,
        environment: result.environment,
        ref,
        stage: result.stage,
        stageIndex: result.stageIndex,
        percent: result.percent,
        description: `${result.percent}% (${result.stage}) live`,
      });
      notes.push(`deployment ${deploymentId} in ${result.environment}: ${result.stage} at ${result.percent}%`);
    }
    if (result.action === 'rolled-back' || result.action === 'aborted') {
      // Only this attempt's deployments: an earlier attempt's failure stays on record.
      const attemptStart = [...state.history].reverse().find((line) => line.environment === result.environment && (line.action === 'started' || line.action === 'resumed'))?.at ?? state.startedAt;
      const retired = await retireStages(target, {
        flag: plan.flag,
        environment: result.environment,
        since: attemptStart,
        // Rolled back to the previous stage: its deployment is live again.
        keepPrevious: result.action === 'rolled-back' && result.percent > 0,
        outcome: result.action === 'rolled-back' ? 'failure' : 'inactive',
        description: result.reason,
      });
      notes.push(`${retired.marked} deployment${retired.marked === 1 ? '' : 's'} of this rollout marked ${result.action === 'rolled-back' ? 'failure/inactive' : 'inactive'}`);
    }
    if (result.action === 'rolled-back' && state.lastRollback) {
      const commit = state.commit;
      if (!commit) {
        warnings.push('no commit is known for this rollout (start it from a workflow, or with --ref <full sha>), so the rollback comment was not posted');
      } else {
        const body = rollbackCommentBody({
          flag: plan.flag,
          ref: state.ref,
          rollback: state.lastRollback,
          ...(runUrl(ctx) ? { runUrl: runUrl(ctx)! } : {}),
          resumeHint: 'To try again after a fix, run the rollout workflow by hand with `action: resume` (a scheduled run never undoes a rollback).',
        });
        const posted = await postRollbackComment(gh.client, { owner: gh.owner, repo: gh.repo }, commit, body);
        notes.push(`rollback comment on ${posted.where}`);
      }
    }
  } catch (error) {
    warnings.push(`GitHub deployments or comment not updated: ${(error as Error).message}`);
  }
}
