/** What the fake stores. Field names follow GitHub's where a record maps 1:1 onto a response. */

export type UserType = 'User' | 'Bot' | 'Organization';

export interface UserRecord {
  login: string;
  id: number;
  type: UserType;
}

export type AuthorAssociation =
  | 'COLLABORATOR'
  | 'CONTRIBUTOR'
  | 'FIRST_TIMER'
  | 'FIRST_TIME_CONTRIBUTOR'
  | 'MANNEQUIN'
  | 'MEMBER'
  | 'NONE'
  | 'OWNER';

export interface GitActor {
  name: string;
  email: string;
  date: string;
}

export interface CommitRecord {
  sha: string;
  treeSha: string;
  message: string;
  parents: string[];
  /** Full snapshot, so `?ref=<old sha>` reads the tree as it was. */
  files: Map<string, Buffer>;
  author: GitActor;
  committer: GitActor;
}

export interface RepoRecord {
  id: number;
  owner: string;
  name: string;
  fullName: string;
  private: boolean;
  fork: boolean;
  description: string | null;
  defaultBranch: string;
  createdAt: string;
  updatedAt: string;
  pushedAt: string;
  branches: Map<string, string>;
  commits: Map<string, CommitRecord>;
  /** Issues and pull requests share one number sequence, as on GitHub. */
  nextNumber: number;
  issues: Map<number, IssueRecord>;
  pulls: Map<number, PullRequestRecord>;
}

export interface IssueRecord {
  number: number;
  id: number;
  title: string;
  body: string | null;
  user: string;
  state: 'open' | 'closed';
  labels: string[];
  createdAt: string;
  updatedAt: string;
}

export type DiffStatus = 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';

export interface PullFileRecord {
  filename: string;
  status: DiffStatus;
  additions: number;
  deletions: number;
  patch?: string;
  previous_filename?: string;
  sha: string | null;
}

export type ReviewState = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';

export interface ReviewRecord {
  id: number;
  user: string;
  body: string;
  state: ReviewState;
  commitId: string | null;
  submittedAt: string | null;
  authorAssociation: AuthorAssociation;
}

export interface PullRequestRecord extends IssueRecord {
  draft: boolean;
  merged: boolean;
  mergedAt: string | null;
  closedAt: string | null;
  mergeable: boolean | null;
  /** The commit merging made on the base branch; null until merged. */
  mergeCommitSha: string | null;
  authorAssociation: AuthorAssociation;
  head: { ref: string; sha: string; repoFullName: string };
  base: { ref: string; sha: string };
  files: PullFileRecord[];
  reviews: ReviewRecord[];
}

export type AnnotationLevel = 'notice' | 'warning' | 'failure';

export interface AnnotationRecord {
  path: string;
  start_line: number;
  end_line: number;
  start_column: number | null;
  end_column: number | null;
  annotation_level: AnnotationLevel;
  title: string | null;
  message: string;
  raw_details: string | null;
}

export type CheckStatus = 'queued' | 'in_progress' | 'completed' | 'waiting' | 'requested' | 'pending';

export interface CheckRunRecord {
  id: number;
  /** Lower-cased "owner/name", the key of ServerState.repos. */
  repoKey: string;
  name: string;
  headSha: string;
  status: CheckStatus;
  conclusion: string | null;
  startedAt: string | null;
  completedAt: string | null;
  detailsUrl: string | null;
  externalId: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  annotations: AnnotationRecord[];
  checkSuiteId: number;
  /** Login of the app (bot) that created it; check runs belong to an app on GitHub. */
  app: string;
}

export interface CommentRecord {
  id: number;
  /** Lower-cased "owner/name", the key of ServerState.repos. */
  repoKey: string;
  issueNumber: number;
  body: string;
  user: string;
  createdAt: string;
  updatedAt: string;
  authorAssociation: AuthorAssociation;
}

/** A comment on a commit (the commit page, not a pull request's review). */
export interface CommitCommentRecord {
  id: number;
  /** Lower-cased "owner/name", the key of ServerState.repos. */
  repoKey: string;
  commitId: string;
  body: string;
  /** File and diff position for a line comment; null for a comment on the whole commit. */
  path: string | null;
  position: number | null;
  line: number | null;
  user: string;
  createdAt: string;
  updatedAt: string;
  authorAssociation: AuthorAssociation;
}

export type DeploymentState = 'error' | 'failure' | 'inactive' | 'in_progress' | 'queued' | 'pending' | 'success';

export interface DeploymentStatusRecord {
  id: number;
  state: DeploymentState;
  description: string;
  environment: string;
  targetUrl: string;
  logUrl: string;
  environmentUrl: string;
  creator: string;
  createdAt: string;
}

export interface DeploymentRecord {
  id: number;
  /** Lower-cased "owner/name", the key of ServerState.repos. */
  repoKey: string;
  sha: string;
  ref: string;
  task: string;
  payload: Record<string, unknown> | string;
  environment: string;
  originalEnvironment: string;
  description: string | null;
  creator: string;
  createdAt: string;
  updatedAt: string;
  transientEnvironment: boolean;
  productionEnvironment: boolean;
  statuses: DeploymentStatusRecord[];
}

export interface DispatchRecord {
  /** Lower-cased "owner/name", the key of ServerState.repos. */
  repoKey: string;
  eventType: string;
  clientPayload: Record<string, unknown>;
  sender: string;
  at: string;
}

export interface TeamMembershipRecord {
  role: 'member' | 'maintainer';
  state: 'active' | 'pending';
}

export interface TeamRecord {
  org: string;
  slug: string;
  id: number;
  members: Map<string, TeamMembershipRecord>;
}
