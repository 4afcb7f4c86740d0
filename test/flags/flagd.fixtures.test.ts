/**
 * flagd testbed vectors (open-feature/flagd-testbed, see ../shared/fixtures/SOURCES.md):
 * every fractional Examples row whose flag buckets on a plain value, per version tag.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fractional, implicitBucketingValue, type FractionalBucket, type FractionalVersion, type JsonValue } from '../../src/flags/index';
import { hasSharedFixtures, sharedFixture, sharedSkipReason } from '../helpers/fixtures';
import { exampleTables, type ExampleTable } from './gherkin';

interface FlagDef {
  variants: Record<string, JsonValue>;
  defaultVariant: string | null;
  targeting: { fractional?: unknown[] };
}

function cell(arg: string, row: Record<string, string>): string {
  return arg.startsWith('<') ? row[arg.slice(1, -1)]! : arg;
}

function typed(type: string, value: string): JsonValue {
  switch (type) {
    case 'Boolean':
      return value === 'true';
    case 'Integer':
    case 'Float':
      return Number(value);
    case 'Object':
      return JSON.parse(value) as JsonValue;
    default:
      // Kept verbatim: the testbed's "A\u0000B" rows expect the six escape characters
      // hashed as written (unescaping them gives other buckets).
      return value;
  }
}

/** Evaluate the `cat`/`var` expressions the fractional flags use as their first argument. */
function resolve(expr: unknown, ctx: Record<string, JsonValue>): JsonValue | undefined {
  if (expr === null || typeof expr !== 'object') return expr as JsonValue;
  const e = expr as Record<string, unknown>;
  if ('var' in e) {
    let v: unknown = ctx;
    for (const part of String(e.var).split(/\.(?!flagKey)/)) v = (v as Record<string, unknown> | undefined)?.[part];
    return v as JsonValue | undefined;
  }
  if ('cat' in e) return (e.cat as unknown[]).map((x) => String(resolve(x, ctx))).join('');
  throw new Error(`unsupported expression ${JSON.stringify(expr)}`);
}

interface Case {
  name: string;
  flagKey: string;
  ctx: Record<string, JsonValue>;
  expected: string;
}

function cases(table: ExampleTable, flags: Record<string, FlagDef>): Case[] {
  const flagStep = table.steps.find((s) => s.includes('-flag with key'))!;
  const flagKey = /key "([^"]+)"/.exec(flagStep)![1]!;
  const fallback = /(?:default|fallback) value "([^"]*)"/.exec(flagStep)![1]!;
  const out: Case[] = [];
  for (const row of table.rows) {
    const ctx: Record<string, JsonValue> = { '$flagd.flagKey': flagKey };
    for (const step of table.steps) {
      const nested = /outer key "(\w+)" and inner key "(\w+)", with value "<(\w+)>"/.exec(step);
      if (nested) ctx[nested[1]!] = { [nested[2]!]: row[nested[3]!]! };
      const tk = /targeting key with value "<([\w ]+)>"/.exec(step);
      if (tk) ctx.targetingKey = row[tk[1]!]!;
      const key = /a key "(<?\w+>?)", with type "(<?\w+>?)" and with value "<(\w+)>"/.exec(step);
      if (key) ctx[cell(key[1]!, row)] = typed(cell(key[2]!, row), row[key[3]!]!);
    }
    const expectStep = table.steps.find((s) => s.startsWith('Then the resolved details value'))!;
    const col = /"<(\w+)>"/.exec(expectStep)?.[1];
    const expected = col ? row[col]! : /"([^"]*)"/.exec(expectStep)![1]!;
    void flags;
    out.push({ name: `${flagKey} ${JSON.stringify(row)}`, flagKey, ctx, expected });
  }
  return out;
}

function evaluate(flag: FlagDef, c: Case, version: FractionalVersion): JsonValue {
  const args = flag.targeting.fractional!;
  let value: JsonValue | undefined;
  let buckets: unknown[];
  if (Array.isArray(args[0])) {
    buckets = args;
    const tk = c.ctx.targetingKey;
    value = implicitBucketingValue(c.flagKey, tk, version);
  } else {
    value = resolve(args[0], c.ctx);
    buckets = args.slice(1);
  }
  const variant = value === undefined ? null : fractional(value, buckets as FractionalBucket<string>[], version);
  // No bucket (or no usable key) means flagd falls back to the default variant.
  const chosen = variant ?? flag.defaultVariant;
  return chosen === null ? null : flag.variants[chosen]!;
}

const sources = [
  { file: 'targeting.feature', flagsFile: 'custom-ops.json' },
  { file: 'evaluator-fractional.feature', flagsFile: 'evaluator-testkit-flags.json' },
];

describe.skipIf(!hasSharedFixtures)(hasSharedFixtures ? 'flagd fractional testbed vectors' : `flagd fractional testbed vectors (skipped: ${sharedSkipReason})`, () => {
  it('finds versioned fractional tables in both feature files', () => {
    for (const { file } of sources) {
      const tables = exampleTables(readFileSync(sharedFixture('bucketing', 'flagd', file), 'utf8'));
      expect(tables.filter((t) => t.tags.includes('@fractional-v2')).length, file).toBeGreaterThan(0);
    }
  });
  for (const { file, flagsFile } of sources) {
    const flags = hasSharedFixtures
      ? (JSON.parse(readFileSync(sharedFixture('bucketing', 'flagd', flagsFile), 'utf8')) as { flags: Record<string, FlagDef> }).flags
      : {};
    const tables = hasSharedFixtures ? exampleTables(readFileSync(sharedFixture('bucketing', 'flagd', file), 'utf8')) : [];
    const versioned = tables.filter((t) => t.tags.some((tag) => /^@fractional-v\d$/.test(tag)));
    for (const version of ['v1', 'v2', 'v3'] as const) {
      const mine = versioned.filter((t) => t.tags.includes(`@fractional-${version}`));
      const all = mine.flatMap((t) => cases(t, flags));
      if (all.length === 0) continue;
      it(`${file} @fractional-${version}: ${all.length} rows`, () => {
        const failures = all.filter((c) => evaluate(flags[c.flagKey]!, c, version) !== c.expected);
        expect(failures.map((c) => `${c.name} expected ${c.expected}, got ${String(evaluate(flags[c.flagKey]!, c, version))}`)).toEqual([]);
      });
    }
  }
});

