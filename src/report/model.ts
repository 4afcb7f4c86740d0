/**
 * The channel-neutral report every capability produces. The renderers in this
 * folder turn it into annotations, check runs, Markdown, SARIF, JUnit and
 * terminal text; no renderer knows which capability made it.
 */
export type FindingLevel = 'error' | 'warning' | 'notice';

export interface Finding {
  level: FindingLevel;
  title: string;
  message: string;
  /** Repository-relative path, forward slashes. */
  file?: string;
  line?: number;
  endLine?: number;
  column?: number;
  ruleId?: string;
  /**
   * What makes this finding the same alert from run to run, when the
   * capability knows better than rule + file + message (SARIF's
   * partialFingerprints): several uses in one file share a message.
   */
  identity?: string;
}

/** One gate's verdict; JUnit makes one testcase of each, the terminal one line. */
export type GateStatus = 'pass' | 'fail' | 'warn' | 'skip';

export interface Gate {
  id: string;
  name: string;
  status: GateStatus;
  observed?: string;
  expected?: string;
  details: string;
  /** Seconds the gate took, for JUnit's time attribute. */
  durationSeconds?: number;
}

export interface Table {
  title?: string;
  columns: string[];
  /** Cell text is plain; renderers escape it for their format. */
  rows: string[][];
  align?: Array<'left' | 'right' | 'center'>;
}

export interface BarChart {
  kind: 'bar';
  title: string;
  /** Category labels along x. */
  labels: string[];
  values: number[];
  yLabel?: string;
  /** A reference line such as the gate threshold. */
  threshold?: number;
  /** Draw the values as a line (a series over time) instead of bars; the terminal draws bars either way. */
  style?: 'bar' | 'line';
}

/** Estimates with intervals around a reference (a forest plot): effects and their confidence intervals. */
export interface IntervalChart {
  kind: 'interval';
  title: string;
  rows: Array<{ label: string; estimate: number; lower: number; upper: number }>;
  /** The no-effect line, usually 0. */
  reference: number;
  /** Appended to axis numbers, e.g. '%'. */
  unit?: string;
}

export type Chart = BarChart | IntervalChart;

/** A call-out above everything else, for a verdict the reader must not miss. */
export interface Banner {
  level: 'caution' | 'warning' | 'note';
  title: string;
  text: string;
}

export interface Section {
  title: string;
  /** Plain text paragraphs; Markdown renderers keep it as text. */
  text?: string;
  table?: Table;
  chart?: Chart;
  /** Collapsed by default in Markdown (a <details> block). */
  collapsed?: boolean;
  /** The terminal shows sections only with --debug, except these: the result itself, not detail. */
  primary?: boolean;
}

/** SARIF wants a rule catalogue; capabilities that have rules describe them. */
export interface RuleDescriptor {
  id: string;
  name: string;
  description: string;
  helpUri?: string;
}

export interface Report {
  /** The CLI command name, e.g. `checklist`. */
  command: string;
  passed: boolean;
  /** One line, e.g. "2 of 10 checks failed: coverage, tests". */
  headline: string;
  gates: Gate[];
  findings: Finding[];
  sections: Section[];
  banner?: Banner;
  rules?: RuleDescriptor[];
  /** Extra action outputs beyond `passed` and `result-file`. */
  outputs: Record<string, string>;
}

const LEVEL_RANK: Record<FindingLevel, number> = { error: 0, warning: 1, notice: 2 };

/** Most important first: errors, then warnings, then notices; stable within a level. */
export function byImportance(a: Finding, b: Finding): number {
  return LEVEL_RANK[a.level] - LEVEL_RANK[b.level];
}
