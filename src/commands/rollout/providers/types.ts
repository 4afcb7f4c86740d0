/**
 * The contract every flag system meets: set one flag's percent in one
 * environment. A write is idempotent (setting the percent it already has
 * changes nothing and succeeds), because a retried tick re-sends it.
 */
import type { Logger } from '../../../context';
import type { GitHubContext } from '../../../github/context';

export interface FlagWrite {
  flag: string;
  environment: string;
  /** 0..100. */
  percent: number;
  /** Why, in words (goes into commit messages, webhook bodies, audit logs). */
  reason: string;
  /** The ref being rolled out, when known. */
  ref: string | null;
}

export interface FlagWriteOutcome {
  /** One line for the report: where it was written and how it was checked. */
  detail: string;
  /** False when the value was already there and nothing was written. */
  changed: boolean;
  /** GitHub API requests this write made (the rollout reports requests per tick). */
  githubRequests: number;
}

export interface ProviderContext {
  cwd: string;
  signal: AbortSignal;
  log: Logger;
  env: Readonly<Record<string, string | undefined>>;
  /** With a client, file providers commit through the Contents API instead of writing the checkout. */
  github?: GitHubContext;
  now(): Date;
  /** Waits between retries; tests pass one that returns at once. Default: a real timer that the signal cancels. */
  sleep?(ms: number, signal: AbortSignal): Promise<void>;
}

export interface FlagProvider {
  set(write: FlagWrite): Promise<FlagWriteOutcome>;
  /** Throws the UserError `set` would for config it can judge without writing (a missing secret), so a run fails before it saves anything. */
  check?(): void;
}

/**
 * The flag system did not answer usefully after the retries (timeouts, network
 * errors, 5xx, edits racing the write). Not the plan's fault, and the next tick
 * may succeed, so the edge can tell it from a UserError and from a bug.
 */
export class ProviderUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProviderUnavailableError';
  }
}
