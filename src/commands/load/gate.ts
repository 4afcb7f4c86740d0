/**
 * The load gate, pure: results and config in, every threshold's verdict out.
 */
import { evaluateThreshold, locate, type ThresholdOutcome, type ViewCache } from './evaluate';
import { compareToBaseline, type BaselineResult } from './baseline';
import type { LeakAssessment } from './leak/trend';
import type { LoadResult } from './model';
import type { LoadConfig } from './schema';
import { formatKey, parseExpression, parseMetricKey, type Expression, type MetricKey } from './thresholds';

export interface GateResult {
  passed: boolean;
  /** A run that could not be trusted (a generator that dropped requests). Never passed. */
  invalid: boolean;
  thresholds: Array<ThresholdOutcome & { key: string; configPath: Array<string | number> }>;
  sources: Array<{ file: string; format: LoadResult['format']; durationSeconds?: number; series: number; notes: string[] }>;
  /** Against a previous run, when --baseline was given. */
  baseline?: BaselineResult;
  /** The soak leak check, when `load run` sampled memory. */
  leak?: LeakAssessment;
  /** Per phase, when the results are tagged by phase (rollgate load run, k6 with a phase tag). */
  phases: Array<{ name: string; requests: number; failed: number; status429: number; status5xx: number; dropped: number; p95Ms: number | null; p99Ms: number | null }>;
}

/** The config's thresholds, parsed, each with where it is in the config (the schema already refused any that do not parse). */
export function configThresholds(config: LoadConfig): Array<{ key: MetricKey; expression: Expression; configPath: Array<string | number> }> {
  return Object.entries(config.thresholds).flatMap(([keyText, list]) => {
    const key = parseMetricKey(keyText) as MetricKey;
    return list.flatMap((text, index) => {
      const expression = parseExpression(text, key.metric);
      return typeof expression === 'string' ? [] : [{ key, expression, configPath: ['thresholds', keyText, index] }];
    });
  });
}

export function gate(config: LoadConfig, results: LoadResult[], baseline?: LoadResult, leak?: LeakAssessment): GateResult {
  const series = locate(results);
  const thresholds: GateResult['thresholds'] = [];
  const cache: ViewCache = new Map();
  for (const { key, expression, configPath } of configThresholds(config)) {
    thresholds.push({ ...evaluateThreshold(series, key, expression, config.noData, cache), key: formatKey(key), configPath });
  }
  if (config.rateLimit) thresholds.push(...rateLimitOutcomes(config.rateLimit, series, config.noData));
  if (leak) thresholds.push(leakOutcome(leak, config.noData));
  // Drops mean the generator could not keep the schedule: the latencies describe a lighter load than asked for.
  const dropped = series.filter((s) => s.metric === 'dropped_requests').reduce((sum, s) => sum + (s.metric === 'dropped_requests' ? s.count : 0), 0);
  const invalid = dropped > 0;
  // An absolute threshold breach fails whatever the baseline says; the baseline can only add failures.
  const comparison = baseline
    ? compareToBaseline(baseline, { format: 'rollgate', file: results.map((r) => r.file).join(', '), series: results.flatMap((r) => r.series), notes: [] }, config.baseline)
    : undefined;
  return {
    phases: phaseSummaries(series, cache),
    ...(comparison ? { baseline: comparison } : {}),
    ...(leak ? { leak } : {}),
    passed: !invalid && thresholds.every((t) => t.ok) && !comparison?.regression,
    invalid,
    thresholds,
    sources: results.map((r) => ({ file: r.file, format: r.format, ...(r.durationSeconds !== undefined ? { durationSeconds: r.durationSeconds } : {}), series: r.series.length, notes: r.notes })),
  };
}

type Located = ReturnType<typeof locate>[number];

/** The leak check as one more threshold, so it reaches every output the thresholds do. */
function leakOutcome(leak: LeakAssessment, noData: LoadConfig['noData']): GateResult['thresholds'][number] {
  const base = { metric: 'memory', expression: `growth<=${Number((leak.limit * 100).toPrecision(3))}%/h`, key: `leak{${leak.source}}`, configPath: ['leak', 'maxGrowthPerHour'], samples: leak.samples, basis: `least-squares trend of ${leak.samples} of ${leak.taken} memory samples` };
  if (leak.verdict === 'no-data') return { ...base, status: 'no-data', ok: noData !== 'fail', observed: null, reason: leak.reason };
  return { ...base, status: leak.verdict === 'ok' ? 'pass' : 'fail', ok: leak.verdict === 'ok', observed: leak.growthPerHour, reason: leak.reason };
}

/**
 * The rate-limit assertion: in the overload phase, the share of requests
 * answered 429 and the number of 5xx. It counts every request of the phase
 * (of the endpoint, if given), the load above the sustainable rate and below it alike.
 */
function rateLimitOutcomes(rule: NonNullable<LoadConfig['rateLimit']>, series: Located[], noData: LoadConfig['noData']): GateResult['thresholds'] {
  const scope = { phase: rule.phase, ...(rule.endpoint ? { endpoint: rule.endpoint } : {}) };
  const inScope = series.filter((s) => s.metric === 'http_reqs' && !s.exactOnly && Object.entries(scope).every(([k, v]) => s.tags[k] === v) && s.tags.status !== undefined);
  let total = 0;
  let tooMany = 0;
  let serverErrors = 0;
  for (const s of inScope) {
    if (s.metric !== 'http_reqs') continue;
    total += s.count;
    if (s.tags.status === '429') tooMany += s.count;
    if (/^5\d\d$/.test(s.tags.status ?? '')) serverErrors += s.count;
  }
  const key = `rateLimit{${Object.entries(scope).map(([k, v]) => `${k}:${v}`).join(',')}}`;
  const basis = `http_reqs by status over ${inScope.length} series`;
  const out: GateResult['thresholds'] = [];
  const push = (expression: string, field: string, observed: number, ok: boolean) => out.push({ metric: 'http_reqs', expression, key, configPath: ['rateLimit', field], status: ok ? 'pass' : 'fail', ok, observed, samples: total, basis });
  if (total === 0) {
    for (const field of ['min429Share', 'max5xx'] as const) {
      if (rule[field] === undefined) continue;
      out.push({ metric: 'http_reqs', expression: field === 'min429Share' ? `429 share>=${rule.min429Share}` : `5xx count<=${rule.max5xx}`, key, configPath: ['rateLimit', field], status: 'no-data', ok: noData !== 'fail', observed: null, samples: 0, basis, reason: `no requests tagged ${key.slice('rateLimit'.length)} with a status in the results` });
    }
    return out;
  }
  if (rule.min429Share !== undefined) push(`429 share>=${rule.min429Share}`, 'min429Share', tooMany / total, tooMany / total >= rule.min429Share);
  if (rule.max5xx !== undefined) push(`5xx count<=${rule.max5xx}`, 'max5xx', serverErrors, serverErrors <= rule.max5xx);
  return out;
}

function phaseSummaries(series: Located[], cache: ViewCache): GateResult['phases'] {
  const names: string[] = [];
  for (const s of series) {
    const phase = s.tags.phase;
    if (phase !== undefined && !names.includes(phase)) names.push(phase);
  }
  return names.map((name) => {
    let requests = 0;
    let failed = 0;
    let status429 = 0;
    let status5xx = 0;
    let dropped = 0;
    for (const s of series) {
      if (s.tags.phase !== name || s.exactOnly) continue;
      if (s.metric === 'http_reqs') {
        requests += s.count;
        if (s.tags.status === '429') status429 += s.count;
        if (/^5\d\d$/.test(s.tags.status ?? '')) status5xx += s.count;
      } else if (s.metric === 'http_req_failed') failed += s.failed;
      else if (s.metric === 'dropped_requests') dropped += s.count;
    }
    const key = { metric: 'http_req_duration', tags: { phase: name } };
    const percentile = (p: number) => {
      const outcome = evaluateThreshold(series, key, { aggregation: { kind: 'p', percentile: p }, operator: '<', value: 0, source: `p(${p})` }, 'pass', cache);
      return outcome.observed;
    };
    return { name, requests, failed, status429, status5xx, dropped, p95Ms: percentile(95), p99Ms: percentile(99) };
  });
}
