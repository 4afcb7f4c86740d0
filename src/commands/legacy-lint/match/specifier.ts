/**
 * What an import rule's globs are matched against, pure. A specifier is
 * matched as written (a package: legacy-sim/core) and, when it is relative,
 * also as the repository path it resolves to, so **\/legacy/simulator*
 * catches ../legacy/simulator from any folder. Python's dotted modules are
 * matched with dots as slashes too (legacy.sim → legacy/sim), so one glob
 * form serves every language.
 */
import { posix } from 'node:path';
import type { Language } from './language';

export function candidates(specifier: string, file: string, language: Language): string[] {
  const out = [specifier];
  const dir = posix.dirname(file);
  if (language === 'python') {
    const dots = /^\.*/.exec(specifier)![0].length;
    const rest = specifier.slice(dots).split('.').filter(Boolean).join('/');
    if (dots > 0) {
      // One dot is this package (the file's folder); each more goes one folder up.
      let base = dir;
      for (let k = 1; k < dots; k++) base = posix.dirname(base);
      out.push(stripDot(posix.join(base, rest)));
    } else if (rest !== specifier) {
      out.push(rest);
    }
    return out;
  }
  if (specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..') {
    out.push(stripDot(posix.normalize(posix.join(dir, specifier))));
  }
  return out;
}

function stripDot(path: string): string {
  return path.startsWith('./') ? path.slice(2) : path;
}
