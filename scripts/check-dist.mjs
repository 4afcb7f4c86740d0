#!/usr/bin/env node
// CI gate: dist/ and schemas/ must be exactly what a fresh build produces, so
// the committed action is the reviewed source.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const scratch = mkdtempSync(join(tmpdir(), 'rollgate-dist-'));
const fresh = join(scratch, 'dist');

function listFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map((name) => join(dir, String(name)))
    .filter((path) => statSync(path).isFile())
    .map((path) => relative(dir, path))
    .sort();
}

try {
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--out', fresh], { cwd: root, stdio: 'inherit' });
  const problems = [];
  for (const [committed, built] of [[join(root, 'dist'), fresh], [join(root, 'schemas'), join(scratch, 'schemas')]]) {
    const a = listFiles(committed);
    const b = listFiles(built);
    for (const file of new Set([...a, ...b])) {
      const left = join(committed, file);
      const right = join(built, file);
      if (!existsSync(left)) problems.push(`${relative(root, left)} is missing (a fresh build makes it)`);
      else if (!existsSync(right)) problems.push(`${relative(root, left)} is stale (a fresh build does not make it)`);
      else if (!readFileSync(left).equals(readFileSync(right))) problems.push(`${relative(root, left)} differs from a fresh build`);
    }
  }
  if (problems.length) {
    console.error(`dist/ is out of date; run \`npm run build\` and commit:\n  ${problems.join('\n  ')}`);
    process.exitCode = 1;
  } else {
    console.log('dist/ and schemas/ match a fresh build');
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
