#!/usr/bin/env node
// Cold start of the checklist action, side by side with bare `node -e 0` and
// with the @actions/core template pattern, in one run and one environment.
// Wall time is from spawn to process exit; the action writes its outputs just
// before it exits, so this is an upper bound on "start to outputs written".
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const results = join(root, 'bench', '.results');
const rounds = Number(process.env.ROUNDS ?? 30);
mkdirSync(results, { recursive: true });

// Bundle the peer the way an action author would.
const peerDir = join(results, 'peer-core-action');
execFileSync(join(root, 'node_modules', '.bin', 'ncc'), ['build', join(root, 'bench', 'peer-core-action.mjs'), '-o', peerDir, '--minify', '--quiet'], { stdio: 'inherit' });

// The floor: each library the checklist cannot run without, bundled alone the
// same way, doing the least real work (one parse). What these cost together is
// the most a lazy-loading layout could save.
const floors = ['zod', 'yaml', 'fast-xml-parser', 'tinyglobby'];
for (const name of floors) {
  execFileSync(join(root, 'node_modules', '.bin', 'ncc'), ['build', join(root, 'bench', 'floor', `${name}.mjs`), '-o', join(results, 'floor', name), '--minify', '--quiet', '--target', 'es2022'], { stdio: 'inherit' });
}

const scratch = mkdtempSync(join(tmpdir(), 'rollgate-bench-'));
const runnerEnv = {
  GITHUB_ACTIONS: 'true',
  GITHUB_WORKSPACE: join(root, 'examples', 'demo'),
  GITHUB_OUTPUT: join(scratch, 'output.txt'),
  GITHUB_STEP_SUMMARY: join(scratch, 'summary.md'),
  RUNNER_TEMP: scratch,
  INPUT_CONFIG: '../../bench/checklist-10.yml',
  'INPUT_CHECK-RUN': 'true',
  INPUT_COMMENT: 'true',
  INPUT_ANNOTATIONS: 'true',
};

const commands = {
  'node -e 0': [process.execPath, ['-e', '0']],
  'peer: @actions/core action (ncc)': [process.execPath, [join(peerDir, 'index.mjs')]],
  'rollgate checklist action, 10 checks': [process.execPath, [join(root, 'dist', 'actions', 'checklist.js')]],
  ...Object.fromEntries(floors.map((name) => [`floor: ${name} alone (ncc)`, [process.execPath, [join(results, 'floor', name, 'index.mjs')]]])),
};

function once([file, args], env) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(file, args, { env, stdio: 'ignore', cwd: runnerEnv.GITHUB_WORKSPACE });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`${file} ${args.join(' ')} exited ${code}`));
      else resolve(Number(process.hrtime.bigint() - started) / 1e6);
    });
  });
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

async function measure(label, env) {
  writeFileSync(runnerEnv.GITHUB_OUTPUT, '');
  const times = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
  for (let round = -3; round < rounds; round++) {
    // Interleaved, so drift in machine load hits every command alike.
    for (const [name, command] of Object.entries(commands)) {
      const ms = await once(command, env);
      if (round >= 0) times[name].push(ms);
    }
  }
  const base = times['node -e 0'].slice().sort((a, b) => a - b);
  const baseMedian = quantile(base, 0.5);
  const rows = Object.entries(times).map(([name, list]) => {
    const sorted = list.slice().sort((a, b) => a - b);
    const median = quantile(sorted, 0.5);
    return { name, median, p90: quantile(sorted, 0.9), overNode: median - baseMedian, ratio: median / baseMedian };
  });
  console.log(`\n${label} (${rounds} interleaved rounds after 3 warm-up)`);
  console.log('| command | median ms | p90 ms | median above node -e 0 | ratio to node -e 0 |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const row of rows) console.log(`| ${row.name} | ${row.median.toFixed(1)} | ${row.p90.toFixed(1)} | ${row.overNode.toFixed(1)} | ${row.ratio.toFixed(2)} |`);
  return { label, rows };
}

const inherited = { ...process.env, ...runnerEnv };
const withoutCa = { ...inherited };
delete withoutCa.NODE_EXTRA_CA_CERTS;

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}, node ${process.version}`);
const report = [];
report.push(await measure(`environment as given (NODE_EXTRA_CA_CERTS ${process.env.NODE_EXTRA_CA_CERTS ? 'set' : 'unset'})`, inherited));
if (process.env.NODE_EXTRA_CA_CERTS) report.push(await measure('NODE_EXTRA_CA_CERTS unset', withoutCa));

// Wall time on a shared 2-core VM swings by ±30%; instructions retired do not.
// callgrind counts them (perf counters are not exposed here), once per command,
// NODE_EXTRA_CA_CERTS unset. Skipped when valgrind is absent or CALLGRIND=0.
function instructions([file, args], env) {
  const out = join(scratch, 'callgrind.out');
  const run = spawnSync('valgrind', ['--tool=callgrind', `--callgrind-out-file=${out}`, '--smc-check=all-non-file', file, ...args], { env, cwd: runnerEnv.GITHUB_WORKSPACE, encoding: 'utf8' });
  const match = /refs:\s+([\d,]+)/.exec(run.stderr ?? '');
  return match ? Number(match[1].replace(/,/g, '')) : undefined;
}
let counts;
if (process.env.CALLGRIND !== '0' && spawnSync('valgrind', ['--version']).status === 0) {
  counts = Object.fromEntries(Object.entries(commands).map(([name, command]) => [name, instructions(command, withoutCa)]));
  const base = counts['node -e 0'];
  console.log('\ninstructions retired (callgrind, one run each, NODE_EXTRA_CA_CERTS unset)');
  console.log('| command | instructions | above node -e 0 | ratio to node -e 0 |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const [name, count] of Object.entries(counts)) {
    console.log(`| ${name} | ${(count / 1e6).toFixed(0)}M | ${((count - base) / 1e6).toFixed(0)}M | ${(count / base).toFixed(2)} |`);
  }
}
writeFileSync(join(results, 'cold-start.json'), `${JSON.stringify({ node: process.version, cpus: cpus().length, model: cpus()[0]?.model, rounds, report, instructions: counts }, null, 2)}\n`);
