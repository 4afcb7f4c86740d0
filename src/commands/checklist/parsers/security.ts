/**
 * Security scanner output → findings on one severity scale.
 *
 * Two families are read, told apart by content: SARIF 2.1.0 (CodeQL, Semgrep,
 * Trivy, ...) and `npm audit --json` (npm 6's advisories map and npm 7+'s
 * auditReportVersion 2 vulnerabilities map). The scale is npm's, because it is
 * the coarsest one both sides map onto without inventing levels; "medium"
 * (CVSS and most scanners' word) is read as "moderate".
 */
import { z } from 'zod';
import { UserError } from '../../../errors';
import { describeFound, isRecord, parseJsonText, validateJson } from './common';

export const SEVERITIES = ['info', 'low', 'moderate', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type SecurityFormat = 'sarif' | 'npm-audit-v1' | 'npm-audit-v2';

export interface SecurityAdvisory {
  id: string;
  title: string;
  severity: Severity;
  url?: string;
}

export interface SecurityFinding {
  /** SARIF: the rule id. npm 6: the GHSA id (else npm's numeric id). npm 7+: the vulnerable package's name. */
  id: string;
  title: string;
  severity: Severity;
  package?: string;
  file?: string;
  line?: number;
  url?: string;
  /** npm audit only: the advisories behind this finding (npm 7+: the package's direct `via` advisories). */
  advisories?: SecurityAdvisory[];
}

export interface SecurityReport {
  format: SecurityFormat;
  findings: SecurityFinding[];
  counts: Record<Severity, number>;
}

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** True when `a` is strictly more severe than `b`. */
export function severityAbove(a: Severity, b: Severity): boolean {
  return severityRank(a) > severityRank(b);
}

/** Reads a severity word the way scanners spell it: any case, "medium" for moderate. */
export function parseSeverity(value: string): Severity | undefined {
  const word = value.trim().toLowerCase();
  if (word === 'medium') return 'moderate';
  return (SEVERITIES as readonly string[]).includes(word) ? (word as Severity) : undefined;
}

/** CVSS v3 qualitative bands, as GitHub applies them to `security-severity`. */
export function severityFromCvss(score: number): Severity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'moderate';
  if (score > 0) return 'low';
  return 'info';
}

const EXPECTED = 'a SARIF 2.1.0 log (with "runs") or `npm audit --json` output (with "advisories" or "auditReportVersion": 2)';

export function parseSecurityReport(text: string, file: string): SecurityReport {
  let data: unknown;
  try {
    data = parseJsonText(text, file, EXPECTED);
  } catch (error) {
    // yarn audit --json writes one JSON object per line; name it rather than blame a comma.
    if (error instanceof UserError && /"type"\s*:\s*"audit(Advisory|Summary)"/.test(text)) {
      throw new UserError(`expected ${EXPECTED}, found \`yarn audit --json\` output (one JSON object per line), which is not supported`, { file });
    }
    throw error;
  }
  if (!isRecord(data)) throw new UserError(`expected ${EXPECTED}, found ${describeFound(data)}`, { file });

  if ('runs' in data || (typeof data['$schema'] === 'string' && /sarif/i.test(data['$schema']))) return parseSarif(data, text, file);
  if (isRecord(data['error']) && !('advisories' in data) && !('vulnerabilities' in data)) {
    const { code, summary, detail } = data['error'];
    const what = [code, summary ?? detail].filter((part) => typeof part === 'string' && part).join(': ');
    throw new UserError(`expected ${EXPECTED}, found an npm error report instead of audit results${what ? ` (${what})` : ''}`, { file });
  }
  if ('auditReportVersion' in data) {
    if (data['auditReportVersion'] !== 2) {
      throw new UserError(`expected npm audit auditReportVersion 2, found ${describeFound(data['auditReportVersion'])}`, { file, path: 'auditReportVersion' });
    }
    return parseNpmAuditV2(data, text, file);
  }
  if ('advisories' in data) return parseNpmAuditV1(data, text, file);
  throw new UserError(`expected ${EXPECTED}, found ${describeFound(data)}`, { file });
}

function countFindings(findings: readonly SecurityFinding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

// ---------------------------------------------------------------------------
// SARIF 2.1.0

const sarifLevel = z.enum(['none', 'note', 'warning', 'error']);
const sarifMessage = z.looseObject({
  text: z.string().optional(),
  id: z.string().optional(),
  arguments: z.array(z.string()).optional(),
});
const propertyBag = z.record(z.string(), z.unknown());
const artifactLocation = z.looseObject({ uri: z.string().optional(), index: z.number().int().optional() });
const sarifLocation = z.looseObject({
  physicalLocation: z
    .looseObject({
      artifactLocation: artifactLocation.optional(),
      region: z.looseObject({ startLine: z.number().int().optional() }).optional(),
    })
    .optional(),
});
const reportingDescriptor = z.looseObject({
  id: z.string(),
  name: z.string().optional(),
  shortDescription: sarifMessage.optional(),
  fullDescription: sarifMessage.optional(),
  messageStrings: z.record(z.string(), z.looseObject({ text: z.string().optional() })).optional(),
  helpUri: z.string().optional(),
  defaultConfiguration: z.looseObject({ level: sarifLevel.optional() }).optional(),
  properties: propertyBag.optional(),
});
const toolComponent = z.looseObject({ name: z.string(), rules: z.array(reportingDescriptor).optional() });
const sarifResult = z.looseObject({
  ruleId: z.string().optional(),
  ruleIndex: z.number().int().optional(),
  rule: z
    .looseObject({
      id: z.string().optional(),
      index: z.number().int().optional(),
      toolComponent: z.looseObject({ index: z.number().int().optional(), name: z.string().optional() }).optional(),
    })
    .optional(),
  kind: z.enum(['notApplicable', 'pass', 'fail', 'review', 'open', 'informational']).optional(),
  level: sarifLevel.optional(),
  message: sarifMessage,
  locations: z.array(sarifLocation).optional(),
  suppressions: z.array(z.looseObject({ status: z.enum(['accepted', 'underReview', 'rejected']).optional() })).optional(),
  baselineState: z.string().optional(),
  properties: propertyBag.optional(),
});
const sarifRun = z.looseObject({
  tool: z.looseObject({ driver: toolComponent, extensions: z.array(toolComponent).optional() }),
  results: z.array(sarifResult).nullable().optional(),
  artifacts: z.array(z.looseObject({ location: artifactLocation.optional() })).optional(),
  invocations: z
    .array(
      z.looseObject({
        executionSuccessful: z.boolean().optional(),
        toolExecutionNotifications: z.array(z.looseObject({ level: z.string().optional(), message: sarifMessage.optional() })).optional(),
      }),
    )
    .optional(),
});
const sarifLog = z.looseObject({ version: z.literal('2.1.0'), runs: z.array(sarifRun) });

type SarifRun = z.output<typeof sarifRun>;
type SarifResult = z.output<typeof sarifResult>;
type SarifRule = z.output<typeof reportingDescriptor>;

const LEVEL_SEVERITY: Record<z.output<typeof sarifLevel>, Severity> = {
  error: 'high',
  warning: 'moderate',
  note: 'low',
  none: 'info',
};

function parseSarif(data: Record<string, unknown>, text: string, file: string): SecurityReport {
  if (data['version'] !== '2.1.0') {
    throw new UserError(`expected SARIF "version": "2.1.0", found ${describeFound(data['version'])}`, { file, path: 'version' });
  }
  const log = validateJson(sarifLog, data, text, file, 'SARIF 2.1.0 log');
  const findings: SecurityFinding[] = [];
  log.runs.forEach((run, runIndex) => {
    const toolName = run.tool.driver.name;
    // A scan that did not finish must not read as a clean scan.
    const failedInvocation = run.invocations?.find((invocation) => invocation.executionSuccessful === false);
    if (failedInvocation) {
      const note = failedInvocation.toolExecutionNotifications?.find((n) => n.level === 'error')?.message?.text;
      throw new UserError(`SARIF run ${runIndex} (${toolName}) reports that the tool did not run successfully${note ? `: ${note}` : ''}`, {
        file,
        path: `runs[${runIndex}].invocations`,
      });
    }
    if (run.results === null) {
      throw new UserError(`SARIF run ${runIndex} (${toolName}) has "results": null, which SARIF uses for an analysis that produced no results; expected an array`, {
        file,
        path: `runs[${runIndex}].results`,
      });
    }
    for (const result of run.results ?? []) {
      if (result.kind === 'pass' || result.kind === 'notApplicable') continue;
      // Suppressed in source or by triage (status absent means accepted), or fixed since the baseline.
      if (result.suppressions?.some((s) => s.status === undefined || s.status === 'accepted')) continue;
      if (result.baselineState === 'absent') continue;
      findings.push(sarifFinding(run, result));
    }
  });
  return { format: 'sarif', findings, counts: countFindings(findings) };
}

function findRule(run: SarifRun, result: SarifResult): SarifRule | undefined {
  const component = result.rule?.toolComponent;
  let rules = run.tool.driver.rules ?? [];
  if (component) {
    const extension =
      component.index !== undefined
        ? run.tool.extensions?.[component.index]
        : run.tool.extensions?.find((candidate) => candidate.name === component.name);
    rules = extension?.rules ?? [];
  }
  const index = result.rule?.index ?? result.ruleIndex;
  if (index !== undefined && index >= 0 && rules[index]) return rules[index];
  const id = result.rule?.id ?? result.ruleId;
  if (id === undefined) return undefined;
  const pool = component ? rules : [...rules, ...(run.tool.extensions ?? []).flatMap((extension) => extension.rules ?? [])];
  // Hierarchical ids ("CA2000/sub") refer to the rule "CA2000"; rule ids may
  // themselves contain "/" ("js/unused-local-variable"), so drop one segment at a time.
  for (let candidate = id; ; ) {
    const found = pool.find((rule) => rule.id === candidate);
    if (found) return found;
    const slash = candidate.lastIndexOf('/');
    if (slash <= 0) return undefined;
    candidate = candidate.slice(0, slash);
  }
}

function securityScore(properties: Record<string, unknown> | undefined): number | undefined {
  const raw = properties?.['security-severity'];
  const score = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
  return Number.isFinite(score) && score >= 0 && score <= 10 ? score : undefined;
}

function sarifSeverity(result: SarifResult, rule: SarifRule | undefined): Severity {
  // Non-failing kinds ("review", "informational", "open") default to level none per SARIF §3.27.10.
  if (result.kind !== undefined && result.kind !== 'fail') return LEVEL_SEVERITY[result.level ?? 'none'];
  const score = securityScore(result.properties) ?? securityScore(rule?.properties);
  if (score !== undefined) return severityFromCvss(score);
  return LEVEL_SEVERITY[result.level ?? rule?.defaultConfiguration?.level ?? 'warning'];
}

function sarifMessageText(result: SarifResult, rule: SarifRule | undefined): string | undefined {
  let text = result.message.text;
  if (text === undefined && result.message.id !== undefined) {
    const template = rule?.messageStrings?.[result.message.id]?.text;
    const args = result.message.arguments ?? [];
    text = template?.replace(/\{(\d+)\}/g, (whole, n: string) => args[Number(n)] ?? whole);
  }
  const first = text?.split(/\r\n|\r|\n/, 1)[0]?.trim();
  return first || undefined;
}

function sarifFinding(run: SarifRun, result: SarifResult): SecurityFinding {
  const rule = findRule(run, result);
  // The result's own id is the more specific one when ids are hierarchical.
  const id = result.ruleId ?? result.rule?.id ?? rule?.id ?? '(no rule id)';
  const finding: SecurityFinding = {
    id,
    title: sarifMessageText(result, rule) ?? rule?.shortDescription?.text ?? id,
    severity: sarifSeverity(result, rule),
  };
  const physical = result.locations?.[0]?.physicalLocation;
  const artifact = physical?.artifactLocation;
  const uri = artifact?.uri ?? (artifact?.index !== undefined ? run.artifacts?.[artifact.index]?.location?.uri : undefined);
  if (uri) finding.file = uri;
  const line = physical?.region?.startLine;
  if (line !== undefined && line > 0) finding.line = line;
  if (rule?.helpUri) finding.url = rule.helpUri;
  return finding;
}

// ---------------------------------------------------------------------------
// npm audit --json

const npmSeverity = z.preprocess(
  (value) => (typeof value === 'string' ? (parseSeverity(value) ?? value) : value),
  z.enum(SEVERITIES),
);

const npmAdvisoryV1 = z.looseObject({
  id: z.union([z.number(), z.string()]),
  title: z.string(),
  module_name: z.string(),
  severity: npmSeverity,
  url: z.string().nullish(),
  github_advisory_id: z.string().nullish(),
});
const npmAuditV1 = z.looseObject({ advisories: z.record(z.string(), npmAdvisoryV1) });

function parseNpmAuditV1(data: Record<string, unknown>, text: string, file: string): SecurityReport {
  const audit = validateJson(npmAuditV1, data, text, file, 'npm 6 audit report');
  const findings = Object.values(audit.advisories).map((advisory): SecurityFinding => {
    const id = advisory.github_advisory_id || String(advisory.id);
    const finding: SecurityFinding = { id, title: advisory.title, severity: advisory.severity, package: advisory.module_name };
    if (advisory.url) finding.url = advisory.url;
    finding.advisories = [{ id, title: advisory.title, severity: advisory.severity, ...(advisory.url ? { url: advisory.url } : {}) }];
    return finding;
  });
  return { format: 'npm-audit-v1', findings, counts: countFindings(findings) };
}

const npmVia = z.union([
  z.string(),
  z.looseObject({
    source: z.union([z.number(), z.string()]).optional(),
    name: z.string().optional(),
    title: z.string().optional(),
    url: z.string().optional(),
    severity: npmSeverity.optional(),
  }),
]);
const npmVulnerability = z.looseObject({
  name: z.string(),
  severity: npmSeverity,
  via: z.array(npmVia),
});
const npmAuditV2 = z.looseObject({ vulnerabilities: z.record(z.string(), npmVulnerability) });

function advisoryId(via: { source?: number | string | undefined; url?: string | undefined; title?: string | undefined }): string {
  const ghsa = via.url ? /GHSA(-[a-z0-9]{4}){3}/i.exec(via.url)?.[0] : undefined;
  return ghsa ?? (via.source !== undefined ? String(via.source) : (via.title ?? 'unknown'));
}

/**
 * One finding per vulnerable package at the package's own severity, as npm's
 * metadata counts them; a package only vulnerable through a dependency is
 * still a finding (it is what `npm audit fix` would change), titled by what it
 * depends on.
 */
function parseNpmAuditV2(data: Record<string, unknown>, text: string, file: string): SecurityReport {
  const audit = validateJson(npmAuditV2, data, text, file, 'npm audit report (auditReportVersion 2)');
  const findings = Object.entries(audit.vulnerabilities).map(([key, vulnerability]): SecurityFinding => {
    const name = vulnerability.name || key;
    const advisories: SecurityAdvisory[] = [];
    const through: string[] = [];
    for (const via of vulnerability.via) {
      if (typeof via === 'string') {
        if (!through.includes(via)) through.push(via);
        continue;
      }
      const advisory: SecurityAdvisory = {
        id: advisoryId(via),
        title: via.title ?? `advisory ${advisoryId(via)}`,
        severity: via.severity ?? vulnerability.severity,
      };
      if (via.url) advisory.url = via.url;
      if (!advisories.some((seen) => seen.id === advisory.id)) advisories.push(advisory);
    }
    const titles = [...new Set(advisories.map((advisory) => advisory.title))];
    const title = titles.length > 0
      ? titles.join('; ') + (through.length ? ` (also via ${through.join(', ')})` : '')
      : through.length > 0
        ? `depends on vulnerable ${through.join(', ')}`
        : `${name} is vulnerable`;
    const finding: SecurityFinding = { id: name, title, severity: vulnerability.severity, package: name };
    const url = advisories.find((advisory) => advisory.url)?.url;
    if (url) finding.url = url;
    if (advisories.length) finding.advisories = advisories;
    return finding;
  });
  return { format: 'npm-audit-v2', findings, counts: countFindings(findings) };
}
