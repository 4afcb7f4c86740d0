import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeTestReports, parseJUnit, type TestReport } from '../../../src/commands/checklist/parsers/junit';
import { hasSharedFixtures } from '../../helpers/fixtures';
import { hostileText, neverCrashes, readReport, userError, xmlEscape } from './helpers';

describe.skipIf(!hasSharedFixtures)('junit: real reports from ../shared/fixtures', () => {
  it('counts the jest-junit report from its testcases and lists the four failures', () => {
    const report = parseJUnit(readReport('junit', 'jest-junit.xml'), 'junit/jest-junit.xml');
    expect({ ...report, failed: undefined }).toEqual({
      tests: 6,
      passed: 1,
      failures: 4,
      errors: 0,
      skipped: 1,
      durationSeconds: 1.36,
      failed: undefined,
    });
    expect(report.failed).toEqual([
      {
        suite: '__tests__\\main.test.js',
        classname: 'Test 1 › Test 1.1',
        name: 'Failing test',
        kind: 'failure',
        message: 'Error: expect(received).toBeTruthy()',
        details: 'Error: expect(received).toBeTruthy()',
      },
      {
        suite: '__tests__\\main.test.js',
        classname: 'Test 1 › Test 1.1',
        name: 'Exception in target unit',
        kind: 'failure',
        message: 'Error: Some error',
        details: 'Error: Some error',
      },
      {
        suite: '__tests__\\main.test.js',
        classname: 'Test 2',
        name: 'Exception in test',
        kind: 'failure',
        message: 'Error: Some error',
        details: 'Error: Some error',
      },
      {
        // classname="" in the file: no classname rather than an empty one.
        suite: '__tests__\\second.test.js',
        name: 'Timeout test',
        kind: 'failure',
        message: expect.stringMatching(/^: Timeout - Async callback was not invoked within the 1 ms timeout specified by jest\.setTimeout\./),
        details: expect.stringMatching(/jest\.setTimeout\.Error:$/),
      },
    ]);
  });

  it('reads the JUnit 4 sample: failure and error with message, file and line; skipped; comments ignored', () => {
    const report = parseJUnit(readReport('junit', 'junit4-complete.xml'), 'junit/junit4-complete.xml');
    expect(report).toEqual({
      tests: 8,
      passed: 5,
      failures: 1,
      errors: 1,
      skipped: 1,
      durationSeconds: 16.082687,
      failed: [
        {
          suite: 'Tests.Registration',
          classname: 'Tests.Registration',
          name: 'testCase5',
          kind: 'failure',
          message: 'Expected value did not match.',
          file: 'tests/registration.code',
          line: 202,
        },
        {
          suite: 'Tests.Registration',
          classname: 'Tests.Registration',
          name: 'testCase6',
          kind: 'error',
          message: 'Division by zero.',
          file: 'tests/registration.code',
          line: 235,
        },
      ],
    });
  });

  it('merges both reports into one', () => {
    const merged = mergeTestReports([
      parseJUnit(readReport('junit', 'jest-junit.xml'), 'jest-junit.xml'),
      parseJUnit(readReport('junit', 'junit4-complete.xml'), 'junit4-complete.xml'),
    ]);
    expect({ ...merged, failed: merged.failed.map((t) => t.name) }).toEqual({
      tests: 14,
      passed: 6,
      failures: 5,
      errors: 1,
      skipped: 2,
      durationSeconds: 1.36 + 16.082687,
      failed: ['Failing test', 'Exception in target unit', 'Exception in test', 'Timeout test', 'testCase5', 'testCase6'],
    });
  });

  it('ignores the suite attributes when they disagree with the testcases', () => {
    const lying = readReport('junit', 'jest-junit.xml').replace('tests="6" failures="4"', 'tests="60" failures="0"').replace(/failures="3"/, 'failures="0"');
    const report = parseJUnit(lying, 'jest-junit.xml');
    expect([report.tests, report.failures]).toEqual([6, 4]);
  });
});

describe('junit: flavours', () => {
  it('reads a single <testsuite> root as pytest writes it (numeric character references, CDATA, file/line)', () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?>
<testsuite name="pytest" errors="1" failures="1" skipped="1" tests="4" time="0.123" timestamp="2024-01-01T00:00:00" hostname="ci">
  <testcase classname="tests.test_math" name="test_ok" file="tests/test_math.py" line="3" time="0.001"/>
  <testcase classname="tests.test_math" name="test_add" file="tests/test_math.py" line="7" time="0.002">
    <failure message="assert 3 == 4&#10; +  where 3 = add(1, 2)"><![CDATA[def test_add():
>       assert add(1, 2) == 4
E       assert 3 == 4]]></failure>
  </testcase>
  <testcase classname="tests.test_math" name="test_skip" time="0.000"><skipped type="pytest.skip" message="no db">tests/test_math.py:12: no db</skipped></testcase>
  <testcase classname="tests.test_io" name="test_fixture" time="0.010"><error message="failed on setup with &quot;OSError&quot;">E   OSError: boom</error></testcase>
</testsuite>`;
    const report = parseJUnit(xml, 'pytest.xml');
    expect({ ...report, failed: undefined }).toEqual({ tests: 4, passed: 1, failures: 1, errors: 1, skipped: 1, durationSeconds: 0.123, failed: undefined });
    expect(report.failed).toEqual([
      {
        suite: 'pytest',
        classname: 'tests.test_math',
        name: 'test_add',
        kind: 'failure',
        message: 'assert 3 == 4\n +  where 3 = add(1, 2)',
        details: 'def test_add():',
        file: 'tests/test_math.py',
        line: 7,
      },
      { suite: 'pytest', classname: 'tests.test_io', name: 'test_fixture', kind: 'error', message: 'failed on setup with "OSError"', details: 'E   OSError: boom' },
    ]);
  });

  it('reads vitest output', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8" ?>
<testsuites name="vitest tests" tests="3" failures="1" errors="0" time="0.52">
    <testsuite name="src/sum.test.ts" timestamp="2024-05-01T10:00:00.000Z" hostname="ci" tests="3" failures="1" errors="0" skipped="1" time="0.0042">
        <testcase classname="src/sum.test.ts" name="sum &gt; adds" time="0.001">
        </testcase>
        <testcase classname="src/sum.test.ts" name="sum &gt; subtracts" time="0.002">
            <failure message="expected 1 to be 2 // Object.is equality" type="AssertionError">
AssertionError: expected 1 to be 2 // Object.is equality
 ❯ src/sum.test.ts:9:17
            </failure>
        </testcase>
        <testcase classname="src/sum.test.ts" name="sum &gt; later" time="0">
            <skipped/>
        </testcase>
    </testsuite>
</testsuites>`;
    const report = parseJUnit(xml, 'vitest.xml');
    expect([report.tests, report.passed, report.failures, report.skipped, report.durationSeconds]).toEqual([3, 1, 1, 1, 0.52]);
    expect(report.failed).toEqual([
      {
        suite: 'src/sum.test.ts',
        classname: 'src/sum.test.ts',
        name: 'sum > subtracts',
        kind: 'failure',
        message: 'expected 1 to be 2 // Object.is equality',
        details: 'AssertionError: expected 1 to be 2 // Object.is equality',
      },
    ]);
  });

  it('reads surefire (JUnit 5): flaky reruns pass, a rerun that kept failing counts once, time with thousands separator', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<testsuite xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" name="com.example.AppTest" time="1,234.5" tests="3" errors="0" skipped="0" failures="1">
  <properties><property name="java.version" value="21"/></properties>
  <testcase name="flaky" classname="com.example.AppTest" time="0.01">
    <flakyFailure message="first try" type="org.opentest4j.AssertionFailedError"><stackTrace>at x</stackTrace></flakyFailure>
  </testcase>
  <testcase name="broken()" classname="com.example.AppTest" time="0.02">
    <failure message="expected: &lt;1&gt; but was: &lt;2&gt;" type="org.opentest4j.AssertionFailedError">org.opentest4j.AssertionFailedError: expected: &lt;1&gt; but was: &lt;2&gt;
	at com.example.AppTest.broken(AppTest.java:14)</failure>
    <rerunFailure message="again" type="org.opentest4j.AssertionFailedError"/>
  </testcase>
  <testcase name="fine" classname="com.example.AppTest" time="0"/>
</testsuite>`;
    const report = parseJUnit(xml, 'TEST-com.example.AppTest.xml');
    expect([report.tests, report.passed, report.failures, report.errors, report.skipped]).toEqual([3, 2, 1, 0, 0]);
    expect(report.durationSeconds).toBe(1234.5);
    expect(report.failed).toEqual([
      {
        suite: 'com.example.AppTest',
        classname: 'com.example.AppTest',
        name: 'broken()',
        kind: 'failure',
        message: 'expected: <1> but was: <2>',
        details: 'org.opentest4j.AssertionFailedError: expected: <1> but was: <2>',
      },
    ]);
  });

  it('names the innermost suite for nested suites and inherits the suite file when a testcase has none', () => {
    const xml = `<testsuites>
  <testsuite name="outer" file="spec/outer.spec.js">
    <testsuite name="inner">
      <testcase name="a"><failure type="TypeError"/></testcase>
    </testsuite>
    <testcase name="b" file="spec/b.js" line="x"><error>boom
second line</error></testcase>
  </testsuite>
</testsuites>`;
    const report = parseJUnit(xml, 'nested.xml');
    expect([report.tests, report.failures, report.errors, report.passed]).toEqual([2, 1, 1, 0]);
    expect(report.failed).toEqual([
      // No message or body: the type is the best there is.
      { suite: 'inner', name: 'a', kind: 'failure', message: 'TypeError', file: 'spec/outer.spec.js' },
      // A non-numeric line is dropped rather than guessed.
      { suite: 'outer', name: 'b', kind: 'error', message: 'boom', details: 'boom', file: 'spec/b.js' },
    ]);
    expect(report.durationSeconds).toBeUndefined();
  });

  it('falls back to suite attributes only for suites without testcases', () => {
    const xml = `<testsuites>
  <testsuite name="summarised" tests="5" failures="1" errors="1" skipped="1" time="2"/>
  <testsuite name="real" tests="99" failures="99" time="0.5"><testcase name="ok"/><testcase name="bad"><failure message="m"/></testcase></testsuite>
  <testsuite name="empty" tests="0" time="0"/>
</testsuites>`;
    const report = parseJUnit(xml, 'mixed.xml');
    expect({ ...report, failed: report.failed.map((t) => t.name) }).toEqual({
      tests: 7,
      passed: 3,
      failures: 2,
      errors: 1,
      skipped: 1,
      durationSeconds: 2.5,
      failed: ['bad'],
    });
  });

  it('reads suites that only have attributes (older pytest "skips")', () => {
    const report = parseJUnit('<testsuite name="s" tests="4" failures="0" errors="0" skips="3"/>', 'a.xml');
    expect([report.tests, report.skipped, report.passed]).toEqual([4, 3, 1]);
    // Attributes that do not add up never give negative passes.
    expect(parseJUnit('<testsuite tests="1" failures="2"/>', 'a.xml').passed).toBe(0);
  });

  it('returns zeros for empty suites', () => {
    const empty: TestReport = { tests: 0, passed: 0, failures: 0, errors: 0, skipped: 0, failed: [] };
    expect(parseJUnit('<testsuites/>', 'a.xml')).toEqual(empty);
    expect(parseJUnit('<?xml version="1.0"?>\n<testsuites name="none" time="0"><testsuite name="x"/></testsuites>', 'a.xml')).toEqual({ ...empty, durationSeconds: 0 });
  });

  it('accepts a BOM and CRLF line endings', () => {
    const xml = '\uFEFF<?xml version="1.0"?>\r\n<testsuite name="s">\r\n<testcase name="t">\r\n<failure>\r\n\r\n  first\r\n  second\r\n</failure>\r\n</testcase>\r\n</testsuite>\r\n';
    const report = parseJUnit(xml, 'a.xml');
    expect(report.failed).toEqual([{ suite: 's', name: 't', kind: 'failure', message: 'first', details: 'first' }]);
  });
});

describe('junit: refusals', () => {
  it('says what root it expected', () => {
    userError(() => parseJUnit('<?xml version="1.0"?>\n<html><body/></html>', 'report.xml'), /^expected a JUnit XML report with a <testsuites> or <testsuite> root element, found <html>$/, {
      file: 'report.xml',
      line: 2,
    });
  });

  it('reports malformed XML with its line', () => {
    userError(() => parseJUnit('<testsuites>\n  <testsuite name="a">\n    <testcase name="x">\n  </testsuite>\n</testsuites>', 'r.xml'), /found malformed XML: Expected closing tag 'testcase'/, {
      line: 4,
    });
    userError(() => parseJUnit('', 'r.xml'), /found an empty file/);
    userError(() => parseJUnit('{"tests": 1}', 'r.xml'), /found malformed XML/);
  });

  it('rejects non-numeric counts where it must read them', () => {
    userError(() => parseJUnit('<testsuites>\n<testsuite name="s" tests="lots"/>\n</testsuites>', 'r.xml'), /expected tests on <testsuite> to be a non-negative integer, found "lots"/, { line: 2 });
  });
});

describe('junit: mergeTestReports', () => {
  it('adds counts, concatenates failures and sums the durations that exist', () => {
    const a: TestReport = { tests: 2, passed: 1, failures: 1, errors: 0, skipped: 0, failed: [{ suite: 's', name: 'x', kind: 'failure', message: 'm' }] };
    const b: TestReport = { tests: 3, passed: 2, failures: 0, errors: 1, skipped: 0, durationSeconds: 1.5, failed: [{ suite: 't', name: 'y', kind: 'error', message: 'n' }] };
    expect(mergeTestReports([a, b])).toEqual({
      tests: 5,
      passed: 3,
      failures: 1,
      errors: 1,
      skipped: 0,
      durationSeconds: 1.5,
      failed: [...a.failed, ...b.failed],
    });
    expect(mergeTestReports([])).toEqual({ tests: 0, passed: 0, failures: 0, errors: 0, skipped: 0, failed: [] });
  });
});

// ---------------------------------------------------------------------------
// Properties: random suites rendered as XML and read back.

type Outcome = 'pass' | 'failure' | 'error' | 'skipped';
interface Case {
  name: string;
  outcome: Outcome;
  message: string;
}
interface Suite {
  name: string;
  cases: Case[];
  children: Suite[];
}

const text = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '<', '>', '&', '"', "'", 'é', '›', '\t', '1'), minLength: 1, maxLength: 12 }).filter((s) => s.trim() === s && s.trim() !== '');
const testCase: fc.Arbitrary<Case> = fc.record({ name: text, outcome: fc.constantFrom<Outcome>('pass', 'failure', 'error', 'skipped'), message: text });
// Bounded nesting, every suite with at least one testcase somewhere below it
// (suites without any fall back to their attributes, covered by example tests).
const leafSuite: fc.Arbitrary<Suite> = fc.record({ name: text, cases: fc.array(testCase, { minLength: 1, maxLength: 4 }), children: fc.constant([]) });
const midSuite: fc.Arbitrary<Suite> = fc.record({ name: text, cases: fc.array(testCase, { maxLength: 3 }), children: fc.array(leafSuite, { minLength: 1, maxLength: 2 }) });
const topSuite: fc.Arbitrary<Suite> = fc.record({
  name: text,
  cases: fc.array(testCase, { maxLength: 3 }),
  children: fc.array(fc.oneof(leafSuite, midSuite), { minLength: 1, maxLength: 2 }),
});
const suite = fc.oneof(leafSuite, midSuite, topSuite);

function renderSuite(s: Suite, lie: number, eol: string): string {
  const cases = s.cases.map((c) => {
    const inner =
      c.outcome === 'pass'
        ? ''
        : c.outcome === 'skipped'
          ? '<skipped/>'
          : `<${c.outcome} message="${xmlEscape(c.message)}">${xmlEscape('body ' + c.message)}</${c.outcome}>`;
    return `<testcase classname="k" name="${xmlEscape(c.name)}" time="0.5">${inner}</testcase>`;
  });
  // Deliberately wrong suite attributes: the testcases must win.
  const attrs = `name="${xmlEscape(s.name)}" tests="${lie}" failures="${lie}" errors="0" skipped="0"`;
  return `<testsuite ${attrs}>${eol}${[...cases, ...s.children.map((child) => renderSuite(child, lie, eol))].join(eol)}${eol}</testsuite>`;
}

function flatten(s: Suite): Array<Case & { suite: string }> {
  return [...s.cases.map((c) => ({ ...c, suite: s.name })), ...s.children.flatMap(flatten)];
}

describe('junit: properties', () => {
  it('counts from the testcases in any nesting, whatever the suite attributes claim', () => {
    fc.assert(
      fc.property(fc.array(suite, { minLength: 1, maxLength: 4 }), fc.nat(50), fc.constantFrom('\n', '\r\n'), fc.boolean(), (suites, lie, eol, single) => {
        const all = suites.flatMap(flatten);
        const xml =
          single && suites.length === 1
            ? `<?xml version="1.0"?>${eol}${renderSuite(suites[0]!, lie, eol)}`
            : `<?xml version="1.0"?>${eol}<testsuites tests="${lie}">${eol}${suites.map((s) => renderSuite(s, lie, eol)).join(eol)}${eol}</testsuites>`;
        const report = parseJUnit(xml, 'random.xml');
        const count = (o: Outcome) => all.filter((c) => c.outcome === o).length;
        expect(report.tests).toBe(all.length);
        expect(report.failures).toBe(count('failure'));
        expect(report.errors).toBe(count('error'));
        expect(report.skipped).toBe(count('skipped'));
        expect(report.passed).toBe(count('pass'));
        expect(report.failed.map((f) => [f.suite, f.name, f.kind, f.message, f.details])).toEqual(
          all.filter((c) => c.outcome === 'failure' || c.outcome === 'error').map((c) => [c.suite, c.name, c.outcome, c.message, 'body ' + c.message]),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('merging is the same as parsing everything as one report', () => {
    fc.assert(
      fc.property(fc.array(fc.array(testCase, { maxLength: 6 }), { minLength: 1, maxLength: 4 }), (groups) => {
        const asSuite = (cases: Case[], i: number): Suite => ({ name: `s${i}`, cases, children: [] });
        const parts = groups.map((cases, i) => parseJUnit(`<testsuites>${renderSuite(asSuite(cases, i), 0, '\n')}</testsuites>`, `r${i}.xml`));
        const whole = parseJUnit(`<testsuites>${groups.map((cases, i) => renderSuite(asSuite(cases, i), 0, '\n')).join('')}</testsuites>`, 'all.xml');
        // Suites with no cases fall back to tests="0" either way.
        expect(mergeTestReports(parts)).toEqual(whole);
      }),
    );
  });

  it('never throws anything but a UserError, whatever the text', () => {
    const seeds = [
      '<testsuites><testsuite name="a" tests="2"><testcase name="x"><failure message="m">b</failure></testcase><testcase name="y"/></testsuite></testsuites>',
      '<testsuite name="a" tests="1" failures="0"/>',
    ];
    fc.assert(fc.property(hostileText(seeds), (input) => neverCrashes(parseJUnit, input)), { numRuns: 500 });
  });
});

describe.skipIf(!hasSharedFixtures)('junit: damaged real reports', () => {
  it('never throws anything but a UserError', () => {
    const seeds = [readReport('junit', 'jest-junit.xml'), readReport('junit', 'junit4-complete.xml')];
    fc.assert(fc.property(hostileText(seeds), (input) => neverCrashes(parseJUnit, input)), { numRuns: 300 });
  });
});
