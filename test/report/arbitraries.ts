/**
 * fast-check arbitraries for reports whose text is hostile: the characters each
 * channel treats specially, multi-byte and astral characters, lone surrogates
 * and control characters, mixed with ordinary text.
 */
import fc from 'fast-check';
import type { Finding, FindingLevel, Gate, GateStatus, Report, Section } from '../../src/report/model';

const SPECIAL = [
  '\n', '\r', '\r\n', '%', '%0A', '::', ':', ',', '=', '|', '<', '>', '&', '"', "'", '`', '```', '~~~', '-->', '<!--',
  ']]>', '&amp;', '&#10;', '&copy;', '&#x41;', '#', '*', '_', '[', ']', '\\', '- ', '1. ', '    ', '<details>', '</details>', '\t', '\u0000', '\u0008',
  '\u001b[31m', '\u007f', '\u0085', '\u009b', '\u2028', '\uFFFE', '\uFFFF', '\uD800', '\uDFFF', 'é', '文', '😀', '👩‍👩‍👧', '\u0301',
];

/** One "unit": a special token, any code point, or any UTF-16 code unit (so lone surrogates too). */
export const hostileUnit = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)) },
);

export const hostileString = (maxLength = 24) => fc.string({ unit: hostileUnit, maxLength });

export const level = fc.constantFrom<FindingLevel>('error', 'warning', 'notice');
export const gateStatus = fc.constantFrom<GateStatus>('pass', 'fail', 'warn', 'skip');
const lineNumber = fc.oneof(fc.integer({ min: 1, max: 5000 }), fc.constantFrom(0, -1, 1.5, Number.NaN));

export const finding: fc.Arbitrary<Finding> = fc.record(
  {
    level,
    title: hostileString(),
    message: hostileString(60),
    file: fc.oneof(hostileString(), fc.constantFrom('src/a.ts', 'dir with space/b.ts', '')),
    line: lineNumber,
    endLine: lineNumber,
    column: lineNumber,
    ruleId: fc.oneof(fc.constantFrom('coverage/line', 'lint'), hostileString(8)),
  },
  { requiredKeys: ['level', 'title', 'message'] },
);

export const gate: fc.Arbitrary<Gate> = fc.record(
  {
    id: fc.string({ unit: 'grapheme-ascii', maxLength: 8 }),
    name: hostileString(),
    status: gateStatus,
    observed: hostileString(),
    expected: hostileString(),
    details: hostileString(80),
    durationSeconds: fc.oneof(fc.double({ min: 0, max: 1e4, noNaN: true }), fc.constantFrom(-1, Number.NaN, Infinity)),
  },
  { requiredKeys: ['id', 'name', 'status', 'details'] },
);

export const section: fc.Arbitrary<Section> = fc.record(
  {
    title: hostileString(),
    text: hostileString(120),
    table: fc.record({
      title: hostileString(),
      columns: fc.array(hostileString(10), { minLength: 1, maxLength: 4 }),
      rows: fc.array(fc.array(hostileString(20), { maxLength: 5 }), { maxLength: 8 }),
    }),
    chart: fc.record({
      kind: fc.constant('bar' as const),
      title: hostileString(),
      labels: fc.array(hostileString(8), { maxLength: 5 }),
      values: fc.array(fc.double(), { maxLength: 5 }),
      threshold: fc.double(),
    }),
    collapsed: fc.boolean(),
  },
  { requiredKeys: ['title'] },
);

export const report: fc.Arbitrary<Report> = fc.record({
  command: fc.constantFrom('checklist', 'load-gate', 'ab'),
  passed: fc.boolean(),
  headline: hostileString(80),
  gates: fc.array(gate, { maxLength: 8 }),
  findings: fc.array(finding, { maxLength: 30 }),
  sections: fc.array(section, { maxLength: 3 }),
  outputs: fc.constant({}),
});

export function makeFinding(overrides: Partial<Finding> & { level: FindingLevel }, index = 0): Finding {
  return { title: `T${index}`, message: `message ${index}`, ...overrides };
}

export function baseReport(overrides: Partial<Report> = {}): Report {
  return {
    command: 'checklist',
    passed: true,
    headline: 'All 2 checks passed',
    gates: [],
    findings: [],
    sections: [],
    outputs: {},
    ...overrides,
  };
}
