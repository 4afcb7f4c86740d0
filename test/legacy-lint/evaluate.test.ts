import { describe, expect, it } from 'vitest';
import { buildBaseline, serializeBaseline, baselineFileSchema } from '../../src/commands/legacy-lint/baseline';
import { parseDay } from '../../src/commands/legacy-lint/dates';
import { evaluate } from '../../src/commands/legacy-lint/evaluate';
import { parseUnifiedDiff } from '../../src/commands/legacy-lint/git/unified-diff';
import type { Match } from '../../src/commands/legacy-lint/match/scan-file';
import { legacyLintConfigSchema, type LegacyLintConfig } from '../../src/commands/legacy-lint/schema';

function config(extra: Partial<Record<string, unknown>> = {}): LegacyLintConfig {
  return legacyLintConfigSchema.parse({
    rules: [
      { id: 'no-legacy-sim', message: 'Use src/sim/core.', import: ['legacy-sim'], sunset: '2026-12-31' },
      { id: 'no-moment', message: 'Use date-fns.', import: ['moment'], severity: 'error' },
    ],
    ...extra,
  });
}

function use(rule: string, file: string, line: number, lineText: string): Match {
  return { rule, kind: 'import', file, line, column: 1, lineText, matched: rule === 'no-moment' ? 'moment' : 'legacy-sim' };
}

const day = (text: string) => parseDay(text)!;

describe('sunsets', () => {
  it('warn before the sunset day and fail from it, counting the days left', () => {
    const matches = [use('no-legacy-sim', 'src/a.ts', 3, "import sim from 'legacy-sim';")];
    const before = evaluate({ config: config(), matches, today: day('2026-12-30'), strictBaseline: false });
    expect(before.passed).toBe(true);
    expect(before.findings[0]).toMatchObject({ severity: 'warning', new: true });
    expect(before.rules[0]).toMatchObject({ id: 'no-legacy-sim', sunset: '2026-12-31', daysLeft: 1, severity: 'warning' });
    const on = evaluate({ config: config(), matches, today: day('2026-12-31'), strictBaseline: false });
    expect(on.passed).toBe(false);
    expect(on.findings[0]).toMatchObject({ severity: 'error' });
    expect(on.rules[0]).toMatchObject({ daysLeft: 0, severity: 'error' });
  });
});

describe('the allowlist', () => {
  const entry = { rule: 'no-moment', path: 'src/report/old-chart.ts', owner: '@team-viz', reason: 'chart rewrite', expires: '2027-03-01' };
  const matches = [use('no-moment', 'src/report/old-chart.ts', 1, "import moment from 'moment';")];

  it('allows a finding until the entry expires; then the entry is an error and allows nothing', () => {
    const ok = evaluate({ config: config({ allow: [entry] }), matches, today: day('2027-02-28'), strictBaseline: false });
    expect(ok).toMatchObject({ passed: true, expired: [], stale: [] });
    expect(ok.findings[0]).toMatchObject({ allowed: true, new: false });
    expect(ok.rules[1]).toMatchObject({ owners: ['@team-viz'], allowed: 1 });
    const late = evaluate({ config: config({ allow: [entry] }), matches, today: day('2027-03-03'), strictBaseline: false });
    expect(late.passed).toBe(false);
    expect(late.expired).toEqual([{ rule: 'no-moment', path: 'src/report/old-chart.ts', owner: '@team-viz', expires: '2027-03-01', index: 0, reason: 'expired 2027-03-01 (2 days ago); it no longer allows its 1 finding' }]);
    expect(late.findings[0]).toMatchObject({ allowed: false, new: true });
  });

  it('counts a malformed date as expired, and an entry that matches nothing as stale', () => {
    const typo = evaluate({ config: config({ allow: [{ ...entry, expires: '2027-02-30' }] }), matches, today: day('2026-01-01'), strictBaseline: false });
    expect(typo.expired[0]!.reason).toBe('expires "2027-02-30" is not a date (YYYY-MM-DD); a malformed date counts as expired; it no longer allows its 1 finding');
    const stale = evaluate({ config: config({ allow: [{ ...entry, path: 'src/gone.ts' }] }), matches, today: day('2026-01-01'), strictBaseline: false });
    expect(stale.passed).toBe(false);
    expect(stale.stale[0]!.reason).toBe('matches no finding of no-moment in src/gone.ts: the use is gone, so remove the entry (or run with --prune)');
  });
});

describe('the baseline', () => {
  const lines = ["import moment from 'moment';", "const m = require('moment')"];
  const original = [use('no-moment', 'src/a.ts', 3, lines[0]!), use('no-moment', 'src/a.ts', 10, lines[1]!)];
  const baseline = buildBaseline(original);

  it('survives edits that shift lines and reindent, and fails only what it does not know', () => {
    // A rebase moved both uses down and reformatted one; a third, new use arrived.
    const shifted = [use('no-moment', 'src/a.ts', 40, `  ${lines[0]}`), use('no-moment', 'src/a.ts', 52, "const   m = require('moment')"), use('no-moment', 'src/a.ts', 60, "import m2 from 'moment';")];
    const result = evaluate({ config: config(), matches: shifted, today: day('2026-06-01'), baseline, strictBaseline: false });
    expect(result.findings.map((f) => [f.line, f.new])).toEqual([[40, false], [52, false], [60, true]]);
    expect(result.passed).toBe(false);
    expect(result.rules[1]).toMatchObject({ count: 3, new: 1, fixed: 0 });
  });

  it('counts identical lines, reports removed uses as fixed, and fails on them only when strict', () => {
    const twice = buildBaseline([...original, use('no-moment', 'src/a.ts', 20, lines[0]!)]);
    expect(twice.find((e) => e.text === lines[0])!.count).toBe(2);
    const result = evaluate({ config: config(), matches: [original[1]!], today: day('2026-06-01'), baseline: twice, strictBaseline: false });
    expect(result.passed).toBe(true);
    expect(result.baseline!.fixed).toEqual([{ rule: 'no-moment', file: 'src/a.ts', text: lines[0], count: 2 }]);
    expect(result.rules[1]!.fixed).toBe(2);
    expect(evaluate({ config: config(), matches: [original[1]!], today: day('2026-06-01'), baseline: twice, strictBaseline: true }).passed).toBe(false);
  });

  it('refuses a pull request whose baseline grew to hide a new use', () => {
    const grown = buildBaseline([...original, use('no-moment', 'src/b.ts', 1, "import moment from 'moment';")]);
    const matches = [...original, use('no-moment', 'src/b.ts', 1, "import moment from 'moment';")];
    const result = evaluate({ config: config(), matches, today: day('2026-06-01'), baseline: grown, baseBaseline: baseline, strictBaseline: false });
    expect(result.findings.every((f) => !f.new)).toBe(true);
    expect(result.passed).toBe(false);
    expect(result.baseline!.grew).toEqual([{ rule: 'no-moment', file: 'src/b.ts', text: "import moment from 'moment';", added: 1 }]);
    // Shrinking is always fine.
    expect(evaluate({ config: config(), matches: original, today: day('2026-06-01'), baseline, baseBaseline: grown, strictBaseline: false }).passed).toBe(true);
  });

  it('writes one entry per line, and reads back what it wrote', () => {
    const text = serializeBaseline(baseline);
    expect(text.split('\n')).toEqual(['{', '  "version": 1,', '  "entries": [', expect.stringMatching(/^    {"rule":"no-moment","file":"src\/a.ts","fingerprint":"[0-9a-f]{16}","count":1,"text":/), expect.any(String), '  ]', '}', '']);
    expect(baselineFileSchema.parse(JSON.parse(text)).entries).toEqual(baseline);
  });
});

describe('diff mode', () => {
  it('keeps findings on added lines and in added files only', () => {
    const diff = parseUnifiedDiff([
      'diff --git a/src/a.ts b/src/a.ts',
      'index 1..2 100644',
      '--- a/src/a.ts',
      '+++ b/src/a.ts',
      '@@ -9,0 +10,2 @@ function x() {',
      '+added',
      '+added',
      '@@ -20 +22 @@',
      '-old',
      '+new',
      'diff --git a/src/new.ts b/src/new.ts',
      'new file mode 100644',
      '--- /dev/null',
      '+++ b/src/new.ts',
      '@@ -0,0 +1,3 @@',
      'diff --git "a/src/caf\\303\\251.ts" "b/src/caf\\303\\251.ts"',
      '--- "a/src/caf\\303\\251.ts"',
      '+++ "b/src/caf\\303\\251.ts"',
      '@@ -1 +1 @@',
    ].join('\n'));
    expect([...diff.lines.get('src/a.ts')!]).toEqual([10, 11, 22]);
    expect([...diff.addedFiles]).toEqual(['src/new.ts']);
    expect([...diff.lines.get('src/café.ts')!]).toEqual([1]);
    const matches = [use('no-moment', 'src/a.ts', 3, 'old use'), use('no-moment', 'src/a.ts', 11, 'new use'), use('no-moment', 'src/new.ts', 2, 'in new file')];
    const result = evaluate({ config: config(), matches, today: day('2026-06-01'), changed: { ...diff, base: 'abc', head: 'HEAD' }, strictBaseline: false });
    expect(result.findings.map((f) => `${f.file}:${f.line}`)).toEqual(['src/a.ts:11', 'src/new.ts:2']);
    expect(result.rules[1]!.count).toBe(3);
  });
});
