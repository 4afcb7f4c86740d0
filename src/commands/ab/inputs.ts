/**
 * Both input paths end here: per variant, its units and per-metric moments.
 * The data file path also carries what it had to reject.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { displayPath, parseConfigText } from '../../config/load';
import type { RunContext } from '../../context';
import { UserError } from '../../errors';
import { readDataFile } from './data/read-data';
import type { RejectCount } from './data/row-sink';
import { momentsFromSums, type Moments } from './data/moments';
import { summarySchema, type AbConfig } from './schema';

export interface VariantData {
  id: string;
  units: number;
  /** By metric name. */
  metrics: Record<string, Moments>;
}

export interface ExperimentData {
  source: { kind: 'data' | 'summary'; file: string; format?: string; threads?: number };
  variants: VariantData[];
  /** Data file only: rows read and rows set aside, with reasons. */
  rows?: number;
  unknownVariant?: RejectCount & { names: string[] };
  malformed?: Record<string, RejectCount>;
}

const columnOf = (metric: AbConfig['metrics'][number]) => metric.column ?? metric.name;

export async function readExperiment(config: AbConfig, ctx: RunContext): Promise<ExperimentData> {
  const data = (ctx.inputs?.data as string | undefined) ?? config.data;
  const summary = (ctx.inputs?.summary as string | undefined) ?? config.summary;
  if (data && summary) throw new UserError('give either --data or --summary, not both');
  if (!data && !summary) throw new UserError('no input: give --data FILE (one row per unit) or --summary FILE (sums per variant), or set data/summary in the config');
  const variants = Object.keys(config.allocation);
  if (data) {
    const file = resolve(ctx.cwd, data);
    const shown = displayPath(file, ctx.cwd);
    const threads = ctx.inputs?.threads !== undefined ? Number(ctx.inputs.threads) : undefined;
    if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1)) throw new UserError(`--threads must be a whole number ≥ 1; found "${ctx.inputs?.threads}"`);
    const totals = await readDataFile(file, shown, {
      variants,
      variantColumn: config.variantColumn,
      metrics: config.metrics.map((m) => ({ column: columnOf(m), kind: m.type })),
    }, { threads, parallelMinBytes: ctx.env.ROLLGATE_PARALLEL_MIN_BYTES ? Number(ctx.env.ROLLGATE_PARALLEL_MIN_BYTES) : undefined });
    return {
      source: { kind: 'data', file: shown, format: totals.format, threads: totals.threads },
      variants: variants.map((id, v) => ({
        id,
        units: totals.variants[v]!.units,
        metrics: Object.fromEntries(config.metrics.map((m, k) => [m.name, totals.variants[v]!.metrics[k]!])),
      })),
      rows: totals.rows,
      unknownVariant: totals.unknownVariant,
      malformed: totals.malformed,
    };
  }
  const file = resolve(ctx.cwd, summary!);
  const shown = displayPath(file, ctx.cwd);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UserError(`cannot read the summary file: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`, { file: shown });
  }
  // JSON is YAML, so one parser gives line numbers for both.
  const { config: parsed, source } = parseConfigText(text, shown, summarySchema);
  const at = (path: PropertyKey[]) => ({ file: shown, line: source.lineOf(path), path: path.join('.') });
  for (const id of Object.keys(parsed.variants)) {
    if (!variants.includes(id)) throw new UserError(`unknown variant "${id}"; the config's allocation has ${variants.join(', ')}`, at(['variants', id]));
  }
  return {
    source: { kind: 'summary', file: shown },
    variants: variants.map((id) => {
      const seed = parsed.variants[id];
      if (!seed) throw new UserError(`variant "${id}" is missing; expected every variant in the allocation`, at(['variants']));
      return {
        id,
        units: seed.units,
        metrics: Object.fromEntries(config.metrics.map((metric) => {
          const key = columnOf(metric);
          const sums = seed.metrics[key];
          const path = ['variants', id, 'metrics', key];
          if (!sums) throw new UserError(`metric "${key}" is missing for variant "${id}"`, at(['variants', id, 'metrics']));
          const n = sums.n ?? seed.units;
          if (n > seed.units) throw new UserError(`n ${n} is more than the variant's ${seed.units} units`, at([...path, 'n']));
          if (metric.type === 'binomial') {
            if (!(Number.isInteger(sums.sum) && sums.sum >= 0 && sums.sum <= n)) throw new UserError(`expected a whole number of successes between 0 and ${n}, found ${sums.sum}`, at([...path, 'sum']));
            return [metric.name, momentsFromSums(n, sums.sum, sums.sum)];
          }
          if (sums.sumSquares === undefined) throw new UserError('a continuous metric needs sumSquares (Σx²) for its variance', at(path));
          // Σx² ≥ (Σx)²/n always holds for real data; failing it means the sums do not belong together.
          if (n > 0 && sums.sumSquares < (sums.sum * sums.sum) / n * (1 - 1e-12)) {
            throw new UserError(`sumSquares ${sums.sumSquares} is smaller than sum²/n = ${(sums.sum * sums.sum) / n}; these cannot be sums of the same ${n} values`, at([...path, 'sumSquares']));
          }
          return [metric.name, momentsFromSums(n, sums.sum, sums.sumSquares)];
        })),
      };
    }),
  };
}
