import { nodeId, sha1Hex, stableNumber } from '../ids';
import type { PullFileRecord, PullRequestRecord, RepoRecord, ReviewRecord } from '../records';
import type { ServerState } from '../state';
import { describeRepo, repositoryShape } from './repository';
import { encodePath, WEB, type Urls } from './urls';
import { simpleUser } from './user';

function labelShape(urls: Urls, repo: RepoRecord, name: string) {
  const id = stableNumber(`label:${repo.fullName.toLowerCase()}:${name}`, 5_000_000_000, 1_000_000_000);
  return {
    id,
    node_id: nodeId('LA', id),
    url: `${urls.repo(repo.fullName)}/labels/${encodeURIComponent(name)}`,
    name,
    color: sha1Hex('label colour', name).slice(0, 6),
    default: false,
    // GitHub sends "" for a label without one; pull-request-simple (every list) declares it a non-null string.
    description: '',
  };
}

/** GitHub's pull-request-simple, what list endpoints answer: no merge state, counts or diff stats. */
export function pullRequestSimpleShape(state: ServerState, urls: Urls, repo: RepoRecord, pull: PullRequestRecord) {
  const api = urls.repo(repo.fullName);
  const self = `${api}/pulls/${pull.number}`;
  const web = `${WEB}/${repo.fullName}/pull/${pull.number}`;
  const headRepo = describeRepo(state, pull.head.repoFullName);
  const link = (href: string) => ({ href });
  return {
    url: self,
    id: pull.id,
    node_id: nodeId('PR', pull.id),
    html_url: web,
    diff_url: `${web}.diff`,
    patch_url: `${web}.patch`,
    issue_url: `${api}/issues/${pull.number}`,
    commits_url: `${self}/commits`,
    review_comments_url: `${self}/comments`,
    review_comment_url: `${api}/pulls/comments{/number}`,
    comments_url: `${api}/issues/${pull.number}/comments`,
    statuses_url: `${api}/statuses/${pull.head.sha}`,
    number: pull.number,
    state: pull.state,
    locked: false,
    title: pull.title,
    user: simpleUser(state, urls, pull.user),
    body: pull.body,
    labels: pull.labels.map((name) => labelShape(urls, repo, name)),
    milestone: null,
    active_lock_reason: null,
    created_at: pull.createdAt,
    updated_at: pull.updatedAt,
    closed_at: pull.closedAt,
    merged_at: pull.mergedAt,
    merge_commit_sha: pull.mergeCommitSha,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    head: {
      label: `${headRepo.owner}:${pull.head.ref}`,
      ref: pull.head.ref,
      sha: pull.head.sha,
      user: simpleUser(state, urls, headRepo.owner),
      repo: repositoryShape(state, urls, headRepo),
    },
    base: {
      label: `${repo.owner}:${pull.base.ref}`,
      ref: pull.base.ref,
      sha: pull.base.sha,
      user: simpleUser(state, urls, repo.owner),
      repo: repositoryShape(state, urls, repo),
    },
    _links: {
      self: link(self),
      html: link(web),
      issue: link(`${api}/issues/${pull.number}`),
      comments: link(`${api}/issues/${pull.number}/comments`),
      review_comments: link(`${self}/comments`),
      review_comment: link(`${api}/pulls/comments{/number}`),
      commits: link(`${self}/commits`),
      statuses: link(`${api}/statuses/${pull.head.sha}`),
    },
    author_association: pull.authorAssociation,
    auto_merge: null,
    draft: pull.draft,
  };
}

export function pullRequestShape(state: ServerState, urls: Urls, repo: RepoRecord, pull: PullRequestRecord) {
  const issueComments = [...state.comments.values()].filter(
    (comment) => comment.repoKey === repo.fullName.toLowerCase() && comment.issueNumber === pull.number,
  ).length;
  const additions = pull.files.reduce((sum, file) => sum + file.additions, 0);
  const deletions = pull.files.reduce((sum, file) => sum + file.deletions, 0);
  return {
    ...pullRequestSimpleShape(state, urls, repo, pull),
    merged: pull.merged,
    mergeable: pull.state === 'open' ? pull.mergeable : null,
    rebaseable: pull.state === 'open' ? pull.mergeable : null,
    mergeable_state: pull.state !== 'open' ? 'unknown' : pull.mergeable === false ? 'dirty' : pull.draft ? 'draft' : 'clean',
    merged_by: null,
    comments: issueComments,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: 1,
    additions,
    deletions,
    changed_files: pull.files.length,
  };
}

export function diffEntryShape(urls: Urls, repo: RepoRecord, pull: PullRequestRecord, file: PullFileRecord) {
  const path = encodePath(file.filename);
  return {
    sha: file.sha,
    filename: file.filename,
    status: file.status,
    additions: file.additions,
    deletions: file.deletions,
    changes: file.additions + file.deletions,
    blob_url: `${WEB}/${repo.fullName}/blob/${pull.head.sha}/${path}`,
    raw_url: `${WEB}/${repo.fullName}/raw/${pull.head.sha}/${path}`,
    contents_url: `${urls.repo(repo.fullName)}/contents/${path}?ref=${pull.head.sha}`,
    ...(file.patch === undefined ? {} : { patch: file.patch }),
    ...(file.previous_filename === undefined ? {} : { previous_filename: file.previous_filename }),
  };
}

export function reviewShape(state: ServerState, urls: Urls, repo: RepoRecord, pull: PullRequestRecord, review: ReviewRecord) {
  const html = `${WEB}/${repo.fullName}/pull/${pull.number}#pullrequestreview-${review.id}`;
  const pullUrl = `${urls.repo(repo.fullName)}/pulls/${pull.number}`;
  return {
    id: review.id,
    node_id: nodeId('PRR', review.id),
    user: simpleUser(state, urls, review.user),
    body: review.body,
    state: review.state,
    html_url: html,
    pull_request_url: pullUrl,
    author_association: review.authorAssociation,
    _links: { html: { href: html }, pull_request: { href: pullUrl } },
    ...(review.submittedAt === null ? {} : { submitted_at: review.submittedAt }),
    commit_id: review.commitId,
  };
}
