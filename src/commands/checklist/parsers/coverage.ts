/**
 * Coverage reports → one summary shape. The format is told by content, not by
 * file name, because CI uploads rename files freely (`coverage.xml`,
 * `lcov.txt`, `report.json`).
 *
 * A metric with total 0 counts as 100% covered, the way istanbul reports it:
 * a file with no branches has no uncovered branches, and treating it as 0%
 * would fail thresholds for code that cannot do better. A metric that the tool
 * did not measure at all is left out instead (lcov without BRF/BRDA,
 * Cobertura from coverage.py run without --branch), so "not measured" never
 * reads as "perfect".
 *
 * `pct` is not rounded; formatting belongs to whoever prints it.
 */
import { z } from 'zod';
import { UserError } from '../../../errors';
import {
  childrenNamed,
  describeFound,
  isRecord,
  parseJsonText,
  parseXmlRoot,
  snippet,
  stripBom,
  validateJson,
  type XmlElement,
} from './common';

export type CoverageFormat = 'istanbul-json-summary' | 'lcov' | 'cobertura';
export const COVERAGE_METRICS = ['lines', 'statements', 'functions', 'branches'] as const;
export type CoverageMetricName = (typeof COVERAGE_METRICS)[number];

export interface Metric {
  covered: number;
  total: number;
  /** 0..100, unrounded; 100 when total is 0. */
  pct: number;
}

export interface CoverageMetrics {
  lines?: Metric;
  statements?: Metric;
  functions?: Metric;
  branches?: Metric;
}

export interface FileCoverage extends CoverageMetrics {
  file: string;
}

export interface CoverageSummary {
  format: CoverageFormat;
  totals: CoverageMetrics;
  files: FileCoverage[];
}

export function metric(covered: number, total: number): Metric {
  return { covered, total, pct: total === 0 ? 100 : (covered / total) * 100 };
}

const EXPECTED = 'a coverage report (istanbul json-summary, lcov tracefile or Cobertura XML)';

export function parseCoverage(text: string, file: string): CoverageSummary {
  const body = stripBom(text);
  const start = body.trimStart();
  if (start === '') throw new UserError(`expected ${EXPECTED}, found an empty file`, { file });
  const head = start[0];
  if (head === '{' || head === '[') return parseIstanbulSummary(body, file);
  if (head === '<') return parseCobertura(body, file);
  if (/^\s*SF:/m.test(body)) return parseLcov(body, file);
  throw new UserError(`expected ${EXPECTED}, found text starting with ${snippet(start)}`, { file });
}

/**
 * The files that drag `name` down the most: ordered by uncovered count (what
 * moves the total), then by pct, then by path for a stable order. Files that
 * are fully covered or lack the metric are left out.
 */
export function lowestCoveredFiles(
  summary: CoverageSummary,
  name: CoverageMetricName,
  n: number,
): Array<{ file: string; covered: number; total: number; pct: number; uncovered: number }> {
  const rows: Array<{ file: string; covered: number; total: number; pct: number; uncovered: number }> = [];
  for (const entry of summary.files) {
    const m = entry[name];
    if (!m || m.covered >= m.total) continue;
    rows.push({ file: entry.file, covered: m.covered, total: m.total, pct: m.pct, uncovered: m.total - m.covered });
  }
  rows.sort((a, b) => b.uncovered - a.uncovered || a.pct - b.pct || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return rows.slice(0, Math.max(0, Math.floor(n)));
}

// ---------------------------------------------------------------------------
// istanbul json-summary

const istanbulMetric = z
  .object({
    total: z.number().int().nonnegative(),
    covered: z.number().int().nonnegative(),
    // "Unknown" appears in real files (branchesTrue); we recompute pct anyway.
    pct: z.union([z.number(), z.string()]).optional(),
  })
  .refine((m) => m.covered <= m.total, { message: 'expected "covered" to be at most "total"' });

const istanbulEntry = z.object({
  lines: istanbulMetric.optional(),
  statements: istanbulMetric.optional(),
  functions: istanbulMetric.optional(),
  branches: istanbulMetric.optional(),
});

const istanbulSummary = z.record(z.string(), istanbulEntry);

function parseIstanbulSummary(body: string, file: string): CoverageSummary {
  const expected = 'an istanbul json-summary object with a "total" key';
  const data = parseJsonText(body, file, expected);
  if (!isRecord(data)) throw new UserError(`expected ${expected}, found ${describeFound(data)}`, { file });
  if (!('total' in data)) {
    // coverage-final.json is the other JSON istanbul writes; say how to get the right one.
    const looksDetailed = Object.values(data).some((entry) => isRecord(entry) && 'statementMap' in entry);
    const hint = looksDetailed
      ? ' (this looks like istanbul\'s detailed coverage-final.json; add the "json-summary" reporter to get coverage-summary.json)'
      : '';
    throw new UserError(`expected ${expected}, found ${describeFound(data)}${hint}`, { file });
  }
  const parsed = validateJson(istanbulSummary, data, body, file, 'istanbul json-summary');

  const toMetrics = (entry: z.output<typeof istanbulEntry>): CoverageMetrics => {
    const out: CoverageMetrics = {};
    for (const name of COVERAGE_METRICS) {
      const m = entry[name];
      if (m) out[name] = metric(m.covered, m.total);
    }
    return out;
  };

  const total = parsed['total']!;
  const totals = toMetrics(total);
  if (Object.keys(totals).length === 0) {
    throw new UserError(`expected ${expected} holding lines, statements, functions or branches, found "total" with none of them`, {
      file,
      path: 'total',
    });
  }
  const files: FileCoverage[] = [];
  for (const [path, entry] of Object.entries(parsed)) {
    if (path === 'total') continue;
    files.push({ file: path, ...toMetrics(entry) });
  }
  return { format: 'istanbul-json-summary', totals, files };
}

// ---------------------------------------------------------------------------
// lcov tracefile

interface LcovRecord {
  file: string;
  startLine: number;
  summary: Partial<Record<'LF' | 'LH' | 'BRF' | 'BRH' | 'FNF' | 'FNH', { value: number; line: number }>>;
  // Detail lines, used only when a generator omits the summary counters.
  lineHits: Map<number, number>;
  branchTaken: Map<string, number>;
  functionHits: Map<string, number>;
}

const COUNTER_TAGS = new Set(['LF', 'LH', 'BRF', 'BRH', 'FNF', 'FNH']);

function parseLcov(body: string, file: string): CoverageSummary {
  const lines = body.split(/\r\n|\r|\n/);
  const records: LcovRecord[] = [];
  let current: LcovRecord | undefined;

  const fail = (lineNo: number, message: string): never => {
    throw new UserError(`not a valid lcov tracefile: ${message}`, { file, line: lineNo });
  };
  const count = (raw: string, lineNo: number, what: string): number => {
    const trimmed = raw.trim();
    if (!/^\d+$/.test(trimmed)) fail(lineNo, `expected ${what} to be a non-negative integer, found ${JSON.stringify(trimmed)}`);
    return Number(trimmed);
  };
  const close = (): void => {
    if (current) records.push(current);
    current = undefined;
  };

  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = lines[i]!.trim();
    if (raw === '') continue;
    if (raw === 'end_of_record') {
      if (!current) fail(lineNo, 'found "end_of_record" without a preceding "SF:" line');
      close();
      continue;
    }
    const match = /^([A-Za-z_]+):(.*)$/.exec(raw);
    if (!match) fail(lineNo, `expected a "TAG:value" line such as "DA:3,1", found ${snippet(raw)}`);
    const tag = match![1]!;
    const value = match![2]!;
    if (tag === 'SF') {
      // A missing end_of_record before the next SF is common in hand-merged files; treat it as implied.
      close();
      if (value.trim() === '') fail(lineNo, 'expected a source file path after "SF:", found nothing');
      current = { file: value.trim(), startLine: lineNo, summary: {}, lineHits: new Map(), branchTaken: new Map(), functionHits: new Map() };
      continue;
    }
    if (tag === 'TN' || tag === 'VER') continue;
    const record = current;
    if (!record) {
      if (COUNTER_TAGS.has(tag) || tag === 'DA' || tag === 'BRDA' || tag === 'FN' || tag === 'FNDA') {
        fail(lineNo, `found "${tag}:" outside a record; expected an "SF:<source file>" line first`);
      }
      continue;
    }
    if (COUNTER_TAGS.has(tag)) {
      record.summary[tag as keyof LcovRecord['summary']] = { value: count(value, lineNo, `the number after "${tag}:"`), line: lineNo };
    } else if (tag === 'DA') {
      const [lineNum, hits] = value.split(',');
      const at = count(lineNum ?? '', lineNo, 'the line number in "DA:<line>,<hits>"');
      // Some gcov-based generators write negative or fractional hit counts; only "was it hit" matters.
      const hitCount = Number((hits ?? '').trim());
      if ((hits ?? '').trim() === '' || Number.isNaN(hitCount)) fail(lineNo, `expected "DA:<line>,<hits>", found ${JSON.stringify(raw)}`);
      record.lineHits.set(at, Math.max(record.lineHits.get(at) ?? 0, hitCount));
    } else if (tag === 'BRDA') {
      const parts = value.split(',');
      if (parts.length < 4) fail(lineNo, `expected "BRDA:<line>,<block>,<branch>,<taken>", found ${JSON.stringify(raw)}`);
      const taken = parts[parts.length - 1]!.trim();
      const key = parts.slice(0, -1).join(',');
      record.branchTaken.set(key, Math.max(record.branchTaken.get(key) ?? 0, taken === '-' ? 0 : Number(taken) || 0));
    } else if (tag === 'FN') {
      const name = value.slice(value.indexOf(',') + 1);
      if (!record.functionHits.has(name)) record.functionHits.set(name, 0);
    } else if (tag === 'FNDA') {
      const comma = value.indexOf(',');
      const name = value.slice(comma + 1);
      record.functionHits.set(name, Math.max(record.functionHits.get(name) ?? 0, Number(value.slice(0, comma)) || 0));
    } else if (tag === 'FNA') {
      // lcov 2.x: FNA:<index>,<hits>,<name>
      const [, hits, ...rest] = value.split(',');
      const name = rest.join(',');
      record.functionHits.set(name, Math.max(record.functionHits.get(name) ?? 0, Number(hits) || 0));
    }
    // Other tags (FNL, MCDC, checksums) carry nothing we summarise.
  }
  close();
  if (records.length === 0) fail(1, 'expected at least one "SF:<source file>" record, found none');

  const files: FileCoverage[] = [];
  const sums: Partial<Record<'lines' | 'functions' | 'branches', { covered: number; total: number }>> = {};
  const add = (name: 'lines' | 'functions' | 'branches', m: Metric | undefined): void => {
    if (!m) return;
    const sum = (sums[name] ??= { covered: 0, total: 0 });
    sum.covered += m.covered;
    sum.total += m.total;
  };

  for (const record of records) {
    const pick = (
      foundTag: 'LF' | 'BRF' | 'FNF',
      hitTag: 'LH' | 'BRH' | 'FNH',
      details: Map<unknown, number>,
    ): Metric | undefined => {
      const found = record.summary[foundTag];
      const hit = record.summary[hitTag];
      if (found || hit) {
        const total = found?.value ?? details.size;
        const covered = hit?.value ?? 0;
        if (covered > total) {
          fail(hit?.line ?? record.startLine, `expected ${hitTag} (${covered}) to be at most ${foundTag} (${total}) for ${record.file}`);
        }
        return metric(covered, total);
      }
      if (details.size === 0) return undefined;
      let covered = 0;
      for (const hits of details.values()) if (hits > 0) covered++;
      return metric(covered, details.size);
    };
    const entry: FileCoverage = { file: record.file };
    const lines = pick('LF', 'LH', record.lineHits);
    const functions = pick('FNF', 'FNH', record.functionHits);
    const branches = pick('BRF', 'BRH', record.branchTaken);
    if (lines) entry.lines = lines;
    if (functions) entry.functions = functions;
    if (branches) entry.branches = branches;
    add('lines', lines);
    add('functions', functions);
    add('branches', branches);
    // Each SF record stays its own entry: the same relative path in two
    // concatenated package reports is two different files.
    files.push(entry);
  }

  const totals: CoverageMetrics = {};
  for (const name of ['lines', 'functions', 'branches'] as const) {
    const sum = sums[name];
    if (sum) totals[name] = metric(sum.covered, sum.total);
  }
  return { format: 'lcov', totals, files };
}

// ---------------------------------------------------------------------------
// Cobertura XML (Java cobertura, coverage.py, coverlet, gcovr, istanbul's cobertura reporter)

interface LineFacts {
  hits: number;
  branchCovered: number;
  branchTotal: number;
  isBranch: boolean;
}

function parseCobertura(body: string, file: string): CoverageSummary {
  const expected = 'a Cobertura XML report with a <coverage> root element';
  const root = parseXmlRoot(body, file, expected);
  if (root.name !== 'coverage') {
    const hint = root.name === 'report' ? ' (JaCoCo XML is not supported; convert it to Cobertura)' : '';
    throw new UserError(`expected ${expected}, found <${root.name}>${hint}`, { file, line: root.line });
  }
  const fail = (element: XmlElement, message: string): never => {
    throw new UserError(`not a valid Cobertura report: ${message}`, { file, line: element.line });
  };

  const count = (element: XmlElement, attr: string): number | undefined => {
    const raw = element.attrs[attr];
    if (raw === undefined) return undefined;
    const trimmed = raw.trim();
    if (!/^\d+$/.test(trimmed)) fail(element, `expected ${attr} on <${element.name}> to be a non-negative integer, found ${JSON.stringify(raw)}`);
    return Number(trimmed);
  };
  const rate = (element: XmlElement, attr: string): number | undefined => {
    const raw = element.attrs[attr];
    if (raw === undefined) return undefined;
    const value = Number(raw.trim());
    // Some locales make coverlet write "0,83"; say so rather than read it as NaN.
    if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) {
      fail(element, `expected ${attr} on <${element.name}> to be a number from 0 to 1, found ${JSON.stringify(raw)}`);
    }
    return value;
  };

  // filename → line number → facts. Classes sharing a file (inner classes,
  // compiler-generated async state machines) are merged by line number.
  const byFile = new Map<string, Map<number, LineFacts>>();
  // Any <class> means the report has structure to count, even if it holds no lines.
  let sawClass = false;
  const packagesRoots = childrenNamed(root, 'packages');
  for (const pkgs of packagesRoots) {
    for (const pkg of childrenNamed(pkgs, 'package')) {
      for (const classes of childrenNamed(pkg, 'classes')) {
        for (const cls of childrenNamed(classes, 'class')) {
          sawClass = true;
          const name = cls.attrs['filename'] ?? cls.attrs['name'] ?? '(unnamed class)';
          const fileLines = byFile.get(name) ?? new Map<number, LineFacts>();
          byFile.set(name, fileLines);
          // Class-level <lines> repeats the methods' lines; read methods only when a generator omits it.
          const direct = childrenNamed(cls, 'lines');
          const lineGroups = direct.length > 0
            ? direct
            : childrenNamed(cls, 'methods').flatMap((methods) => childrenNamed(methods, 'method')).flatMap((method) => childrenNamed(method, 'lines'));
          for (const group of lineGroups) {
            for (const line of childrenNamed(group, 'line')) {
              const number = count(line, 'number');
              const hits = count(line, 'hits');
              if (number === undefined || hits === undefined) fail(line, 'expected <line> to have "number" and "hits" attributes');
              const facts: LineFacts = { hits: hits!, branchCovered: 0, branchTotal: 0, isBranch: false };
              if ((line.attrs['branch'] ?? '').toLowerCase() === 'true') {
                facts.isBranch = true;
                const condition = /\((\d+)\s*\/\s*(\d+)\)/.exec(line.attrs['condition-coverage'] ?? '');
                if (condition) {
                  facts.branchCovered = Number(condition[1]);
                  facts.branchTotal = Number(condition[2]);
                  if (facts.branchCovered > facts.branchTotal) fail(line, `expected condition-coverage covered <= total, found ${JSON.stringify(line.attrs['condition-coverage'])}`);
                }
              }
              const seen = fileLines.get(number!);
              if (seen) {
                seen.hits = Math.max(seen.hits, facts.hits);
                seen.isBranch ||= facts.isBranch;
                if (facts.branchTotal > seen.branchTotal || (facts.branchTotal === seen.branchTotal && facts.branchCovered > seen.branchCovered)) {
                  seen.branchCovered = facts.branchCovered;
                  seen.branchTotal = facts.branchTotal;
                }
              } else {
                fileLines.set(number!, facts);
              }
            }
          }
        }
      }
    }
  }

  let sumLines = { covered: 0, total: 0 };
  let sumBranches = { covered: 0, total: 0 };
  let anyBranchLine = false;
  const perFile: Array<{ file: string; lines: Metric; branch: { covered: number; total: number; any: boolean } }> = [];
  for (const [name, fileLines] of byFile) {
    let covered = 0;
    const branch = { covered: 0, total: 0, any: false };
    for (const facts of fileLines.values()) {
      if (facts.hits > 0) covered++;
      if (facts.isBranch) {
        branch.any = true;
        branch.covered += facts.branchCovered;
        branch.total += facts.branchTotal;
      }
    }
    perFile.push({ file: name, lines: metric(covered, fileLines.size), branch });
    sumLines = { covered: sumLines.covered + covered, total: sumLines.total + fileLines.size };
    sumBranches = { covered: sumBranches.covered + branch.covered, total: sumBranches.total + branch.total };
    anyBranchLine ||= branch.any;
  }

  const totals: CoverageMetrics = {};

  // Lines: the root's counts when present (the spec's own totals), else what the <line>s say.
  const linesValid = count(root, 'lines-valid');
  const linesCovered = count(root, 'lines-covered');
  if (linesValid !== undefined && linesCovered !== undefined) {
    if (linesCovered > linesValid) fail(root, `expected lines-covered (${linesCovered}) to be at most lines-valid (${linesValid})`);
    totals.lines = metric(linesCovered, linesValid);
  } else if (sawClass) {
    totals.lines = metric(sumLines.covered, sumLines.total);
  } else if (root.attrs['line-rate'] !== undefined) {
    totals.lines = rateOnly(rate(root, 'line-rate')!);
  } else {
    fail(root, 'expected lines-valid/lines-covered or line-rate on <coverage>, or <line> elements, found none');
  }

  // Branches: coverage.py without --branch writes branch-rate="0" with
  // branches-valid="0"; that is "not measured", not "0 of 0".
  const branchesValid = count(root, 'branches-valid');
  const branchesCovered = count(root, 'branches-covered');
  // Read lazily: a malformed rate should not matter when the counts are there.
  const branchRate = (): number | undefined => rate(root, 'branch-rate');
  const noBranches = (): Metric | undefined => ((branchRate() ?? 0) > 0 ? metric(0, 0) : undefined);
  let branches: Metric | undefined;
  if (branchesValid !== undefined && branchesCovered !== undefined) {
    if (branchesCovered > branchesValid) fail(root, `expected branches-covered (${branchesCovered}) to be at most branches-valid (${branchesValid})`);
    branches = branchesValid > 0 ? metric(branchesCovered, branchesValid) : noBranches();
  } else if (anyBranchLine) {
    branches = metric(sumBranches.covered, sumBranches.total);
  } else if (sawClass) {
    branches = noBranches();
  } else {
    const only = branchRate();
    if (only !== undefined) branches = rateOnly(only);
  }
  if (branches) totals.branches = branches;

  const files: FileCoverage[] = perFile.map(({ file: name, lines, branch }) => {
    const entry: FileCoverage = { file: name, lines };
    if (branch.any || branches) entry.branches = metric(branch.covered, branch.total);
    return entry;
  });
  return { format: 'cobertura', totals, files };
}

/**
 * A report that carries only a rate has no counts to give. We keep the rate
 * exactly and express it as a fraction of one (covered = rate, total = 1), so
 * pct is right and nobody mistakes it for a line count.
 */
function rateOnly(rate: number): Metric {
  return { covered: rate, total: 1, pct: rate * 100 };
}
