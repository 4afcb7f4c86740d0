/**
 * Everything a capability may touch outside pure computation arrives here, so
 * tests can pass a fake clock, a temp directory and a test GitHub server.
 */
import type { ConfigSource } from './config/load';
import type { GitHubContext } from './github/context';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  debug(message: string): void;
}

export interface RunContext {
  /** Root the config's relative paths resolve against (the repository root in CI). */
  cwd: string;
  now(): Date;
  env: Readonly<Record<string, string | undefined>>;
  /** Present when running inside a workflow or when a token and repo were given. */
  github?: GitHubContext;
  log: Logger;
  signal: AbortSignal;
  /** The config file, when there was one, for findings that point at a gate's line. */
  configSource?: ConfigSource;
  /** The command's own options (CLI flags or action inputs), by option name. */
  inputs?: Readonly<Record<string, string | string[] | boolean | undefined>>;
}

export const silentLogger: Logger = { info() {}, warn() {}, debug() {} };
