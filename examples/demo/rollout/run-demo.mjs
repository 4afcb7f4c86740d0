// npm start's rollout step: a staged rollout of checkout-v2 driven through
// the bundled CLI against the demo checkout service, on a file state store
// with a simulated clock (a tick every 30 minutes, as a cron would run).
// v2.0.0 breaks past 5% of traffic: two breaching ticks in a row roll it back
// to 0%. v2.0.1 fixes it, a person resumes, and it goes all the way to 100%.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCheckoutService } from './service.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, '..', '..', '..', 'dist', 'cli.js');
const work = mkdtempSync(join(tmpdir(), 'rollgate-rollout-demo-'));
const flagsFile = join(work, 'flags', 'flags.json');
mkdirSync(dirname(flagsFile), { recursive: true });
writeFileSync(flagsFile, `${JSON.stringify({ $schema: 'https://flagd.dev/schema/v0/flags.json', flags: { 'checkout-v2': { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'off' } } }, null, 2)}\n`);

const { server, state } = await startCheckoutService(flagsFile);
const { port } = server.address();
mkdirSync(join(work, '.rollgate'), { recursive: true });
writeFileSync(join(work, '.rollgate', 'rollout.yml'), readFileSync(join(here, 'plan.yml'), 'utf8').replaceAll('{port}', String(port)));

const T0 = Date.parse('2026-11-30T09:00:00Z');
const clock = (minutes) => new Date(T0 + minutes * 60_000).toISOString().replace('.000Z', 'Z');
const base = `http://127.0.0.1:${port}`;
let user = 0;

/** 1,500 checkout requests from distinct users, 50 at a time. */
async function traffic() {
  await fetch(`${base}/window`, { method: 'POST' });
  const send = async () => {
    for (let i = 0; i < 30; i++) await (await fetch(`${base}/checkout?user=user-${user++}`)).arrayBuffer();
  };
  await Promise.all(Array.from({ length: 50 }, send));
}

/** The CLI runs asynchronously: the service answering its gate queries lives in this process. */
function cliRun(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, 'rollout', ...args, '--cwd', work, '--state-file', '.rollgate/rollout-state.json']);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function rollgate(args, expectCodes = [0]) {
  const out = await cliRun([...args, '--json']);
  if (!expectCodes.includes(out.code)) {
    process.stderr.write(out.stderr);
    throw new Error(`rollgate rollout ${args.join(' ')} exited ${out.code}`);
  }
  return JSON.parse(out.stdout);
}

function show(minutes, result) {
  const gates = result.gates.map((g) => `${g.name} ${g.observed === null ? '—' : Number(g.observed.toPrecision(3))}`).join(', ');
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  console.log(`  T+${hh}:${mm}  ${result.action.padEnd(11)} ${String(result.percent).padStart(3)}%  ${gates ? `[${gates}] ` : ''}${result.reason}`);
}

try {
  console.log(`\nRollout demo: checkout-v2 through 1/5/10/25/50/100%, a tick every 30 simulated minutes (state and flags in ${work})\n`);
  let minutes = 0;
  show(minutes, await rollgate(['start', '--ref', 'v2.0.0', '--now', clock(minutes)]));
  let result;
  do {
    minutes += 30;
    await traffic();
    result = await rollgate(['tick', '--now', clock(minutes)], [0, 1]);
    show(minutes, result);
  } while (result.state === 'progressing');
  if (result.action !== 'rolled-back') throw new Error(`expected v2.0.0 to be rolled back, but the rollout ended ${result.state}`);

  state.version = 'v2.0.1';
  minutes += 60;
  console.log('\n  v2.0.1 is deployed with the fix; a person resumes the rollout (workflow_dispatch, action: resume):\n');
  show(minutes, await rollgate(['resume', '--now', clock(minutes)]));
  do {
    minutes += 30;
    await traffic();
    result = await rollgate(['tick', '--now', clock(minutes)]);
    show(minutes, result);
  } while (result.state === 'progressing');
  if (result.state !== 'completed') throw new Error(`expected the rollout to complete, found ${result.state}`);

  console.log('\nThe last tick as the job summary and terminal show it:\n');
  process.stdout.write((await cliRun(['status', '--now', clock(minutes)])).stdout);
} finally {
  server.close();
  rmSync(work, { recursive: true, force: true });
}
