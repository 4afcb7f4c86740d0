#!/usr/bin/env node
// rollgate ab on a 10,000,000-unit CSV, side by side with DuckDB computing the
// same per-variant sums with one GROUP BY, in the same run. Each contender runs
// as its own process so peak RSS is its own; rounds interleave so machine
// noise hits both alike. Usage: node bench/ab-stream.mjs [rows] (default 1e7).
import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const results = join(root, 'bench', '.results');
const rows = Number(process.argv[2] ?? 1e7);
const rounds = Number(process.env.ROUNDS ?? 3);
mkdirSync(results, { recursive: true });
const file = join(results, `ab-${rows}.csv`);

async function generate() {
  // Seeded so every run reads the same bytes: 50/50 split, 10% vs 10.5% conversion, skewed revenue.
  let state = 0x9e3779b9;
  const random = () => {
    state ^= state << 13; state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5; state >>>= 0;
    return state / 0x100000000;
  };
  const out = createWriteStream(`${file}.tmp`);
  out.write('unit,variant,converted,revenue\n');
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const treatment = random() < 0.5;
    const converted = random() < (treatment ? 0.105 : 0.1);
    const revenue = converted ? (random() * 120).toFixed(2) : '0';
    chunk += `u${i},${treatment ? 'treatment' : 'control'},${converted ? 1 : 0},${revenue}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
      chunk = '';
    }
  }
  out.write(chunk);
  await new Promise((r) => out.end(r));
  const { renameSync } = await import('node:fs');
  renameSync(`${file}.tmp`, file);
}

if (!existsSync(file)) {
  console.log(`generating ${file} …`);
  await generate();
}
const bytes = statSync(file).size;

const cwd = join(results, 'ab-bench');
mkdirSync(join(cwd, '.rollgate'), { recursive: true });
writeFileSync(join(cwd, '.rollgate', 'ab.yml'), `control: control
allocation: { control: 1, treatment: 1 }
unitColumn: unit
metrics:
  - { name: conversion, column: converted, type: binomial, primary: true, mde: 0.05 }
  - { name: revenue, column: revenue, type: continuous }
`);

const duckdbScript = join(results, 'duckdb-groupby.mjs');
writeFileSync(duckdbScript, `
import { DuckDBInstance } from '@duckdb/node-api';
const [file, threads] = process.argv.slice(2);
const db = await DuckDBInstance.create(':memory:', { threads });
const con = await db.connect();
const reader = await con.runAndReadAll(\`SELECT variant, count(*) AS units, sum(converted) AS converted, sum(revenue) AS revenue, sum(revenue * revenue) AS revenue2
  FROM read_csv('\${file.replace(/'/g, "''")}', header = true, columns = {'unit': 'VARCHAR', 'variant': 'VARCHAR', 'converted': 'INTEGER', 'revenue': 'DOUBLE'}) GROUP BY variant ORDER BY variant\`);
console.log(JSON.stringify(reader.getRowObjectsJson()));
`);
// The script resolves @duckdb/node-api from the repository's node_modules.
execFileSync('ln', ['-sfn', join(root, 'node_modules'), join(results, 'node_modules')]);

const contenders = {
  'rollgate ab, 1 thread': [process.execPath, [join(root, 'dist', 'cli.js'), 'ab', '--data', file, '--threads', '1', '--json']],
  'rollgate ab, 2 threads': [process.execPath, [join(root, 'dist', 'cli.js'), 'ab', '--data', file, '--threads', '2', '--json']],
  'DuckDB GROUP BY, 2 threads': [process.execPath, [duckdbScript, file, '2']],
};

function once([command, args]) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    // GNU time reports the child's peak RSS.
    const child = spawn('/usr/bin/time', ['-f', '%M', command, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0 && code !== 1) return reject(new Error(`${args.join(' ')} exited ${code}: ${stderr}`));
      const rssKb = Number(stderr.trim().split('\n').pop());
      resolve({ seconds, rssMb: rssKb / 1024, stdout });
    });
  });
}

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
console.log(`file: ${rows.toLocaleString('en-US')} rows, ${(bytes / 2 ** 20).toFixed(0)} MiB; ${rounds} interleaved rounds, median reported`);
const times = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
let check;
for (let round = 0; round < rounds; round++) {
  for (const [name, command] of Object.entries(contenders)) {
    const run = await once(command);
    times[name].push(run);
    if (name.startsWith('DuckDB')) check ??= JSON.parse(run.stdout);
    else if (round === 0) {
      const result = JSON.parse(run.stdout);
      const units = result.metrics[0];
      // Same data, same sums: our unit counts must equal DuckDB's.
      check ??= null;
      times[name].units = [units.control.units, units.variants[0].units];
    }
  }
}
const median = (list, key) => list.map((r) => r[key]).sort((a, b) => a - b)[Math.floor(list.length / 2)];
const duck = median(times['DuckDB GROUP BY, 2 threads'], 'seconds');
console.log('| contender | median s | rows/s | peak RSS MiB | time vs DuckDB |');
console.log('| --- | ---: | ---: | ---: | ---: |');
const summary = {};
for (const [name, list] of Object.entries(times)) {
  const s = median(list, 'seconds');
  const rss = Math.max(...list.map((r) => r.rssMb));
  summary[name] = { seconds: s, rowsPerSecond: rows / s, peakRssMb: rss };
  console.log(`| ${name} | ${s.toFixed(2)} | ${(rows / s / 1e6).toFixed(2)}M | ${rss.toFixed(0)} | ${(s / duck).toFixed(2)}× |`);
}
const duckUnits = check?.map((r) => Number(r.units));
for (const [name, list] of Object.entries(times)) {
  if (list.units && duckUnits && (list.units[0] !== duckUnits[0] || list.units[1] !== duckUnits[1])) {
    throw new Error(`${name} counted ${list.units} units, DuckDB ${duckUnits}`);
  }
}
writeFileSync(join(results, 'ab-stream.json'), `${JSON.stringify({ rows, bytes, rounds, node: process.version, cpus: cpus().length, model: cpus()[0]?.model, summary, duckdb: check }, null, 2)}\n`);
