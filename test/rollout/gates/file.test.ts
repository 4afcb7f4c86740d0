import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFileGate } from '../../../src/commands/rollout/gates/file';
import type { GateReadContext } from '../../../src/commands/rollout/gates/types';
import { silentLogger } from '../../../src/context';
import { tempProject } from '../../helpers/workspace';
import { userError } from './support';

function context(cwd: string): GateReadContext {
  return { cwd, signal: new AbortController().signal, log: silentLogger, env: {}, ref: null };
}


describe('file gate', () => {
  const report = JSON.stringify({ summary: { 'error rate': '0.004', runs: [{ p95: 0.8 }, { p95: 1.2 }] }, passed: true, label: 'ok' }, null, 2);

  it('reads nested paths, relative to the workspace', async () => {
    const dir = tempProject({ 'reports/load.json': report });
    const ctx = context(dir);
    expect(await readFileGate('p95', { path: 'reports/load.json', jsonPath: '$.summary.runs[1].p95' }, ctx)).toEqual({ observed: 1.2, query: 'file reports/load.json $.summary.runs[1].p95' });
    expect(await readFileGate('p95', { path: 'reports/load.json', jsonPath: '$.summary.runs[-1].p95' }, ctx)).toMatchObject({ observed: 1.2 });
    expect(await readFileGate('errors', { path: 'reports/load.json', jsonPath: "$.summary['error rate']" }, ctx)).toMatchObject({ observed: 0.004 });
    expect(await readFileGate('errors', { path: join(dir, 'reports/load.json'), jsonPath: '$.summary.runs[0].p95' }, ctx)).toMatchObject({ observed: 0.8 });
  });

  it('reads a file that starts with a byte order mark', async () => {
    const dir = tempProject({ 'm.json': `\uFEFF{"v": 3}` });
    expect(await readFileGate('v', { path: 'm.json', jsonPath: '$.v' }, context(dir))).toMatchObject({ observed: 3 });
  });

  it('gives no data with a note when the file is not there yet', async () => {
    const dir = tempProject();
    expect(await readFileGate('p95', { path: 'reports/load.json', jsonPath: '$.p95' }, context(dir))).toEqual({
      observed: null,
      query: 'file reports/load.json $.p95',
      note: 'reports/load.json does not exist (yet: the step that writes it may not have run)',
    });
  });

  it('gives no data, saying what it found, for a missing path or a value that is not a number', async () => {
    const dir = tempProject({ 'reports/load.json': report });
    const ctx = context(dir);
    expect(await readFileGate('x', { path: 'reports/load.json', jsonPath: '$.summary.runs[2].p95' }, ctx)).toMatchObject({
      observed: null,
      note: 'reports/load.json: nothing at $.summary.runs[2].p95: $.summary.runs has 2 items, no [2]',
    });
    expect(await readFileGate('x', { path: 'reports/load.json', jsonPath: '$.passed' }, ctx)).toMatchObject({ observed: null, note: 'reports/load.json: $.passed is a boolean (true), not a number' });
    expect(await readFileGate('x', { path: 'reports/load.json', jsonPath: '$.label' }, ctx)).toMatchObject({ observed: null, note: 'reports/load.json: $.label is a string ("ok"), not a number' });
  });

  it('refuses invalid JSON with the file, line and column', async () => {
    const dir = tempProject({ 'reports/load.json': '{\n  "p95": 0.8,\n  "p99": 1.4,\n}\n' });
    const error = await userError(readFileGate('p95', { path: 'reports/load.json', jsonPath: '$.p95' }, context(dir)));
    expect(error.message).toBe(`gate "p95" reads this file, which is not valid JSON: expected a double-quoted property name, found "}"`);
    expect(error.location).toEqual({ file: 'reports/load.json', line: 4, column: 1 });
    expect(error.toString()).toBe(`reports/load.json:4:1: gate "p95" reads this file, which is not valid JSON: expected a double-quoted property name, found "}"`);

    const truncated = tempProject({ 'm.json': '{"runs": [1, 2' });
    const cut = await userError(readFileGate('v', { path: 'm.json', jsonPath: '$.runs[0]' }, context(truncated)));
    expect(cut.toString()).toBe(`m.json:1:15: gate "v" reads this file, which is not valid JSON: expected ',' or ']' after the array item, found the end of the file`);
  });

  it('refuses a directory where the file should be', async () => {
    const dir = tempProject();
    mkdirSync(join(dir, 'reports'));
    const error = await userError(readFileGate('p95', { path: 'reports', jsonPath: '$.p95' }, context(dir)));
    expect(error.toString()).toBe('reports: gate "p95": this is a directory; file.path must name a JSON file');
  });
});
