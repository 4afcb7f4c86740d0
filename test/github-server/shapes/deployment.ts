import { nodeId } from '../ids';
import type { DeploymentRecord, DeploymentStatusRecord, RepoRecord } from '../records';
import type { ServerState } from '../state';
import type { Urls } from './urls';
import { simpleUser } from './user';

export function deploymentShape(state: ServerState, urls: Urls, repo: RepoRecord, deployment: DeploymentRecord) {
  const api = urls.repo(repo.fullName);
  const url = `${api}/deployments/${deployment.id}`;
  return {
    url,
    id: deployment.id,
    node_id: nodeId('DE', deployment.id),
    task: deployment.task,
    original_environment: deployment.originalEnvironment,
    environment: deployment.environment,
    description: deployment.description,
    created_at: deployment.createdAt,
    updated_at: deployment.updatedAt,
    statuses_url: `${url}/statuses`,
    repository_url: api,
    creator: simpleUser(state, urls, deployment.creator),
    sha: deployment.sha,
    ref: deployment.ref,
    payload: deployment.payload,
    transient_environment: deployment.transientEnvironment,
    production_environment: deployment.productionEnvironment,
    performed_via_github_app: null,
  };
}

export function deploymentStatusShape(
  state: ServerState,
  urls: Urls,
  repo: RepoRecord,
  deployment: DeploymentRecord,
  status: DeploymentStatusRecord,
) {
  const api = urls.repo(repo.fullName);
  const deploymentUrl = `${api}/deployments/${deployment.id}`;
  return {
    url: `${deploymentUrl}/statuses/${status.id}`,
    id: status.id,
    node_id: nodeId('DES', status.id),
    state: status.state,
    creator: simpleUser(state, urls, status.creator),
    description: status.description,
    environment: status.environment,
    // GitHub mirrors log_url into the older target_url field and sends "" when neither was given.
    target_url: status.logUrl || status.targetUrl,
    created_at: status.createdAt,
    updated_at: status.createdAt,
    deployment_url: deploymentUrl,
    repository_url: api,
    environment_url: status.environmentUrl,
    log_url: status.logUrl || status.targetUrl,
    performed_via_github_app: null,
  };
}
