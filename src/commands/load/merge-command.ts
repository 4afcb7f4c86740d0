/**
 * `rollgate load merge FILE... --out merged.json`: one exact result from the
 * shards of a distributed run, in Rollgate's format, ready for `load gate`.
 */
import { resolve } from 'node:path';
import { displayPath } from '../../config/load';
import type { RunContext } from '../../context';
import { UserError } from '../../errors';
import { writeFileAtomic } from '../../io/atomic-write';
import type { SubcommandRun } from '../types';
import { readLoadResult } from './ingest/read';
import { serializeRollgateResult } from './ingest/rollgate';
import { mergeResults } from './merge';

export async function runMerge(ctx: RunContext): Promise<SubcommandRun> {
  const files = [...((ctx.inputs?.files as string[] | undefined) ?? []), ...((ctx.inputs?.results as string[] | undefined) ?? [])];
  if (files.length < 2) throw new UserError(`give two or more shard results to merge; found ${files.length}`);
  const out = ctx.inputs?.out as string | undefined;
  if (!out) throw new UserError('--out FILE is required: where to write the merged result');
  const results = [];
  for (const file of files) {
    const path = resolve(ctx.cwd, file);
    results.push(await readLoadResult(path, displayPath(path, ctx.cwd)));
  }
  const merged = mergeResults(results);
  const target = resolve(ctx.cwd, out);
  writeFileAtomic(target, serializeRollgateResult(merged));
  const shown = displayPath(target, ctx.cwd);
  const requests = merged.series.reduce((sum, s) => sum + (s.metric === 'http_reqs' ? s.count : 0), 0);
  return {
    result: { passed: true, file: shown, files: results.map((r) => ({ file: r.file, format: r.format })), series: merged.series.length, requests } as SubcommandRun['result'],
    report: {
      command: 'load merge',
      passed: true,
      headline: `Merged ${results.length} results (${requests.toLocaleString('en-US')} requests, ${merged.series.length} series) into ${shown}`,
      gates: [],
      findings: [],
      sections: [{ title: 'Shards', primary: true, table: { columns: ['File', 'Format'], rows: results.map((r) => [r.file, r.format]) } }],
      outputs: {},
    },
  };
}
