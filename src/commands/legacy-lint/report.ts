/**
 * The legacy lint's result as a channel-neutral report: one gate per rule,
 * a finding per new use (at file:line:column, with the rule's message as the
 * replacement hint), allowlist and baseline problems pointing at the line to
 * edit, and a per-rule table of counts, change against the baseline, days to
 * sunset and owners.
 */
import type { ConfigSource } from '../../config/load';
import type { Finding, Gate, Report, Section } from '../../report/model';
import type { LegacyLintResult } from './run';

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? word : many}`;
}

function sunsetText(rule: LegacyLintResult['rules'][number]): string {
  if (rule.sunset === undefined) return '—';
  const days = rule.daysLeft!;
  if (days > 0) return `${rule.sunset} (${plural(days, 'day')} left)`;
  return `${rule.sunset} (passed${days < 0 ? `, ${plural(-days, 'day')} ago` : ', today'})`;
}

export function legacyLintReport(result: LegacyLintResult, source?: ConfigSource): Report {
  const fresh = result.findings.filter((f) => f.new && !f.allowed);
  const freshErrors = fresh.filter((f) => f.severity === 'error');
  const fixed = result.baseline?.fixed ?? [];
  const fixedCount = fixed.reduce((sum, f) => sum + f.count, 0);
  const grew = result.baseline?.grew ?? [];
  const configLine = (path: Array<string | number>) => (source ? source.lineOf(path) : undefined);

  const problems: string[] = [];
  if (freshErrors.length) problems.push(`${plural(freshErrors.length, 'new legacy use')} (${[...new Set(freshErrors.map((f) => f.rule))].join(', ')})`);
  if (result.expired.length) problems.push(`${plural(result.expired.length, 'expired allow entry', 'expired allow entries')}`);
  if (result.stale.length) problems.push(`${plural(result.stale.length, 'stale allow entry', 'stale allow entries')}`);
  if (grew.length) problems.push('the baseline grew in this pull request');
  if (result.passed === false && problems.length === 0 && fixed.length) problems.push(`${plural(fixedCount, 'fixed use')} still in the baseline (--strict-baseline)`);
  const scope = result.changedOnly ? ` on lines added since ${result.changedOnly.against}` : '';
  const headline = problems.length
    ? `${problems.join('; ')}${scope}`
    : `No new legacy uses${scope}${fresh.length ? ` (${plural(fresh.length, 'warning')} before sunset)` : ''}${result.baseline ? `; ${plural(result.findings.filter((f) => !f.new && !f.allowed).length, 'known use')} in the baseline` : ''}${fixedCount ? `, ${fixedCount} fixed` : ''}`;

  const gates: Gate[] = result.rules.map((rule) => {
    const newErrors = fresh.filter((f) => f.rule === rule.id && f.severity === 'error').length;
    const newWarnings = fresh.filter((f) => f.rule === rule.id && f.severity === 'warning').length;
    const parts = [`${rule.new} new`, `${rule.count - rule.new - rule.allowed} known`, rule.allowed ? `${rule.allowed} allowed` : '', rule.fixed ? `${rule.fixed} fixed` : ''].filter(Boolean);
    return {
      id: rule.id,
      name: rule.id,
      status: newErrors ? 'fail' : newWarnings ? 'warn' : 'pass',
      observed: parts.join(', '),
      expected: rule.sunset !== undefined ? `no new uses; sunset ${sunsetText(rule)}` : `no new uses (${rule.severity})`,
      details: `${rule.kind} rule, ${plural(rule.count, 'use')} in the tree`,
    };
  });

  const findings: Finding[] = fresh.map((f) => ({
    level: f.severity,
    title: `${f.rule}: ${f.matched}`,
    message: f.message,
    file: f.file,
    line: f.line,
    column: f.column,
    ruleId: f.rule,
    identity: f.identity,
  }));
  for (const e of result.expired) {
    const line = configLine(['allow', e.index, 'expires']);
    findings.push({ level: 'error', title: `Allow entry expired: ${e.rule} in ${e.path}`, message: `${e.reason} (owner ${e.owner}). Remove the use, or renew the entry with a new date and a reason.`, ...(source ? { file: source.file } : {}), ...(line ? { line } : {}), ruleId: 'legacy-lint/allow-expired' });
  }
  for (const s of result.stale) {
    const line = configLine(['allow', s.index]);
    findings.push({ level: 'error', title: `Stale allow entry: ${s.rule} in ${s.path}`, message: s.reason, ...(source ? { file: source.file } : {}), ...(line ? { line } : {}), ruleId: 'legacy-lint/allow-stale' });
  }
  for (const g of grew) {
    findings.push({ level: 'error', title: `Baseline grew: ${g.rule} in ${g.file}`, message: `This pull request adds ${plural(g.added, 'entry', 'entries')} for "${g.text}" to the baseline. The baseline may only shrink: fix the new use instead of adding it to the baseline.`, ...(result.baselineFile ? { file: result.baselineFile } : {}), ruleId: 'legacy-lint/baseline-grew' });
  }
  for (const p of result.parseErrors) {
    findings.push({ level: 'warning', title: `Could not read every import of ${p.file}`, message: `${p.message}; import rules were checked only up to here`, file: p.file, line: p.line, column: p.column, ruleId: 'legacy-lint/parse-error' });
  }

  const sections: Section[] = [
    {
      title: 'Rules',
      primary: true,
      table: {
        columns: ['Rule', 'Severity', 'Uses', 'New', 'Δ baseline', 'Sunset', 'Owners'],
        rows: result.rules.map((r) => [r.id, r.severity, String(r.count), String(r.new), result.baseline ? (r.fixed ? `−${r.fixed}` : '0') : '—', sunsetText(r), r.owners.join(', ') || '—']),
        align: ['left', 'left', 'right', 'right', 'right', 'left', 'left'],
      },
    },
  ];
  if (fixed.length) {
    sections.push({
      title: `Fixed: ${plural(fixedCount, 'legacy use')} gone 🎉`,
      primary: true,
      text: `${fixed.slice(0, 20).map((f) => `${f.rule} in ${f.file}: ${f.text}${f.count > 1 ? ` (×${f.count})` : ''}`).join('\n')}${fixed.length > 20 ? `\n… and ${fixed.length - 20} more` : ''}\nRun rollgate legacy-lint --update-baseline to take ${fixed.length === 1 ? 'it' : 'them'} out of the baseline; --strict-baseline fails until then.`,
    });
  }
  if (result.pruned.length) sections.push({ title: 'Pruned', primary: true, text: `Removed ${plural(result.pruned.length, 'stale allow entry', 'stale allow entries')} from the config: ${result.pruned.map((p) => `${p.rule} in ${p.path}`).join(', ')}.` });
  if (result.baselineWritten !== undefined) sections.push({ title: 'Baseline written', primary: true, text: `${result.baselineFile}: ${plural(result.baselineWritten, 'entry', 'entries')}.` });
  sections.push({
    title: 'Scan',
    primary: result.skipped.files > 0,
    text: `${plural(result.scanned, 'file')} scanned${result.changedOnly ? `; findings limited to lines added since ${result.changedOnly.against} (merge base ${result.changedOnly.base.slice(0, 12)}, ${plural(result.changedOnly.files, 'file')} changed)` : ''}${result.skipped.files ? `; ${plural(result.skipped.files, 'file')} skipped: ${result.skipped.reason}` : ''}.`,
  });

  return {
    command: 'legacy-lint',
    passed: result.passed,
    headline,
    gates,
    findings,
    sections,
    rules: [
      ...result.rules.map((r) => ({ id: r.id, name: r.id, description: result.findings.find((f) => f.rule === r.id)?.message ?? `Legacy ${r.kind} rule ${r.id}.` })),
      { id: 'legacy-lint/allow-expired', name: 'allow-expired', description: 'An allowlist entry has passed its expiry date.' },
      { id: 'legacy-lint/allow-stale', name: 'allow-stale', description: 'An allowlist entry no longer matches anything.' },
      { id: 'legacy-lint/baseline-grew', name: 'baseline-grew', description: 'A pull request added entries to the ratchet baseline.' },
      { id: 'legacy-lint/parse-error', name: 'parse-error', description: 'A file could not be tokenized to the end; its later imports were not checked.' },
    ],
    outputs: {
      'new-findings': String(fresh.length),
      fixed: String(fixedCount),
    },
  };
}
