/**
 * What a gate reader hands the state machine: a number or nothing, and how
 * it was obtained. The reader never judges; gate.ts does.
 */
import type { Logger } from '../../../context';
import type { GitHubContext } from '../../../github/context';

export interface GateReading {
  /** null: the source answered nothing usable (empty vector, NaN, missing path, unreachable after retries). */
  observed: number | null;
  /** Series, points or rows behind the value, where the source says. */
  samples?: number;
  /** What was asked, for the report: the PromQL, "GET url $.path", "file $.path", "check ci/test on ref". */
  query: string;
  /** Why there is no value, in words, when observed is null. */
  note?: string;
}

export interface GateReadContext {
  cwd: string;
  signal: AbortSignal;
  log: Logger;
  env: Readonly<Record<string, string | undefined>>;
  github?: GitHubContext;
  /** The ref being rolled out (a check gate's default ref). */
  ref: string | null;
  /** The first retry's backoff in ms for HTTP sources (default 1000, doubling); tests shrink it. */
  retryBaseMs?: number;
}
