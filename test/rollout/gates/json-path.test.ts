import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatJsonPath, lookup, numberAt, parseJsonPath, type PathSegment } from '../../../src/commands/rollout/gates/json-path';
import { findJsonSyntaxError } from '../../../src/commands/rollout/gates/json-syntax';
import { rolloutPlanSchema } from '../../../src/commands/rollout/schema';

function segments(text: string): PathSegment[] {
  const parsed = parseJsonPath(text);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.segments;
}

function problem(text: string): string {
  const parsed = parseJsonPath(text);
  if (parsed.ok) throw new Error(`${text} parsed as ${JSON.stringify(parsed.segments)}`);
  return parsed.problem;
}

const segment: fc.Arbitrary<PathSegment> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_-]{0,8}$/),
  fc.integer({ min: -20, max: 1_000_000 }),
);

describe('parseJsonPath: the supported subset', () => {
  it('reads dots, indexes and quoted keys', () => {
    expect(segments('$')).toEqual([]);
    expect(segments('$.a.b')).toEqual(['a', 'b']);
    expect(segments('$.a[0].b')).toEqual(['a', 0, 'b']);
    expect(segments("$['key with space']")).toEqual(['key with space']);
    expect(segments('$["double" ]')).toEqual(['double']);
    expect(segments('$.results[2]')).toEqual(['results', 2]);
    expect(segments('$.results[-1].p95-latency')).toEqual(['results', -1, 'p95-latency']);
    expect(segments("$['it\\'s']['a\\\\b']['\\u00e9\\n']")).toEqual(["it's", 'a\\b', 'é\n']);
    expect(segments('$[ 3 ][ "x" ]')).toEqual([3, 'x']);
  });

  it('names what is unsupported and where, and what is supported', () => {
    expect(problem('$..p95')).toBe('"$..p95" at position 1: recursive descent (..) can match many values; supported: $.a.b, $.a[0].b, $[\'key with space\'], $.results[2] (one value; no wildcards, filters, slices or ..)');
    expect(problem('$.items[*].v')).toMatch(/^"\$\.items\[\*\]\.v" at position 8: a wildcard \(\[\*\]\) matches many values; supported:/);
    expect(problem('$.*')).toMatch(/position 2: a wildcard \(\*\) matches many values/);
    expect(problem('$.items[?(@.ok)]')).toMatch(/position 8: filters \(\[\?\.\.\.\]\) are not supported/);
    expect(problem('$.items[0:2]')).toMatch(/position 9: a slice \(\[a:b\]\) can match many values/);
    expect(problem('$.items[0,1]')).toMatch(/position 9: a union \(\[a,b\]\) matches several values/);
    expect(problem('errorRate')).toMatch(/position 0: a path starts with \$/);
    expect(problem('$.a b')).toMatch(/position 3: unexpected " "; expected \.key or \[\.\.\.\]/);
    expect(problem("$['open")).toMatch(/position 2: unterminated quoted key \(missing '\)/);
    expect(problem('$.a[01]')).toMatch(/01 is not an index/);
    expect(problem('$.a.')).toMatch(/expected a key after the dot/);
  });

  it('round-trips any path through formatJsonPath', () => {
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 6 }), (path) => {
        expect(segments(formatJsonPath(path))).toEqual(path);
      }),
    );
  });

  it('never throws, and never accepts a path with an unquoted *, ?, .. or a comma', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (tail) => {
        const text = `$${tail}`;
        const parsed = parseJsonPath(text);
        // Outside quotes, these always mean several values.
        const unquoted = text.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, '');
        if (/[*?,]|\.\./.test(unquoted)) expect(parsed.ok).toBe(false);
        if (!parsed.ok) expect(parsed.problem).toContain('supported: $.a.b');
      }),
    );
  });

  it('finds the value a path was built to reach in a document', () => {
    const key = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('a', 'key with space', "it's"));
    fc.assert(
      fc.property(fc.array(fc.oneof(key, fc.nat(4)), { maxLength: 5 }), fc.double({ noNaN: true }), (path, leaf) => {
        // Build the document inside out: an array long enough for each index, an object for each key.
        let document: unknown = leaf;
        for (const step of [...path].reverse()) {
          document = typeof step === 'number' ? [...Array.from({ length: step }, () => 'filler'), document] : { other: 1, [step]: document };
        }
        const found = lookup(document, segments(formatJsonPath(path)));
        expect(found).toEqual({ found: true, value: leaf });
        expect(numberAt(document, path)).toEqual({ value: leaf });
      }),
    );
  });
});

describe('numberAt: numbers only', () => {
  const document = { p95: 0.41, quoted: '0.002', exponent: '-1.5e-3', text: 'n/a', on: true, none: null, list: [1, 2], nested: { x: 1 }, spaced: ' 1', hex: '0x10', inf: 'Infinity' };

  it('takes JSON numbers and plain numeric strings', () => {
    expect(numberAt(document, ['p95'])).toEqual({ value: 0.41 });
    expect(numberAt(document, ['quoted'])).toEqual({ value: 0.002 });
    expect(numberAt(document, ['exponent'])).toEqual({ value: -0.0015 });
    expect(numberAt(document, ['list', -1])).toEqual({ value: 2 });
  });

  it('gives no data with the type found for anything else', () => {
    expect(numberAt(document, ['text'])).toEqual({ value: null, note: '$.text is a string ("n/a"), not a number' });
    expect(numberAt(document, ['on'])).toEqual({ value: null, note: '$.on is a boolean (true), not a number' });
    expect(numberAt(document, ['none'])).toEqual({ value: null, note: '$.none is null, not a number' });
    expect(numberAt(document, ['list'])).toEqual({ value: null, note: '$.list is an array of 2 items, not a number' });
    expect(numberAt(document, ['nested'])).toEqual({ value: null, note: '$.nested is an object, not a number' });
    for (const key of ['spaced', 'hex', 'inf']) expect(numberAt(document, [key]).value).toBeNull();
  });

  it('says where a path stops matching', () => {
    expect(numberAt(document, ['latency', 'p95'])).toEqual({ value: null, note: 'nothing at $.latency.p95: no key "latency" in the object at $' });
    expect(numberAt(document, ['list', 2])).toEqual({ value: null, note: 'nothing at $.list[2]: $.list has 2 items, no [2]' });
    expect(numberAt(document, ['nested', 0])).toEqual({ value: null, note: 'nothing at $.nested[0]: $.nested is an object, not an array, so it has no [0]' });
    expect(numberAt(document, ['p95', 'x'])).toEqual({ value: null, note: 'nothing at $.p95.x: $.p95 is a number (0.41), not an object, so it has no key "x"' });
  });
});

describe('the plan refuses unsupported JSONPaths when it loads', () => {
  const plan = (jsonPath: string) => ({
    flag: 'checkout-v2',
    environment: 'production',
    provider: { type: 'file', path: 'flags.json' },
    gates: [
      { name: 'p95', http: { url: 'https://m.example.com/x', jsonPath }, max: 2 },
      { name: 'coverage', file: { path: 'coverage.json', jsonPath }, min: 80 },
    ],
  });

  it('on http and file gates, with the supported forms in the message', () => {
    const parsed = rolloutPlanSchema.safeParse(plan('$..p95'));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)).toEqual([
      `gates.0.http.jsonPath: unsupported JSONPath "$..p95" at position 1: recursive descent (..) can match many values; supported: $.a.b, $.a[0].b, $['key with space'], $.results[2] (one value; no wildcards, filters, slices or ..)`,
      `gates.1.file.jsonPath: unsupported JSONPath "$..p95" at position 1: recursive descent (..) can match many values; supported: $.a.b, $.a[0].b, $['key with space'], $.results[2] (one value; no wildcards, filters, slices or ..)`,
    ]);
    expect(rolloutPlanSchema.safeParse(plan("$.latency['p95 ms'][0]")).success).toBe(true);
  });
});

describe('findJsonSyntaxError agrees with JSON.parse', () => {
  it('on valid documents', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 2, '\t'), (value, indent) => {
        expect(findJsonSyntaxError(JSON.stringify(value, null, indent))).toBeUndefined();
      }),
    );
  });

  it('on damaged documents: an error exactly when JSON.parse throws', () => {
    const damaged = fc.tuple(fc.json(), fc.nat(), fc.constantFrom('', '}', ']', ',', '"', ':', 'x', '\n', '\\', '01', '-', '.5', 'tru')).map(([text, at, insert]) => {
      const cut = at % (text.length + 1);
      return text.slice(0, cut) + insert + text.slice(cut + (insert === '' ? 1 : 0));
    });
    fc.assert(
      fc.property(damaged, (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        expect(findJsonSyntaxError(text) === undefined).toBe(valid);
      }),
    );
  });

  it('points at the line and column', () => {
    expect(findJsonSyntaxError('{\n  "a": 1,\n  "b": 2,\n}')).toEqual({ line: 4, column: 1, message: `expected a double-quoted property name, found "}"` });
    expect(findJsonSyntaxError('{"a": x}')).toEqual({ line: 1, column: 7, message: 'expected a value (an object, array, string, number, true, false or null), found "x"' });
    expect(findJsonSyntaxError('[1, 2')).toEqual({ line: 1, column: 6, message: "expected ',' or ']' after the array item, found the end of the file" });
    expect(findJsonSyntaxError('')).toEqual({ line: 1, column: 1, message: 'expected a value (an object, array, string, number, true, false or null), found the end of the file' });
  });
});
