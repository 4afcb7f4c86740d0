import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCheckRun, checkConclusion, CHECK_TEXT_LIMIT } from '../../src/report/checkrun';
import type { Finding, Report } from '../../src/report/model';
import { baseReport, report as reportArb } from './arbitraries';

const opts = { name: 'rollgate / checklist', headSha: 'a'.repeat(40) };
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function fileFindings(n: number): Finding[] {
  return Array.from({ length: n }, (_, i) => ({
    level: (['notice', 'warning', 'error'] as const)[i % 3]!,
    title: `F${i}`,
    message: `m${i}`,
    file: `src/f${i}.ts`,
    line: i + 1,
  }));
}

describe('checkConclusion', () => {
  it('is failure when the report did not pass', () => {
    expect(checkConclusion(baseReport({ passed: false }))).toBe('failure');
    expect(checkConclusion(baseReport({ passed: false, gates: [{ id: 'a', name: 'a', status: 'pass', details: '' }] }))).toBe('failure');
  });

  it('is neutral when it passed with a warning gate, a non-blocking failed gate, or error/warning findings', () => {
    expect(checkConclusion(baseReport({ gates: [{ id: 'a', name: 'a', status: 'warn', details: '' }] }))).toBe('neutral');
    expect(checkConclusion(baseReport({ gates: [{ id: 'a', name: 'a', status: 'fail', details: '' }] }))).toBe('neutral');
    expect(checkConclusion(baseReport({ findings: [{ level: 'warning', title: 't', message: 'm' }] }))).toBe('neutral');
  });

  it('is success when it passed with at most notices and skips', () => {
    expect(
      checkConclusion(
        baseReport({
          gates: [
            { id: 'a', name: 'a', status: 'pass', details: '' },
            { id: 'b', name: 'b', status: 'skip', details: '' },
          ],
          findings: [{ level: 'notice', title: 't', message: 'm' }],
        }),
      ),
    ).toBe('success');
  });
});

describe('buildCheckRun', () => {
  it('builds the create payload', () => {
    const payload = buildCheckRun(
      baseReport({
        passed: false,
        headline: '1 of 1 checks failed: coverage',
        gates: [{ id: 'c', name: 'coverage', status: 'fail', observed: '78%', expected: '80%', details: 'low' }],
        findings: [
          { level: 'error', title: 'Coverage', message: 'uncovered', file: 'src/a.ts', line: 3, endLine: 5, column: 2 },
          { level: 'warning', title: 'Lint', message: 'x', file: 'src/b.ts', line: 7, column: 4 },
          { level: 'notice', title: 'Whole file', message: 'y', file: 'src/c.ts' },
          { level: 'notice', title: 'Fileless', message: 'goes into the text' },
        ],
      }),
      { ...opts, detailsUrl: 'https://example.com/run', externalId: 'ext-1' },
    );
    expect(payload.create).toMatchObject({
      name: 'rollgate / checklist',
      head_sha: opts.headSha,
      status: 'completed',
      conclusion: 'failure',
      details_url: 'https://example.com/run',
      external_id: 'ext-1',
    });
    expect(payload.create.output.title).toBe('1 of 1 checks failed: coverage');
    expect(payload.create.output.summary).toContain('| ❌ fail | coverage | 78% | 80% | low |');
    expect(payload.create.output.annotations).toEqual([
      { path: 'src/a.ts', start_line: 3, end_line: 5, annotation_level: 'failure', title: 'Coverage', message: 'uncovered' },
      { path: 'src/b.ts', start_line: 7, end_line: 7, start_column: 4, end_column: 4, annotation_level: 'warning', title: 'Lint', message: 'x' },
      { path: 'src/c.ts', start_line: 1, end_line: 1, annotation_level: 'notice', title: 'Whole file', message: 'y' },
    ]);
    expect(payload.create.output.text).toContain('**Fileless**: goes into the text');
    expect(payload.create.output.text).not.toContain('uncovered');
    expect(payload.updates).toEqual([]);
  });

  it('leaves out details_url, external_id and text when there are none', () => {
    const payload = buildCheckRun(baseReport(), opts);
    expect(Object.keys(payload.create).sort()).toEqual(['conclusion', 'head_sha', 'name', 'output', 'status']);
    expect(payload.create.output).not.toHaveProperty('text');
    expect(payload.create.conclusion).toBe('success');
  });

  it.each([
    [0, 0, []],
    [1, 1, []],
    [50, 50, []],
    [51, 50, [1]],
    [100, 50, [50]],
    [120, 50, [50, 20]],
  ])('sends %i annotations as %i in create and batches %j in updates', (total, first, batches) => {
    const payload = buildCheckRun(baseReport({ findings: fileFindings(total) }), opts);
    expect(payload.create.output.annotations).toHaveLength(first);
    expect(payload.updates.map((update) => update.output.annotations.length)).toEqual(batches);
    const all = [payload.create.output.annotations, ...payload.updates.map((update) => update.output.annotations)].flat();
    expect(all).toHaveLength(total);
    // Failures go first so the first request carries the worst.
    const levels = all.map((annotation) => annotation.annotation_level);
    expect(levels).toEqual([...levels].sort((a, b) => ['failure', 'warning', 'notice'].indexOf(a) - ['failure', 'warning', 'notice'].indexOf(b)));
    for (const update of payload.updates) {
      expect(update.output.title).toBe(payload.create.output.title);
      expect(update.output.summary).toBe(payload.create.output.summary);
    }
  });

  it('truncates summary and text below 65,535 characters without splitting a surrogate pair', () => {
    const gates = Array.from({ length: 3_000 }, (_, i) => ({
      id: `g${i}`,
      name: `gate ${i}`,
      status: 'pass' as const,
      details: '😀'.repeat(i % 5) + 'x'.repeat(i % 3),
    }));
    const text = Array.from({ length: 20_000 }, (_, i) => 'a'.repeat(i % 2) + '😀'.repeat(3)).join('\n');
    const payload = buildCheckRun(baseReport({ gates, sections: [{ title: 'Log', text }] }), { ...opts, detailsUrl: 'https://example.com/r' });
    const { summary, text: out } = payload.create.output;
    for (const value of [summary, out!]) {
      expect(value.length).toBeLessThan(CHECK_TEXT_LIMIT);
      expect(value.length).toBeGreaterThan(CHECK_TEXT_LIMIT - 500);
      expect(value).not.toMatch(loneSurrogate);
      expect(value).toContain('**Truncated:**');
      expect(value).toContain('(https://example.com/r)');
    }
  });

  it('keeps the title within 255 characters on a character boundary', () => {
    const payload = buildCheckRun(baseReport({ headline: `x${'😀'.repeat(300)}` }), opts);
    const title = payload.create.output.title;
    expect(title.length).toBeLessThanOrEqual(255);
    expect(title.length).toBeGreaterThan(250);
    expect(title).not.toMatch(loneSurrogate);
    expect(title.endsWith('…')).toBe(true);
    expect(buildCheckRun(baseReport({ headline: 'two\nlines' }), opts).create.output.title).toBe('two lines');
  });

  it('clips an annotation title to 255 characters and drops columns on multi-line ranges', () => {
    const [annotation] = buildCheckRun(
      baseReport({ findings: [{ level: 'error', title: 'T'.repeat(400), message: 'm', file: 'a.ts', line: 2, endLine: 3, column: 5 }] }),
      opts,
    ).create.output.annotations;
    expect(annotation!.title).toHaveLength(255);
    expect(annotation).not.toHaveProperty('start_column');
    expect(annotation).not.toHaveProperty('end_column');
  });

  it('property: any report yields payloads within every API limit', () => {
    fc.assert(
      fc.property(reportArb, (report: Report) => {
        const payload = buildCheckRun(report, opts);
        const outputs = [payload.create.output, ...payload.updates.map((update) => update.output)];
        for (const output of outputs) {
          expect(output.annotations.length).toBeLessThanOrEqual(50);
          expect(output.title.length).toBeLessThanOrEqual(255);
          expect(output.summary.length).toBeLessThan(CHECK_TEXT_LIMIT);
          for (const annotation of output.annotations) {
            expect(annotation.path).not.toBe('');
            expect(annotation.start_line).toBeGreaterThanOrEqual(1);
            expect(annotation.end_line).toBeGreaterThanOrEqual(annotation.start_line);
            expect(annotation.title.length).toBeLessThanOrEqual(255);
            if (annotation.start_column !== undefined) expect(annotation.end_line).toBe(annotation.start_line);
          }
        }
        expect(outputs.flatMap((output) => output.annotations)).toHaveLength(report.findings.filter((f) => f.file).length);
        if (payload.create.output.text !== undefined) expect(payload.create.output.text.length).toBeLessThan(CHECK_TEXT_LIMIT);
      }),
      { numRuns: 200 },
    );
  });
});
