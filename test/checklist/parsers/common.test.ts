import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeFound, jsonSyntaxErrorOffset, parseXmlRoot, stripBom } from '../../../src/commands/checklist/parsers/common';
import { userError } from './helpers';

describe('parsers/common', () => {
  it('finds the JSON syntax error offset exactly when JSON.parse refuses the text', () => {
    const jsonish = fc.string({ unit: fc.constantFrom('{', '}', '[', ']', '"', ':', ',', '1', '-', '.', 'e', 't', 'r', 'u', 'n', 'l', ' ', '\\', '\n'), maxLength: 30 });
    fc.assert(
      fc.property(fc.oneof(jsonish, fc.jsonValue().map((v) => JSON.stringify(v, null, 1) ?? 'null')), (text) => {
        let parses = true;
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        const offset = jsonSyntaxErrorOffset(text);
        if (parses) expect(offset).toBeUndefined();
        else {
          expect(offset).toBeTypeOf('number');
          expect(offset).toBeGreaterThanOrEqual(0);
          expect(offset).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: 2000 },
    );
    expect(jsonSyntaxErrorOffset('{"a": tru}')).toBe(6);
    expect(jsonSyntaxErrorOffset('[1, 2,]')).toBe(6);
    expect(jsonSyntaxErrorOffset('{"a": 1} x')).toBe(9);
    expect(jsonSyntaxErrorOffset('"abc')).toBe(4);
  });

  it('describes what it found the way people say it', () => {
    expect(describeFound([])).toBe('an empty array');
    expect(describeFound([1])).toBe('an array');
    expect(describeFound({ a: 1, b: 2 })).toBe('an object with keys "a", "b"');
    expect(describeFound(null)).toBe('null');
    expect(describeFound('x'.repeat(50))).toBe(`the string "${'x'.repeat(37)}..."`);
    expect(describeFound(3)).toBe('the number 3');
  });

  it('strips only a leading BOM', () => {
    expect(stripBom('\uFEFFa\uFEFF')).toBe('a\uFEFF');
    expect(stripBom('a')).toBe('a');
  });

  it('decodes XML character references once, and leaves DOCTYPE entities unexpanded', () => {
    const root = parseXmlRoot('<a t="x&#10;y &#x41; &amp;#10; &lt;&gt;&quot;&apos;">b&#233;<![CDATA[ <raw> &amp; ]]></a>', 'a.xml', 'an a');
    expect(root.attrs['t']).toBe('x\ny A &#10; <>"\'');
    expect(root.text).toBe('bé <raw> &amp; ');
    const bomb = '<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY x "xxxxxxxxxx"><!ENTITY y "&x;&x;&x;&x;">]>\n<a>&y;</a>';
    expect(parseXmlRoot(bomb, 'a.xml', 'an a').text).toBe('&y;');
    expect(parseXmlRoot('<a>&#xFFFFFFFF;</a>', 'a.xml', 'an a').text).toBe('&#xFFFFFFFF;');
  });

  it('gives every element its line', () => {
    const root = parseXmlRoot('<?xml version="1.0"?>\r\n<a>\r\n  <b/>\r\n\r\n  <c>\n<d/></c></a>', 'a.xml', 'an a');
    expect(root.line).toBe(2);
    expect(root.children.map((c) => [c.name, c.line])).toEqual([
      ['b', 3],
      ['c', 5],
    ]);
    expect(root.children[1]!.children[0]!.line).toBe(6);
  });

  it('turns parser refusals into UserErrors about the file', () => {
    userError(() => parseXmlRoot('<a><constructor/></a>', 'x.xml', 'an a'), /expected an a, found XML that could not be read/, { file: 'x.xml' });
    userError(() => parseXmlRoot('<a>', 'x.xml', 'an a'), /expected an a, found malformed XML/, { file: 'x.xml', line: 1 });
    userError(() => parseXmlRoot(`${'<a>'.repeat(300)}${'</a>'.repeat(300)}`, 'x.xml', 'an a'), /could not be read/);
  });
});
