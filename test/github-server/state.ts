import { gitBlobSha, isFullSha, isoSeconds, sha1Hex, stableNumber } from './ids';
import type {
  AuthorAssociation,
  CheckRunRecord,
  CommentRecord,
  CommitCommentRecord,
  CommitRecord,
  DeploymentRecord,
  DiffStatus,
  DispatchRecord,
  GitActor,
  IssueRecord,
  PullRequestRecord,
  RepoRecord,
  ReviewRecord,
  ReviewState,
  TeamMembershipRecord,
  TeamRecord,
  UserRecord,
  UserType,
} from './records';

export type * from './records';

export interface RepoSeed {
  private?: boolean;
  fork?: boolean;
  description?: string | null;
  defaultBranch?: string;
  /** Owners are organizations unless told otherwise: Rollgate runs in org repos. */
  ownerType?: UserType;
  /** Sha of the default branch's first commit; random-looking but stable if omitted. */
  headSha?: string;
}

export interface IssueSeed {
  number?: number;
  title?: string;
  body?: string | null;
  user?: string;
  state?: 'open' | 'closed';
  labels?: string[];
}

export interface PullFileSeed {
  filename: string;
  status?: DiffStatus;
  additions?: number;
  deletions?: number;
  patch?: string;
  previous_filename?: string;
}

export interface PullRequestSeed extends IssueSeed {
  draft?: boolean;
  merged?: boolean;
  mergeable?: boolean | null;
  authorAssociation?: AuthorAssociation;
  /** `repo` is "owner/name" of a fork; omitted means a branch of the base repository. */
  head?: { ref?: string; sha?: string; repo?: string };
  base?: { ref?: string; sha?: string };
  /** Only with `merged: true`; stable but random-looking if omitted. Becomes a commit of the repository. */
  mergeCommitSha?: string;
  files?: PullFileSeed[];
}

export interface CommitCommentSeed {
  body: string;
  user: string;
  path?: string;
  position?: number;
  line?: number;
}

export interface ReviewSeed {
  user: string;
  state: ReviewState;
  body?: string;
  commitId?: string;
  submittedAt?: string;
  authorAssociation?: AuthorAssociation;
}

export interface PutFileOptions {
  branch?: string;
  message?: string;
  author?: { name: string; email: string };
}

/** Where each id sequence starts: GitHub's ids are large, and code that assumes small ones should break here too. */
const ID_BASES = {
  repo: 712_000_000,
  issue: 2_210_000_000,
  pull: 1_840_000_000,
  review: 2_330_000_000,
  comment: 2_120_000_000,
  commitComment: 148_000_000,
  checkRun: 25_400_000_000,
  checkSuite: 26_700_000_000,
  deployment: 1_790_000_000,
  deploymentStatus: 2_410_000_000,
  team: 9_100_000,
} as const;

export type IdKind = keyof typeof ID_BASES;

const ACTIONS_COMMITTER: Omit<GitActor, 'date'> = { name: 'GitHub', email: 'noreply@github.com' };

export class ServerState {
  /** Replace to freeze time in a test; every timestamp the server writes comes from here. */
  clock: () => Date = () => new Date();

  readonly users = new Map<string, UserRecord>();
  readonly repos = new Map<string, RepoRecord>();
  readonly checkRuns = new Map<number, CheckRunRecord>();
  readonly comments = new Map<number, CommentRecord>();
  readonly commitComments = new Map<number, CommitCommentRecord>();
  readonly deployments = new Map<number, DeploymentRecord>();
  readonly dispatches: DispatchRecord[] = [];
  readonly teams = new Map<string, TeamRecord>();
  private readonly checkSuites = new Map<string, number>();
  private readonly sequences = new Map<IdKind, number>();

  now(): string {
    return isoSeconds(this.clock());
  }

  nextId(kind: IdKind): number {
    const next = (this.sequences.get(kind) ?? 0) + 1;
    this.sequences.set(kind, next);
    return ID_BASES[kind] + next;
  }

  /** Everything back to empty, in place, so tests holding `server.state` keep a live reference. */
  reset(): void {
    this.users.clear();
    this.repos.clear();
    this.checkRuns.clear();
    this.comments.clear();
    this.commitComments.clear();
    this.deployments.clear();
    this.dispatches.length = 0;
    this.teams.clear();
    this.checkSuites.clear();
    this.sequences.clear();
  }

  // ---- users ------------------------------------------------------------------------------

  /** Logins are case-insensitive on GitHub; "[bot]" logins are apps. Unknown logins spring into being. */
  user(login: string, type?: UserType): UserRecord {
    const key = login.toLowerCase();
    const known = this.users.get(key);
    if (known) return known;
    const record: UserRecord = {
      login,
      id: stableNumber(login.toLowerCase(), 1_000_000, 150_000_000),
      type: type ?? (login.endsWith('[bot]') ? 'Bot' : 'User'),
    };
    this.users.set(key, record);
    return record;
  }

  addUser(login: string, opts: { type?: UserType; id?: number } = {}): UserRecord {
    const record = this.user(login, opts.type);
    if (opts.type) record.type = opts.type;
    if (opts.id !== undefined) record.id = opts.id;
    return record;
  }

  // ---- repositories -----------------------------------------------------------------------

  static repoKey(owner: string, name: string): string {
    return `${owner}/${name}`.toLowerCase();
  }

  addRepo(owner: string, name: string, seed: RepoSeed = {}): RepoRecord {
    const key = ServerState.repoKey(owner, name);
    if (this.repos.has(key)) throw new Error(`github-server: repository ${owner}/${name} is already seeded`);
    this.user(owner, seed.ownerType ?? 'Organization');
    const now = this.now();
    const defaultBranch = seed.defaultBranch ?? 'main';
    const repo: RepoRecord = {
      id: this.nextId('repo'),
      owner,
      name,
      fullName: `${owner}/${name}`,
      private: seed.private ?? false,
      fork: seed.fork ?? false,
      description: seed.description ?? null,
      defaultBranch,
      createdAt: now,
      updatedAt: now,
      pushedAt: now,
      branches: new Map(),
      commits: new Map(),
      nextNumber: 1,
      issues: new Map(),
      pulls: new Map(),
    };
    const root = this.storeCommit(repo, {
      sha: seed.headSha ?? sha1Hex('initial commit', key),
      message: 'Initial commit',
      parents: [],
      files: new Map(),
    });
    repo.branches.set(defaultBranch, root.sha);
    this.repos.set(key, repo);
    return repo;
  }

  getRepo(owner: string, name: string): RepoRecord | undefined {
    return this.repos.get(ServerState.repoKey(owner, name));
  }

  private requireRepo(owner: string, name: string): RepoRecord {
    const repo = this.getRepo(owner, name);
    if (!repo) throw new Error(`github-server: seed ${owner}/${name} with state.addRepo() first`);
    return repo;
  }

  // ---- git: branches, commits, files ------------------------------------------------------

  /** Points a branch at a sha. A sha the fake has never seen becomes a commit branched off the default branch. */
  setBranch(owner: string, name: string, branch: string, sha?: string): string {
    const repo = this.requireRepo(owner, name);
    const from = this.headOf(repo, repo.defaultBranch);
    const target = (sha ?? from.sha).toLowerCase();
    if (!repo.commits.has(target)) {
      this.storeCommit(repo, { sha: target, message: `Work on ${branch}`, parents: [from.sha], files: new Map(from.files) });
    }
    repo.branches.set(branch, target);
    return target;
  }

  /** Records a commit the repository has (e.g. a PR merge commit) without moving any branch. */
  addCommit(owner: string, name: string, sha: string, opts: { message?: string; parent?: string } = {}): CommitRecord {
    const repo = this.requireRepo(owner, name);
    const known = repo.commits.get(sha.toLowerCase());
    if (known) return known;
    const parent = opts.parent ? repo.commits.get(opts.parent) : this.headOf(repo, repo.defaultBranch);
    return this.storeCommit(repo, {
      sha: sha.toLowerCase(),
      message: opts.message ?? 'Commit',
      parents: parent ? [parent.sha] : [],
      files: new Map(parent?.files),
    });
  }

  /** Seeds a file as one commit on `branch` (created from the default branch if missing). */
  putFile(
    owner: string,
    name: string,
    path: string,
    content: string | Uint8Array,
    opts: PutFileOptions = {},
  ): { commit: CommitRecord; blobSha: string } {
    const repo = this.requireRepo(owner, name);
    const branch = opts.branch ?? repo.defaultBranch;
    if (!repo.branches.has(branch)) this.setBranch(owner, name, branch);
    const bytes = Buffer.from(content);
    const clean = normalizePath(path);
    const commit = this.commitToBranch(repo, branch, opts.message ?? `Update ${clean}`, (files) => {
      files.set(clean, bytes);
    }, opts.author);
    return { commit, blobSha: gitBlobSha(bytes) };
  }

  /** Applies `change` to the branch head's files and advances the branch: one commit, like the contents API makes. */
  commitToBranch(
    repo: RepoRecord,
    branch: string,
    message: string,
    change: (files: Map<string, Buffer>) => void,
    author?: { name: string; email: string },
  ): CommitRecord {
    const parent = this.headOf(repo, branch);
    const files = new Map(parent.files);
    change(files);
    const date = this.now();
    const commit = this.storeCommit(repo, {
      sha: sha1Hex('commit', repo.fullName, parent.sha, message, date, String(repo.commits.size)),
      message,
      parents: [parent.sha],
      files,
      author: author ? { ...author, date } : undefined,
    });
    repo.branches.set(branch, commit.sha);
    repo.pushedAt = date;
    repo.updatedAt = date;
    return commit;
  }

  headOf(repo: RepoRecord, branch: string): CommitRecord {
    const sha = repo.branches.get(branch);
    const commit = sha === undefined ? undefined : repo.commits.get(sha);
    if (!commit) throw new Error(`github-server: ${repo.fullName} has no branch ${branch}`);
    return commit;
  }

  /** Branch name or full sha to a commit sha, as `?ref=` and deployments resolve them. */
  resolveRef(repo: RepoRecord, ref: string): string | undefined {
    const branch = ref.replace(/^refs\/heads\//, '');
    const fromBranch = repo.branches.get(branch);
    if (fromBranch) return fromBranch;
    if (isFullSha(ref)) return ref.toLowerCase();
    return undefined;
  }

  private storeCommit(
    repo: RepoRecord,
    input: { sha: string; message: string; parents: string[]; files: Map<string, Buffer>; author?: GitActor | undefined },
  ): CommitRecord {
    const date = this.now();
    const entries = [...input.files.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([path, bytes]) => `${path}:${gitBlobSha(bytes)}`);
    const commit: CommitRecord = {
      sha: input.sha,
      treeSha: sha1Hex('tree', ...entries),
      message: input.message,
      parents: input.parents,
      files: input.files,
      author: input.author ?? { ...ACTIONS_COMMITTER, date },
      committer: { ...ACTIONS_COMMITTER, date },
    };
    repo.commits.set(commit.sha, commit);
    return commit;
  }

  // ---- issues and pull requests -----------------------------------------------------------

  addIssue(owner: string, name: string, seed: IssueSeed = {}): IssueRecord {
    const repo = this.requireRepo(owner, name);
    const issue = this.issueFields(repo, seed, 'issue');
    repo.issues.set(issue.number, issue);
    return issue;
  }

  /** A comment already on an issue or PR, e.g. one left by an earlier run. */
  addIssueComment(owner: string, name: string, issueNumber: number, seed: { body: string; user: string }): CommentRecord {
    const repo = this.requireRepo(owner, name);
    if (!this.hasIssue(repo, issueNumber)) throw new Error(`no issue or PR #${issueNumber} in ${repo.fullName}`);
    this.user(seed.user, seed.user.endsWith('[bot]') ? 'Bot' : 'User');
    const now = this.now();
    const comment: CommentRecord = {
      id: this.nextId('comment'),
      repoKey: repo.fullName.toLowerCase(),
      issueNumber,
      body: seed.body,
      user: seed.user,
      createdAt: now,
      updatedAt: now,
      authorAssociation: 'NONE',
    };
    this.comments.set(comment.id, comment);
    return comment;
  }

  addPullRequest(owner: string, name: string, seed: PullRequestSeed = {}): PullRequestRecord {
    const repo = this.requireRepo(owner, name);
    const fields = this.issueFields(repo, seed, 'pull');
    const headRepo = seed.head?.repo ?? repo.fullName;
    const headRef = seed.head?.ref ?? `feature/pr-${fields.number}`;
    const headSha = seed.head?.sha?.toLowerCase() ?? sha1Hex('pull head', repo.fullName, String(fields.number));
    const baseRef = seed.base?.ref ?? repo.defaultBranch;
    // A same-repo head branch exists in the repository, so contents/deployments can resolve it.
    if (headRepo.toLowerCase() === repo.fullName.toLowerCase()) this.setBranch(owner, name, headRef, headSha);
    const baseSha = seed.base?.sha
      ? this.setBranch(owner, name, baseRef, seed.base.sha)
      : (repo.branches.get(baseRef) ?? this.setBranch(owner, name, baseRef));
    // GitHub keeps a fork's head commit (refs/pull/N/head) and the merge commit in the base repository.
    const baseCommit = repo.commits.get(baseSha);
    if (!repo.commits.has(headSha)) {
      this.storeCommit(repo, { sha: headSha, message: `Work on ${headRef}`, parents: [baseSha], files: new Map(baseCommit?.files) });
    }
    const merged = seed.merged ?? false;
    const mergeCommitSha = merged ? (seed.mergeCommitSha?.toLowerCase() ?? sha1Hex('merge', repo.fullName, String(fields.number))) : null;
    if (mergeCommitSha && !repo.commits.has(mergeCommitSha)) {
      this.storeCommit(repo, {
        sha: mergeCommitSha,
        message: `Merge pull request #${fields.number} from ${headRepo.split('/')[0] ?? headRepo}/${headRef}`,
        parents: [baseSha, headSha],
        files: new Map(baseCommit?.files),
      });
    }
    const closed = merged || fields.state === 'closed';
    const pull: PullRequestRecord = {
      ...fields,
      state: closed ? 'closed' : 'open',
      draft: seed.draft ?? false,
      merged,
      mergedAt: merged ? fields.createdAt : null,
      closedAt: closed ? fields.createdAt : null,
      mergeable: seed.mergeable === undefined ? true : seed.mergeable,
      mergeCommitSha,
      authorAssociation: seed.authorAssociation ?? 'CONTRIBUTOR',
      head: { ref: headRef, sha: headSha, repoFullName: headRepo },
      base: { ref: baseRef, sha: baseSha },
      files: (seed.files ?? []).map((file) => ({
        filename: file.filename,
        status: file.status ?? 'modified',
        additions: file.additions ?? 0,
        deletions: file.deletions ?? 0,
        ...(file.patch === undefined ? {} : { patch: file.patch }),
        ...(file.previous_filename === undefined ? {} : { previous_filename: file.previous_filename }),
        sha: file.status === 'removed' ? null : sha1Hex('pull file', headSha, file.filename),
      })),
      reviews: [],
    };
    repo.pulls.set(pull.number, pull);
    return pull;
  }

  getPullRequest(owner: string, name: string, number: number): PullRequestRecord | undefined {
    return this.getRepo(owner, name)?.pulls.get(number);
  }

  /** A comment already on a commit, e.g. one left by an earlier run. The commit must be one the repository has. */
  addCommitComment(owner: string, name: string, sha: string, seed: CommitCommentSeed): CommitCommentRecord {
    const repo = this.requireRepo(owner, name);
    const commitId = this.resolveRef(repo, sha);
    if (commitId === undefined || !repo.commits.has(commitId)) throw new Error(`github-server: ${repo.fullName} has no commit ${sha}`);
    return this.storeCommitComment(repo, commitId, seed, 'NONE');
  }

  storeCommitComment(repo: RepoRecord, commitId: string, seed: CommitCommentSeed, authorAssociation: AuthorAssociation): CommitCommentRecord {
    this.user(seed.user);
    const now = this.now();
    // Without a path the comment is on the whole commit, where a diff position means nothing.
    const onFile = seed.path !== undefined;
    const comment: CommitCommentRecord = {
      id: this.nextId('commitComment'),
      repoKey: repo.fullName.toLowerCase(),
      commitId,
      body: seed.body,
      path: seed.path ?? null,
      position: onFile ? (seed.position ?? null) : null,
      line: onFile ? (seed.line ?? null) : null,
      user: seed.user,
      createdAt: now,
      updatedAt: now,
      authorAssociation,
    };
    this.commitComments.set(comment.id, comment);
    return comment;
  }

  addReview(owner: string, name: string, pullNumber: number, seed: ReviewSeed): ReviewRecord {
    const pull = this.getPullRequest(owner, name, pullNumber);
    if (!pull) throw new Error(`github-server: seed pull request #${pullNumber} in ${owner}/${name} first`);
    this.user(seed.user);
    const review: ReviewRecord = {
      id: this.nextId('review'),
      user: seed.user,
      body: seed.body ?? '',
      state: seed.state,
      commitId: seed.commitId ?? pull.head.sha,
      submittedAt: seed.state === 'PENDING' ? null : (seed.submittedAt ?? this.now()),
      authorAssociation: seed.authorAssociation ?? 'MEMBER',
    };
    pull.reviews.push(review);
    return review;
  }

  /** Issue or pull request: comments may be made on either. */
  hasIssue(repo: RepoRecord, number: number): boolean {
    return repo.issues.has(number) || repo.pulls.has(number);
  }

  private issueFields(repo: RepoRecord, seed: IssueSeed, kind: 'issue' | 'pull'): IssueRecord {
    const number = seed.number ?? repo.nextNumber;
    if (this.hasIssue(repo, number)) throw new Error(`github-server: ${repo.fullName}#${number} is already seeded`);
    repo.nextNumber = Math.max(repo.nextNumber, number + 1);
    const user = seed.user ?? 'octocat';
    this.user(user);
    const now = this.now();
    return {
      number,
      id: this.nextId(kind),
      title: seed.title ?? `${kind === 'pull' ? 'Pull request' : 'Issue'} #${number}`,
      body: seed.body === undefined ? null : seed.body,
      user,
      state: seed.state ?? 'open',
      labels: seed.labels ?? [],
      createdAt: now,
      updatedAt: now,
    };
  }

  // ---- checks -----------------------------------------------------------------------------

  /** GitHub groups check runs into one suite per (commit, app). */
  checkSuiteId(repoKey: string, headSha: string, app: string): number {
    const key = `${repoKey}@${headSha}@${app.toLowerCase()}`;
    let id = this.checkSuites.get(key);
    if (id === undefined) {
      id = this.nextId('checkSuite');
      this.checkSuites.set(key, id);
    }
    return id;
  }

  // ---- teams ------------------------------------------------------------------------------

  addTeamMember(
    org: string,
    teamSlug: string,
    username: string,
    seed: Partial<TeamMembershipRecord> = {},
  ): TeamMembershipRecord {
    const key = `${org}/${teamSlug}`.toLowerCase();
    let team = this.teams.get(key);
    if (!team) {
      this.user(org, 'Organization');
      team = { org, slug: teamSlug, id: this.nextId('team'), members: new Map() };
      this.teams.set(key, team);
    }
    this.user(username);
    const membership: TeamMembershipRecord = { role: seed.role ?? 'member', state: seed.state ?? 'active' };
    team.members.set(username.toLowerCase(), membership);
    return membership;
  }

  getTeam(org: string, teamSlug: string): TeamRecord | undefined {
    return this.teams.get(`${org}/${teamSlug}`.toLowerCase());
  }
}

/** The contents API ignores leading and trailing slashes. */
export function normalizePath(path: string): string {
  return path.replace(/^\/+|\/+$/g, '');
}
