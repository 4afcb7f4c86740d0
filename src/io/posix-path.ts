import { sep } from 'node:path';

/** A relative path with forward slashes, as configs, SARIF and git write them, on any OS. */
export function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}
