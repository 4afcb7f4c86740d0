import type { Finding, Gate, Report, Section } from '../../report/model';
import type { AbResult, MetricResult, VariantEffect } from './analyze';

const pct = (x: number, digits = 1) => (Number.isFinite(x) ? `${x > 0 ? '+' : ''}${(x * 100).toFixed(digits)}%` : '—');
const num = (x: number) => (Number.isFinite(x) ? (Math.abs(x) >= 1e4 || (x !== 0 && Math.abs(x) < 1e-3) ? x.toExponential(3) : String(Number(x.toPrecision(4)))) : '—');
const pv = (x: number) => (x < 1e-4 ? x.toExponential(1) : x.toFixed(4));

function meanText(metric: MetricResult, mean: number): string {
  return metric.type === 'binomial' ? `${(mean * 100).toFixed(2)}%` : num(mean);
}

function effectText(v: VariantEffect): string {
  return Number.isFinite(v.relativeEffect)
    ? `${pct(v.relativeEffect)} [${pct(v.relativeCi[0])}, ${pct(v.relativeCi[1])}]`
    : `${num(v.absoluteEffect)} [${num(v.absoluteCi[0])}, ${num(v.absoluteCi[1])}]`;
}

function headline(result: AbResult): string {
  const primary = result.metrics.find((m) => m.primary);
  switch (result.decision) {
    case 'invalid':
      return result.srm.mismatch
        ? `Invalid: sample ratio mismatch (p = ${pv(result.srm.pValue)}); do not read the effects`
        : 'Invalid: a variant has too few units';
    case 'stop': {
      const worse = result.metrics.flatMap((m) => (m.guardrail || m.primary ? m.variants.filter((v) => v.verdict === 'worse').map((v) => `${m.name} ${pct(v.relativeEffect)} for ${v.id}`) : []));
      return `Stop: significantly worse: ${worse.join(', ')}`;
    }
    case 'ship': {
      const best = primary!.variants.filter((v) => v.verdict === 'better').sort((a, b) => b.chanceToWin - a.chanceToWin)[0]!;
      return `Ship ${best.id}: ${primary!.name} ${effectText(best)}, p = ${pv(best.adjustedPValue)}`;
    }
    default:
      return primary && primary.variants[0]
        ? `Keep running: ${primary.name} ${effectText(primary.variants[0])} is not yet significant`
        : 'Keep running: no significant result';
  }
}

function gates(result: AbResult): Gate[] {
  const out: Gate[] = [{
    id: 'srm',
    name: 'sample ratio',
    status: result.srm.mismatch ? 'fail' : 'pass',
    observed: `χ² = ${result.srm.chiSquare.toFixed(2)}, p = ${pv(result.srm.pValue)}`,
    expected: `p ≥ ${result.settings.srmAlpha}`,
    details: Object.keys(result.srm.observed).map((id) => `${id}: ${result.srm.observed[id]} units (expected ${result.srm.expected[id]!.toFixed(0)})`).join('; '),
  }];
  for (const metric of result.metrics) {
    const role = metric.primary ? 'primary' : metric.guardrail ? 'guardrail' : 'secondary';
    for (const v of metric.variants) {
      const worse = v.verdict === 'worse';
      const status = worse ? (metric.primary || metric.guardrail ? 'fail' : 'warn') : metric.primary && v.verdict !== 'better' ? 'warn' : 'pass';
      out.push({
        id: `${metric.name}/${v.id}`,
        name: `${metric.name} (${role}) ${v.id}`,
        status,
        observed: `${effectText(v)}, p = ${pv(v.adjustedPValue)}`,
        expected: metric.guardrail ? 'not significantly worse' : metric.primary ? 'significantly better' : 'not significantly worse',
        details: `${metric.goal === 'increase' ? 'higher' : 'lower'} is better; control ${meanText(metric, metric.control.mean)}, ${v.id} ${meanText(metric, v.mean)}; chance to win ${(v.chanceToWin * 100).toFixed(1)}%`,
      });
    }
  }
  return out;
}

function sections(result: AbResult): Section[] {
  const rows = result.metrics.flatMap((m) => m.variants.map((v) => [
    `${m.name}${m.primary ? ' ★' : m.guardrail ? ' ⛨' : ''}`,
    v.id,
    meanText(m, m.control.mean),
    meanText(m, v.mean),
    effectText(v),
    pv(v.pValue),
    m.guardrail || result.settings.correction === 'none' ? '—' : pv(v.adjustedPValue),
    `${(v.chanceToWin * 100).toFixed(1)}%`,
    v.verdict === 'flat' ? 'no significant change' : v.verdict,
  ]));
  const interval = result.settings.sequential ? 'confidence sequence' : `${((1 - result.settings.alpha) * 100).toFixed(0)}% CI`;
  const out: Section[] = [
    { title: 'Decision', text: result.reasons.join('\n'), primary: true },
    {
      title: 'Metrics',
      primary: true,
      text: `★ primary, ⛨ guardrail. Effect is relative to control with its ${interval}; p-values are ${result.settings.sequential ? 'always-valid (safe to peek)' : 'fixed-horizon'}, adjusted by ${result.settings.correction} over the non-guardrail metrics.`,
      table: {
        columns: ['Metric', 'Variant', 'Control', 'Variant mean', `Effect [${interval}]`, 'p', 'Adj. p', 'Chance to win', 'Verdict'],
        rows,
        align: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
      },
      chart: {
        kind: 'interval',
        title: `Relative effect with its ${interval}`,
        unit: '%',
        reference: 0,
        rows: result.metrics.flatMap((m) => m.variants.filter((v) => Number.isFinite(v.relativeEffect)).map((v) => ({
          label: `${m.name} ${v.id}`,
          estimate: v.relativeEffect * 100,
          lower: v.relativeCi[0] * 100,
          upper: v.relativeCi[1] * 100,
        }))),
      },
    },
  ];
  if (result.power) {
    out.push({
      title: 'Power',
      text: `${result.power.primaryMetric}: ${(result.power.achievedPower * 100).toFixed(1)}% power now to detect a ${(result.power.mde * 100).toFixed(1)}% relative change at alpha ${result.settings.alpha}; ${result.power.unitsNeededPerVariant.toLocaleString('en-US')} units per variant reach the target.`,
    });
  }
  if (result.rows) {
    const { read, used, unknownVariant, malformed } = result.rows;
    const lines = [`${read.toLocaleString('en-US')} rows read, ${used.toLocaleString('en-US')} used.`];
    if (unknownVariant && unknownVariant.count > 0) lines.push(`${unknownVariant.count.toLocaleString('en-US')} rows with an unknown variant (${unknownVariant.names.map((n) => JSON.stringify(n)).join(', ')}), first at line ${unknownVariant.firstLine}.`);
    for (const [column, reject] of Object.entries(malformed ?? {})) lines.push(`${reject.count.toLocaleString('en-US')} rows with a bad ${column} value, first at line ${reject.firstLine}: ${reject.example}.`);
    out.push({ title: 'Data', text: lines.join('\n'), primary: lines.length > 1 });
  }
  const notes = result.metrics.flatMap((m) => m.notes.map((n) => `${m.name}: ${n}`));
  if (notes.length > 0) out.push({ title: 'Notes', text: notes.join('\n'), primary: true });
  return out;
}

function findings(result: AbResult): Finding[] {
  const out: Finding[] = [];
  if (result.srm.mismatch) {
    out.push({ level: 'error', title: 'Sample ratio mismatch', message: result.reasons[0] ?? 'the observed split differs from the allocation', ruleId: 'ab/srm' });
  }
  const file = result.source.file;
  const unknown = result.rows?.unknownVariant;
  if (unknown && unknown.count > 0) {
    out.push({ level: 'warning', title: 'Rows with an unknown variant', message: `${unknown.count} rows name a variant not in the allocation (${unknown.names.map((n) => JSON.stringify(n)).join(', ')}); they were not analysed.`, file, line: unknown.firstLine, ruleId: 'ab/unknown-variant' });
  }
  for (const [column, reject] of Object.entries(result.rows?.malformed ?? {})) {
    out.push({ level: 'warning', title: `Rows with a bad ${column} value`, message: `${reject.count} rows were not analysed; the first has ${reject.example}.`, file, line: reject.firstLine, ruleId: 'ab/malformed-row' });
  }
  for (const metric of result.metrics) {
    for (const v of metric.variants) {
      if (v.verdict === 'worse' && (metric.guardrail || metric.primary)) {
        out.push({ level: 'error', title: `${metric.guardrail ? 'Guardrail' : 'Primary metric'} ${metric.name} is worse for ${v.id}`, message: `${effectText(v)}, p = ${pv(v.adjustedPValue)}`, ruleId: metric.guardrail ? 'ab/guardrail' : 'ab/primary' });
      }
    }
  }
  return out;
}

export function abReport(result: AbResult): Report {
  return {
    command: 'ab',
    passed: result.passed,
    headline: headline(result),
    gates: gates(result),
    findings: findings(result),
    sections: sections(result),
    ...(result.srm.mismatch ? { banner: { level: 'caution' as const, title: 'Sample ratio mismatch.', text: `${result.reasons[0] ?? ''}` } } : {}),
    rules: [
      { id: 'ab/srm', name: 'sample-ratio-mismatch', description: 'The observed split of units differs from the configured allocation.' },
      { id: 'ab/guardrail', name: 'guardrail', description: 'A guardrail metric got significantly worse.' },
      { id: 'ab/primary', name: 'primary-metric', description: 'The primary metric got significantly worse.' },
      { id: 'ab/unknown-variant', name: 'unknown-variant', description: 'Data rows name a variant that is not in the allocation.' },
      { id: 'ab/malformed-row', name: 'malformed-row', description: 'Data rows with a missing or malformed value.' },
    ],
    outputs: { decision: result.decision, 'srm-p-value': String(result.srm.pValue) },
  };
}
