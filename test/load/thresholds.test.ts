import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compare, formatKey, parseExpression, parseMetricKey } from '../../src/commands/load/thresholds';

describe('k6 threshold syntax', () => {
  it('parses keys with tag filters, URLs with colons included', () => {
    expect(parseMetricKey('http_req_duration')).toEqual({ metric: 'http_req_duration', tags: {} });
    expect(parseMetricKey('http_req_duration{endpoint:/api/items,phase:sustained}')).toEqual({ metric: 'http_req_duration', tags: { endpoint: '/api/items', phase: 'sustained' } });
    expect(parseMetricKey('http_reqs{status:429}')).toEqual({ metric: 'http_reqs', tags: { status: '429' } });
    expect(parseMetricKey('http_req_duration{name:http://test.k6.io/}')).toEqual({ metric: 'http_req_duration', tags: { name: 'http://test.k6.io/' } });
    expect(parseMetricKey('http_req_duration{name:"a,b"}')).toEqual({ metric: 'http_req_duration', tags: { name: 'a,b' } });
  });

  it('says what is wrong with a bad key', () => {
    expect(parseMetricKey('http_req_durations')).toBe('unknown metric "http_req_durations"; expected one of http_req_duration, http_req_failed, http_reqs, dropped_requests');
    expect(parseMetricKey('http_req_duration{}')).toMatch(/^empty tag filter/);
    expect(parseMetricKey('http_req_duration{endpoint}')).toBe('expected tag:value inside {} of "http_req_duration{endpoint}"; found "endpoint"');
    expect(parseMetricKey('http_req_duration{a:1,a:2}')).toBe('tag "a" appears twice in "http_req_duration{a:1,a:2}"');
  });

  it('parses every aggregation and operator k6 has', () => {
    expect(parseExpression('p(95)<500', 'http_req_duration')).toEqual({ aggregation: { kind: 'p', percentile: 95 }, operator: '<', value: 500, source: 'p(95)<500' });
    expect(parseExpression(' p(99.9) <= 1500 ', 'http_req_duration')).toMatchObject({ aggregation: { kind: 'p', percentile: 99.9 }, operator: '<=', value: 1500 });
    for (const [text, kind] of [['avg<200', 'avg'], ['med<100', 'med'], ['max<3000', 'max'], ['min>=1', 'min'], ['count>0', 'count']] as const) {
      expect(parseExpression(text, 'http_req_duration')).toMatchObject({ aggregation: { kind } });
    }
    expect(parseExpression('rate<0.001', 'http_req_failed')).toMatchObject({ aggregation: { kind: 'rate' }, value: 0.001 });
    expect(parseExpression('rate==0', 'dropped_requests')).toMatchObject({ operator: '==' });
    expect(parseExpression('count!=3', 'http_reqs')).toMatchObject({ operator: '!=', value: 3 });
  });

  it('refuses aggregations that do not fit the metric, and malformed expressions', () => {
    expect(parseExpression('p(95)<500', 'http_req_failed')).toBe('p(…) does not apply to http_req_failed; expected rate, count');
    expect(parseExpression('rate<1', 'http_req_duration')).toMatch(/^rate does not apply to http_req_duration/);
    expect(parseExpression('p(101)<5', 'http_req_duration')).toBe('percentile must be between 0 and 100; found p(101)');
    expect(parseExpression('p95<500', 'http_req_duration')).toMatch(/^expected an expression like/);
    expect(parseExpression('avg<', 'http_req_duration')).toMatch(/^expected an expression like/);
  });

  it('property: formatted keys and expressions parse back to the same thing', () => {
    const metric = fc.constantFrom('http_req_duration', 'http_req_failed', 'http_reqs', 'dropped_requests');
    const tagName = fc.stringMatching(/^[a-z_][a-z0-9_.-]{0,8}$/);
    const tagValue = fc.stringMatching(/^[A-Za-z0-9/:._-]{1,12}$/);
    fc.assert(fc.property(metric, fc.dictionary(tagName, tagValue, { maxKeys: 3 }), (m, tags) => {
      const key = { metric: m, tags };
      expect(parseMetricKey(formatKey(key))).toEqual(key);
    }));
    const op = fc.constantFrom('<', '<=', '>', '>=', '==', '!=');
    fc.assert(fc.property(fc.double({ min: 0, max: 100, noNaN: true }), op, fc.double({ min: -1e9, max: 1e9, noNaN: true }), (p, o, v) => {
      const pText = Number(p.toFixed(3));
      const text = `p(${pText})${o}${v}`;
      const parsed = parseExpression(text, 'http_req_duration');
      if (typeof parsed === 'string') throw new Error(`${text}: ${parsed}`);
      expect(parsed.aggregation).toEqual({ kind: 'p', percentile: pText });
      expect(parsed.operator).toBe(o);
      expect(parsed.value).toBe(Number(String(v)));
    }));
  });

  it('property: no input makes the parsers throw; they answer a value or a message', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (key, expression) => {
      const k = parseMetricKey(key);
      expect(typeof k === 'string' || typeof k.metric === 'string').toBe(true);
      const e = parseExpression(expression, 'http_req_duration');
      expect(typeof e === 'string' || Number.isFinite(e.value)).toBe(true);
    }), { numRuns: 2000 });
  });

  it('compares with each operator', () => {
    expect([compare(1, '<', 2), compare(2, '<=', 2), compare(3, '>', 2), compare(2, '>=', 2), compare(2, '==', 2), compare(2, '!=', 3)]).toEqual([true, true, true, true, true, true]);
    expect([compare(2, '<', 2), compare(3, '<=', 2), compare(2, '>', 2), compare(1, '>=', 2), compare(2, '==', 3), compare(2, '!=', 2)]).toEqual([false, false, false, false, false, false]);
  });
});
