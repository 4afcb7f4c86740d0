/**
 * The bundled ab action and CLI from dist/: the action against the GitHub API
 * test server, and the worker-thread reader against the single-threaded one.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubServer, type GitHubTestServer } from '../github-server/index';
import { repoRoot } from '../helpers/fixtures';
import { assertBuilt, distCli, HEAD_SHA, pullRequestAtHead, runActionProcess, runProcess, seedHelloWorld } from './run-dist';

let server: GitHubTestServer;

beforeAll(async () => {
  assertBuilt();
  server = await startGitHubServer();
  seedHelloWorld(server.state, 'Checkout v2');
});
afterAll(() => server?.close());

describe('ab from dist/', () => {
  it('the action analyses the demo experiment: outputs, summary with the forest plot, check run and comment', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'rollgate-ab-ws-'));
    cpSync(join(repoRoot, 'examples', 'demo'), ws, { recursive: true });
    const run = await runActionProcess({
      action: 'ab',
      workspace: ws,
      apiUrl: server.url,
      token: 'test-write-token',
      payload: pullRequestAtHead(),
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ passed: 'true', decision: 'ship' });
    expect(run.outputs.headline).toMatch(/^Ship treatment: conversion \+22\.6% \[/);
    expect(JSON.parse(readFileSync(run.outputs['result-file']!, 'utf8')).decision).toBe('ship');
    expect(run.summary).toContain('```text');
    expect(run.summary).toMatch(/conversion treatment +┊? *├─*●─*┤/);
    const [checkRun] = server.state.checkRuns.values();
    expect(checkRun).toMatchObject({ name: 'rollgate ab', conclusion: 'success', headSha: HEAD_SHA });
    const comments = [...server.state.comments.values()].filter((c) => c.body.includes('<!-- rollgate:ab -->'));
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('Ship treatment');
  });

  it('worker threads give exactly the single-threaded result, rejects and line numbers included', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rollgate-ab-threads-'));
    writeFileSync(join(dir, 'ab.yml'), 'control: a\nallocation: { a: 1, b: 1 }\nmetrics:\n  - { name: c, type: binomial, primary: true }\n  - { name: r, type: continuous }\n');
    const rows = ['variant,c,r'];
    for (let i = 0; i < 60_000; i++) {
      const variant = i % 997 === 0 ? 'z' : i % 2 ? 'a' : 'b';
      rows.push(`${variant},${i % 7 === 0 ? 1 : 0},${i % 1409 === 0 ? 'x' : (i % 101) * 1.25}`);
    }
    writeFileSync(join(dir, 'data.csv'), `${rows.join('\n')}\n`);
    const env = { PATH: process.env.PATH, ROLLGATE_PARALLEL_MIN_BYTES: '1' };
    const one = await runProcess(process.execPath, [distCli, 'ab', '--config', 'ab.yml', '--data', 'data.csv', '--threads', '1', '--json'], env, dir);
    const three = await runProcess(process.execPath, [distCli, 'ab', '--config', 'ab.yml', '--data', 'data.csv', '--threads', '3', '--json'], env, dir);
    expect(one.stderr).toBe('');
    expect(three.stderr).toBe('');
    const a = JSON.parse(one.stdout);
    const b = JSON.parse(three.stdout);
    expect(a.source.threads).toBe(1);
    expect(b.source.threads).toBe(3);
    expect(b.rows).toEqual(a.rows);
    expect(a.rows.unknownVariant).toMatchObject({ count: 61, firstLine: 2 });
    expect(a.rows.malformed.r).toMatchObject({ count: 42, firstLine: 1411 });
    for (const [i, metric] of a.metrics.entries()) {
      expect(b.metrics[i].control).toEqual(metric.control);
      const [x, y] = [metric.variants[0], b.metrics[i].variants[0]];
      expect(y.units).toBe(x.units);
      // Merged moments are exact up to rounding in the last bits.
      expect(y.mean).toBeCloseTo(x.mean, 12);
      expect(y.pValue).toBeCloseTo(x.pValue, 10);
    }
  });
});
