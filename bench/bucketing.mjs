#!/usr/bin/env node
// Nanoseconds per bucketing evaluation: Rollgate's src/flags beside the SDKs
// teams run today (unleash-client, @growthbook/growthbook, @openfeature/flagd-core),
// in one process. src/flags is compiled with TypeScript's own transpiler, the
// step the bundle build applies, so the code timed is the code shipped. Each
// pair first proves it returns identical results on every key; then rounds
// interleave, the order alternating, so machine noise hits both sides alike.
// Each round times both sides back to back, so the ratio is taken per round
// and its median reported: on a shared machine, that is steadier than either time.
// Usage: node bench/bucketing.mjs [keys] (default 200,000); ROUNDS (default 11).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const results = join(root, 'bench', '.results');
const compiled = join(results, 'flags-js');
const count = Number(process.argv[2] ?? 200_000);
const rounds = Number(process.env.ROUNDS ?? 11);
const require = createRequire(import.meta.url);

mkdirSync(compiled, { recursive: true });
for (const file of readdirSync(join(root, 'src', 'flags')).filter((name) => name.endsWith('.ts'))) {
  const source = readFileSync(join(root, 'src', 'flags', file), 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } });
  // Node's ESM loader needs the extension the bundler resolves by itself.
  writeFileSync(join(compiled, file.replace(/\.ts$/, '.js')), outputText.replace(/(from\s+['"]\.\/[\w-]+)(['"])/g, '$1.js$2'));
}
writeFileSync(join(compiled, 'package.json'), '{ "type": "module" }\n');
const ours = await import(pathToFileURL(join(compiled, 'index.js')).href);

// unleash-client has no export map; its strategies call this util module.
const unleash = require('unleash-client/lib/strategy/util');
const murmurhash3js = require('murmurhash3js');
// GrowthBook's hash and range helpers are internal to the package (not in its export map); run() calls these.
const growthbook = await import(pathToFileURL(join(root, 'node_modules', '@growthbook', 'growthbook', 'dist', 'esm', 'util.mjs')).href);
const { FlagdCore } = await import('@openfeature/flagd-core');
const MurmurHash3 = require('imurmurhash');

// Seeded, ASCII keys of the shapes applications use: every SDK hashes ASCII alike.
let state = 0x2545f491;
const random = () => { state ^= state << 13; state >>>= 0; state ^= state >>> 17; state ^= state << 5; state >>>= 0; return state / 0x100000000; };
const hex = (n) => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(random() * 16)]).join('');
const keys = Array.from({ length: count }, (_, i) => {
  switch (i % 4) {
    case 0: return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
    case 1: return String(Math.floor(random() * 2 ** 40));
    case 2: return `user${Math.floor(random() * 1e6)}@example.com`;
    default: return `u-${i}`;
  }
});

const GROUP = 'new-checkout';
const SEED = 'checkout-experiment';
const WEIGHTS = [0.2, 0.3, 0.5];
const BUCKETS = [['a', 10], ['b', 25], ['c', 1], ['d', 64]];
const VARIANT = { a: 0, b: 1, c: 2, d: 3 };
const core = new FlagdCore();
core.setConfigurations(JSON.stringify({
  flags: { [GROUP]: { state: 'ENABLED', variants: { a: 'a', b: 'b', c: 'c', d: 'd' }, defaultVariant: 'a', targeting: { fractional: BUCKETS } } },
}));

// One loop literal per contender, so no call site is shared (and made megamorphic) between them.
const pairs = [
  {
    name: 'Unleash rollout: normalizedValue vs unleash-client normalizedStrategyValue',
    ours: { one: (k) => ours.normalizedValue(k, GROUP), all: (ks) => { let s = 0; for (let i = 0; i < ks.length; i++) s += ours.normalizedValue(ks[i], GROUP); return s; } },
    sdk: { one: (k) => unleash.normalizedStrategyValue(k, GROUP), all: (ks) => { let s = 0; for (let i = 0; i < ks.length; i++) s += unleash.normalizedStrategyValue(ks[i], GROUP); return s; } },
  },
  {
    name: 'GrowthBook hash v1: growthbookHash vs SDK hash',
    ours: { one: (k) => ours.growthbookHash(SEED, k, 1), all: (ks) => { let s = 0; for (let i = 0; i < ks.length; i++) s += ours.growthbookHash(SEED, ks[i], 1); return s; } },
    sdk: { one: (k) => growthbook.hash(SEED, k, 1), all: (ks) => { let s = 0; for (let i = 0; i < ks.length; i++) s += growthbook.hash(SEED, ks[i], 1); return s; } },
  },
  {
    name: 'GrowthBook hash v2: growthbookHash vs SDK hash',
    ours: { one: (k) => ours.growthbookHash(SEED, k, 2), all: (ks) => { let s = 0; for (let i = 0; i < ks.length; i++) s += ours.growthbookHash(SEED, ks[i], 2); return s; } },
    sdk: { one: (k) => growthbook.hash(SEED, k, 2), all: (ks) => { let s = 0; for (let i = 0; i < ks.length; i++) s += growthbook.hash(SEED, ks[i], 2); return s; } },
  },
  {
    name: 'GrowthBook assignment, v2, 3 variations at 80% coverage: hash + getBucketRanges + chooseVariation',
    ours: {
      one: (k) => ours.chooseVariation(ours.growthbookHash(SEED, k, 2), ours.getBucketRanges(3, 0.8, WEIGHTS)),
      all: (ks) => { let s = 0; for (let i = 0; i < ks.length; i++) s += ours.chooseVariation(ours.growthbookHash(SEED, ks[i], 2), ours.getBucketRanges(3, 0.8, WEIGHTS)); return s; },
    },
    sdk: {
      one: (k) => growthbook.chooseVariation(growthbook.hash(SEED, k, 2), growthbook.getBucketRanges(3, 0.8, WEIGHTS)),
      all: (ks) => { let s = 0; for (let i = 0; i < ks.length; i++) s += growthbook.chooseVariation(growthbook.hash(SEED, ks[i], 2), growthbook.getBucketRanges(3, 0.8, WEIGHTS)); return s; },
    },
  },
  {
    name: 'flagd fractional (v2, 4 buckets, flag key + targeting key): fractional vs flagd-core resolveStringEvaluation',
    ours: { one: (k) => ours.fractional(GROUP + k, BUCKETS), all: (ks) => { let s = 0; for (let i = 0; i < ks.length; i++) s += VARIANT[ours.fractional(GROUP + ks[i], BUCKETS)]; return s; } },
    sdk: { one: (k) => core.resolveStringEvaluation(GROUP, 'zz', { targetingKey: k }).value, all: (ks) => { let s = 0; for (let i = 0; i < ks.length; i++) s += VARIANT[core.resolveStringEvaluation(GROUP, 'zz', { targetingKey: ks[i] }).value]; return s; } },
  },
  {
    name: 'murmur3 alone: murmur3_32 vs murmurhash3js (unleash-client\'s hash)',
    ours: { one: (k) => ours.murmur3_32(k), all: (ks) => { let s = 0; for (let i = 0; i < ks.length; i++) s += ours.murmur3_32(ks[i]); return s; } },
    sdk: { one: (k) => murmurhash3js.x86.hash32(k, 0), all: (ks) => { let s = 0; for (let i = 0; i < ks.length; i++) s += murmurhash3js.x86.hash32(ks[i], 0); return s; } },
  },
  {
    name: 'murmur3 alone: murmur3_32 vs imurmurhash (flagd-core\'s hash)',
    ours: { one: (k) => ours.murmur3_32(k), all: (ks) => { let s = 0; for (let i = 0; i < ks.length; i++) s += ours.murmur3_32(ks[i]); return s; } },
    sdk: { one: (k) => new MurmurHash3(k).result() >>> 0, all: (ks) => { let s = 0; for (let i = 0; i < ks.length; i++) s += new MurmurHash3(ks[i]).result() >>> 0; return s; } },
  },
];

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(`${count.toLocaleString('en-US')} keys, ${rounds} interleaved rounds after one checked warm-up pass per contender\n`);

let failed = false;
for (const pair of pairs) {
  // The warm-up pass is also the check: identical results on every key, or the timing means nothing.
  let mismatches = 0;
  for (const key of keys) if (pair.ours.one(key) !== pair.sdk.one(key)) mismatches++;
  pair.identical = count - mismatches;
  if (mismatches > 0) failed = true;
  pair.ns = { ours: [], sdk: [] };
}
for (let round = 0; round < rounds; round++) {
  for (const pair of pairs) {
    const order = round % 2 === 0 ? ['ours', 'sdk'] : ['sdk', 'ours'];
    for (const side of order) {
      const started = process.hrtime.bigint();
      pair[side].sink = pair[side].all(keys);
      pair.ns[side].push(Number(process.hrtime.bigint() - started) / count);
    }
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log('| pair | ours ns/eval (median, min) | SDK ns/eval (median, min) | SDK ÷ ours, median of rounds (range) | identical |');
console.log('| --- | ---: | ---: | ---: | ---: |');
const summary = pairs.map((pair) => {
  const row = {
    pair: pair.name,
    oursMedian: median(pair.ns.ours), oursMin: Math.min(...pair.ns.ours),
    sdkMedian: median(pair.ns.sdk), sdkMin: Math.min(...pair.ns.sdk),
    identical: pair.identical, keys: count, rounds: pair.ns,
  };
  const ratios = pair.ns.sdk.map((sdk, i) => sdk / pair.ns.ours[i]);
  row.ratio = median(ratios);
  row.ratioRange = [Math.min(...ratios), Math.max(...ratios)];
  console.log(`| ${pair.name} | ${row.oursMedian.toFixed(1)} (${row.oursMin.toFixed(1)}) | ${row.sdkMedian.toFixed(1)} (${row.sdkMin.toFixed(1)}) | ${row.ratio.toFixed(2)} (${row.ratioRange.map((r) => r.toFixed(2)).join('–')}) | ${pair.identical.toLocaleString('en-US')}/${count.toLocaleString('en-US')} |`);
  return row;
});
writeFileSync(join(results, 'bucketing.json'), `${JSON.stringify({ machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version, loadavg: loadavg() }, keys: count, rounds, summary }, null, 2)}\n`);
if (failed) {
  console.error('\nA pair disagreed on some keys: its timing compares different work.');
  process.exitCode = 1;
}
