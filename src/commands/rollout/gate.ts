/**
 * Judging one gate: an observed number (or none) against the gate's min/max
 * and its critical value. The edge only fetches numbers; every decision about
 * what a number means lives here, where it can be tested without a network.
 */
import type { GateConfig, RolloutPlan } from './schema';
import type { GateResult } from './state-schema';

function bounds(gate: GateConfig): string {
  return [gate.min !== undefined ? `min ${gate.min}` : '', gate.max !== undefined ? `max ${gate.max}` : ''].filter(Boolean).join(', ');
}

/**
 * pass / breach / critical / no-data. `observed` null, NaN or undefined is
 * no-data (the query answered nothing). A critical value above the max counts
 * when observed >= critical; below the min when observed <= critical (the
 * schema guarantees critical lies beyond one of the bounds).
 */
export function judgeGate(gate: GateConfig, observed: number | null | undefined, critical?: number): GateResult {
  if (observed === null || observed === undefined || Number.isNaN(observed)) {
    return { name: gate.name, status: 'no-data', observed: null, threshold: bounds(gate) };
  }
  if (critical !== undefined) {
    const upper = gate.max !== undefined && critical > gate.max;
    if (upper ? observed >= critical : observed <= critical) {
      return { name: gate.name, status: 'critical', observed, threshold: `critical ${critical}` };
    }
  }
  if (gate.max !== undefined && observed > gate.max) return { name: gate.name, status: 'breach', observed, threshold: `max ${gate.max}` };
  if (gate.min !== undefined && observed < gate.min) return { name: gate.name, status: 'breach', observed, threshold: `min ${gate.min}` };
  return { name: gate.name, status: 'pass', observed, threshold: bounds(gate) };
}

/** Every gate of the plan, in plan order; a gate missing from `observations` is no-data. */
export function judgeGates(plan: RolloutPlan, observations: Readonly<Record<string, number | null | undefined>>): GateResult[] {
  return plan.gates.map((gate) => judgeGate(gate, observations[gate.name], plan.breaker.critical[gate.name]));
}

/** "error-rate 0.002 (max 0.001)", for reasons. */
export function describeGateResult(result: GateResult): string {
  if (result.status === 'no-data') return `${result.name} has no data${result.note ? ` (${result.note})` : ''}`;
  // Four significant digits: enough to compare with a threshold, short enough to read in a log line.
  const observed = result.observed === null ? 'non-finite' : Number.isFinite(result.observed) ? String(Number(result.observed.toPrecision(4))) : String(result.observed);
  return `${result.name} ${observed} (${result.threshold})`;
}

/** A reading from a source (gates/) judged, with where it came from kept for the report. */
export function judgeReading(plan: RolloutPlan, gate: GateConfig, reading: { observed: number | null; samples?: number; query: string; note?: string }): GateResult {
  const judged = judgeGate(gate, reading.observed, plan.breaker.critical[gate.name]);
  return {
    ...judged,
    query: reading.query,
    ...(reading.samples !== undefined ? { samples: reading.samples } : {}),
    ...(judged.status === 'no-data' && reading.note ? { note: reading.note } : {}),
    // JSON has no infinity: the stored and printed value becomes null, so the note keeps what was seen.
    ...(reading.observed !== null && Number.isFinite(reading.observed) === false && !Number.isNaN(reading.observed)
      ? { note: `the source answered ${reading.observed > 0 ? '+Inf' : '-Inf'}` }
      : {}),
  };
}
