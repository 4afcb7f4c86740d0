/**
 * JUnit XML, the lowest common denominator of CI test reporters: each gate is a
 * testcase so gate history shows up in test dashboards. The <testsuites>
 * wrapper holds exactly one <testsuite>; reporters accept either root, and
 * some (GitLab) prefer the wrapper.
 */
import type { Gate, Report } from './model';

export interface JUnitOptions {
  /** Defaults to "rollgate <command>". */
  suiteName?: string;
}

/**
 * XML 1.0 cannot carry most C0 controls, lone surrogates, U+FFFE or U+FFFF even
 * as character references, so they are removed rather than escaped.
 */
const ILLEGAL_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function stripIllegalXml(text: string): string {
  return text.replace(ILLEGAL_XML, '');
}

export function escapeXmlText(text: string): string {
  // `>` is escaped too so a literal "]]>" can never appear in content; `\r` as a
  // reference because parsers normalise a raw one to `\n`.
  return stripIllegalXml(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

export function escapeXmlAttribute(text: string): string {
  // Attribute-value normalisation turns raw tabs and line breaks into spaces;
  // references survive it.
  return escapeXmlText(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

function attributes(pairs: Array<[string, string | number | undefined]>): string {
  return pairs
    .filter((pair): pair is [string, string | number] => pair[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeXmlAttribute(String(value))}"`)
    .join('');
}

function seconds(value: number | undefined): string | undefined {
  if (value === undefined || !Number.isFinite(value) || value < 0) return undefined;
  return value.toFixed(3);
}

/** "78.5% vs ≥ 80%", or whichever half exists, or the first line of the details. */
function verdict(gate: Gate): string {
  if (gate.observed && gate.expected) return `${gate.observed} vs ${gate.expected}`;
  if (gate.observed) return gate.observed;
  if (gate.expected) return `expected ${gate.expected}`;
  return gate.details.split(/\r\n|\r|\n/, 1)[0] ?? '';
}

function testcase(gate: Gate, classname: string): string[] {
  const open = `    <testcase${attributes([
    ['classname', classname],
    ['name', gate.name],
    ['time', seconds(gate.durationSeconds)],
  ])}`;
  switch (gate.status) {
    case 'fail':
      return [
        `${open}>`,
        `      <failure${attributes([['message', verdict(gate)], ['type', 'gate']])}>${escapeXmlText(gate.details)}</failure>`,
        '    </testcase>',
      ];
    case 'skip':
      return [`${open}>`, `      <skipped${attributes([['message', gate.details || verdict(gate)]])}/>`, '    </testcase>'];
    case 'warn':
      // JUnit has no "passed with a warning"; the text goes where reporters show a passing case's output.
      return [
        `${open}>`,
        `      <system-out>${escapeXmlText(`WARNING: ${verdict(gate)}${gate.details && gate.details !== verdict(gate) ? `\n${gate.details}` : ''}`)}</system-out>`,
        '    </testcase>',
      ];
    case 'pass':
      return [`${open}/>`];
  }
}

export function renderJUnit(report: Report, opts: JUnitOptions = {}): string {
  const name = opts.suiteName ?? `rollgate ${report.command}`;
  const classname = `rollgate.${report.command}`;
  const failures = report.gates.filter((gate) => gate.status === 'fail').length;
  const skipped = report.gates.filter((gate) => gate.status === 'skip').length;
  const timed = report.gates.map((gate) => gate.durationSeconds).filter((value) => seconds(value) !== undefined) as number[];
  const time = timed.length > 0 ? seconds(timed.reduce((sum, value) => sum + value, 0)) : undefined;
  const counts: Array<[string, string | number | undefined]> = [
    ['tests', report.gates.length],
    ['failures', failures],
    ['errors', 0],
    ['skipped', skipped],
    ['time', time],
  ];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attributes([['name', name], ...counts])}>`,
    `  <testsuite${attributes([['name', name], ...counts])}>`,
    ...report.gates.flatMap((gate) => testcase(gate, classname)),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
