/**
 * Unleash client-specification suites (see SOURCES.md). Only the hashing is ours, so
 * the test carries a minimal evaluator for the strategies these suites use
 * (default, userWithId, gradualRolloutUserId, gradualRolloutRandom at 0/100,
 * flexibleRollout, IN constraints) and leaves the rest of Unleash to Unleash.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isEnabledForPercent, selectVariant, type UnleashVariant } from '../../src/flags/unleash';
import { hasSharedFixtures, sharedFixture, sharedSkipReason } from '../helpers/fixtures';

type Ctx = Record<string, string | undefined> & { properties?: Record<string, string> };
interface Variant extends UnleashVariant {
  stickiness?: string;
  overrides?: { contextName: string; values: string[] }[];
}
interface Strategy {
  name: string;
  parameters?: Record<string, string>;
  constraints?: { contextName: string; operator: string; values: string[] }[];
  variants?: Variant[];
}
interface Feature {
  name: string;
  enabled: boolean;
  strategies: Strategy[];
  variants?: Variant[];
}
interface Spec {
  state: { features: Feature[] };
  tests?: { description: string; context: Ctx; toggleName: string; expectedResult: boolean }[];
  variantTests?: { description: string; context: Ctx; toggleName: string; expectedResult: { name: string } }[];
}

const files = [
  '03-gradual-rollout-user-id-strategy.json',
  '05-gradual-rollout-random-strategy.json',
  '07-multiple-strategies.json',
  '08-variants.json',
  '10-flexible-rollout-strategy.json',
  '16-strategy-variants.json',
];

const field = (ctx: Ctx, name: string) => ctx[name] ?? ctx.properties?.[name];

function stickinessValue(ctx: Ctx, stickiness = 'default'): string | undefined {
  if (stickiness !== 'default') return field(ctx, stickiness);
  // No id at all: Unleash uses a random value, which no fixture depends on.
  return ctx.userId ?? ctx.sessionId ?? ctx.remoteAddress ?? String(Math.random());
}

function strategyOn(s: Strategy, ctx: Ctx, feature: Feature): boolean {
  for (const c of s.constraints ?? []) {
    if (c.operator !== 'IN') throw new Error(`unsupported operator ${c.operator}`);
    if (!c.values.includes(field(ctx, c.contextName) ?? '')) return false;
  }
  const p = s.parameters ?? {};
  switch (s.name) {
    case 'default':
      return true;
    case 'userWithId':
      return (p.userIds ?? '').split(/,\s*/).includes(ctx.userId ?? '\u0000');
    case 'gradualRolloutUserId':
      return ctx.userId !== undefined && isEnabledForPercent(ctx.userId, p.groupId ?? feature.name, Number(p.percentage));
    case 'gradualRolloutRandom': {
      const pct = Number(p.percentage);
      if (pct !== 0 && pct !== 100) throw new Error('random rollout is only testable at 0 or 100');
      return pct === 100;
    }
    case 'flexibleRollout': {
      const id = stickinessValue(ctx, p.stickiness);
      return id !== undefined && isEnabledForPercent(id, p.groupId ?? feature.name, Number(p.rollout));
    }
    default:
      throw new Error(`unsupported strategy ${s.name}`);
  }
}

function winning(feature: Feature, ctx: Ctx): Strategy | true | undefined {
  if (!feature.enabled) return undefined;
  if (feature.strategies.length === 0) return true;
  return feature.strategies.find((s) => strategyOn(s, ctx, feature));
}

function pick(variants: Variant[], ctx: Ctx, groupId: string, stickiness?: string): string {
  const override = variants.find((v) => v.overrides?.some((o) => o.values.includes(field(ctx, o.contextName) ?? '\u0000')));
  if (override) return override.name;
  const id = stickinessValue(ctx, stickiness ?? variants[0]?.stickiness);
  return (id !== undefined && selectVariant(variants, id, groupId)?.name) || 'disabled';
}

function variantOf(feature: Feature | undefined, ctx: Ctx): string {
  if (!feature) return 'disabled';
  const s = winning(feature, ctx);
  if (s === undefined) return 'disabled';
  if (s !== true && s.variants && s.variants.length > 0) {
    return pick(s.variants, ctx, s.parameters?.groupId ?? feature.name, s.parameters?.stickiness);
  }
  if (!feature.variants || feature.variants.length === 0) return 'disabled';
  return pick(feature.variants, ctx, feature.name);
}

describe.skipIf(!hasSharedFixtures)(hasSharedFixtures ? 'Unleash client-specification' : `Unleash client-specification (skipped: ${sharedSkipReason})`, () => {
  it('has every suite it means to run', () => {
    for (const file of files) expect(readFileSync(sharedFixture('bucketing', 'unleash', file), 'utf8')).toContain('"state"');
  });
  for (const file of files) {
    const spec: Spec = hasSharedFixtures
      ? JSON.parse(readFileSync(sharedFixture('bucketing', 'unleash', file), 'utf8'))
      : { state: { features: [] } };
    const byName = new Map(spec.state.features.map((f) => [f.name, f]));
    for (const t of spec.tests ?? []) {
      it(`${file}: ${t.description}`, () => {
        const f = byName.get(t.toggleName);
        expect(f !== undefined && winning(f, t.context) !== undefined).toBe(t.expectedResult);
      });
    }
    for (const t of spec.variantTests ?? []) {
      it(`${file}: ${t.description}`, () => {
        expect(variantOf(byName.get(t.toggleName), t.context)).toBe(t.expectedResult.name);
      });
    }
  }
});

