/** Plans, a clock and gate readings for the rollout scenarios. */
import { judgeGates } from '../../src/commands/rollout/gate';
import type { RolloutPlan, RolloutPlanInput } from '../../src/commands/rollout/schema';
import { rolloutPlanSchema } from '../../src/commands/rollout/schema';
import type { GateResult } from '../../src/commands/rollout/state-schema';

export const T0 = Date.parse('2026-11-29T13:00:00Z');
export const MIN = 60_000;
export const HOUR = 60 * MIN;

/** The injected clock: minutes after T0. */
export function at(minutes: number): Date {
  return new Date(T0 + minutes * MIN);
}

export function makePlan(overrides: Partial<RolloutPlanInput> = {}): RolloutPlan {
  return rolloutPlanSchema.parse({
    flag: 'checkout-v2',
    environment: 'production',
    provider: { type: 'flagd-file', path: 'flags/{environment}.json' },
    gates: [
      { name: 'error-rate', prometheus: { url: 'http://prometheus:9090', query: 'sum(rate(errors[5m]))/sum(rate(requests[5m]))' }, max: 0.001 },
      { name: 'p95-latency', http: { url: 'https://metrics.example.com/latency', jsonPath: '$.p95' }, max: 2.0 },
    ],
    breaker: { consecutiveBreaches: 2, critical: { 'error-rate': 0.01, 'p95-latency': 5.0 } },
    ...overrides,
  });
}

/** Readings by gate name; a missing name is no data. */
export function read(plan: RolloutPlan, values: Record<string, number | null>): GateResult[] {
  return judgeGates(plan, values);
}

export const GREEN = { 'error-rate': 0.0002, 'p95-latency': 0.8 };
export const BREACH = { 'error-rate': 0.002, 'p95-latency': 0.8 };
export const CRITICAL = { 'error-rate': 0.05, 'p95-latency': 0.8 };
