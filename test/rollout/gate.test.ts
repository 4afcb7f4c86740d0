import { describe, expect, it } from 'vitest';
import { formatHold, formatTimeLeft, parseHold } from '../../src/commands/rollout/duration';
import { judgeGate } from '../../src/commands/rollout/gate';
import type { GateConfig } from '../../src/commands/rollout/schema';

const source = { prometheus: { url: 'http://prometheus:9090', query: 'q' } };

describe('judgeGate', () => {
  it('turns a number into pass, breach or critical against max', () => {
    const gate: GateConfig = { name: 'error-rate', ...source, max: 0.001 };
    expect(judgeGate(gate, 0.001, 0.01)).toEqual({ name: 'error-rate', status: 'pass', observed: 0.001, threshold: 'max 0.001' });
    expect(judgeGate(gate, 0.0011, 0.01)).toEqual({ name: 'error-rate', status: 'breach', observed: 0.0011, threshold: 'max 0.001' });
    expect(judgeGate(gate, 0.01, 0.01)).toEqual({ name: 'error-rate', status: 'critical', observed: 0.01, threshold: 'critical 0.01' });
    expect(judgeGate(gate, 0.5)).toMatchObject({ status: 'breach' });
  });

  it('against min, a critical value lies below it', () => {
    const gate: GateConfig = { name: 'success', ...source, min: 0.99 };
    expect(judgeGate(gate, 0.995, 0.9).status).toBe('pass');
    expect(judgeGate(gate, 0.95, 0.9)).toEqual({ name: 'success', status: 'breach', observed: 0.95, threshold: 'min 0.99' });
    expect(judgeGate(gate, 0.9, 0.9).status).toBe('critical');
  });

  it('with both bounds, the critical value picks its side', () => {
    const gate: GateConfig = { name: 'rps', ...source, min: 100, max: 1000 };
    expect(judgeGate(gate, 500, 5000)).toEqual({ name: 'rps', status: 'pass', observed: 500, threshold: 'min 100, max 1000' });
    expect(judgeGate(gate, 50, 5000).status).toBe('breach');
    expect(judgeGate(gate, 6000, 5000).status).toBe('critical');
    expect(judgeGate(gate, 5, 10).status).toBe('critical');
    expect(judgeGate(gate, 2000, 10).status).toBe('breach');
  });

  it('no value, undefined or NaN is no-data', () => {
    const gate: GateConfig = { name: 'error-rate', ...source, max: 0.001 };
    for (const value of [null, undefined, Number.NaN]) {
      expect(judgeGate(gate, value, 0.01)).toEqual({ name: 'error-rate', status: 'no-data', observed: null, threshold: 'max 0.001' });
    }
  });
});

describe('hold durations', () => {
  it('parses 30m, 1h, 2h30m, 1d and combinations', () => {
    expect(parseHold('30m')).toBe(30 * 60_000);
    expect(parseHold('1h')).toBe(3_600_000);
    expect(parseHold('2h30m')).toBe(9_000_000);
    expect(parseHold('1d')).toBe(86_400_000);
    expect(parseHold(' 1d 12h ')).toBe(36 * 3_600_000);
    expect(parseHold('90s')).toBe(90_000);
    for (const bad of ['', '1', 'h', '30 min', '1.5h', '30m2h', '1h1h', '-1h', '1w']) expect(parseHold(bad)).toBeUndefined();
  });

  it('formats back to what it parses, and time left in words', () => {
    for (const text of ['30m', '1h', '2h30m', '1d', '1d2h30m15s']) expect(formatHold(parseHold(text)!)).toBe(text);
    expect(formatTimeLeft(45 * 60_000)).toBe('45 min');
    expect(formatTimeLeft(30_000)).toBe('1 min');
    expect(formatTimeLeft(44 * 60_000 + 1)).toBe('45 min');
    expect(formatTimeLeft(75 * 60_000)).toBe('1 h 15 min');
    expect(formatTimeLeft(2 * 3_600_000)).toBe('2 h');
    expect(formatTimeLeft(26 * 3_600_000)).toBe('1 d 2 h');
    expect(formatTimeLeft(48 * 3_600_000)).toBe('2 d');
  });
});
