/**
 * An in-memory GitHub REST API for integration tests: the endpoints Rollgate calls, with
 * GitHub's bodies, headers and errors, checked against GitHub's OpenAPI description by
 * this folder's own tests.
 */
export { startGitHubServer, DEFAULT_TOKENS } from './server';
export { ServerState } from './state';
export type { CommitCommentSeed, IdKind, IssueSeed, PullFileSeed, PullRequestSeed, PutFileOptions, RepoSeed, ReviewSeed } from './state';
export type * from './records';
export type {
  Fault,
  GitHubTestServer,
  RateLimitFaultOptions,
  RecordedRequest,
  ServerErrorFaultOptions,
  StartOptions,
  TokenInfo,
} from './types';
export { gitBlobSha } from './ids';
export { MAX_ANNOTATIONS_PER_REQUEST, MAX_OUTPUT_CHARS } from './routes/check-runs';
export { MAX_COMMENT_CHARS } from './routes/issue-comments';
export { TOKEN_LIMIT } from './rate-limit';
