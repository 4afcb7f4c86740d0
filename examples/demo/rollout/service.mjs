// The demo's checkout service. Each request's user gets checkout v1 or v2 as
// the flagd file says (evaluated with flagd's own core, re-read when the
// rollout rewrites the file). v2.0.0 has a bug that grows with its share of
// traffic (a pool sized for the old path); v2.0.1 fixes it. /stats reports
// the error rate and p95 of one cohort since the last POST /window.
import { readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { FlagdCore } from '@openfeature/flagd-core';

const quiet = { error() {}, warn() {}, info() {}, debug() {} };

/**
 * Deterministic noise per user, so every demo run tells the same story
 * whatever order the concurrent requests arrive in.
 */
function noiseFor(user) {
  let h = 0x811c9dc5;
  for (let i = 0; i < user.length; i++) h = Math.imul(h ^ user.charCodeAt(i), 0x01000193) >>> 0;
  return generator(h ^ 2);
}

function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function startCheckoutService(flagsFile) {
  const core = new FlagdCore(undefined, quiet);
  const state = { version: 'v2.0.0', window: { on: [], off: [] } };
  // Re-read only when the rollout rewrote the file.
  let loadedAt = -1;
  let share = 0;
  const reload = () => {
    const mtime = statSync(flagsFile).mtimeMs;
    if (mtime === loadedAt) return;
    const text = readFileSync(flagsFile, 'utf8');
    core.setConfigurations(text);
    // The percent the rollout wrote: the "on" weight of the flag's fractional split.
    const split = JSON.parse(text).flags['checkout-v2'].targeting?.fractional ?? [];
    const weights = split.filter((entry) => Array.isArray(entry));
    const total = weights.reduce((sum, entry) => sum + entry[1], 0);
    const on = weights.find((entry) => entry[0] === 'on');
    share = on && total > 0 ? (100 * on[1]) / total : 0;
    loadedAt = mtime;
  };
  const flagOn = (user) => core.resolveBooleanEvaluation('checkout-v2', false, { targetingKey: user }, quiet).value === true;

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://demo');
    if (req.method === 'POST' && url.pathname === '/window') {
      state.window = { on: [], off: [] };
      res.writeHead(204).end();
      return;
    }
    if (url.pathname === '/stats') {
      const samples = state.window[url.searchParams.get('cohort') === 'on' ? 'on' : 'off'];
      const body = samples.length === 0 ? { requests: 0, errorRate: null, p95Ms: null } : summarize(samples);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      return;
    }
    if (url.pathname === '/checkout') {
      reload();
      const user = url.searchParams.get('user') ?? 'anonymous';
      const on = flagOn(user);
      const random = noiseFor(user);
      // v2.0.0's pool is sized for 5% of traffic: past that, requests queue and some time out.
      const overload = on && state.version === 'v2.0.0' ? Math.max(0, share - 5) : 0;
      const ms = Math.round((on ? 8 : 10) + random() * 6 + overload * 25 * random());
      const failed = random() < (on ? 0.0003 + overload * 0.005 : 0.0003);
      // The latency is recorded, not slept: the demo's clock is simulated too.
      (on ? state.window.on : state.window.off).push({ ms, failed });
      res.writeHead(failed ? 503 : 200, { 'content-type': 'application/json' }).end(failed ? '{"error":"timeout"}' : '{"ok":true}');
      return;
    }
    res.writeHead(404).end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, state })));
}

function summarize(samples) {
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const errors = samples.filter((s) => s.failed).length;
  return { requests: samples.length, errorRate: errors / samples.length, p95Ms: sorted[Math.ceil(0.95 * sorted.length) - 1] };
}
