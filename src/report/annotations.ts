/**
 * GitHub workflow-command annotations (`::error file=…::message`), written to
 * stdout by the edge. The runner keeps only 10 annotations of each level per
 * step and drops the rest silently, so the renderer chooses what is dropped and
 * says so in one last notice.
 */
import { byImportance, type Finding, type FindingLevel } from './model';
import { joinList, plural, position } from './text';

/** Per step, per level; the runner ignores anything beyond (50 per job overall). */
export const ANNOTATIONS_PER_LEVEL = 10;

export interface AnnotationOptions {
  /** Where the findings left out can be read, e.g. "the job summary and rollgate-checklist.sarif". */
  moreAt: string;
}

/**
 * The runner parses one command per line and decodes these three, so a
 * message can never end the line early and start a command of its own.
 */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values are split on `,` and end at `::`, so those are encoded too. */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

type Property = [name: string, value: string | number | undefined];

function command(level: FindingLevel, properties: Property[], message: string): string {
  const props = properties
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '')
    .map(([name, value]) => `${name}=${escapeProperty(String(value))}`)
    .join(',');
  return `::${level}${props ? ` ${props}` : ''}::${escapeData(message)}`;
}

function findingCommand(finding: Finding): string {
  // A line without a file points nowhere; the runner would attach it to the workflow file.
  const file = finding.file || undefined;
  const line = file ? position(finding.line) : undefined;
  const endLine = line !== undefined ? position(finding.endLine) : undefined;
  return command(
    finding.level,
    [
      ['file', file],
      ['line', line],
      ['endLine', endLine !== undefined && endLine >= line! ? endLine : undefined],
      ['col', line !== undefined ? position(finding.column) : undefined],
      ['title', finding.title],
    ],
    finding.message,
  );
}

const LEVEL_NAMES: Record<FindingLevel, [string, string]> = {
  error: ['error', 'errors'],
  warning: ['warning', 'warnings'],
  notice: ['notice', 'notices'],
};

export function renderAnnotations(findings: Finding[], opts: AnnotationOptions): string[] {
  const sorted = [...findings].sort(byImportance);
  const total: Record<FindingLevel, number> = { error: 0, warning: 0, notice: 0 };
  for (const finding of sorted) total[finding.level]++;

  const overflows = Object.values(total).some((count) => count > ANNOTATIONS_PER_LEVEL);
  // The closing "N more" line is itself a notice, so it takes one notice slot.
  const cap: Record<FindingLevel, number> = {
    error: ANNOTATIONS_PER_LEVEL,
    warning: ANNOTATIONS_PER_LEVEL,
    notice: overflows ? ANNOTATIONS_PER_LEVEL - 1 : ANNOTATIONS_PER_LEVEL,
  };

  const shown: Record<FindingLevel, number> = { error: 0, warning: 0, notice: 0 };
  const lines: string[] = [];
  for (const finding of sorted) {
    if (shown[finding.level] >= cap[finding.level]) continue;
    shown[finding.level]++;
    lines.push(findingCommand(finding));
  }

  const levels: FindingLevel[] = ['error', 'warning', 'notice'];
  const omitted = levels
    .map((level) => ({ level, count: total[level] - shown[level] }))
    .filter((entry) => entry.count > 0);
  if (omitted.length > 0) {
    const count = omitted.reduce((sum, entry) => sum + entry.count, 0);
    const byLevel = joinList(omitted.map(({ level, count: n }) => plural(n, ...LEVEL_NAMES[level])));
    const where = opts.moreAt.trim() || 'the full report';
    lines.push(
      command(
        'notice',
        [['title', 'Rollgate: more findings']],
        `${plural(count, 'more finding')} not shown as annotations (${byLevel}); ` +
          `GitHub shows at most ${ANNOTATIONS_PER_LEVEL} per level. See ${where}.`,
      ),
    );
  }
  return lines;
}
