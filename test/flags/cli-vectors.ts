/**
 * The published flagd testbed rows the CLI tests replay: every @fractional-v1
 * and @fractional-v2 Examples row whose context is a targeting key and/or
 * plain string attributes (the @fractional-nested tables need JSONLogic inside
 * buckets, which rollgate refuses by design).
 */
import { readFileSync } from 'node:fs';
import { hasSharedFixtures, sharedFixture } from '../helpers/fixtures';
import { exampleTables } from './gherkin';

export interface FlagdVector {
  /** The flag-definitions file, absolute. */
  flagsFile: string;
  flagKey: string;
  version: 'v1' | 'v2';
  targetingKey?: string;
  attributes: Record<string, Record<string, string> | string>;
  expected: string;
  name: string;
}

const SOURCES = [
  { feature: 'targeting.feature', flags: 'custom-ops.json' },
  { feature: 'evaluator-fractional.feature', flags: 'evaluator-testkit-flags.json' },
];

export function flagdVectors(): FlagdVector[] {
  if (!hasSharedFixtures) return [];
  const out: FlagdVector[] = [];
  for (const source of SOURCES) {
    const flagsFile = sharedFixture('bucketing', 'flagd', source.flags);
    for (const table of exampleTables(readFileSync(sharedFixture('bucketing', 'flagd', source.feature), 'utf8'))) {
      const version = table.tags.includes('@fractional-v1') ? 'v1' : table.tags.includes('@fractional-v2') ? 'v2' : undefined;
      if (!version || table.tags.includes('@fractional-nested')) continue;
      const flagKey = /-flag with key "([^"]+)"/.exec(table.steps.find((s) => s.includes('-flag with key')) ?? '')?.[1];
      const then = table.steps.find((s) => s.startsWith('Then the resolved details value'));
      if (!flagKey || !then) continue;
      for (const row of table.rows) {
        const vector: FlagdVector = { flagsFile, flagKey, version, attributes: {}, expected: '', name: `${source.feature} ${flagKey} ${version} ${JSON.stringify(row)}` };
        for (const step of table.steps) {
          const tk = /targeting key with value "<([\w ]+)>"/.exec(step);
          if (tk) vector.targetingKey = row[tk[1]!]!;
          const nested = /outer key "(\w+)" and inner key "(\w+)", with value "<(\w+)>"/.exec(step);
          if (nested) vector.attributes[nested[1]!] = { [nested[2]!]: row[nested[3]!]! };
        }
        const column = /"<(\w+)>"/.exec(then)?.[1];
        vector.expected = column ? row[column]! : /"([^"]*)"/.exec(then)![1]!;
        out.push(vector);
      }
    }
  }
  return out;
}

interface FlagDefinition {
  variants: Record<string, string>;
  defaultVariant: string;
  targeting: { fractional: unknown[] };
}

/** The flag's definition as published, for tests that bucket by hand. */
export function flagDefinition(vector: FlagdVector): FlagDefinition {
  return (JSON.parse(readFileSync(vector.flagsFile, 'utf8')) as { flags: Record<string, FlagDefinition> }).flags[vector.flagKey]!;
}
