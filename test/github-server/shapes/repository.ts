import { nodeId, stableNumber } from '../ids';
import type { Caller } from '../routing';
import type { RepoRecord } from '../records';
import type { ServerState } from '../state';
import { WEB, type Urls } from './urls';
import { simpleUser } from './user';

/** The parts of a repository its JSON needs; a fork the test never seeded can still be described. */
export type RepoIdentity = Pick<
  RepoRecord,
  'id' | 'owner' | 'name' | 'fullName' | 'private' | 'fork' | 'description' | 'defaultBranch' | 'createdAt' | 'updatedAt' | 'pushedAt'
>;

export function describeRepo(state: ServerState, fullName: string): RepoIdentity {
  const [owner = fullName, name = fullName] = fullName.split('/');
  const seeded = state.getRepo(owner, name);
  if (seeded) return seeded;
  const now = state.now();
  return {
    id: stableNumber(`repo:${fullName.toLowerCase()}`, 800_000_000, 100_000_000),
    owner,
    name,
    fullName,
    private: false,
    fork: true,
    description: null,
    defaultBranch: 'main',
    createdAt: now,
    updatedAt: now,
    pushedAt: now,
  };
}

/**
 * One superset of GitHub's `repository` and `full-repository` objects: clients read the same
 * fields from both, and the extra ones are what GitHub sends on GET /repos/{owner}/{repo}.
 */
export function repositoryShape(state: ServerState, urls: Urls, repo: RepoIdentity, caller?: Caller) {
  const api = urls.repo(repo.fullName);
  const web = `${WEB}/${repo.fullName}`;
  const owner = simpleUser(state, urls, repo.owner);
  const seeded = state.getRepo(repo.owner, repo.name);
  const openIssues = seeded
    ? [...seeded.issues.values(), ...seeded.pulls.values()].filter((issue) => issue.state === 'open').length
    : 0;
  return {
    id: repo.id,
    node_id: nodeId('R', repo.id),
    name: repo.name,
    full_name: repo.fullName,
    private: repo.private,
    owner,
    html_url: web,
    description: repo.description,
    fork: repo.fork,
    url: api,
    archive_url: `${api}/{archive_format}{/ref}`,
    assignees_url: `${api}/assignees{/user}`,
    blobs_url: `${api}/git/blobs{/sha}`,
    branches_url: `${api}/branches{/branch}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    comments_url: `${api}/comments{/number}`,
    commits_url: `${api}/commits{/sha}`,
    compare_url: `${api}/compare/{base}...{head}`,
    contents_url: `${api}/contents/{+path}`,
    contributors_url: `${api}/contributors`,
    deployments_url: `${api}/deployments`,
    downloads_url: `${api}/downloads`,
    events_url: `${api}/events`,
    forks_url: `${api}/forks`,
    git_commits_url: `${api}/git/commits{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_url: `git://github.com/${repo.fullName}.git`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    issue_events_url: `${api}/issues/events{/number}`,
    issues_url: `${api}/issues{/number}`,
    keys_url: `${api}/keys{/key_id}`,
    labels_url: `${api}/labels{/name}`,
    languages_url: `${api}/languages`,
    merges_url: `${api}/merges`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    pulls_url: `${api}/pulls{/number}`,
    releases_url: `${api}/releases{/id}`,
    ssh_url: `git@github.com:${repo.fullName}.git`,
    stargazers_url: `${api}/stargazers`,
    statuses_url: `${api}/statuses/{sha}`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    tags_url: `${api}/tags`,
    teams_url: `${api}/teams`,
    trees_url: `${api}/git/trees{/sha}`,
    clone_url: `${web}.git`,
    mirror_url: null,
    hooks_url: `${api}/hooks`,
    svn_url: web,
    homepage: null,
    language: 'TypeScript',
    forks_count: 0,
    stargazers_count: 0,
    watchers_count: 0,
    size: seeded ? seeded.commits.size : 0,
    default_branch: repo.defaultBranch,
    open_issues_count: openIssues,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: repo.private ? 'private' : 'public',
    pushed_at: repo.pushedAt,
    created_at: repo.createdAt,
    updated_at: repo.updatedAt,
    ...(caller
      ? {
          permissions: {
            admin: false,
            maintain: false,
            push: caller.permissions === 'write',
            triage: caller.permissions === 'write',
            pull: true,
          },
        }
      : {}),
    allow_forking: true,
    web_commit_signoff_required: false,
    subscribers_count: 0,
    network_count: 0,
    license: null,
    forks: 0,
    open_issues: openIssues,
    watchers: 0,
    ...(state.user(repo.owner).type === 'Organization' ? { organization: owner } : {}),
  };
}
