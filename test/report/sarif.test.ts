/**
 * Validated against the SARIF 2.1.0 JSON schema that Microsoft ships in
 * @microsoft/jest-sarif (sarif-2.1.0-rtm.5.json, a draft-04 schema). Its
 * definitions, properties and required fields match the final OASIS schema;
 * the two differ only in GUID patterns, the `language` pattern and two
 * artifact-role values, none of which Rollgate emits.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model';
import { FINGERPRINT_KEY, fnv1a64, renderSarif, SARIF_SCHEMA_URI } from '../../src/report/sarif';
import { baseReport, report as reportArb } from './arbitraries';

const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
// rtm.5's `language` pattern has a stray `]`, legal only without the u flag.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validateSchema = ajv.compile(schema);

function expectValid(log: unknown): void {
  // Through JSON, as a consumer reads the file: undefined fields vanish, NaN would become null.
  const parsed = JSON.parse(JSON.stringify(log));
  const ok = validateSchema(parsed);
  expect(ok, JSON.stringify(validateSchema.errors, null, 2)).toBe(true);
}

const sample: Report = baseReport({
  passed: false,
  rules: [
    { id: 'coverage/line', name: 'UncoveredLine', description: 'A changed line has no test coverage.', helpUri: 'https://example.com/rules/coverage' },
    { id: 'unused/rule', name: 'Unused', description: 'Declared but not hit.', helpUri: 'not a uri' },
  ],
  findings: [
    { level: 'error', title: 'Coverage', message: 'Line 3 is not covered', file: 'src/a.ts', line: 3, endLine: 4, column: 2, ruleId: 'coverage/line' },
    { level: 'warning', title: 'Flaky', message: 'test retried', file: 'test/my file#1.ts', line: 10, ruleId: 'tests/flaky' },
    { level: 'notice', title: 'Whole file', message: 'large', file: 'c:/odd/100%.ts' },
    { level: 'notice', title: 'No file', message: 'about the run', ruleId: 'tests/flaky' },
  ],
});

describe('renderSarif', () => {
  it('produces a schema-valid log', () => {
    expectValid(renderSarif(sample, { toolVersion: '1.2.3', informationUri: 'https://github.com/rollgate/rollgate' }));
  });

  it('has the expected envelope, driver and rules', () => {
    const log = renderSarif(sample, { toolVersion: '1.2.3', informationUri: 'https://github.com/rollgate/rollgate' });
    expect(log.$schema).toBe(SARIF_SCHEMA_URI);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const driver = log.runs[0].tool.driver;
    expect(driver).toMatchObject({ name: 'rollgate', version: '1.2.3', informationUri: 'https://github.com/rollgate/rollgate' });
    expect(driver.rules.map((rule) => rule.id)).toEqual(['coverage/line', 'unused/rule', 'tests/flaky', 'rollgate/checklist']);
    expect(driver.rules[0]).toEqual({
      id: 'coverage/line',
      name: 'UncoveredLine',
      shortDescription: { text: 'UncoveredLine' },
      fullDescription: { text: 'A changed line has no test coverage.' },
      helpUri: 'https://example.com/rules/coverage',
    });
    // A malformed help URI is dropped rather than making the whole log invalid.
    expect(driver.rules[1]).not.toHaveProperty('helpUri');
    expect(driver.rules[2]).toEqual({ id: 'tests/flaky', name: 'tests/flaky', shortDescription: { text: 'Flaky' } });
  });

  it('maps findings to results with rule indexes, levels and locations', () => {
    const log = renderSarif(sample, { toolVersion: '1.2.3' });
    const run = log.runs[0];
    expect(run.tool.driver).not.toHaveProperty('informationUri');
    const results = run.results;
    for (const result of results) expect(run.tool.driver.rules[result.ruleIndex]!.id).toBe(result.ruleId);
    expect(results.map((result) => result.level)).toEqual(['error', 'warning', 'note', 'note']);
    expect(results[0]).toMatchObject({
      ruleId: 'coverage/line',
      ruleIndex: 0,
      message: { text: 'Coverage: Line 3 is not covered' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'src/a.ts', uriBaseId: '%SRCROOT%' },
            region: { startLine: 3, endLine: 4, startColumn: 2 },
          },
        },
      ],
    });
    expect(results[1]!.locations![0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'test/my%20file%231.ts', uriBaseId: '%SRCROOT%' },
      region: { startLine: 10 },
    });
    expect(results[2]!.ruleId).toBe('rollgate/checklist');
    expect(results[2]!.locations![0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'c%3A/odd/100%25.ts', uriBaseId: '%SRCROOT%' },
    });
    expect(results[3]).not.toHaveProperty('locations');
  });

  it('fingerprints by rule, file and message, not by line', () => {
    const fingerprint = (finding: Report['findings'][number]) =>
      renderSarif(baseReport({ findings: [finding] }), { toolVersion: '1' }).runs[0].results[0]!.partialFingerprints[FINGERPRINT_KEY];
    const base = { level: 'error' as const, title: 'T', message: 'm', file: 'a.ts', line: 1, ruleId: 'r' };
    expect(fingerprint(base)).toMatch(/^[0-9a-f]{16}$/);
    expect(fingerprint(base)).toBe(fingerprint({ ...base }));
    expect(fingerprint({ ...base, line: 40 })).toBe(fingerprint(base));
    expect(fingerprint({ ...base, message: 'n' })).not.toBe(fingerprint(base));
    expect(fingerprint({ ...base, file: 'b.ts' })).not.toBe(fingerprint(base));
    expect(fingerprint({ ...base, ruleId: 's' })).not.toBe(fingerprint(base));
  });

  it('hashes with 64-bit FNV-1a (published test vectors)', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });

  it('the schema check does reject invalid SARIF', () => {
    const log = JSON.parse(JSON.stringify(renderSarif(sample, { toolVersion: '1' })));
    log.runs[0].results[0].level = 'notice';
    expect(validateSchema(log)).toBe(false);
    const noVersion = JSON.parse(JSON.stringify(renderSarif(sample, { toolVersion: '1' })));
    delete noVersion.version;
    expect(validateSchema(noVersion)).toBe(false);
  });

  it('property: any report yields a schema-valid log whose results match the findings', () => {
    fc.assert(
      fc.property(reportArb, fc.constantFrom(undefined, 'https://example.com', 'bad uri'), (report, informationUri) => {
        const log = renderSarif(report, { toolVersion: '0.1.0', informationUri });
        expectValid(log);
        expect(log.runs[0].results).toHaveLength(report.findings.length);
      }),
      { numRuns: 200 },
    );
  });
});
