import type { Finding, Gate, Report } from '../../report/model';
import type { ConfigSource } from '../../config/load';
import type { GateResult } from './gate';
import { formatPercent } from './leak/trend';

function value(metric: string, observed: number | null, expression: string): string {
  if (observed === null) return 'no value';
  if (metric === 'memory') return `${formatPercent(observed)}/h`;
  if (metric === 'http_req_duration' && !/^count/.test(expression)) return `${Number(observed.toPrecision(4))} ms`;
  if ((metric === 'http_req_failed' && expression.startsWith('rate')) || expression.startsWith('429 share')) return `${(observed * 100).toPrecision(3)}%`;
  return String(Number(observed.toPrecision(6)));
}

export function loadReport(result: GateResult, source?: ConfigSource): Report {
  const failed = result.thresholds.filter((t) => !t.ok);
  const noData = result.thresholds.filter((t) => t.status === 'no-data');
  const regressions = result.baseline?.comparisons.filter((c) => c.verdict === 'regression') ?? [];
  const headline = result.invalid
    ? 'Invalid run: the load generator dropped requests, so the latencies describe a lighter load than planned'
    : failed.length > 0 || regressions.length > 0
      ? [failed.length > 0 ? `${failed.length} of ${result.thresholds.length} thresholds failed: ${failed.map((t) => `${t.key} ${t.expression}`).join(', ')}` : '', regressions.length > 0 ? `regression against the baseline: ${regressions.map((c) => c.metric).join(', ')}` : ''].filter(Boolean).join('; ')
      : `All ${result.thresholds.length} thresholds passed${noData.length ? ` (${noData.length} without data, allowed by noData)` : ''}`;
  const gates: Gate[] = result.thresholds.map((t) => ({
    id: `${t.key} ${t.expression}`,
    name: `${t.key} ${t.expression}`,
    status: t.status === 'no-data' ? (t.ok ? 'warn' : 'fail') : t.ok ? 'pass' : 'fail',
    observed: t.observed === null ? (t.status === 'no-data' ? 'no data' : 'no value') : `${value(t.metric, t.observed, t.expression)} (${t.samples.toLocaleString('en-US')} samples)`,
    expected: t.expression,
    details: `${t.reason ? `${t.reason}; ` : ''}${t.basis}`,
  }));
  const findings: Finding[] = result.thresholds.filter((t) => !t.ok).map((t) => {
    const line = source?.lineOf(t.configPath);
    return {
      level: 'error',
      title: `Load threshold ${t.status === 'no-data' ? 'has no data' : t.status === 'error' ? 'cannot be evaluated' : 'failed'}: ${t.key} ${t.expression}`,
      message: t.metric === 'memory' ? t.reason ?? t.basis : t.observed === null ? `${t.reason ?? 'no value'} (${t.basis})` : `observed ${value(t.metric, t.observed, t.expression)} over ${t.samples.toLocaleString('en-US')} samples; expected ${t.expression} (${t.basis})`,
      ...(source ? { file: source.file } : {}),
      ...(line ? { line } : {}),
      ruleId: t.metric === 'memory' ? 'load/leak' : `load/${t.metric}`,
    };
  });
  for (const c of result.baseline?.comparisons ?? []) {
    if (c.verdict === 'regression') findings.push({ level: 'error', title: `Regression against the baseline: ${c.metric}`, message: c.reason, ruleId: 'load/baseline' });
  }
  if (result.invalid) findings.unshift({ level: 'error', title: 'Invalid load run', message: 'The generator dropped requests it was scheduled to send; rerun with more capacity or a lower rate.', ruleId: 'load/dropped' });
  const notes = result.sources.flatMap((s) => s.notes.map((n) => `${s.file}: ${n}`));
  return {
    command: 'load',
    passed: result.passed,
    headline,
    gates,
    findings,
    sections: [
      ...(result.phases.length ? [{
        title: 'Phases',
        primary: true,
        table: {
          columns: ['Phase', 'Requests', 'Failed', '429', '5xx', 'Dropped', 'p95 ms', 'p99 ms'],
          rows: result.phases.map((p) => [p.name, p.requests.toLocaleString('en-US'), String(p.failed), String(p.status429), String(p.status5xx), String(p.dropped), p.p95Ms === null ? '—' : String(Number(p.p95Ms.toPrecision(4))), p.p99Ms === null ? '—' : String(Number(p.p99Ms.toPrecision(4)))]),
          align: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'] as Array<'left' | 'right'>,
        },
      }] : []),
      ...(result.baseline ? [{
        title: `Against the baseline (${result.baseline.file})`,
        primary: true,
        table: {
          columns: ['Metric', 'Baseline', 'Candidate', 'Delta', 'CI', 'p', 'Verdict'],
          rows: result.baseline.comparisons.map((c) => {
            const f = (x: number | null) => (x === null ? '—' : c.metric.startsWith('http_req_duration') ? `${Number(x.toPrecision(4))} ms` : `${(x * 100).toPrecision(3)}%`);
            return [c.metric, f(c.baseline), f(c.candidate), f(c.delta), c.ci ? `[${f(c.ci[0])}, ${f(c.ci[1])}]` : '—', c.pValue === null ? '—' : c.pValue.toPrecision(2), c.verdict];
          }),
        },
        text: result.baseline.comparisons.map((c) => `${c.metric}: ${c.reason}`).join('\n'),
      }] : []),
      ...(result.leak ? [{
        title: `Memory (${result.leak.source})`,
        primary: true,
        text: `${result.leak.verdict === 'leak' ? 'Leak: ' : result.leak.verdict === 'no-data' ? 'No trend: ' : 'No leak: '}${result.leak.reason}.`,
      }] : []),
      {
        title: 'Results read',
        primary: notes.length > 0,
        table: {
          columns: ['File', 'Format', 'Duration', 'Series'],
          rows: result.sources.map((s) => [s.file, s.format, s.durationSeconds !== undefined ? `${s.durationSeconds.toFixed(1)} s` : '—', String(s.series)]),
          align: ['left', 'left', 'right', 'right'],
        },
        ...(notes.length ? { text: notes.join('\n') } : {}),
      },
    ],
    rules: ['http_req_duration', 'http_req_failed', 'http_reqs', 'dropped_requests'].map((metric) => ({ id: `load/${metric}`, name: metric, description: `A k6-syntax threshold on ${metric}.` })).concat([
      { id: 'load/dropped', name: 'dropped', description: 'The load generator dropped scheduled requests.' },
      { id: 'load/baseline', name: 'baseline-regression', description: 'Worse than the baseline run beyond noise and the configured floors.' },
      { id: 'load/leak', name: 'memory-leak', description: 'Memory grew faster than the configured share per hour during the run.' },
    ]),
    outputs: { 'failed-thresholds': failed.map((t) => `${t.key} ${t.expression}`).join('; '), invalid: String(result.invalid), regressions: regressions.map((c) => c.metric).join('; ') },
  };
}
