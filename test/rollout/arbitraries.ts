/** fast-check generators shared by the plan and machine properties. */
import fc from 'fast-check';

/** Valid plans, as YAML would hold them: increasing percents ending at 100, holds on all but the last. */
export const planInput = fc
  .record({
    cuts: fc.uniqueArray(fc.integer({ min: 1, max: 99 }), { maxLength: 7 }),
    holds: fc.array(fc.record({ d: fc.nat(2), h: fc.nat(23), m: fc.integer({ min: 1, max: 59 }) }), { minLength: 8, maxLength: 8 }),
    gates: fc.uniqueArray(
      fc.record({
        name: fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/),
        bound: fc.constantFrom('min', 'max', 'both'),
        value: fc.double({ min: 0.001, max: 1000, noNaN: true }),
        critical: fc.option(fc.double({ min: 1.01, max: 10, noNaN: true }), { nil: undefined }),
        source: fc.constantFrom('prometheus', 'http', 'file'),
      }),
      { selector: (gate) => gate.name, maxLength: 4 },
    ),
    noData: fc.constantFrom('hold', 'fail', 'pass'),
    consecutiveBreaches: fc.integer({ min: 1, max: 4 }),
    rollbackTo: fc.constantFrom('zero', 'previous-stage'),
    waves: fc.option(fc.uniqueArray(fc.stringMatching(/^[a-z][a-z-]{0,8}$/), { minLength: 1, maxLength: 3 }), { nil: undefined }),
  })
  .map((r) => {
    const percents = [...r.cuts.sort((a, b) => a - b), 100];
    const stages = percents.map((percent, index) => {
      const hold = r.holds[index]!;
      return index === percents.length - 1 ? { name: `s${index}`, percent } : { name: `s${index}`, percent, hold: `${hold.d ? `${hold.d}d` : ''}${hold.h ? `${hold.h}h` : ''}${hold.m}m` };
    });
    const critical: Record<string, number> = {};
    const gates = r.gates.map((g) => {
      const source =
        g.source === 'prometheus' ? { prometheus: { url: 'http://prometheus:9090', query: 'up' } } : g.source === 'http' ? { http: { url: 'https://m.example.com', jsonPath: '$.v' } } : { file: { path: 'm.json', jsonPath: '$.v' } };
      const bounds = g.bound === 'min' ? { min: g.value } : g.bound === 'max' ? { max: g.value } : { min: g.value, max: g.value * 2 };
      // Worse than the bound: above max (or below min when there is only a min).
      if (g.critical !== undefined) critical[g.name] = g.bound === 'min' ? g.value / g.critical : (bounds.max ?? g.value) * g.critical;
      return { name: g.name, ...source, ...bounds };
    });
    return {
      flag: 'checkout-v2',
      ...(r.waves ? { waves: r.waves } : { environment: 'production' }),
      stages,
      gates,
      noData: r.noData,
      breaker: { consecutiveBreaches: r.consecutiveBreaches, critical },
      rollbackTo: r.rollbackTo,
      provider: { type: 'file', path: 'flags.json' },
    };
  });
