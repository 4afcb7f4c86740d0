import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseSecurityReport,
  parseSeverity,
  SEVERITIES,
  severityAbove,
  severityFromCvss,
  type Severity,
} from '../../../src/commands/checklist/parsers/security';
import { hasSharedFixtures } from '../../helpers/fixtures';
import { hostileText, neverCrashes, readReport, userError } from './helpers';

const zeroCounts = (): Record<Severity, number> => ({ info: 0, low: 0, moderate: 0, high: 0, critical: 0 });

describe.skipIf(!hasSharedFixtures)('security: real reports from ../shared/fixtures', () => {
  it('reads every run of the CodeQL SARIF: three results, all from "note" rules, so low', () => {
    const report = parseSecurityReport(readReport('sarif', 'valid-sarif.sarif'), 'sarif/valid-sarif.sarif');
    expect(report.format).toBe('sarif');
    expect(report.findings).toEqual([
      { id: 'js/unused-local-variable', title: 'Unused variable foo.', severity: 'low', file: 'main.js', line: 2 },
      { id: 'js/unused-local-variable', title: 'Unused variable foo.', severity: 'low', file: 'main.js', line: 2 },
      {
        id: 'js/inconsistent-use-of-new',
        title: 'Function resolvingPromise is sometimes invoked as a constructor (for example [here](1)), and sometimes as a normal function (for example [here](2)).',
        severity: 'low',
        file: 'src/promiseUtils.js',
        line: 2,
      },
    ]);
    expect(report.counts).toEqual({ ...zeroCounts(), low: 3 });
  });

  it('reads npm 6 audit output: one high advisory for qs', () => {
    const report = parseSecurityReport(readReport('npm-audit', 'npm6-high.json'), 'npm6-high.json');
    expect(report).toEqual({
      format: 'npm-audit-v1',
      findings: [
        {
          id: 'GHSA-hrpp-h998-j3pp',
          title: 'qs vulnerable to Prototype Pollution',
          severity: 'high',
          package: 'qs',
          url: 'https://github.com/advisories/GHSA-hrpp-h998-j3pp',
          advisories: [
            { id: 'GHSA-hrpp-h998-j3pp', title: 'qs vulnerable to Prototype Pollution', severity: 'high', url: 'https://github.com/advisories/GHSA-hrpp-h998-j3pp' },
          ],
        },
      ],
      counts: { ...zeroCounts(), high: 1 },
    });
  });

  it('reads npm 7+ audit output: the vulnerable package qs, high, with its via advisory', () => {
    const report = parseSecurityReport(readReport('npm-audit', 'npm7-high.json'), 'npm7-high.json');
    expect(report).toEqual({
      format: 'npm-audit-v2',
      findings: [
        {
          id: 'qs',
          title: 'qs vulnerable to Prototype Pollution',
          severity: 'high',
          package: 'qs',
          url: 'https://github.com/advisories/GHSA-hrpp-h998-j3pp',
          advisories: [
            { id: 'GHSA-hrpp-h998-j3pp', title: 'qs vulnerable to Prototype Pollution', severity: 'high', url: 'https://github.com/advisories/GHSA-hrpp-h998-j3pp' },
          ],
        },
      ],
      // Same as the report's own metadata.vulnerabilities.
      counts: { ...zeroCounts(), high: 1 },
    });
  });

  it('points at the JSON path and line of a broken SARIF value', () => {
    const text = readReport('sarif', 'valid-sarif.sarif').replace('"ruleIndex": 1,', '"ruleIndex": 1, "level": "fatal",');
    const error = userError(() => parseSecurityReport(text, 'scan.sarif'), /^not a valid SARIF 2\.1\.0 log: runs\[1\]\.results\[1\]\.level: expected one of "none", "note", "warning", "error", found "fatal"$/, {
      file: 'scan.sarif',
    });
    expect(error.location?.path).toBe('runs[1].results[1].level');
    // The result object that holds it begins on this line of the fixture.
    const lines = text.split('\n');
    expect(lines[(error.location?.line ?? 0) - 1]).toContain('"level": "fatal"');
  });
});

// ---------------------------------------------------------------------------

const sarif = (runs: unknown[]): string => JSON.stringify({ $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs });
const rule = (id: string, extra: Record<string, unknown> = {}) => ({ id, shortDescription: { text: `rule ${id}` }, ...extra });
const result = (ruleId: string, extra: Record<string, unknown> = {}) => ({ ruleId, message: { text: `hit ${ruleId}` }, ...extra });
const run = (rules: unknown[], results: unknown, extra: Record<string, unknown> = {}) => ({ tool: { driver: { name: 'scanner', rules } }, results, ...extra });

describe('security: severity scale', () => {
  it('orders info < low < moderate < high < critical', () => {
    expect(SEVERITIES).toEqual(['info', 'low', 'moderate', 'high', 'critical']);
    expect(severityAbove('critical', 'high')).toBe(true);
    expect(severityAbove('high', 'high')).toBe(false);
    expect(severityAbove('low', 'moderate')).toBe(false);
  });

  it('is a strict total order', () => {
    const severity = fc.constantFrom(...SEVERITIES);
    fc.assert(
      fc.property(severity, severity, severity, (a, b, c) => {
        expect(severityAbove(a, a)).toBe(false);
        if (a !== b) expect(severityAbove(a, b)).not.toBe(severityAbove(b, a));
        if (severityAbove(a, b) && severityAbove(b, c)) expect(severityAbove(a, c)).toBe(true);
      }),
    );
  });

  it('maps CVSS scores to bands and is monotone', () => {
    expect([0, 0.1, 3.9, 4, 6.9, 7, 8.9, 9, 10].map(severityFromCvss)).toEqual(['info', 'low', 'low', 'moderate', 'moderate', 'high', 'high', 'critical', 'critical']);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 10, noNaN: true }), fc.double({ min: 0, max: 10, noNaN: true }), (x, y) => {
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        expect(severityAbove(severityFromCvss(lo), severityFromCvss(hi))).toBe(false);
      }),
    );
  });

  it('reads scanner spellings, with medium as moderate', () => {
    expect(parseSeverity('Medium')).toBe('moderate');
    expect(parseSeverity(' CRITICAL ')).toBe('critical');
    expect(parseSeverity('severe')).toBeUndefined();
  });
});

describe('security: SARIF', () => {
  it('returns no findings for zero results and for no runs', () => {
    const none = parseSecurityReport(sarif([run([], [])]), 'empty.sarif');
    expect(none).toEqual({ format: 'sarif', findings: [], counts: zeroCounts() });
    expect(parseSecurityReport(sarif([]), 'empty.sarif').findings).toEqual([]);
    expect(parseSecurityReport(sarif([run([], undefined)]), 'empty.sarif').findings).toEqual([]);
  });

  it('prefers security-severity, then result.level, then the rule default, then SARIF\'s "warning"', () => {
    const rules = [
      rule('crit', { properties: { 'security-severity': '9.8' }, defaultConfiguration: { level: 'note' } }),
      rule('high', { properties: { 'security-severity': 7.5 } }),
      rule('med', { properties: { 'security-severity': '5.0' } }),
      rule('low', { properties: { 'security-severity': '0.1' } }),
      rule('zero', { properties: { 'security-severity': '0' } }),
      rule('bogus', { properties: { 'security-severity': 'high' }, defaultConfiguration: { level: 'error' } }),
      rule('noted', { defaultConfiguration: { level: 'note' } }),
      rule('plain'),
    ];
    const results = [
      result('crit', { level: 'note' }), // the score wins over the level
      result('high'),
      result('med'),
      result('low'),
      result('zero'),
      result('bogus'), // unreadable score: fall back to the rule's level
      result('noted'),
      result('noted', { level: 'error' }),
      result('plain'),
      result('plain', { level: 'none' }),
      result('unknown-rule', { level: 'warning' }),
      result('scored-on-result', { properties: { 'security-severity': '9.1' } }),
    ];
    const report = parseSecurityReport(sarif([run(rules, results)]), 'scan.sarif');
    expect(report.findings.map((f) => [f.id, f.severity])).toEqual([
      ['crit', 'critical'],
      ['high', 'high'],
      ['med', 'moderate'],
      ['low', 'low'],
      ['zero', 'info'],
      ['bogus', 'high'],
      ['noted', 'low'],
      ['noted', 'high'],
      ['plain', 'moderate'],
      ['plain', 'info'],
      ['unknown-rule', 'moderate'],
      ['scored-on-result', 'critical'],
    ]);
    expect(report.counts).toEqual({ info: 2, low: 2, moderate: 3, high: 3, critical: 2 });
  });

  it('skips suppressed, passing and fixed results; non-failing kinds are info', () => {
    const results = [
      result('a', { level: 'error', suppressions: [{ kind: 'inSource' }] }),
      result('b', { level: 'error', suppressions: [{ kind: 'external', status: 'accepted' }] }),
      result('c', { level: 'error', suppressions: [{ kind: 'external', status: 'rejected' }] }),
      result('d', { level: 'error', kind: 'pass' }),
      result('e', { kind: 'notApplicable' }),
      result('f', { kind: 'review' }),
      result('g', { level: 'error', baselineState: 'absent' }),
      result('h', { level: 'error', baselineState: 'new' }),
    ];
    const report = parseSecurityReport(sarif([run([], results)]), 'scan.sarif');
    expect(report.findings.map((f) => [f.id, f.severity])).toEqual([
      ['c', 'high'],
      ['f', 'info'],
      ['h', 'high'],
    ]);
  });

  it("resolves rules by index, in extensions, by hierarchical id (keeping the result's id); messages by id; files by artifact index", () => {
    const log = sarif([
      {
        tool: {
          driver: { name: 'codeql', rules: [rule('drv/first', { helpUri: 'https://example.test/first' })] },
          extensions: [{ name: 'pack', rules: [rule('ext/one'), rule('ext/two', { properties: { 'security-severity': '8.8' }, messageStrings: { m: { text: 'tainted {0} reaches {1}' } } })] }],
        },
        artifacts: [{ location: { uri: 'src/app.ts' } }],
        results: [
          { ruleIndex: 0, message: { text: 'first line\nsecond line' }, locations: [{ physicalLocation: { artifactLocation: { index: 0 }, region: { startLine: 42 } } }] },
          { rule: { id: 'ext/two', index: 1, toolComponent: { index: 0 } }, message: { id: 'm', arguments: ['input', 'exec'] } },
          { ruleId: 'drv/first/sub', message: {} },
        ],
      },
    ]);
    const report = parseSecurityReport(log, 'scan.sarif');
    expect(report.findings).toEqual([
      { id: 'drv/first', title: 'first line', severity: 'moderate', file: 'src/app.ts', line: 42, url: 'https://example.test/first' },
      { id: 'ext/two', title: 'tainted input reaches exec', severity: 'high' },
      // No message text at all: the rule's short description stands in.
      { id: 'drv/first/sub', title: 'rule drv/first', severity: 'moderate', url: 'https://example.test/first' },
    ]);
  });

  it('refuses a scan that did not complete rather than reading it as clean', () => {
    userError(() => parseSecurityReport(sarif([run([], null)]), 'scan.sarif'), /SARIF run 0 \(scanner\) has "results": null/, { file: 'scan.sarif' });
    const failed = run([], [], {
      invocations: [{ executionSuccessful: false, toolExecutionNotifications: [{ level: 'error', message: { text: 'out of memory' } }] }],
    });
    userError(() => parseSecurityReport(sarif([failed]), 'scan.sarif'), /did not run successfully: out of memory/);
  });

  it('refuses other SARIF versions and broken shapes', () => {
    userError(() => parseSecurityReport(JSON.stringify({ version: '2.0.0', runs: [] }), 's.sarif'), /expected SARIF "version": "2\.1\.0", found the string "2\.0\.0"/);
    userError(() => parseSecurityReport(JSON.stringify({ version: '2.1.0', runs: {} }), 's.sarif'), /runs: expected array/);
    userError(() => parseSecurityReport(sarif([{ results: [] }]), 's.sarif'), /runs\[0\]\.tool: missing required field/);
  });

  it('accepts a BOM and CRLF line endings', () => {
    const text = '\uFEFF' + JSON.stringify(JSON.parse(sarif([run([], [result('x', { level: 'warning' })])])), null, 2).replace(/\n/g, '\r\n');
    expect(parseSecurityReport(text, 's.sarif').counts).toEqual({ ...zeroCounts(), moderate: 1 });
  });
});

describe('security: npm audit', () => {
  it('counts each vulnerable package once at its own severity and keeps the via advisories (npm 7+)', () => {
    const audit = {
      auditReportVersion: 2,
      vulnerabilities: {
        express: { name: 'express', severity: 'moderate', isDirect: true, via: ['body-parser', 'qs'], effects: [], range: '<4.17.3', nodes: ['node_modules/express'], fixAvailable: true },
        'body-parser': { name: 'body-parser', severity: 'high', isDirect: false, via: ['qs'], effects: ['express'], range: '<=1.19.1', nodes: ['node_modules/body-parser'], fixAvailable: true },
        qs: {
          name: 'qs',
          severity: 'critical',
          isDirect: false,
          via: [
            { source: 1094102, name: 'qs', dependency: 'qs', title: 'qs vulnerable to Prototype Pollution', url: 'https://github.com/advisories/GHSA-hrpp-h998-j3pp', severity: 'high', range: '>=6.10.0 <6.10.3' },
            { source: 9, name: 'qs', dependency: 'qs', title: 'made-up critical', url: 'https://example.test/advisory/9', severity: 'critical', range: '<6' },
          ],
          effects: ['body-parser', 'express'],
          range: '<=6.10.2',
          nodes: ['node_modules/qs'],
          fixAvailable: true,
        },
        minimist: { name: 'minimist', severity: 'low', via: [{ source: 1, title: 'Prototype Pollution in minimist', url: 'https://github.com/advisories/GHSA-vh95-rmgr-6w4m', severity: 'low' }, 'mkdirp'] },
      },
      metadata: { vulnerabilities: { info: 0, low: 1, moderate: 1, high: 1, critical: 1, total: 4 } },
    };
    const report = parseSecurityReport(JSON.stringify(audit), 'audit.json');
    expect(report.format).toBe('npm-audit-v2');
    expect(report.counts).toEqual({ info: 0, low: 1, moderate: 1, high: 1, critical: 1 });
    expect(report.findings.map((f) => [f.id, f.severity, f.title, f.url])).toEqual([
      ['express', 'moderate', 'depends on vulnerable body-parser, qs', undefined],
      ['body-parser', 'high', 'depends on vulnerable qs', undefined],
      ['qs', 'critical', 'qs vulnerable to Prototype Pollution; made-up critical', 'https://github.com/advisories/GHSA-hrpp-h998-j3pp'],
      ['minimist', 'low', 'Prototype Pollution in minimist (also via mkdirp)', 'https://github.com/advisories/GHSA-vh95-rmgr-6w4m'],
    ]);
    expect(report.findings[2]!.advisories).toEqual([
      { id: 'GHSA-hrpp-h998-j3pp', title: 'qs vulnerable to Prototype Pollution', severity: 'high', url: 'https://github.com/advisories/GHSA-hrpp-h998-j3pp' },
      { id: '9', title: 'made-up critical', severity: 'critical', url: 'https://example.test/advisory/9' },
    ]);
    expect(report.findings.every((f) => f.package === f.id)).toBe(true);
  });

  it('reads npm 6 advisories, falling back to npm\'s numeric id', () => {
    const audit = {
      advisories: {
        '1': { id: 1, title: 'A', module_name: 'a', severity: 'critical', url: 'https://npmjs.com/advisories/1', github_advisory_id: null },
        '2': { id: 2, title: 'B', module_name: 'b', severity: 'moderate', url: 'https://github.com/advisories/GHSA-aaaa-bbbb-cccc', github_advisory_id: 'GHSA-aaaa-bbbb-cccc' },
      },
      metadata: {},
    };
    const report = parseSecurityReport(JSON.stringify(audit), 'audit.json');
    expect(report.findings.map((f) => [f.id, f.severity, f.package])).toEqual([
      ['1', 'critical', 'a'],
      ['GHSA-aaaa-bbbb-cccc', 'moderate', 'b'],
    ]);
    expect(report.counts).toEqual({ ...zeroCounts(), critical: 1, moderate: 1 });
  });

  it('reads clean audits', () => {
    expect(parseSecurityReport('{"auditReportVersion":2,"vulnerabilities":{},"metadata":{}}', 'a.json')).toEqual({ format: 'npm-audit-v2', findings: [], counts: zeroCounts() });
    expect(parseSecurityReport('{"actions":[],"advisories":{},"muted":[],"metadata":{}}', 'a.json')).toEqual({ format: 'npm-audit-v1', findings: [], counts: zeroCounts() });
  });

  it('explains npm errors, yarn output, other versions and unknown shapes', () => {
    userError(() => parseSecurityReport('{"error":{"code":"ENOLOCK","summary":"This command requires an existing lockfile.","detail":"Try creating one first"}}', 'a.json'), /found an npm error report instead of audit results \(ENOLOCK: This command requires an existing lockfile\.\)/);
    userError(() => parseSecurityReport('{"type":"auditAdvisory","data":{}}\n{"type":"auditSummary","data":{}}\n', 'a.json'), /found `yarn audit --json` output/);
    userError(() => parseSecurityReport('{"auditReportVersion":3,"vulnerabilities":{}}', 'a.json'), /expected npm audit auditReportVersion 2, found the number 3/);
    userError(() => parseSecurityReport('{"vulnerabilities":[],"ok":true}', 'a.json'), /^expected a SARIF 2\.1\.0 log .* found an object with keys "vulnerabilities", "ok"$/);
    userError(() => parseSecurityReport('[]', 'a.json'), /found an empty array$/);
    userError(() => parseSecurityReport('', 'a.json'), /found an empty file$/);
    userError(() => parseSecurityReport('<xml/>', 'a.json'), /not valid JSON: unexpected "<"/, { line: 1 });
  });

  it('names the path of a bad severity', () => {
    const audit = { auditReportVersion: 2, vulnerabilities: { qs: { name: 'qs', severity: 'severe', via: [] } } };
    const error = userError(() => parseSecurityReport(JSON.stringify(audit, null, 2), 'a.json'), /vulnerabilities\.qs\.severity: expected one of "info", "low", "moderate", "high", "critical", found "severe"/);
    expect(error.location?.line).toBe(6);
  });
});

// ---------------------------------------------------------------------------

describe('security: properties', () => {
  const severity = fc.constantFrom(...SEVERITIES);

  it('npm 7+: counts match the packages, one each, at their own severity', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/), fc.record({ severity, direct: fc.boolean() }), { maxKeys: 20 }), (packages) => {
        const vulnerabilities = Object.fromEntries(
          Object.entries(packages).map(([name, p]) => [
            name,
            { name, severity: p.severity, via: p.direct ? [{ source: 1, name, title: `t-${name}`, url: `https://x.test/${name}`, severity: p.severity }] : ['other'] },
          ]),
        );
        const report = parseSecurityReport(JSON.stringify({ auditReportVersion: 2, vulnerabilities }), 'a.json');
        const expected = zeroCounts();
        for (const p of Object.values(packages)) expected[p.severity]++;
        expect(report.counts).toEqual(expected);
        expect(report.findings.map((f) => f.id).sort()).toEqual(Object.keys(packages).sort());
      }),
    );
  });

  it('SARIF: result levels map to error→high, warning→moderate, note→low, none→info across runs', () => {
    const level = fc.constantFrom('error', 'warning', 'note', 'none');
    fc.assert(
      fc.property(fc.array(fc.array(level, { maxLength: 6 }), { maxLength: 4 }), (runs) => {
        const report = parseSecurityReport(sarif(runs.map((levels) => run([], levels.map((l, i) => result(`r${i}`, { level: l }))))), 's.sarif');
        const map = { error: 'high', warning: 'moderate', note: 'low', none: 'info' } as const;
        expect(report.findings.map((f) => f.severity)).toEqual(runs.flat().map((l) => map[l]));
        expect(Object.values(report.counts).reduce((a, b) => a + b, 0)).toBe(runs.flat().length);
      }),
    );
  });

  it('never throws anything but a UserError, whatever the text', () => {
    const seeds = [
      sarif([run([rule('a', { properties: { 'security-severity': '7' } })], [result('a', { locations: [{ physicalLocation: { artifactLocation: { uri: 'x' }, region: { startLine: 1 } } }] })])]),
      '{"auditReportVersion":2,"vulnerabilities":{"qs":{"name":"qs","severity":"high","via":[{"title":"t","url":"u","source":1}]}}}',
      '{"advisories":{"1":{"id":1,"title":"t","module_name":"m","severity":"low"}}}',
    ];
    fc.assert(fc.property(hostileText(seeds), (input) => neverCrashes(parseSecurityReport, input)), { numRuns: 500 });
    // Shapes that pass detection but nothing else.
    const shaped = fc.oneof(
      fc.record({ version: fc.constant('2.1.0'), runs: fc.jsonValue() }),
      fc.record({ version: fc.constant('2.1.0'), runs: fc.array(fc.record({ tool: fc.jsonValue(), results: fc.jsonValue() })) }),
      fc.record({ auditReportVersion: fc.constant(2), vulnerabilities: fc.dictionary(fc.string(), fc.jsonValue()) }),
      fc.record({ advisories: fc.jsonValue() }),
      fc.record({ error: fc.jsonValue() }),
    );
    fc.assert(fc.property(shaped, (value) => neverCrashes(parseSecurityReport, JSON.stringify(value))), { numRuns: 500 });
  });
});

describe.skipIf(!hasSharedFixtures)('security: damaged real reports', () => {
  it('never throws anything but a UserError', () => {
    const seeds = [readReport('sarif', 'valid-sarif.sarif'), readReport('npm-audit', 'npm6-high.json'), readReport('npm-audit', 'npm7-high.json')];
    fc.assert(fc.property(hostileText(seeds), (input) => neverCrashes(parseSecurityReport, input)), { numRuns: 300 });
  });
});
