import * as r from '../../src/report/index';
import { test } from 'vitest';
import type { Report } from '../../src/report/model';
test('demo', () => {
const report: Report = {
  command: 'checklist', passed: false, headline: '2 of 4 checks failed: coverage, tests',
  gates: [
    { id: 'coverage', name: 'coverage', status: 'fail', observed: 'lines 78.5%', expected: '≥ 80%', details: 'Line coverage below threshold', durationSeconds: 0.25 },
    { id: 'tests', name: 'tests', status: 'pass', observed: '120 passed', expected: '0 failed', details: 'ok', durationSeconds: 1.5 },
    { id: 'lint', name: 'lint | style', status: 'warn', observed: '3 warnings', details: 'a <b>bold</b> claim\nsecond line' },
    { id: 'docs', name: 'docs 文档', status: 'skip', details: 'no docs folder' },
  ],
  findings: [
    { level: 'error', title: 'Coverage', message: 'Line not covered', file: 'src/a.ts', line: 3, endLine: 4, column: 2, ruleId: 'coverage/line' },
    { level: 'warning', title: 'Lint', message: 'multi\nline 100%', file: 'src/b c.ts', line: 10 },
    { level: 'notice', title: 'Note', message: 'no file here' },
  ],
  sections: [
    { title: 'Latency', text: 'Para one\nline two\n\n# not a heading', chart: { kind: 'bar', title: 'p95 "latency"', labels: ['a', 'b'], values: [12.5, 90], yLabel: 'ms', threshold: 80 } },
    { title: 'Raw <data>', collapsed: true, table: { columns: ['k', 'v'], rows: [['a|b', '1'], ['x']], align: ['left', 'right'] } },
  ],
  rules: [{ id: 'coverage/line', name: 'UncoveredLine', description: 'A changed line is not covered', helpUri: 'https://example.com/r' }],
  outputs: {},
};
const out: string[] = [];
out.push(r.renderMarkdown(report));
out.push(r.renderTerminal(report, { color: false, verbose: true }));
out.push(r.renderTerminal(report, { color: true }));
out.push(r.renderAnnotations(report.findings, { moreAt: 'x' }).join('\n'));
out.push(r.renderJUnit(report));
out.push(JSON.stringify(r.buildCheckRun(report, { name: 'rollgate', headSha: 'abc' }), null, 1));
out.push(JSON.stringify(r.renderSarif(report, { toolVersion: '0.1.0' }), null, 1));
process.stdout.write(out.join('\n=======\n'));
});
