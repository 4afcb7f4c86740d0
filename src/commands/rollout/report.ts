/**
 * A rollout run as a channel-neutral report: what happened and why in the
 * headline, one gate line per health gate with its value against its bound,
 * the breaker, the next step and when, and the percent over time.
 */
import { formatTimeLeft, msOf } from './duration';
import type { Banner, Finding, Gate, Report, Section } from '../../report/model';
import type { RolloutResult } from './run';
import type { GateResult } from './state-schema';

const GATE_STATUS: Record<GateResult['status'], Gate['status']> = { pass: 'pass', breach: 'warn', critical: 'fail', 'no-data': 'skip' };

function observedText(gate: GateResult): string {
  if (gate.observed === null) return gate.status === 'no-data' ? `no data${gate.note ? ` (${gate.note})` : ''}` : (gate.note ?? 'not a finite number');
  if (!Number.isFinite(gate.observed)) return gate.observed > 0 ? '+Inf' : '-Inf';
  return `${Number.isInteger(gate.observed) ? gate.observed : Number(gate.observed.toPrecision(6))}${gate.samples !== undefined ? ` (${gate.samples} samples)` : ''}`;
}

function nextStep(result: RolloutResult): string {
  switch (result.state) {
    case 'pending':
      return 'Start the rollout: rollgate rollout start --ref <tag or sha>.';
    case 'paused':
      return 'Paused: nothing happens until someone resumes (action: resume).';
    case 'rolled-back':
      return 'Rolled back: fix the cause, then resume by hand (workflow_dispatch with action: resume). Scheduled ticks do nothing meanwhile.';
    case 'aborted':
      return 'Aborted: nothing more happens. Start a new rollout to try again.';
    case 'completed':
      return 'Completed: the flag is fully on. Nothing more to do.';
    default: {
      if (!result.nextCheckAfter) return 'The next tick checks the gates again.';
      const wait = msOf(result.nextCheckAfter) - msOf(result.now);
      const nextStage = result.stageIndex !== null ? result.stages[result.stageIndex + 1] : undefined;
      const target = nextStage ? `${nextStage.name} (${nextStage.percent}%)` : 'the next wave';
      return wait > 0
        ? `Every tick checks the gates; with all green, the first tick after ${result.nextCheckAfter} (in ${formatTimeLeft(wait)}) moves to ${target}.`
        : `The next tick with all gates green moves to ${target}.`;
    }
  }
}

function timeline(result: RolloutResult): Section | undefined {
  const points = result.history.filter((line) => line.environment === result.environment);
  if (points.length === 0) return undefined;
  const label = (iso: string) => iso.slice(5, 16).replace('T', ' ');
  const labels = ['', ...points.map((line) => label(line.at)), 'now'];
  const values = [0, ...points.map((line) => line.percent), result.percent];
  return {
    title: 'Stage timeline',
    text: `Percent of traffic with ${result.flag} on in ${result.environment}, at each change (UTC).`,
    chart: { kind: 'bar', style: 'line', title: `${result.flag} in ${result.environment}`, labels, values, yLabel: 'percent' },
    primary: true,
  };
}

export function rolloutReport(result: RolloutResult): Report {
  const where = `${result.environment} ${result.percent}%${result.stage ? ` (${result.stage})` : ''}`;
  const headline = `${result.flag}, ${where}: ${result.reason}${result.dryRun ? ' [dry run: nothing saved or written]' : ''}`;

  const gates: Gate[] = result.gates.map((gate) => ({
    id: gate.name,
    name: gate.name,
    status: GATE_STATUS[gate.status],
    observed: observedText(gate),
    expected: gate.threshold,
    details: [gate.status, gate.query ? `query: ${gate.query}` : ''].filter(Boolean).join('; '),
  }));

  const findings: Finding[] = [];
  const automaticRollback = result.action === 'rolled-back' && result.lastRollback?.manual === false;
  if (automaticRollback && result.dryRun) findings.push({ level: 'warning', title: `Would roll back ${result.flag}`, message: `${result.reason} (dry run: nothing was changed)`, ruleId: 'rollout/rolled-back' });
  else if (automaticRollback) findings.push({ level: 'error', title: `Rolled back ${result.flag}`, message: result.reason, ruleId: 'rollout/rolled-back' });
  else if (result.action === 'held' && result.consecutiveBreaches > 0) {
    findings.push({ level: 'warning', title: `${result.flag}: breach ${result.consecutiveBreaches} of ${result.breaker.limit}`, message: result.reason, ruleId: 'rollout/breach' });
  }
  for (const warning of result.warnings) findings.push({ level: 'warning', title: 'Rollout', message: warning, ruleId: 'rollout/warning' });

  const banner: Banner | undefined = automaticRollback
    ? { level: 'caution', title: result.dryRun ? 'A tick now would roll back' : 'Automatic rollback', text: result.reason }
    : result.action === 'completed'
      ? { level: 'note', title: 'Rollout completed', text: result.reason }
      : undefined;

  const sections: Section[] = [];
  const chart = timeline(result);
  if (chart) sections.push(chart);
  const critical = Object.entries(result.breaker.critical).map(([name, value]) => `${name} ${value}`).join(', ');
  sections.push({
    title: 'Breaker and next step',
    text: [
      `Breaches in a row: ${result.consecutiveBreaches} of ${result.breaker.limit} (a pass resets the count; missing data neither counts nor resets).`,
      critical ? `Critical values roll back at once: ${critical}.` : 'No critical values are configured.',
      nextStep(result),
    ].join('\n'),
    primary: true,
  });
  if (result.waves.length > 1) {
    sections.push({ title: 'Waves', table: { columns: ['Environment', 'Status', 'Percent'], rows: result.waves.map((wave) => [wave.environment, wave.status, `${wave.percent}%`]) } });
  }
  const actions = [
    ...result.flagWrites.map((write) => `${write.retry ? 'Re-applied' : 'Set'} ${write.environment} to ${write.percent}%: ${write.detail}${write.changed ? '' : ' (already so)'}`),
    ...result.github,
    `State: ${result.store}${result.conflicts ? ` (${result.conflicts} concurrent run${result.conflicts === 1 ? '' : 's'} saved first; decided again)` : ''}; ${result.githubRequests} GitHub API request${result.githubRequests === 1 ? '' : 's'}.`,
  ];
  sections.push({ title: 'What this run changed', text: actions.join('\n') });
  if (result.history.length > 0) {
    sections.push({
      title: 'History',
      collapsed: true,
      table: { columns: ['When (UTC)', 'Action', 'Environment', 'Percent', 'Why'], rows: result.history.slice(-30).map((line) => [line.at, line.action, line.environment, `${line.percent}%`, line.reason]) },
    });
  }

  return {
    command: 'rollout',
    passed: result.passed,
    headline,
    gates,
    findings,
    sections,
    ...(banner ? { banner } : {}),
    outputs: {
      action: result.action,
      state: result.state,
      environment: result.environment,
      stage: result.stage ?? '',
      percent: String(result.percent),
      'next-check-after': result.nextCheckAfter ?? '',
      'consecutive-breaches': String(result.consecutiveBreaches),
    },
  };
}
