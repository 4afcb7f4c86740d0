import fc from 'fast-check';
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { requiredEndings } from '../../src/commands/legacy-lint/match/rules';

describe('requiredEndings: the cheap test before a glob', () => {
  it('derives the endings of extension globs, and nothing for other globs', () => {
    expect(requiredEndings('**/*.d.ts')).toEqual(['.d.ts']);
    expect(requiredEndings('*.js')).toEqual(['.js']);
    expect(requiredEndings('**/*.{js,mjs,cjs,jsx,ts,tsx,mts,cts}')).toEqual(['.js', '.mjs', '.cjs', '.jsx', '.ts', '.tsx', '.mts', '.cts']);
    for (const glob of ['src/**', '**/legacy/*.js', '**/*', '*.{js,!(ts)}', '**/*.[jt]s', 'legacy-sim', '**/*.js/**']) expect(requiredEndings(glob)).toBeUndefined();
  });

  it('never rejects a path picomatch accepts', () => {
    const ext = fc.constantFrom('js', 'ts', 'd.ts', 'mjs', 'tsx', 'json', 'd.mts');
    const segment = fc.constantFrom('src', 'a', '.hidden', 'x.d', 'lib', 'index', 'foo.js', 'b.ts', '');
    const glob = fc.oneof(
      ext.map((e) => `**/*.${e}`),
      ext.map((e) => `*.${e}`),
      fc.uniqueArray(ext, { minLength: 1, maxLength: 4 }).map((es) => `**/*.{${es.join(',')}}`),
    );
    const path = fc.tuple(fc.array(segment, { maxLength: 4 }), segment, fc.option(ext)).map(([dirs, base, e]) => [...dirs, `${base}${e ? `.${e}` : ''}`].filter(Boolean).join('/'));
    fc.assert(
      fc.property(glob, path, (g, p) => {
        const endings = requiredEndings(g)!;
        expect(endings).toBeDefined();
        if (picomatch(g, { dot: true })(p)) expect(endings.some((ending) => p.endsWith(ending))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
