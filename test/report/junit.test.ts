import { XMLParser, XMLValidator } from 'fast-xml-parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeXmlAttribute, escapeXmlText, renderJUnit, stripIllegalXml } from '../../src/report/junit';
import type { Report } from '../../src/report/model';
import { baseReport, gate as gateArb, hostileString } from './arbitraries';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // Decodes character references (&#10;) as well as the five XML entities.
  htmlEntities: true,
  isArray: (name) => name === 'testcase',
});

/** Everything outside XML 1.0's Char production. */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

interface ParsedCase {
  '@_classname': string;
  '@_name': string;
  '@_time'?: string;
  failure?: { '@_message': string; '@_type': string; '#text'?: string };
  skipped?: { '@_message': string };
  'system-out'?: string;
}

function parse(xml: string): { suites: Record<string, string>; suite: Record<string, string>; cases: ParsedCase[] } {
  const doc = parser.parse(xml);
  const suite = doc.testsuites.testsuite;
  return { suites: doc.testsuites, suite, cases: suite.testcase ?? [] };
}

const sample: Report = baseReport({
  command: 'checklist',
  passed: false,
  gates: [
    { id: 'cov', name: 'coverage', status: 'fail', observed: '78.5%', expected: '≥ 80%', details: 'lines below <threshold> & "quoted"', durationSeconds: 0.25 },
    { id: 'tests', name: 'tests', status: 'pass', details: 'ok', durationSeconds: 1.5 },
    { id: 'lint', name: 'lint', status: 'warn', observed: '3 warnings', details: 'see log' },
    { id: 'docs', name: 'docs', status: 'skip', details: 'no docs folder' },
  ],
});

describe('escaping', () => {
  it('escapes text and attributes', () => {
    expect(escapeXmlText('a<b>&c]]>\r\n')).toBe('a&lt;b&gt;&amp;c]]&gt;&#13;\n');
    expect(escapeXmlAttribute(`"q" 'a'\tb\nc<&>`)).toBe('&quot;q&quot; &apos;a&apos;&#9;b&#10;c&lt;&amp;&gt;');
  });

  it('strips characters XML 1.0 cannot carry', () => {
    expect(stripIllegalXml('a\u0000b\u0001c\u001b[31md\uFFFEe\uFFFFf\uD800g\uDFFFh')).toBe('abc[31mdefgh');
    expect(stripIllegalXml('tab\there\nnew 😀 \uE000')).toBe('tab\there\nnew 😀 \uE000');
  });
});

describe('renderJUnit', () => {
  it('renders one suite with a testcase per gate', () => {
    expect(renderJUnit(sample)).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="rollgate checklist" tests="4" failures="1" errors="0" skipped="1" time="1.750">',
        '  <testsuite name="rollgate checklist" tests="4" failures="1" errors="0" skipped="1" time="1.750">',
        '    <testcase classname="rollgate.checklist" name="coverage" time="0.250">',
        '      <failure message="78.5% vs ≥ 80%" type="gate">lines below &lt;threshold&gt; &amp; "quoted"</failure>',
        '    </testcase>',
        '    <testcase classname="rollgate.checklist" name="tests" time="1.500"/>',
        '    <testcase classname="rollgate.checklist" name="lint">',
        '      <system-out>WARNING: 3 warnings\nsee log</system-out>',
        '    </testcase>',
        '    <testcase classname="rollgate.checklist" name="docs">',
        '      <skipped message="no docs folder"/>',
        '    </testcase>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  it('round-trips through an XML parser', () => {
    const xml = renderJUnit(sample, { suiteName: 'readiness' });
    expect(XMLValidator.validate(xml)).toBe(true);
    const { suite, cases } = parse(xml);
    expect(suite).toMatchObject({ '@_name': 'readiness', '@_tests': '4', '@_failures': '1', '@_skipped': '1', '@_errors': '0' });
    expect(cases.map((c) => c['@_name'])).toEqual(['coverage', 'tests', 'lint', 'docs']);
    expect(cases[0]!.failure).toEqual({ '@_message': '78.5% vs ≥ 80%', '@_type': 'gate', '#text': 'lines below <threshold> & "quoted"' });
    expect(cases[2]!['system-out']).toBe('WARNING: 3 warnings\nsee log');
    expect(cases[3]!.skipped).toEqual({ '@_message': 'no docs folder' });
  });

  it('leaves out time when no gate reports a duration, and describes a failure without observed/expected', () => {
    const xml = renderJUnit(baseReport({ gates: [{ id: 'a', name: 'a', status: 'fail', details: 'first line\nsecond', durationSeconds: Number.NaN }] }));
    expect(xml).not.toContain('time=');
    expect(parse(xml).cases[0]!.failure!['@_message']).toBe('first line');
  });

  it('renders an empty suite for a report without gates', () => {
    const xml = renderJUnit(baseReport());
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(parse(xml).suite).toMatchObject({ '@_tests': '0', '@_failures': '0', '@_skipped': '0' });
  });

  it('property: arbitrary names and details always give well-formed XML that reads back', () => {
    fc.assert(
      fc.property(fc.array(gateArb, { maxLength: 8 }), hostileString(), (gates, command) => {
        const report = baseReport({ command, gates });
        const xml = renderJUnit(report);
        expect(XMLValidator.validate(xml)).toBe(true);
        expect(xml).not.toMatch(NOT_XML_CHAR);
        const { suite, cases } = parse(xml);
        expect(suite['@_name']).toBe(stripIllegalXml(`rollgate ${command}`));
        expect(suite['@_tests']).toBe(String(gates.length));
        expect(suite['@_failures']).toBe(String(gates.filter((g) => g.status === 'fail').length));
        expect(cases).toHaveLength(gates.length);
        cases.forEach((parsed, i) => {
          const gate = gates[i]!;
          expect(parsed['@_name']).toBe(stripIllegalXml(gate.name));
          expect(parsed['@_classname']).toBe(stripIllegalXml(`rollgate.${command}`));
          if (gate.status === 'fail') expect(parsed.failure?.['#text'] ?? '').toBe(stripIllegalXml(gate.details));
          if (gate.status === 'skip') expect(parsed.skipped).toBeDefined();
          if (gate.status === 'warn') expect(String(parsed['system-out'])).toMatch(/^WARNING: /);
        });
      }),
      { numRuns: 300 },
    );
  });
});
