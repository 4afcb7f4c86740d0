import { nodeId } from '../ids';
import type { AnnotationRecord, CheckRunRecord, PullRequestRecord, RepoRecord } from '../records';
import type { ServerState } from '../state';
import { describeRepo } from './repository';
import { encodePath, WEB, type Urls } from './urls';
import { appShape } from './user';

export function checkRunShape(state: ServerState, urls: Urls, repo: RepoRecord, run: CheckRunRecord) {
  const api = urls.repo(repo.fullName);
  const htmlUrl = `${WEB}/${repo.fullName}/runs/${run.id}`;
  return {
    id: run.id,
    name: run.name,
    node_id: nodeId('CR', run.id),
    head_sha: run.headSha,
    // GitHub sends "" rather than null when no external_id was given.
    external_id: run.externalId ?? '',
    url: `${api}/check-runs/${run.id}`,
    html_url: htmlUrl,
    details_url: run.detailsUrl ?? htmlUrl,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.startedAt,
    completed_at: run.completedAt,
    output: {
      title: run.output.title,
      summary: run.output.summary,
      text: run.output.text,
      annotations_count: run.annotations.length,
      annotations_url: `${api}/check-runs/${run.id}/annotations`,
    },
    check_suite: { id: run.checkSuiteId },
    app: appShape(state, urls, run.app),
    pull_requests: [...repo.pulls.values()]
      .filter((pull) => pull.state === 'open' && pull.head.sha === run.headSha)
      .map((pull) => pullRequestMinimal(state, urls, repo, pull)),
  };
}

function pullRequestMinimal(state: ServerState, urls: Urls, repo: RepoRecord, pull: PullRequestRecord) {
  const head = describeRepo(state, pull.head.repoFullName);
  const repoRef = (target: { id: number; fullName: string; name: string }) => ({
    id: target.id,
    url: urls.repo(target.fullName),
    name: target.name,
  });
  return {
    id: pull.id,
    number: pull.number,
    url: `${urls.repo(repo.fullName)}/pulls/${pull.number}`,
    head: { ref: pull.head.ref, sha: pull.head.sha, repo: repoRef(head) },
    base: { ref: pull.base.ref, sha: pull.base.sha, repo: repoRef(repo) },
  };
}

export function annotationShape(repo: RepoRecord, run: CheckRunRecord, annotation: AnnotationRecord) {
  return {
    path: annotation.path,
    blob_href: `${WEB}/${repo.fullName}/blob/${run.headSha}/${encodePath(annotation.path)}`,
    start_line: annotation.start_line,
    start_column: annotation.start_column,
    end_line: annotation.end_line,
    end_column: annotation.end_column,
    annotation_level: annotation.annotation_level,
    title: annotation.title,
    message: annotation.message,
    raw_details: annotation.raw_details,
  };
}
