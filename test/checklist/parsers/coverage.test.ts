import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lowestCoveredFiles, metric, parseCoverage, type CoverageSummary } from '../../../src/commands/checklist/parsers/coverage';
import { hasSharedFixtures } from '../../helpers/fixtures';
import { hostileText, neverCrashes, readReport, userError, xmlEscape } from './helpers';

describe.skipIf(!hasSharedFixtures)('coverage: real reports from ../shared/fixtures', () => {
  it('reads the istanbul json-summary totals and files (and ignores branchesTrue with pct "Unknown")', () => {
    const summary = parseCoverage(readReport('coverage', 'coverage-summary.json'), 'coverage/coverage-summary.json');
    expect(summary.format).toBe('istanbul-json-summary');
    expect(summary.totals).toEqual({
      lines: { covered: 60, total: 145, pct: (60 / 145) * 100 },
      statements: { covered: 62, total: 150, pct: (62 / 150) * 100 },
      functions: { covered: 18, total: 29, pct: (18 / 29) * 100 },
      branches: { covered: 23, total: 58, pct: (23 / 58) * 100 },
    });
    expect(summary.files.map((f) => f.file)).toEqual([
      '/absolute/path/src/constants.js',
      '/absolute/path/src/format.js',
      '/absolute/path/src/index.js',
      '/absolute/path/src/parse.js',
      '/absolute/path/src/utils.js',
    ]);
    const constants = summary.files[0]!;
    // 0 functions and 0 branches count as fully covered, as istanbul itself says.
    expect(constants.functions).toEqual({ covered: 0, total: 0, pct: 100 });
    expect(constants.branches).toEqual({ covered: 0, total: 0, pct: 100 });
    expect(summary.files[2]).toEqual({
      file: '/absolute/path/src/index.js',
      lines: { covered: 0, total: 69, pct: 0 },
      functions: { covered: 0, total: 8, pct: 0 },
      statements: { covered: 0, total: 72, pct: 0 },
      branches: { covered: 0, total: 24, pct: 0 },
    });
    expect(summary.files[4]!.statements).toEqual({ covered: 22, total: 24, pct: (22 / 24) * 100 });
  });

  it('names the files that drag istanbul line coverage down, most uncovered lines first', () => {
    const summary = parseCoverage(readReport('coverage', 'coverage-summary.json'), 'coverage-summary.json');
    expect(lowestCoveredFiles(summary, 'lines', 3)).toEqual([
      { file: '/absolute/path/src/index.js', covered: 0, total: 69, pct: 0, uncovered: 69 },
      { file: '/absolute/path/src/format.js', covered: 24, total: 33, pct: (24 / 33) * 100, uncovered: 9 },
      { file: '/absolute/path/src/parse.js', covered: 15, total: 20, pct: 75, uncovered: 5 },
    ]);
    // constants.js is fully covered and never listed, however large n is.
    expect(lowestCoveredFiles(summary, 'functions', 10).map((f) => f.file)).toEqual([
      '/absolute/path/src/index.js',
      '/absolute/path/src/format.js',
      '/absolute/path/src/parse.js',
    ]);
  });

  it('sums LF/LH, FNF/FNH and BRF/BRH over the lcov records', () => {
    const summary = parseCoverage(readReport('coverage', 'lcov.info'), 'coverage/lcov.info');
    expect(summary.format).toBe('lcov');
    // 3+30+13 lines, 1+7+8 hit; 1+6+5 functions, 0+1+4 hit; 16+15+9 branches, 0+0+6 hit.
    expect(summary.totals).toEqual({
      lines: metric(16, 46),
      functions: metric(5, 12),
      branches: metric(6, 40),
    });
    expect(summary.totals.statements).toBeUndefined();
    expect(summary.files).toEqual([
      { file: './src/utils/general.ts', lines: metric(1, 3), functions: metric(0, 1), branches: metric(0, 16) },
      { file: './src/utils/github.ts', lines: metric(7, 30), functions: metric(1, 6), branches: metric(0, 15) },
      { file: './src/utils/lcov.ts', lines: metric(8, 13), functions: metric(4, 5), branches: metric(6, 9) },
    ]);
    expect(lowestCoveredFiles(summary, 'branches', 2).map((f) => [f.file, f.uncovered])).toEqual([
      ['./src/utils/general.ts', 16],
      ['./src/utils/github.ts', 15],
    ]);
  });

  it('reads the coverlet Cobertura report (UTF-8 BOM, CRLF, Windows paths) from its root counts', () => {
    const text = readReport('coverage', 'coverage.cobertura.xml');
    expect(text.charCodeAt(0)).toBe(0xfeff); // the fixture really does start with a BOM
    const summary = parseCoverage(text, 'coverage.cobertura.xml');
    expect(summary.format).toBe('cobertura');
    expect(summary.totals).toEqual({ lines: metric(1212, 1460), branches: metric(262, 378) });
    expect(summary.files).toHaveLength(39);
    const byName = new Map(summary.files.map((f) => [f.file, f]));
    expect(byName.get('EDlib\\Exceptions\\APIException.cs')).toEqual({
      file: 'EDlib\\Exceptions\\APIException.cs',
      lines: metric(0, 21),
      branches: metric(0, 0),
    });
    expect(byName.get('EDlib\\Powerplay\\Models\\PowerStanding.cs')).toEqual({
      file: 'EDlib\\Powerplay\\Models\\PowerStanding.cs',
      lines: metric(54, 136),
      branches: metric(8, 32),
    });
    // 20 <class> elements (async state machines) share this file; their lines merge into one entry.
    expect(byName.get('EDlib\\EDSM\\Services\\SystemService.cs')).toEqual({
      file: 'EDlib\\EDSM\\Services\\SystemService.cs',
      lines: metric(156, 176),
      branches: metric(53, 76),
    });
    // The per-file lines add up to the root's own counts.
    const sum = summary.files.reduce((acc, f) => ({ c: acc.c + f.lines!.covered, t: acc.t + f.lines!.total }), { c: 0, t: 0 });
    expect(sum).toEqual({ c: 1212, t: 1460 });
    expect(lowestCoveredFiles(summary, 'lines', 2).map((f) => [f.file, f.uncovered])).toEqual([
      ['EDlib\\Powerplay\\Models\\PowerStanding.cs', 82],
      ['EDlib\\Powerplay\\Services\\CycleService.cs', 25],
    ]);
  });

  it('counts the <line> elements when the Cobertura root has no lines-valid/branches-valid', () => {
    const text = readReport('coverage', 'coverage.cobertura.xml').replace(
      / lines-covered="\d+" lines-valid="\d+" branches-covered="\d+" branches-valid="\d+"/,
      '',
    );
    expect(text).not.toContain('lines-valid');
    const summary = parseCoverage(text, 'coverage.cobertura.xml');
    expect(summary.totals).toEqual({ lines: metric(1212, 1460), branches: metric(262, 378) });
  });
});

describe('coverage: recognised by content', () => {
  it('does not care about the file name', () => {
    expect(parseCoverage('SF:a.ts\nLF:2\nLH:1\nend_of_record\n', 'coverage.xml').format).toBe('lcov');
    expect(parseCoverage('{"total":{"lines":{"total":1,"covered":1,"pct":100}}}', 'lcov.info').format).toBe('istanbul-json-summary');
    expect(parseCoverage('<coverage lines-valid="2" lines-covered="1"/>', 'report.json').format).toBe('cobertura');
  });

  it('rejects empty files and unknown text, saying what it expected', () => {
    userError(() => parseCoverage('', 'cov.txt'), /expected a coverage report \(istanbul json-summary, lcov tracefile or Cobertura XML\), found an empty file/, {
      file: 'cov.txt',
    });
    userError(() => parseCoverage('   \r\n\t', 'cov.txt'), /found an empty file/);
    userError(() => parseCoverage('Statements : 80%\nBranches : 70%', 'cov.txt'), /expected a coverage report .* found text starting with "Statements : 80%"/);
  });
});

describe('coverage: istanbul json-summary edge cases', () => {
  it('says what it found when the JSON is not a summary object', () => {
    userError(() => parseCoverage('[1,2]', 'summary.json'), /^expected an istanbul json-summary object with a "total" key, found an array$/, {
      file: 'summary.json',
    });
    userError(() => parseCoverage('{"lines": 1}', 'summary.json'), /with a "total" key, found an object with key "lines"$/);
  });

  it('points at coverage-final.json as the likely mix-up', () => {
    const detailed = JSON.stringify({ '/src/a.js': { path: '/src/a.js', statementMap: {}, s: {}, fnMap: {}, f: {}, branchMap: {}, b: {} } });
    userError(() => parseCoverage(detailed, 'coverage-final.json'), /coverage-final\.json; add the "json-summary" reporter/);
  });

  it('reports malformed JSON with its line', () => {
    const error = userError(() => parseCoverage('{\n  "total": {\n    "lines": ,\n  }\n}', 'summary.json'), /found text that is not valid JSON: unexpected ","/);
    expect(error.location).toEqual({ file: 'summary.json', line: 3, column: 14 });
    userError(() => parseCoverage('{"total": {"lines": {"total": 1', 'summary.json'), /not valid JSON: the text ends too early/, { line: 1 });
  });

  it('names the JSON path, the line and the wrong value', () => {
    const text = '{\n  "total": {\n    "lines": {"total": 10, "covered": 5}\n  },\n  "src/a.js": {\n    "lines": {"total": "ten", "covered": 5}\n  }\n}';
    const error = userError(() => parseCoverage(text, 'summary.json'), /src\/a\.js\.lines\.total: expected number, found "ten"/);
    expect(error.location?.path).toBe('src/a.js.lines.total');
    expect(error.location?.line).toBe(6);
  });

  it('refuses covered > total', () => {
    userError(() => parseCoverage('{"total":{"lines":{"total":1,"covered":2}}}', 's.json'), /total\.lines: expected "covered" to be at most "total"/);
  });

  it('refuses a total without any metric', () => {
    userError(() => parseCoverage('{"total":{}}', 's.json'), /found "total" with none of them/);
  });

  it('accepts a BOM and CRLF line endings', () => {
    const text = '\uFEFF{\r\n"total": {"lines": {"total": 0, "covered": 0, "pct": 100}, "branches": {"total": 4, "covered": 1, "pct": 25}}\r\n}\r\n';
    const summary = parseCoverage(text, 's.json');
    expect(summary.totals).toEqual({ lines: { covered: 0, total: 0, pct: 100 }, branches: { covered: 1, total: 4, pct: 25 } });
    expect(summary.files).toEqual([]);
  });
});

describe('coverage: lcov edge cases', () => {
  it('leaves branches out when no record measured them, and reads BRF:0 as 0 of 0 (100%)', () => {
    const noBranches = parseCoverage('TN:\nSF:a.c\nDA:1,1\nDA:2,0\nLF:2\nLH:1\nend_of_record\n', 'lcov.info');
    expect(noBranches.totals).toEqual({ lines: metric(1, 2) });
    expect(noBranches.totals.branches).toBeUndefined();
    const zeroBranches = parseCoverage('SF:a.c\nLF:2\nLH:1\nBRF:0\nBRH:0\nend_of_record\n', 'lcov.info');
    expect(zeroBranches.totals.branches).toEqual({ covered: 0, total: 0, pct: 100 });
  });

  it('handles CRLF, a BOM, blank lines and a missing final end_of_record', () => {
    const text = '\uFEFFTN:\r\nSF:C:\\src\\a.ts\r\nLF:4\r\nLH:3\r\nend_of_record\r\n\r\nSF:b.ts\r\nLF:6\r\nLH:0\r\n';
    const summary = parseCoverage(text, 'lcov.info');
    expect(summary.totals.lines).toEqual(metric(3, 10));
    expect(summary.files.map((f) => f.file)).toEqual(['C:\\src\\a.ts', 'b.ts']);
  });

  it('falls back to DA/BRDA/FNDA when a generator leaves out the summary counters', () => {
    const text = [
      'SF:x.js',
      'FN:1,alpha',
      'FN:5,beta',
      'FNDA:3,alpha',
      'FNDA:0,beta',
      'DA:1,3',
      'DA:2,0',
      'DA:3,7',
      'BRDA:2,0,0,1',
      'BRDA:2,0,1,-',
      'BRDA:3,1,0,0',
      'end_of_record',
    ].join('\n');
    const summary = parseCoverage(text, 'lcov.info');
    expect(summary.totals).toEqual({ lines: metric(2, 3), functions: metric(1, 2), branches: metric(1, 3) });
  });

  it('reads lcov 2.x FNA function records', () => {
    const summary = parseCoverage('SF:x.c\nFNL:0,1,4\nFNA:0,2,main\nFNL:1,6,9\nFNA:1,0,helper\nend_of_record\n', 'lcov.info');
    expect(summary.totals.functions).toEqual(metric(1, 2));
  });

  it('points at the offending line', () => {
    userError(() => parseCoverage('SF:a\nLF:abc\nend_of_record', 'lcov.info'), /expected the number after "LF:" to be a non-negative integer, found "abc"/, {
      file: 'lcov.info',
      line: 2,
    });
    userError(() => parseCoverage('SF:a\nLF:2\nLH:3\nend_of_record', 'lcov.info'), /expected LH \(3\) to be at most LF \(2\) for a/, { line: 3 });
    userError(() => parseCoverage('TN:\nDA:1,1\nSF:a\nend_of_record', 'lcov.info'), /found "DA:" outside a record/, { line: 2 });
    userError(() => parseCoverage('SF:a\nthis is not lcov\nend_of_record', 'lcov.info'), /expected a "TAG:value" line/, { line: 2 });
    userError(() => parseCoverage('SF:a\nDA:1\nend_of_record', 'lcov.info'), /expected "DA:<line>,<hits>", found "DA:1"/, { line: 2 });
  });
});

describe('coverage: Cobertura edge cases', () => {
  const wrap = (rootAttrs: string, classes: string): string =>
    `<?xml version="1.0" ?>\n<coverage ${rootAttrs}>\n<packages><package name="p"><classes>\n${classes}\n</classes></package></packages>\n</coverage>\n`;

  it('counts lines when the root has only rates (Cobertura without lines-valid)', () => {
    const xml = wrap(
      'line-rate="0.9" branch-rate="0.5" version="1.9"',
      `<class name="A" filename="src/A.java"><methods/><lines>
        <line number="1" hits="3" branch="false"/>
        <line number="2" hits="0" branch="true" condition-coverage="50% (1/2)"/>
        <line number="3" hits="1" branch="false"/>
      </lines></class>`,
    );
    const summary = parseCoverage(xml, 'coverage.xml');
    // The counts win over the (inconsistent) rates: 2 of 3 lines, 1 of 2 branches.
    expect(summary.totals).toEqual({ lines: metric(2, 3), branches: metric(1, 2) });
    expect(summary.files).toEqual([{ file: 'src/A.java', lines: metric(2, 3), branches: metric(1, 2) }]);
  });

  it('keeps a rate-only report as a fraction of one', () => {
    const summary = parseCoverage('<coverage line-rate="0.8301" branch-rate="0.5"><packages/></coverage>', 'coverage.xml');
    expect(summary.totals.lines).toMatchObject({ covered: 0.8301, total: 1 });
    expect(summary.totals.lines!.pct).toBeCloseTo(83.01, 10);
    expect(summary.totals.branches).toEqual({ covered: 0.5, total: 1, pct: 50 });
    expect(summary.files).toEqual([]);
  });

  it('treats coverage.py without --branch (branch-rate 0, branches-valid 0) as branches not measured', () => {
    const xml = wrap(
      'version="7.4.0" timestamp="1" lines-valid="2" lines-covered="2" line-rate="1" branches-covered="0" branches-valid="0" branch-rate="0" complexity="0"',
      '<class name="a.py" filename="a.py" complexity="0" line-rate="1" branch-rate="0"><methods/><lines><line number="1" hits="1"/><line number="2" hits="1"/></lines></class>',
    );
    const summary = parseCoverage(xml, 'coverage.xml');
    expect(summary.totals).toEqual({ lines: metric(2, 2) });
    expect(summary.files).toEqual([{ file: 'a.py', lines: metric(2, 2) }]);
  });

  it('reads branch-rate="1" with no branch lines as 0 of 0 branches (100%)', () => {
    const xml = wrap('line-rate="1" branch-rate="1"', '<class name="A" filename="a.cs"><lines><line number="1" hits="1" branch="False"/></lines></class>');
    expect(parseCoverage(xml, 'c.xml').totals.branches).toEqual({ covered: 0, total: 0, pct: 100 });
  });

  it('reads method lines when a class has no class-level <lines>, and merges classes sharing a file', () => {
    const xml = wrap(
      'line-rate="0"',
      `<class name="A" filename="a.cs"><methods>
         <method name="m"><lines><line number="1" hits="0"/><line number="2" hits="0"/></lines></method>
         <method name="n"><lines><line number="5" hits="4"/></lines></method>
       </methods></class>
       <class name="A/&lt;Run&gt;d__1" filename="a.cs"><lines><line number="2" hits="9"/><line number="7" hits="0"/></lines></class>`,
    );
    const summary = parseCoverage(xml, 'c.xml');
    // Lines 1,2,5,7 of a.cs; line 2 was hit in the state-machine class.
    expect(summary.totals.lines).toEqual(metric(2, 4));
    expect(summary.files).toEqual([{ file: 'a.cs', lines: metric(2, 4) }]);
  });

  it('explains a JaCoCo report and other roots', () => {
    userError(() => parseCoverage('<report name="x"><counter type="LINE" missed="1" covered="2"/></report>', 'jacoco.xml'), /found <report> \(JaCoCo XML is not supported/);
    userError(() => parseCoverage('<?xml version="1.0"?>\n<testsuites/>', 'c.xml'), /expected a Cobertura XML report with a <coverage> root element, found <testsuites>/, { line: 2 });
  });

  it('reports malformed XML with its line', () => {
    userError(() => parseCoverage('<coverage line-rate="1">\n<packages>\n</coverage>', 'c.xml'), /found malformed XML: .*packages/, { file: 'c.xml', line: 3 });
  });

  it('rejects bad numbers at the element that holds them', () => {
    userError(() => parseCoverage(wrap('line-rate="1"', '<class filename="a"><lines>\n<line number="1" hits="many"/></lines></class>'), 'c.xml'), /expected hits on <line> to be a non-negative integer, found "many"/, {
      line: 5,
    });
    userError(() => parseCoverage('<coverage line-rate="0,83"/>', 'c.xml'), /expected line-rate on <coverage> to be a number from 0 to 1, found "0,83"/);
    userError(() => parseCoverage('<coverage lines-valid="1" lines-covered="2"/>', 'c.xml'), /lines-covered \(2\) to be at most lines-valid \(1\)/);
    userError(() => parseCoverage('<coverage version="1"/>', 'c.xml'), /expected lines-valid\/lines-covered or line-rate/);
  });
});

describe('coverage: lowestCoveredFiles', () => {
  const summary: CoverageSummary = {
    format: 'lcov',
    totals: {},
    files: [
      { file: 'b', lines: metric(1, 2) },
      { file: 'a', lines: metric(1, 2) },
      { file: 'small', lines: metric(0, 1) },
      { file: 'big', lines: metric(90, 100) },
      { file: 'full', lines: metric(5, 5) },
      { file: 'none' },
    ],
  };

  it('orders by uncovered count, then pct, then name, and honours n', () => {
    expect(lowestCoveredFiles(summary, 'lines', 10).map((f) => f.file)).toEqual(['big', 'small', 'a', 'b']);
    expect(lowestCoveredFiles(summary, 'lines', 1).map((f) => f.file)).toEqual(['big']);
    expect(lowestCoveredFiles(summary, 'lines', 0)).toEqual([]);
    expect(lowestCoveredFiles(summary, 'branches', 5)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------
// Properties: render random coverage in each format and read it back.

interface FileCounts {
  name: string;
  lines: [number, number];
  functions: [number, number];
  branches: [number, number] | undefined;
}

const countPair = fc.nat(400).chain((total) => fc.nat(total).map((covered): [number, number] => [covered, total]));
const fileCounts: fc.Arbitrary<FileCounts> = fc.record({
  // Prefixed: JSON objects put integer-like keys first, and real paths are never integers.
  name: fc.stringMatching(/^[a-zA-Z0-9_./-]{1,20}$/).map((name) => `src/${name}`),
  lines: countPair,
  functions: countPair,
  branches: fc.option(countPair, { nil: undefined }),
});

function sumOf(files: readonly FileCounts[], pick: (f: FileCounts) => [number, number] | undefined): [number, number] | undefined {
  let seen = false;
  const sum: [number, number] = [0, 0];
  for (const f of files) {
    const pair = pick(f);
    if (!pair) continue;
    seen = true;
    sum[0] += pair[0];
    sum[1] += pair[1];
  }
  return seen ? sum : undefined;
}

describe('coverage: properties', () => {
  it('recovers lcov totals and per-file counts, whatever the line endings', () => {
    fc.assert(
      fc.property(fc.array(fileCounts, { minLength: 1, maxLength: 8 }), fc.constantFrom('\n', '\r\n'), fc.boolean(), (files, eol, bom) => {
        const text =
          (bom ? '\uFEFF' : '') +
          files
            .map((f) =>
              [
                'TN:',
                `SF:${f.name}`,
                `FNF:${f.functions[1]}`,
                `FNH:${f.functions[0]}`,
                `LF:${f.lines[1]}`,
                `LH:${f.lines[0]}`,
                ...(f.branches ? [`BRF:${f.branches[1]}`, `BRH:${f.branches[0]}`] : []),
                'end_of_record',
              ].join(eol),
            )
            .join(eol) +
          eol;
        const summary = parseCoverage(text, 'lcov.info');
        const lines = sumOf(files, (f) => f.lines)!;
        const functions = sumOf(files, (f) => f.functions)!;
        const branches = sumOf(files, (f) => f.branches);
        expect(summary.totals.lines).toEqual(metric(lines[0], lines[1]));
        expect(summary.totals.functions).toEqual(metric(functions[0], functions[1]));
        expect(summary.totals.branches).toEqual(branches ? metric(branches[0], branches[1]) : undefined);
        expect(summary.files.map((f) => [f.file, f.lines?.covered, f.lines?.total, f.branches?.total])).toEqual(
          files.map((f) => [f.name, f.lines[0], f.lines[1], f.branches?.[1]]),
        );
      }),
    );
  });

  it('recovers istanbul json-summary totals and files', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fileCounts, { selector: (f) => f.name, maxLength: 8 }), countPair, (files, statements) => {
        const asMetric = ([covered, total]: [number, number]) => ({ total, covered, skipped: 0, pct: total ? Math.floor((covered / total) * 10000) / 100 : 100 });
        const json: Record<string, unknown> = {
          total: { lines: asMetric(sumOf(files, (f) => f.lines) ?? [0, 0]), statements: asMetric(statements) },
        };
        for (const f of files) {
          json[f.name] = { lines: asMetric(f.lines), functions: asMetric(f.functions), ...(f.branches ? { branches: asMetric(f.branches) } : {}) };
        }
        const summary = parseCoverage(JSON.stringify(json, null, 2), 'coverage-summary.json');
        const lines = sumOf(files, (f) => f.lines) ?? [0, 0];
        expect(summary.totals).toEqual({ lines: metric(lines[0], lines[1]), statements: metric(statements[0], statements[1]) });
        expect(summary.files).toEqual(
          files.map((f) => ({
            file: f.name,
            lines: metric(...f.lines),
            functions: metric(...f.functions),
            ...(f.branches ? { branches: metric(...f.branches) } : {}),
          })),
        );
      }),
    );
  });

  const coberturaFile = fc.record({
    name: fc.stringMatching(/^[a-zA-Z0-9_./\\<>&"-]{1,20}$/),
    lines: fc.array(fc.record({ hits: fc.oneof(fc.constant(0), fc.nat(50)), branch: fc.option(countPair.filter(([, t]) => t > 0), { nil: undefined }) }), {
      maxLength: 30,
    }),
  });

  it('recovers Cobertura counts from <line> elements and from root attributes alike', () => {
    fc.assert(
      fc.property(fc.uniqueArray(coberturaFile, { selector: (f) => f.name, minLength: 1, maxLength: 6 }), fc.boolean(), fc.boolean(), (files, withCounts, bom) => {
        let linesCovered = 0;
        let linesValid = 0;
        let branchesCovered = 0;
        let branchesValid = 0;
        const classes = files.map((f) => {
          const lines = f.lines.map((line, i) => {
            linesValid++;
            if (line.hits > 0) linesCovered++;
            if (line.branch) {
              branchesCovered += line.branch[0];
              branchesValid += line.branch[1];
              return `<line number="${i + 1}" hits="${line.hits}" branch="True" condition-coverage="${Math.round((line.branch[0] / line.branch[1]) * 100)}% (${line.branch[0]}/${line.branch[1]})"/>`;
            }
            return `<line number="${i + 1}" hits="${line.hits}" branch="False"/>`;
          });
          return `<class name="C" filename="${xmlEscape(f.name)}"><methods/><lines>${lines.join('\r\n')}</lines></class>`;
        });
        const rate = (c: number, v: number) => (v ? c / v : 1);
        const counts = withCounts ? ` lines-covered="${linesCovered}" lines-valid="${linesValid}" branches-covered="${branchesCovered}" branches-valid="${branchesValid}"` : '';
        const xml = `${bom ? '\uFEFF' : ''}<?xml version="1.0" encoding="utf-8"?>\r\n<coverage line-rate="${rate(linesCovered, linesValid)}" branch-rate="${rate(branchesCovered, branchesValid)}"${counts}><packages><package name="p"><classes>${classes.join('')}</classes></package></packages></coverage>`;
        const summary = parseCoverage(xml, 'cobertura.xml');
        expect(summary.totals.lines).toEqual(metric(linesCovered, linesValid));
        if (branchesValid > 0) expect(summary.totals.branches).toEqual(metric(branchesCovered, branchesValid));
        else expect(summary.totals.branches).toEqual(metric(0, 0)); // branch-rate 1 with nothing to branch on
        expect(summary.files.map((f) => f.file)).toEqual(files.map((f) => f.name));
        for (const entry of summary.files) {
          expect(entry.lines!.pct).toBeGreaterThanOrEqual(0);
          expect(entry.lines!.pct).toBeLessThanOrEqual(100);
        }
      }),
    );
  });

  it('never throws anything but a UserError, whatever the text', () => {
    const seeds = [
      'SF:a\nLF:2\nLH:1\nBRDA:1,0,0,1\nend_of_record\n',
      '{"total":{"lines":{"total":2,"covered":1,"pct":50}},"a.js":{"lines":{"total":2,"covered":1,"pct":50}}}',
      '<?xml version="1.0"?><coverage line-rate="0.5" lines-valid="2" lines-covered="1"><packages><package><classes><class filename="a"><lines><line number="1" hits="1" branch="true" condition-coverage="50% (1/2)"/></lines></class></classes></package></packages></coverage>',
    ];
    fc.assert(fc.property(hostileText(seeds), (text) => neverCrashes(parseCoverage, text)), { numRuns: 500 });
  });
});

describe.skipIf(!hasSharedFixtures)('coverage: damaged real reports', () => {
  it('never throws anything but a UserError', () => {
    const seeds = [readReport('coverage', 'lcov.info'), readReport('coverage', 'coverage-summary.json'), readReport('coverage', 'coverage.cobertura.xml').slice(0, 6000)];
    fc.assert(fc.property(hostileText(seeds), (text) => neverCrashes(parseCoverage, text)), { numRuns: 300 });
  });
});
