import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/errors';
import { DEFAULT_PLAN, parseDuration, parsePlanText, planDuration, scalePlan } from '../../../src/commands/load/runner/plan';

function planError(text: string): UserError {
  try {
    parsePlanText(text, 'plan.yml');
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return error as UserError;
  }
  throw new Error('expected a UserError');
}

describe('plan', () => {
  it('has the documented default', () => {
    expect(DEFAULT_PLAN.phases.map((p) => [p.name, p.duration, p.rate.from, p.rate.to])).toEqual([
      ['warm-up', 60, 10, 10],
      ['ramp', 120, 20, 200],
      ['sustained', 180, 200, 200],
      ['spike', 60, 1000, 1000],
      ['cool-down', 60, 50, 50],
    ]);
    expect(DEFAULT_PLAN.endpoints).toEqual([{ name: 'home', method: 'GET', path: '/', weight: 1, headers: {} }]);
    expect(DEFAULT_PLAN.timeout).toBe(10);
    expect(DEFAULT_PLAN.maxInFlight).toBe(1000);
  });

  it('parses durations, bodies and expect', () => {
    expect(parseDuration('500ms')).toBe(0.5);
    expect(parseDuration('2m')).toBe(120);
    expect(parseDuration(7)).toBe(7);
    expect(parseDuration('5 minutes')).toBeUndefined();
    const plan = parsePlanText(
      [
        'phases: [{ name: a, duration: 1500ms, rate: 5 }]',
        'endpoints:',
        '  - { name: make, method: POST, path: /orders, weight: 2, body: { sku: 1 }, expect: [201, 429] }',
        '  - { name: raw, path: /raw, body: "x=1", headers: { content-type: text/plain } }',
        'timeout: 2s',
      ].join('\n'),
      'plan.yml',
    );
    expect(plan.phases[0]!.duration).toBe(1.5);
    expect(plan.timeout).toBe(2);
    expect(plan.endpoints[0]).toEqual({ name: 'make', method: 'POST', path: '/orders', weight: 2, headers: { 'content-type': 'application/json' }, body: '{"sku":1}', expect: [201, 429] });
    expect(plan.endpoints[1]).toMatchObject({ method: 'GET', weight: 1, body: 'x=1', headers: { 'content-type': 'text/plain' } });
  });

  it('reports a bad duration at its line and column', () => {
    const error = planError('phases:\n  - name: a\n    duration: 5 minutes\n    rate: 10\nendpoints: [{ name: h, path: / }]\n');
    expect(error.message).toMatch(/duration.*"5 minutes"/);
    expect(error.location).toMatchObject({ file: 'plan.yml', line: 3, column: 15, path: 'phases[0].duration' });
  });

  it('reports an unknown field with its line', () => {
    const error = planError('phases:\n  - name: a\n    duration: 5s\n    rate: 10\n    ramp: true\nendpoints: [{ name: h, path: / }]\n');
    expect(error.message).toMatch(/unknown field "ramp"/);
    expect(error.location?.line).toBe(2);
    expect(error.location?.column).toBeGreaterThan(0);
  });

  it('reports a negative rate at its line and column', () => {
    const error = planError('phases:\n  - { name: a, duration: 5s, rate: -5 }\nendpoints: [{ name: h, path: / }]\n');
    expect(error.location).toMatchObject({ line: 2, column: 36, path: 'phases[0].rate' });
    expect(error.message).toMatch(/-5/);
    const ramp = planError('phases:\n  - name: a\n    duration: 5s\n    rate: { from: 1, to: -3 }\nendpoints: [{ name: h, path: / }]\n');
    expect(ramp.location?.line).toBe(4);
  });

  it('rejects duplicate names and an empty plan', () => {
    expect(planError('phases: [{ name: a, duration: 1, rate: 1 }, { name: a, duration: 1, rate: 1 }]\nendpoints: [{ name: h, path: / }]\n').message).toMatch(/duplicate name "a"/);
    expect(planError('').location?.path).toBe('phases');
  });

  it('scales phase durations, keeping at least 1 s', () => {
    const scaled = scalePlan(DEFAULT_PLAN, 0.1);
    expect(scaled.phases.map((p) => p.duration)).toEqual([6, 12, 18, 6, 6]);
    expect(planDuration(scaled)).toBe(48);
    expect(scalePlan(DEFAULT_PLAN, 0.001).phases.every((p) => p.duration === 1)).toBe(true);
    const short = parsePlanText('phases: [{ name: a, duration: 500ms, rate: 1 }]\nendpoints: [{ name: h, path: / }]', 'p.yml');
    expect(scalePlan(short, 0.1).phases[0]!.duration).toBe(0.5);
    expect(scaled.phases.map((p) => p.rate)).toEqual(DEFAULT_PLAN.phases.map((p) => p.rate));
    expect(() => scalePlan(DEFAULT_PLAN, 0)).toThrow(UserError);
  });
});
