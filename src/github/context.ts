/**
 * The workflow run as the runner describes it: GITHUB_* variables and the event
 * payload at GITHUB_EVENT_PATH. Parsed with zod because the payload is external
 * input; only the fields Rollgate uses are read.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Octokit } from '@octokit/rest';
import { UserError } from '../errors';

export interface PullRequestInfo {
  number: number;
  title: string;
  body: string;
  labels: string[];
  author: string;
  headSha: string;
  headRef: string;
  baseSha: string;
  baseRef: string;
  /** A PR from a fork gets a read-only token: Checks and comments answer 403. */
  isFork: boolean;
}

export interface GitHubContext {
  owner: string;
  repo: string;
  sha: string;
  eventName: string;
  serverUrl: string;
  apiUrl: string;
  runId?: string;
  workflow?: string;
  job?: string;
  pullRequest?: PullRequestInfo;
  /** Absent without a token: API channels are then skipped with a notice. */
  client?: Octokit;
}

const pullRequestPayload = z.object({
  pull_request: z.object({
    number: z.number().int(),
    title: z.string().default(''),
    body: z.string().nullable().default(''),
    labels: z.array(z.object({ name: z.string() })).default([]),
    user: z.object({ login: z.string() }).nullable().default(null),
    head: z.object({
      sha: z.string(),
      ref: z.string(),
      repo: z.object({ full_name: z.string() }).nullable().default(null),
    }),
    base: z.object({
      sha: z.string(),
      ref: z.string(),
      repo: z.object({ full_name: z.string() }),
    }),
  }),
});

/** Reads the pull request out of an event payload, or undefined for other events. */
export function pullRequestFromPayload(payload: unknown): PullRequestInfo | undefined {
  const parsed = pullRequestPayload.safeParse(payload);
  if (!parsed.success) return undefined;
  const pr = parsed.data.pull_request;
  return {
    number: pr.number,
    title: pr.title,
    body: pr.body ?? '',
    labels: pr.labels.map((label) => label.name),
    author: pr.user?.login ?? '',
    headSha: pr.head.sha,
    headRef: pr.head.ref,
    baseSha: pr.base.sha,
    baseRef: pr.base.ref,
    // A deleted fork has no head repo; it is still not this repository.
    isFork: pr.head.repo?.full_name !== pr.base.repo.full_name,
  };
}

/**
 * Builds the context from runner variables. Returns undefined outside a
 * workflow unless GITHUB_REPOSITORY is set by hand (the CLI allows that).
 */
export function githubContextFromEnv(env: Readonly<Record<string, string | undefined>>): Omit<GitHubContext, 'client'> | undefined {
  const repository = env.GITHUB_REPOSITORY;
  if (!repository) return undefined;
  const [owner, repo] = repository.split('/');
  if (!owner || !repo) {
    throw new UserError(`GITHUB_REPOSITORY must look like owner/name; found "${repository}"`);
  }
  let pullRequest: PullRequestInfo | undefined;
  const eventPath = env.GITHUB_EVENT_PATH;
  if (eventPath) {
    let payload: unknown;
    try {
      payload = JSON.parse(readFileSync(eventPath, 'utf8'));
    } catch (error) {
      throw new UserError(`cannot read the event payload: ${(error as Error).message}`, { file: eventPath });
    }
    pullRequest = pullRequestFromPayload(payload);
  }
  return {
    owner,
    repo,
    sha: pullRequest?.headSha ?? env.GITHUB_SHA ?? '',
    eventName: env.GITHUB_EVENT_NAME ?? '',
    serverUrl: env.GITHUB_SERVER_URL ?? 'https://github.com',
    apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
    runId: env.GITHUB_RUN_ID,
    workflow: env.GITHUB_WORKFLOW,
    job: env.GITHUB_JOB,
    pullRequest,
  };
}
