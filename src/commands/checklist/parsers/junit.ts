/**
 * JUnit XML → counts and the list of broken tests.
 *
 * "JUnit XML" is a family, not a spec: Ant's schema, surefire (JUnit 4/5),
 * jest-junit, pytest, vitest, go-junit-report... They agree on <testcase> with
 * <failure>/<error>/<skipped> children and disagree on everything around it
 * (root element, nesting, which suite attributes exist, whether they are
 * right). So the <testcase> elements are the truth; suite attributes are only
 * read for a suite that has no testcases anywhere below it (some tools write a
 * bare summary for a module that ran nothing, or strip the cases).
 */
import { UserError } from '../../../errors';
import { firstLine, parseXmlRoot, type XmlElement } from './common';

export interface FailedTest {
  /** Name of the innermost enclosing <testsuite> ("" when it has none). */
  suite: string;
  classname?: string;
  name: string;
  kind: 'failure' | 'error';
  /** The message attribute, else the first line of the body, else the type attribute. */
  message: string;
  /** First non-blank line of the element's body (usually the exception or assertion line). */
  details?: string;
  /** From the testcase's `file` attribute, else the enclosing suite's. */
  file?: string;
  line?: number;
}

export interface TestReport {
  tests: number;
  passed: number;
  failures: number;
  errors: number;
  skipped: number;
  durationSeconds?: number;
  failed: FailedTest[];
}

const EXPECTED = 'a JUnit XML report with a <testsuites> or <testsuite> root element';

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

const zero = (): Counts => ({ tests: 0, failures: 0, errors: 0, skipped: 0 });
const addInto = (into: Counts, more: Counts): void => {
  into.tests += more.tests;
  into.failures += more.failures;
  into.errors += more.errors;
  into.skipped += more.skipped;
};

export function parseJUnit(text: string, file: string): TestReport {
  const root = parseXmlRoot(text, file, EXPECTED);
  if (root.name !== 'testsuites' && root.name !== 'testsuite') {
    throw new UserError(`expected ${EXPECTED}, found <${root.name}>`, { file, line: root.line });
  }

  const failed: FailedTest[] = [];

  const attrCount = (element: XmlElement, names: readonly string[]): number | undefined => {
    for (const name of names) {
      const raw = element.attrs[name];
      if (raw === undefined) continue;
      const trimmed = raw.trim();
      if (!/^\d+$/.test(trimmed)) {
        throw new UserError(`not a valid JUnit report: expected ${name} on <${element.name}> to be a non-negative integer, found ${JSON.stringify(raw)}`, {
          file,
          line: element.line,
        });
      }
      return Number(trimmed);
    }
    return undefined;
  };

  const fromAttributes = (element: XmlElement): Counts | undefined => {
    const tests = attrCount(element, ['tests']);
    if (tests === undefined) return undefined;
    return {
      tests,
      failures: attrCount(element, ['failures']) ?? 0,
      errors: attrCount(element, ['errors']) ?? 0,
      // Older pytest wrote "skips"; some Ant-era tools "skip".
      skipped: attrCount(element, ['skipped', 'skips', 'skip']) ?? 0,
    };
  };

  const testcase = (element: XmlElement, suite: string, suiteFile: string | undefined, into: Counts): void => {
    into.tests++;
    // First failure/error in document order decides the kind; surefire's
    // flakyFailure/rerunFailure are deliberately ignored (the test passed on rerun,
    // or a <failure> is present too).
    const broken = element.children.find((child) => child.name === 'failure' || child.name === 'error');
    if (broken) {
      const kind = broken.name === 'failure' ? 'failure' : 'error';
      if (kind === 'failure') into.failures++;
      else into.errors++;
      const details = firstLine(broken.text);
      const attrMessage = broken.attrs['message']?.trim();
      const entry: FailedTest = {
        suite,
        name: element.attrs['name'] ?? '(unnamed test)',
        kind,
        message: attrMessage || details || broken.attrs['type']?.trim() || '',
      };
      const classname = element.attrs['classname']?.trim();
      if (classname) entry.classname = classname;
      if (details) entry.details = details;
      const testFile = element.attrs['file']?.trim() || suiteFile;
      if (testFile) entry.file = testFile;
      // pytest's xunit1 family writes 0-based lines; we pass numbers through as written.
      const line = Number(element.attrs['line']);
      if (element.attrs['line'] !== undefined && Number.isInteger(line) && line > 0) entry.line = line;
      failed.push(entry);
      return;
    }
    if (element.children.some((child) => child.name === 'skipped')) into.skipped++;
  };

  // Returns the counts for this subtree and whether they came from testcases.
  const walk = (element: XmlElement, suite: string, suiteFile: string | undefined): { counts: Counts; fromCases: boolean } => {
    const own = zero();
    let hasCases = false;
    const nested: Array<{ counts: Counts; fromCases: boolean }> = [];
    for (const child of element.children) {
      if (child.name === 'testcase') {
        hasCases = true;
        testcase(child, suite, suiteFile, own);
      } else if (child.name === 'testsuite') {
        nested.push(walk(child, child.attrs['name'] ?? '', child.attrs['file']?.trim() || suiteFile));
      }
    }
    if (hasCases || nested.some((result) => result.fromCases)) {
      for (const result of nested) addInto(own, result.counts);
      return { counts: own, fromCases: true };
    }
    const declared = fromAttributes(element);
    if (declared) return { counts: declared, fromCases: false };
    for (const result of nested) addInto(own, result.counts);
    return { counts: own, fromCases: false };
  };

  const { counts } = walk(root, root.attrs['name'] ?? '', root.attrs['file']?.trim() || undefined);

  const report: TestReport = {
    ...counts,
    // Attribute fallbacks can disagree with themselves; never report negative passes.
    passed: Math.max(0, counts.tests - counts.failures - counts.errors - counts.skipped),
    failed,
  };
  const duration = durationOf(root);
  if (duration !== undefined) report.durationSeconds = duration;
  return report;
}

/** Root `time` if present, else the sum of the top-level suites' times. */
function durationOf(root: XmlElement): number | undefined {
  const own = seconds(root.attrs['time']);
  if (own !== undefined) return own;
  let sum: number | undefined;
  for (const child of root.children) {
    if (child.name !== 'testsuite') continue;
    const time = seconds(child.attrs['time']);
    if (time !== undefined) sum = (sum ?? 0) + time;
  }
  return sum;
}

/** Surefire formats times with a thousands separator ("1,234.567"). */
function seconds(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  let trimmed = raw.trim();
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(trimmed)) trimmed = trimmed.replaceAll(',', '');
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** Several reports (one per shard or module) as one. Duration is the sum of those that have one. */
export function mergeTestReports(reports: readonly TestReport[]): TestReport {
  const merged: TestReport = { tests: 0, passed: 0, failures: 0, errors: 0, skipped: 0, failed: [] };
  for (const report of reports) {
    merged.tests += report.tests;
    merged.passed += report.passed;
    merged.failures += report.failures;
    merged.errors += report.errors;
    merged.skipped += report.skipped;
    if (report.durationSeconds !== undefined) merged.durationSeconds = (merged.durationSeconds ?? 0) + report.durationSeconds;
    merged.failed.push(...report.failed);
  }
  return merged;
}
