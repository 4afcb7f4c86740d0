/**
 * SARIF 2.1.0 for GitHub code scanning and any other SARIF consumer. One run,
 * one tool ("rollgate"); every finding becomes a result bound to a rule so
 * code scanning can group and dismiss alerts per rule.
 */
import type { Finding, FindingLevel, Report, RuleDescriptor } from './model';
import { position } from './text';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

export interface SarifOptions {
  toolVersion: string;
  informationUri?: string;
}

export type SarifLevel = 'error' | 'warning' | 'note';

export interface SarifRule {
  id: string;
  name?: string;
  shortDescription?: { text: string };
  fullDescription?: { text: string };
  helpUri?: string;
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations?: Array<{
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId: '%SRCROOT%' };
      region?: { startLine: number; endLine?: number; startColumn?: number };
    };
  }>;
  partialFingerprints: Record<string, string>;
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: [
    {
      tool: { driver: { name: 'rollgate'; version: string; informationUri?: string; rules: SarifRule[] } };
      columnKind: 'utf16CodeUnits';
      results: SarifResult[];
    },
  ];
}

/** Bumped only if the fingerprint recipe changes, so old and new alerts are never conflated. */
export const FINGERPRINT_KEY = 'rollgateFindingHash/v1';

const LEVEL: Record<FindingLevel, SarifLevel> = { error: 'error', warning: 'warning', notice: 'note' };

/**
 * 64-bit FNV-1a over the UTF-8 bytes, as 16 hex digits. Not cryptographic: it
 * only has to be stable across runs and machines, and this file stays free of
 * node:crypto so it runs anywhere.
 */
export function fnv1a64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let hash = 0xcbf29ce484222325n;
  for (const byte of bytes) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

/**
 * The line is left out on purpose: an unchanged finding that moved because
 * code above it changed must stay the same alert.
 */
export function findingFingerprint(ruleId: string, finding: Finding): string {
  return fnv1a64([ruleId, finding.file ?? '', finding.identity ?? finding.message].join('\u0000'));
}

/** Paths become URI references: each segment percent-encoded, so spaces, `#`, `%` or a leading `c:` stay a path. */
export function pathToUri(path: string): string {
  return path
    .replace(/\\/g, '/')
    .replace(/^\.\//, '')
    .split('/')
    // encodeURIComponent throws on a lone surrogate; U+FFFD is what UTF-8 would carry instead.
    .map((segment) => encodeURIComponent(segment.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')))
    .join('/');
}

/** Rules in the catalogue carry URIs the schema checks; a malformed one is dropped rather than invalidating the log. */
function absoluteUri(value: string | undefined): string | undefined {
  if (!value) return undefined;
  return /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]+$/.test(value) ? value : undefined;
}

function fallbackRuleId(report: Report): string {
  return `rollgate/${report.command}`;
}

function buildRules(report: Report): SarifRule[] {
  const rules: SarifRule[] = [];
  const seen = new Set<string>();
  const add = (rule: SarifRule) => {
    if (seen.has(rule.id)) return;
    seen.add(rule.id);
    rules.push(rule);
  };
  for (const descriptor of report.rules ?? []) add(fromDescriptor(descriptor));
  for (const finding of report.findings) {
    const id = finding.ruleId || fallbackRuleId(report);
    add({
      id,
      name: id === fallbackRuleId(report) ? `rollgate-${report.command}` : id,
      shortDescription: {
        text: id === fallbackRuleId(report) ? `A finding of rollgate ${report.command}` : finding.title || id,
      },
    });
  }
  return rules;
}

function fromDescriptor(descriptor: RuleDescriptor): SarifRule {
  const rule: SarifRule = {
    id: descriptor.id,
    name: descriptor.name,
    shortDescription: { text: descriptor.name || descriptor.id },
    fullDescription: { text: descriptor.description || descriptor.name || descriptor.id },
  };
  const helpUri = absoluteUri(descriptor.helpUri);
  if (helpUri) rule.helpUri = helpUri;
  return rule;
}

function toResult(report: Report, finding: Finding, ruleIndex: Map<string, number>): SarifResult {
  const ruleId = finding.ruleId || fallbackRuleId(report);
  const text = [finding.title, finding.message].filter((part) => part.length > 0).join(': ') || ruleId;
  const result: SarifResult = {
    ruleId,
    ruleIndex: ruleIndex.get(ruleId)!,
    level: LEVEL[finding.level],
    message: { text },
    partialFingerprints: { [FINGERPRINT_KEY]: findingFingerprint(ruleId, finding) },
  };
  if (finding.file) {
    const startLine = position(finding.line);
    const endLine = position(finding.endLine);
    const startColumn = position(finding.column);
    const region =
      startLine === undefined
        ? undefined
        : {
            startLine,
            ...(endLine !== undefined && endLine >= startLine ? { endLine } : {}),
            ...(startColumn !== undefined ? { startColumn } : {}),
          };
    result.locations = [
      {
        physicalLocation: {
          artifactLocation: { uri: pathToUri(finding.file), uriBaseId: '%SRCROOT%' },
          ...(region ? { region } : {}),
        },
      },
    ];
  }
  return result;
}

export function renderSarif(report: Report, opts: SarifOptions): SarifLog {
  const rules = buildRules(report);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const driver: SarifLog['runs'][0]['tool']['driver'] = { name: 'rollgate', version: opts.toolVersion, rules };
  const informationUri = absoluteUri(opts.informationUri);
  if (informationUri) driver.informationUri = informationUri;
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver },
        columnKind: 'utf16CodeUnits',
        results: report.findings.map((finding) => toResult(report, finding, ruleIndex)),
      },
    ],
  };
}
