/**
 * Checks API payloads. The builder is pure: the edge posts `create`, then each
 * of `updates` in order against the new check run's id.
 *
 * Conclusion rule:
 * - `failure` when the report did not pass (report.passed is the verdict; a
 *   capability may let a non-blocking gate fail and still pass);
 * - `neutral` when it passed but something deserves a look: a gate that warned
 *   or failed without blocking, or an error or warning finding. GitHub treats
 *   neutral like success for required checks, so it never blocks a merge, but
 *   the grey mark makes the warnings visible in the PR's check list;
 * - `success` otherwise (notices alone do not downgrade a pass).
 */
import { byImportance, type Finding, type FindingLevel, type Report } from './model';
import { fitMarkdown, renderFindings, renderGatesTable, renderHeading, renderSection, escapeInline } from './markdown';
import { clip, position } from './text';

/** The API rejects more than 50 annotations in one request. */
export const ANNOTATIONS_PER_REQUEST = 50;
/** output.summary and output.text must each be under 65,535 characters. */
export const CHECK_TEXT_LIMIT = 65_535;
export const CHECK_TITLE_MAX = 255;
/** An annotation's message must be under 64 KB. */
const ANNOTATION_MESSAGE_MAX_BYTES = 64 * 1024 - 1;

export type CheckConclusion = 'success' | 'failure' | 'neutral';
export type AnnotationLevel = 'failure' | 'warning' | 'notice';

export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: AnnotationLevel;
  title: string;
  message: string;
}

export interface CheckOutput {
  title: string;
  summary: string;
  text?: string;
  annotations: CheckAnnotation[];
}

export interface CheckRunPayload {
  create: {
    name: string;
    head_sha: string;
    status: 'completed';
    conclusion: CheckConclusion;
    details_url?: string;
    external_id?: string;
    output: CheckOutput;
  };
  updates: Array<{ output: { title: string; summary: string; annotations: CheckAnnotation[] } }>;
}

export interface CheckRunOptions {
  name: string;
  headSha: string;
  detailsUrl?: string;
  externalId?: string;
}

const ANNOTATION_LEVEL: Record<FindingLevel, AnnotationLevel> = {
  error: 'failure',
  warning: 'warning',
  notice: 'notice',
};

export function checkConclusion(report: Report): CheckConclusion {
  if (!report.passed) return 'failure';
  const gateConcern = report.gates.some((gate) => gate.status === 'warn' || gate.status === 'fail');
  const findingConcern = report.findings.some((finding) => finding.level !== 'notice');
  return gateConcern || findingConcern ? 'neutral' : 'success';
}

export function toCheckAnnotation(finding: Finding & { file: string }): CheckAnnotation {
  // The API requires a start line; a finding about a whole file goes on line 1.
  const start = position(finding.line) ?? 1;
  const endLine = position(finding.endLine);
  const end = endLine !== undefined && endLine >= start ? endLine : start;
  const annotation: CheckAnnotation = {
    path: finding.file,
    start_line: start,
    end_line: end,
    annotation_level: ANNOTATION_LEVEL[finding.level],
    title: clip(oneLine(finding.title || finding.ruleId || 'Rollgate'), CHECK_TITLE_MAX, 'utf16'),
    message: clip(finding.message || finding.title || '(no message)', ANNOTATION_MESSAGE_MAX_BYTES, 'utf8'),
  };
  const column = position(finding.column);
  // Columns are only accepted when the annotation sits on one line.
  if (column !== undefined && start === end) {
    annotation.start_column = column;
    annotation.end_column = column;
  }
  return annotation;
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').trim();
}

export function buildCheckRun(report: Report, opts: CheckRunOptions): CheckRunPayload {
  const withFile = report.findings.filter((finding): finding is Finding & { file: string } => Boolean(finding.file));
  const withoutFile = report.findings.filter((finding) => !finding.file);
  // Most important first, so a run cut short between requests still shows the failures.
  const annotations = [...withFile].sort(byImportance).map(toCheckAnnotation);

  const title = clip(oneLine(report.headline) || `Rollgate ${report.command} ${report.passed ? 'passed' : 'failed'}`, CHECK_TITLE_MAX, 'utf16');
  const fit = (markdown: string) =>
    fitMarkdown(markdown, { limit: CHECK_TEXT_LIMIT, unit: 'utf16', detailsUrl: opts.detailsUrl });

  const summaryLines = [renderHeading(report), '', ...(report.headline ? [escapeInline(report.headline), ''] : []), ...renderGatesTable(report.gates)];
  const summary = fit(`${summaryLines.join('\n')}\n`);

  const textBlocks = [...report.sections.map(renderSection), renderFindings(withoutFile, '### Findings without a file')].filter(
    (block) => block.length > 0,
  );
  const text = textBlocks.length > 0 ? fit(`${textBlocks.map((block) => block.join('\n')).join('\n\n')}\n`) : undefined;

  const create: CheckRunPayload['create'] = {
    name: opts.name,
    head_sha: opts.headSha,
    status: 'completed',
    conclusion: checkConclusion(report),
    output: { title, summary, ...(text !== undefined ? { text } : {}), annotations: annotations.slice(0, ANNOTATIONS_PER_REQUEST) },
  };
  if (opts.detailsUrl) create.details_url = opts.detailsUrl;
  if (opts.externalId) create.external_id = opts.externalId;

  const updates: CheckRunPayload['updates'] = [];
  for (let start = ANNOTATIONS_PER_REQUEST; start < annotations.length; start += ANNOTATIONS_PER_REQUEST) {
    // An update that carries output must repeat title and summary; annotations accumulate.
    updates.push({ output: { title, summary, annotations: annotations.slice(start, start + ANNOTATIONS_PER_REQUEST) } });
  }
  return { create, updates };
}
