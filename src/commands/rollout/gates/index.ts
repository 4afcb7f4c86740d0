/**
 * Every gate's reading for one tick. One reader per source key; a new source
 * is a file beside these and a line in READERS.
 */
import { UserError } from '../../../errors';
import type { GateConfig } from '../schema';
import { readCheck } from './check';
import { readFileGate } from './file';
import { readHttpJson } from './http-json';
import { readPrometheus } from './prometheus';
import { GATE_SOURCES } from './schema';
import type { GateReadContext, GateReading } from './types';

type Source = (typeof GATE_SOURCES)[number];
type Reader<K extends Source> = (gateName: string, source: NonNullable<GateConfig[K]>, ctx: GateReadContext) => Promise<GateReading>;

const READERS: { [K in Source]: Reader<K> } = {
  prometheus: readPrometheus,
  http: readHttpJson,
  file: readFileGate,
  check: readCheck,
};

/** The gate's one source, read. The plan schema guarantees exactly one source key. */
export async function readGate(gate: GateConfig, ctx: GateReadContext): Promise<GateReading> {
  for (const key of GATE_SOURCES) {
    const source = gate[key];
    // TypeScript cannot tie `source` to READERS[key] through the loop variable; GateConfig[key] is that reader's source.
    if (source !== undefined) return (READERS[key] as Reader<Source>)(gate.name, source as never, ctx);
  }
  throw new Error(`gate "${gate.name}" has no source; the plan schema should have refused it`);
}

/**
 * Every gate read at once, in plan order: a reading, or the UserError its
 * config caused. Every read finishes before this returns, so no request
 * outlives the tick. Anything else (a bug) is thrown.
 */
export async function readEachGate(gates: readonly GateConfig[], ctx: GateReadContext): Promise<Array<GateReading | UserError>> {
  const settled = await Promise.allSettled(gates.map((gate) => readGate(gate, ctx)));
  return settled.map((outcome) => {
    if (outcome.status === 'fulfilled') return outcome.value;
    if (outcome.reason instanceof UserError) return outcome.reason;
    throw outcome.reason;
  });
}

/** All gates at once, by name; the first config error in plan order is thrown once all are done. */
export async function readGates(gates: readonly GateConfig[], ctx: GateReadContext): Promise<Map<string, GateReading>> {
  const outcomes = await readEachGate(gates, ctx);
  const readings = new Map<string, GateReading>();
  outcomes.forEach((outcome, index) => {
    if (outcome instanceof UserError) throw outcome;
    readings.set(gates[index]!.name, outcome);
  });
  return readings;
}
