import { apiError, conflict, notFound, validationFailed } from '../errors';
import { paginate } from '../pagination';
import type { DeploymentRecord, DeploymentState, DeploymentStatusRecord, RepoRecord } from '../records';
import { intParam, json, repoOf, type RequestContext, type Route } from '../routing';
import { deploymentShape, deploymentStatusShape } from '../shapes/deployment';
import { charLength, FieldCheck, isPlainObject, objectBody } from '../validate';

const DOCS = {
  create: 'https://docs.github.com/rest/deployments/deployments#create-a-deployment',
  list: 'https://docs.github.com/rest/deployments/deployments#list-deployments',
  get: 'https://docs.github.com/rest/deployments/deployments#get-a-deployment',
  createStatus: 'https://docs.github.com/rest/deployments/statuses#create-a-deployment-status',
  listStatuses: 'https://docs.github.com/rest/deployments/statuses#list-deployment-statuses',
};

const STATES: readonly DeploymentState[] = ['error', 'failure', 'inactive', 'in_progress', 'queued', 'pending', 'success'];
const MAX_STATUS_DESCRIPTION = 140;

function findDeployment(ctx: RequestContext, repo: RepoRecord): DeploymentRecord {
  const deployment = ctx.state.deployments.get(intParam(ctx, 'deployment_id'));
  if (!deployment || deployment.repoKey !== repo.fullName.toLowerCase()) throw notFound(ctx.docs);
  return deployment;
}

type ContextState = 'success' | 'failure' | 'pending' | 'missing';

/**
 * GitHub refuses a deployment while the commit's status contexts are not all green:
 * every context when required_contexts is omitted, the listed ones otherwise. Check runs
 * are the contexts this fake knows about.
 */
function failingContexts(ctx: RequestContext, repo: RepoRecord, sha: string, required: string[] | undefined) {
  const latest = new Map<string, ContextState>();
  const runs = [...ctx.state.checkRuns.values()]
    .filter((run) => run.repoKey === repo.fullName.toLowerCase() && run.headSha === sha)
    .sort((a, b) => a.id - b.id);
  for (const run of runs) {
    const state: ContextState =
      run.status !== 'completed'
        ? 'pending'
        : ['success', 'neutral', 'skipped'].includes(run.conclusion ?? '')
          ? 'success'
          : 'failure';
    latest.set(run.name, state);
  }
  const names = required ?? [...latest.keys()];
  return names
    .map((context) => ({ context, state: latest.get(context) ?? 'missing' }))
    .filter((entry) => entry.state !== 'success');
}

function create(ctx: RequestContext) {
  const repo = repoOf(ctx);
  const body = objectBody(ctx);
  const check = new FieldCheck('Deployment', body);
  const ref = check.requireString('ref');
  const task = check.optionalString('task') ?? 'deploy';
  const environment = check.optionalString('environment') ?? 'production';
  const description = check.optionalString('description');
  const transient = check.optionalBoolean('transient_environment') ?? false;
  const production = check.optionalBoolean('production_environment') ?? environment === 'production';
  check.optionalBoolean('auto_merge');
  let required: string[] | undefined;
  if (body.required_contexts !== undefined && body.required_contexts !== null) {
    if (!Array.isArray(body.required_contexts) || body.required_contexts.some((item) => typeof item !== 'string')) {
      check.fail('required_contexts', 'invalid');
    } else {
      required = body.required_contexts as string[];
    }
  }
  const payload = body.payload ?? {};
  if (!isPlainObject(payload) && typeof payload !== 'string') check.fail('payload', 'invalid');
  check.throwIfAny(ctx.docs);
  if (ref === undefined) throw new Error('unreachable: FieldCheck threw');

  const sha = ctx.state.resolveRef(repo, ref);
  if (sha === undefined) throw apiError(422, `No ref found for: ${ref}`, ctx.docs);
  const failing = failingContexts(ctx, repo, sha, required);
  if (failing.length > 0) {
    throw conflict(ctx.docs, `Conflict: Commit status checks failed for ${ref}.`, {
      errors: [{ contexts: failing, resource: 'Deployment', field: 'required_contexts', code: 'invalid' }],
    });
  }
  const now = ctx.state.now();
  const deployment: DeploymentRecord = {
    id: ctx.state.nextId('deployment'),
    repoKey: repo.fullName.toLowerCase(),
    sha,
    ref,
    task,
    payload: payload as DeploymentRecord['payload'],
    environment,
    originalEnvironment: environment,
    description: description ?? null,
    creator: ctx.caller.login,
    createdAt: now,
    updatedAt: now,
    transientEnvironment: transient,
    productionEnvironment: production,
    statuses: [],
  };
  ctx.state.deployments.set(deployment.id, deployment);
  return json(201, deploymentShape(ctx.state, ctx.urls, repo, deployment));
}

function list(ctx: RequestContext) {
  const repo = repoOf(ctx);
  const { environment, ref, sha, task } = ctx.query;
  const deployments = [...ctx.state.deployments.values()]
    .filter((deployment) => deployment.repoKey === repo.fullName.toLowerCase())
    .filter((deployment) => environment === undefined || deployment.environment === environment)
    .filter((deployment) => ref === undefined || deployment.ref === ref)
    .filter((deployment) => sha === undefined || deployment.sha === sha.toLowerCase())
    .filter((deployment) => task === undefined || deployment.task === task)
    // Newest first, as GitHub lists them.
    .sort((a, b) => b.id - a.id);
  const page = paginate(ctx, deployments);
  return json(200, page.items.map((deployment) => deploymentShape(ctx.state, ctx.urls, repo, deployment)), page.headers);
}

function get(ctx: RequestContext) {
  const repo = repoOf(ctx);
  return json(200, deploymentShape(ctx.state, ctx.urls, repo, findDeployment(ctx, repo)));
}

/** auto_inactive: earlier non-transient, non-production deployments to the same environment go inactive. */
function retirePrevious(ctx: RequestContext, current: DeploymentRecord, environment: string): void {
  for (const deployment of ctx.state.deployments.values()) {
    if (deployment.repoKey !== current.repoKey || deployment.id >= current.id) continue;
    if (deployment.environment !== environment || deployment.transientEnvironment || deployment.productionEnvironment) continue;
    if (deployment.statuses.at(-1)?.state !== 'success') continue;
    appendStatus(ctx, deployment, { state: 'inactive', description: '', environment, targetUrl: '', logUrl: '', environmentUrl: '' });
  }
}

function appendStatus(
  ctx: RequestContext,
  deployment: DeploymentRecord,
  fields: Omit<DeploymentStatusRecord, 'id' | 'creator' | 'createdAt'>,
): DeploymentStatusRecord {
  const status: DeploymentStatusRecord = {
    ...fields,
    id: ctx.state.nextId('deploymentStatus'),
    creator: ctx.caller.login,
    createdAt: ctx.state.now(),
  };
  deployment.statuses.push(status);
  deployment.environment = fields.environment;
  deployment.updatedAt = status.createdAt;
  return status;
}

function createStatus(ctx: RequestContext) {
  const repo = repoOf(ctx);
  const deployment = findDeployment(ctx, repo);
  const body = objectBody(ctx);
  const check = new FieldCheck('DeploymentStatus', body);
  if (body.state === undefined) check.fail('state', 'missing_field');
  const state = check.optionalEnum('state', STATES);
  const description = check.optionalString('description') ?? '';
  const environment = check.optionalString('environment') ?? deployment.statuses.at(-1)?.environment ?? deployment.environment;
  const targetUrl = check.optionalString('target_url') ?? '';
  const logUrl = check.optionalString('log_url') ?? '';
  const environmentUrl = check.optionalString('environment_url') ?? '';
  const autoInactive = check.optionalBoolean('auto_inactive') ?? true;
  check.throwIfAny(ctx.docs);
  if (state === undefined) throw new Error('unreachable: FieldCheck threw');
  if (charLength(description) > MAX_STATUS_DESCRIPTION) {
    throw validationFailed(ctx.docs, [
      { resource: 'DeploymentStatus', field: 'description', code: 'custom', message: `description is too long (maximum is ${MAX_STATUS_DESCRIPTION} characters)` },
    ]);
  }
  const status = appendStatus(ctx, deployment, { state, description, environment, targetUrl, logUrl, environmentUrl });
  if (state === 'success' && autoInactive) retirePrevious(ctx, deployment, environment);
  return json(201, deploymentStatusShape(ctx.state, ctx.urls, repo, deployment, status));
}

function listStatuses(ctx: RequestContext) {
  const repo = repoOf(ctx);
  const deployment = findDeployment(ctx, repo);
  const page = paginate(ctx, [...deployment.statuses].reverse());
  return json(
    200,
    page.items.map((status) => deploymentStatusShape(ctx.state, ctx.urls, repo, deployment, status)),
    page.headers,
  );
}

export const deploymentRoutes: Route[] = [
  { method: 'POST', pattern: '/repos/:owner/:repo/deployments', docs: DOCS.create, permission: 'deployments=write', scope: 'repo', handle: create },
  { method: 'GET', pattern: '/repos/:owner/:repo/deployments', docs: DOCS.list, permission: 'deployments=read', scope: 'repo', handle: list },
  { method: 'GET', pattern: '/repos/:owner/:repo/deployments/:deployment_id', docs: DOCS.get, permission: 'deployments=read', scope: 'repo', handle: get },
  { method: 'POST', pattern: '/repos/:owner/:repo/deployments/:deployment_id/statuses', docs: DOCS.createStatus, permission: 'deployments=write', scope: 'repo', handle: createStatus },
  { method: 'GET', pattern: '/repos/:owner/:repo/deployments/:deployment_id/statuses', docs: DOCS.listStatuses, permission: 'deployments=read', scope: 'repo', handle: listStatuses },
];
