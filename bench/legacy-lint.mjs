#!/usr/bin/env node
// `rollgate legacy-lint` on a real corpus of >15,000 JS/TS files installed from
// the npm registry at benchmark time (pinned top-level packages), beside
// ripgrep (the floor, same regular expressions), ESLint 9 with
// no-restricted-imports (@typescript-eslint/parser for every file) and
// dependency-cruiser with one forbidden rule, in the same run, rounds
// interleaved; GNU time gives wall time and peak RSS of each process.
// Then the import rule's findings are compared with ESLint's, file by file.
//
// Usage: node bench/legacy-lint.mjs
//   ROUNDS=3            rounds per contender (median reported)
//   PEERS=/tmp/lint-peers   where ESLint and dependency-cruiser are installed (outside the repository)
//   ROLLGATE_CLI=…/cli.js  the build to measure (default dist/cli.js of this checkout)
//   DEPCRUISE_FULL=1    run dependency-cruiser on the whole corpus (default: the fixed subset pkgs/@mui, then files/s)
// Needs: npm and network (first run only), git, rg (apt-get install ripgrep), /usr/bin/time (apt-get install time).
// The corpus is built once into bench/.results/lint-corpus/ (gitignored, never committed): the installed
// node_modules is moved to pkgs/ (the lint leaves node_modules out by design), and the folder is its own git
// repository so the lint lists it with `git ls-files` exactly as in a real checkout.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const results = join(root, 'bench', '.results');
const corpus = join(results, 'lint-corpus');
const rounds = Number(process.env.ROUNDS ?? 3);
const peers = process.env.PEERS ?? '/tmp/lint-peers';
const depcruiseFull = process.env.DEPCRUISE_FULL === '1';
mkdirSync(results, { recursive: true });

// Top-level versions are pinned; npm resolves their dependencies as of the run (no lock file is kept).
const PACKAGES = [
  '@mui/material@5.18.0', '@emotion/react@11.13.3', '@emotion/styled@11.13.0', 'react@18.3.1', 'react-dom@18.3.1',
  'date-fns@3.6.0', 'rxjs@7.8.1', 'core-js@3.38.1', 'lodash@4.17.21', 'lodash-es@4.17.21', '@tanstack/react-query@5.59.0',
  '@babel/core@7.25.2', '@babel/preset-env@7.25.4', 'typescript-eslint@8.8.1', 'typescript@5.6.2', '@apollo/client@3.11.8', 'graphql@16.9.0',
];
const PEERS = ['eslint@9.39.5', '@typescript-eslint/parser@8.74.0', 'typescript@5.9.3', 'dependency-cruiser@17.4.3'];

// The files every contender looks at: JS/TS sources, declaration files left out, at most 1 MiB (the lint's default).
const EXTENSIONS = ['js', 'mjs', 'cjs', 'jsx', 'ts', 'tsx', 'mts', 'cts'];
const FILES_GLOB = `**/*.{${EXTENSIONS.join(',')}}`;
const DECLARATIONS = /\.d\.[mc]?ts$/;
const MAX_FILE_SIZE = 1_048_576;
// The two rules. The pattern is the same text for the lint (JavaScript RegExp) and rg (Rust regex).
const PATTERN = String.raw`\bconsole\.log\(`;
const IMPORTED = 'prop-types';
// rg's approximation of the import rule (floor only): a quoted specifier after from / import / import( / require(.
const IMPORT_REGEX = String.raw`(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]prop-types(?:/[^'"]*)?['"]`;

function sh(cmd, args, options = {}) {
  return execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28, ...options });
}

function buildCorpus() {
  const staging = join(results, 'lint-corpus-install');
  rmSync(staging, { recursive: true, force: true });
  rmSync(corpus, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  // A package.json of its own, or npm would walk up and install into the repository's node_modules.
  writeFileSync(join(staging, 'package.json'), '{ "name": "lint-corpus", "private": true }\n');
  console.log(`installing the corpus: ${PACKAGES.join(' ')} …`);
  sh('npm', ['install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', '--legacy-peer-deps', ...PACKAGES], { cwd: staging, stdio: 'inherit' });
  mkdirSync(corpus, { recursive: true });
  renameSync(join(staging, 'node_modules'), join(corpus, 'pkgs'));
  rmSync(staging, { recursive: true, force: true });
  // Deliberately broken files: no contender may crash on them; the lint reports and skips what it cannot parse.
  const bad = join(corpus, 'invalid');
  mkdirSync(bad);
  writeFileSync(join(bad, 'syntax-error.js'), "import PropTypes from 'prop-types';\nfunction (broken {\n  console.log('never closed'\n");
  writeFileSync(join(bad, 'syntax-error.ts'), "import type { Validator } from 'prop-types';\nlet x: = ;\nconsole.log(x);\n");
  writeFileSync(join(bad, 'apostrophe.jsx'), "import PropTypes from 'prop-types';\nexport const Note = ({ name }) => <p>Don't forget {name}'s keys</p>;\nNote.propTypes = { name: PropTypes.string };\nconsole.log(Note);\n");
  writeFileSync(join(bad, 'apostrophe-unclosed.jsx'), "import PropTypes from 'prop-types';\nexport const Broken = () => <div><p>It's not closed</div>;\nconsole.log(Broken);\n");
  writeFileSync(join(bad, 'merge-conflict.js'), "<<<<<<< HEAD\nimport PropTypes from 'prop-types';\n=======\nimport PropTypes from 'prop-types/prop-types';\n>>>>>>> feature\nconsole.log(PropTypes);\n");
  const binary = Buffer.alloc(4096);
  for (let i = 0, s = 7; i < binary.length; i++) binary[i] = (s = (s * 1103515245 + 12345) & 0x7fffffff) >> 16;
  binary.write("require('prop-types'); console.log(1)", 100, 'latin1');
  writeFileSync(join(bad, 'binary.js'), binary);
  writeFileSync(join(bad, 'latin1.js'), Buffer.from("// caf\xe9 \xfc\nconst p = require('prop-types');\nconsole.log(p);\n", 'latin1'));
  sh('git', ['init', '-q'], { cwd: corpus });
}

if (!existsSync(join(corpus, '.git'))) buildCorpus();
if (!existsSync(join(peers, 'node_modules', 'eslint')) || !existsSync(join(peers, 'node_modules', 'dependency-cruiser'))) {
  mkdirSync(peers, { recursive: true });
  writeFileSync(join(peers, 'package.json'), '{ "name": "lint-peers", "private": true }\n');
  console.log(`installing the peers into ${peers}: ${PEERS.join(' ')} …`);
  sh('npm', ['install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', ...PEERS], { cwd: peers, stdio: 'inherit' });
}

// ---- configs -------------------------------------------------------------------------------------------
const rollgateDir = join(corpus, '.rollgate');
mkdirSync(rollgateDir, { recursive: true });
const scope = `    files: ["${FILES_GLOB}"]\n    ignore: ["**/*.d.ts", "**/*.d.mts", "**/*.d.cts"]\n`;
const importRule = `  - id: no-prop-types\n    message: use TypeScript types instead of prop-types\n    import: ["${IMPORTED}", "${IMPORTED}/**"]\n${scope}`;
const patternRule = `  - id: no-console-log\n    message: use the logger\n    pattern: ${JSON.stringify(PATTERN)}\n${scope}`;
const lintConfigs = {
  both: join(rollgateDir, 'legacy-lint.yml'),
  import: join(rollgateDir, 'legacy-lint-import.yml'),
  pattern: join(rollgateDir, 'legacy-lint-pattern.yml'),
};
writeFileSync(lintConfigs.both, `rules:\n${importRule}${patternRule}`);
writeFileSync(lintConfigs.import, `rules:\n${importRule}`);
writeFileSync(lintConfigs.pattern, `rules:\n${patternRule}`);

const eslintConfig = join(peers, 'eslint.config.mjs');
writeFileSync(eslintConfig, `import tsParser from '@typescript-eslint/parser';
const rule = { 'no-restricted-imports': ['error', { paths: [${JSON.stringify(IMPORTED)}], patterns: [${JSON.stringify(`${IMPORTED}/*`)}] }] };
const ignores = ['**/*.d.ts', '**/*.d.mts', '**/*.d.cts'];
export default [
  { linterOptions: { reportUnusedDisableDirectives: 'off' } },
  { files: ['**/*.{js,mjs,jsx,tsx}'], ignores, languageOptions: { parser: tsParser, sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } }, rules: rule },
  { files: ['**/*.cjs'], ignores, languageOptions: { parser: tsParser, sourceType: 'commonjs' }, rules: rule },
  { files: ['**/*.{ts,mts,cts}'], ignores, languageOptions: { parser: tsParser, sourceType: 'module' }, rules: rule },
];
`);

const depcruiseConfig = join(peers, 'depcruise.config.cjs');
writeFileSync(depcruiseConfig, `module.exports = {
  forbidden: [{ name: 'no-prop-types', severity: 'error', from: {}, to: { path: '^${IMPORTED}($|/)' } }],
  options: { exclude: { path: '\\\\.d\\\\.[mc]?ts$' }, doNotFollow: { path: 'node_modules' }, tsPreCompilationDeps: false, moduleSystems: ['cjs', 'es6'], enhancedResolveOptions: { extensions: ['.js', '.mjs', '.cjs', '.jsx', '.ts', '.tsx', '.mts', '.cts'] } },
};
`);

// ---- the corpus as the lint sees it --------------------------------------------------------------------
const listed = sh('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: corpus }).split('\0').filter(Boolean);
const composition = { listed: listed.length, byExtension: {}, declarations: 0, overLimit: 0, symlinks: 0, bytes: 0, sourceFiles: 0, sourceBytes: 0 };
const inScope = [];
for (const file of listed) {
  const st = lstatSync(join(corpus, file));
  if (st.isSymbolicLink()) { composition.symlinks++; continue; }
  composition.bytes += st.size;
  const ext = /\.([^./]+)$/.exec(file)?.[1]?.toLowerCase();
  if (!EXTENSIONS.includes(ext)) continue;
  if (DECLARATIONS.test(file)) { composition.declarations++; continue; }
  if (st.size > MAX_FILE_SIZE) { composition.overLimit++; continue; }
  composition.byExtension[ext] = (composition.byExtension[ext] ?? 0) + 1;
  composition.sourceFiles++;
  composition.sourceBytes += st.size;
  inScope.push(file);
}
const depcruiseTargets = depcruiseFull ? ['pkgs', 'invalid'] : ['pkgs/@mui', 'invalid'];
const depcruiseFiles = inScope.filter((f) => depcruiseTargets.some((t) => f.startsWith(`${t}/`))).length;

// ---- contenders ----------------------------------------------------------------------------------------
const cli = process.env.ROLLGATE_CLI ?? join(root, 'dist', 'cli.js');
if (!existsSync(cli)) throw new Error(`${cli} does not exist: run npm run build first, or set ROLLGATE_CLI`);
const rgScope = ['--no-ignore', '--hidden', '--no-messages', '--max-filesize', '1M', '-g', `*.{${EXTENSIONS.join(',')}}`, '-g', '!*.d.ts', '-g', '!*.d.mts', '-g', '!*.d.cts'];
const naive = join(results, 'legacy-lint-naive.mjs');
// The issue's "naive single-threaded Node scan": the same file list, read and searched one by one.
writeFileSync(naive, `import { readFileSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
const re = new RegExp(${JSON.stringify(PATTERN)}, 'g');
const exts = /\\.(?:${EXTENSIONS.join('|')})$/; const decl = /\\.d\\.[mc]?ts$/;
const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8', maxBuffer: 1 << 28 }).split('\\0').filter((f) => f && exts.test(f) && !decl.test(f));
let n = 0;
for (const f of files) { const st = statSync(f); if (st.size > ${MAX_FILE_SIZE} || st.isSymbolicLink()) continue; const b = readFileSync(f); if (b.subarray(0, 8000).includes(0)) continue; n += (b.toString('utf8').match(re) ?? []).length; }
console.log(n);
`);
const node = process.execPath;
const contenders = {
  'rollgate legacy-lint, both rules': [node, [cli, 'legacy-lint', '--json', '--config', lintConfigs.both]],
  'rollgate legacy-lint, pattern rule': [node, [cli, 'legacy-lint', '--json', '--config', lintConfigs.pattern]],
  'rollgate legacy-lint, import rule': [node, [cli, 'legacy-lint', '--json', '--config', lintConfigs.import]],
  'ripgrep, pattern': ['rg', ['--count-matches', ...rgScope, '-e', PATTERN, 'pkgs', 'invalid']],
  'ripgrep, pattern, 1 thread': ['rg', ['-j1', '--count-matches', ...rgScope, '-e', PATTERN, 'pkgs', 'invalid']],
  'ripgrep, import regex (floor)': ['rg', ['--count-matches', ...rgScope, '-e', IMPORT_REGEX, 'pkgs', 'invalid']],
  'naive Node scan, pattern (1 thread)': [node, [naive]],
  'ESLint no-restricted-imports': [node, [join(peers, 'node_modules', 'eslint', 'bin', 'eslint.js'), '-c', eslintConfig, '--no-inline-config', '--no-warn-ignored', '--format', 'json', '-o', join(results, 'legacy-lint-eslint.json'), 'pkgs', 'invalid']],
  [`dependency-cruiser, 1 forbidden rule (${depcruiseFull ? 'whole corpus' : 'subset pkgs/@mui'})`]: [node, [join(peers, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs'), '-c', depcruiseConfig, '--no-progress', '-T', 'json', '-f', join(results, 'legacy-lint-depcruise.json'), ...depcruiseTargets]],
};
const filesOf = (name) => (name.startsWith('dependency-cruiser') ? depcruiseFiles : inScope.length);

const loadBefore = loadavg();
console.log(`warming the page cache (rg over the corpus once) …`);
spawnSync('rg', ['-c', ...rgScope, 'x', '.'], { cwd: corpus });
const runs = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
for (let round = 0; round < rounds; round++) {
  for (const [name, [cmd, args]] of Object.entries(contenders)) {
    const run = spawnSync('/usr/bin/time', ['-f', '%e %M %U %S', cmd, ...args], { cwd: corpus, encoding: 'utf8', maxBuffer: 1 << 30 });
    const [seconds, kb, user, sys] = run.stderr.trim().split('\n').pop().split(' ').map(Number);
    runs[name].push({ seconds, cpuSeconds: user + sys, rssMb: kb / 1024, status: run.status, stdout: run.stdout, stderr: run.stderr.slice(0, 2000) });
    console.log(`round ${round + 1}: ${name}: ${seconds.toFixed(2)} s (${(user + sys).toFixed(2)} s CPU), ${(kb / 1024).toFixed(0)} MiB, exit ${run.status}`);
  }
}
const loadAfter = loadavg();

// ---- outputs of the last round -------------------------------------------------------------------------
const last = (name) => runs[name].at(-1);
const lintBoth = JSON.parse(last('rollgate legacy-lint, both rules').stdout);
const lintPattern = JSON.parse(last('rollgate legacy-lint, pattern rule').stdout);
const lintImport = JSON.parse(last('rollgate legacy-lint, import rule').stdout);
const sumCounts = (out) => out.trim().split('\n').filter(Boolean).reduce((s, l) => s + Number(l.slice(l.lastIndexOf(':') + 1)), 0);
const eslint = JSON.parse(readFileSync(join(results, 'legacy-lint-eslint.json'), 'utf8'));
const depcruiseName = Object.keys(contenders).find((k) => k.startsWith('dependency-cruiser'));
let depcruise;
try {
  depcruise = JSON.parse(readFileSync(join(results, 'legacy-lint-depcruise.json'), 'utf8'));
} catch {
  depcruise = undefined;
}
const eslintFatal = new Map();
const eslintFindings = [];
for (const r of eslint) {
  const file = r.filePath.slice(corpus.length + 1);
  for (const m of r.messages) {
    if (m.fatal) eslintFatal.set(file, `${m.line}:${m.column} ${m.message}`);
    else if (m.ruleId === 'no-restricted-imports') eslintFindings.push({ file, line: m.line, endLine: m.endLine ?? m.line });
  }
}
const counts = {
  lintPattern: lintPattern.findings.length,
  lintBothPattern: lintBoth.findings.filter((f) => f.rule === 'no-console-log').length,
  rgPattern: sumCounts(last('ripgrep, pattern').stdout),
  naivePattern: Number(last('naive Node scan, pattern (1 thread)').stdout.trim()),
  lintImport: lintImport.findings.length,
  lintBothImport: lintBoth.findings.filter((f) => f.rule === 'no-prop-types').length,
  rgImportFloor: sumCounts(last('ripgrep, import regex (floor)').stdout),
  eslintImport: eslintFindings.length,
  eslintFilesLinted: eslint.length,
  eslintFatalFiles: eslintFatal.size,
  depcruiseViolations: depcruise?.summary?.violations?.length,
  depcruiseModules: depcruise?.modules?.length,
  lintScanned: lintImport.scanned,
  lintSkipped: lintImport.skipped,
  lintParseErrors: lintImport.parseErrors.length,
};

// ---- findings: ours vs ESLint's on the import rule -----------------------------------------------------
// ESLint's no-restricted-imports sees import declarations and export … from only; our lint also sees require(),
// import(), and TS import x = require(). Each finding of ours is classified by the text before its specifier.
const texts = new Map();
const lineOf = (file, line) => {
  if (!texts.has(file)) texts.set(file, readFileSync(join(corpus, file), 'utf8').split('\n'));
  return texts.get(file)[line - 1] ?? '';
};
const oursParseErrors = new Set(lintImport.parseErrors.map((e) => e.file));
const bothParsed = (file) => !eslintFatal.has(file) && !oursParseErrors.has(file);
const ours = lintImport.findings.map((f) => {
  const before = lineOf(f.file, f.line).slice(0, f.column - 1);
  const form = /\brequire\s*\(\s*['"`]?$/.test(before) ? (/\bimport\s+(?:type\s+)?[\w$]+\s*=\s*require\s*\(\s*['"`]?$/.test(before) ? 'import-equals-require' : 'require') : /\bimport\s*\(\s*['"`]?$/.test(before) ? 'dynamic-import' : 'static';
  return { ...f, form };
});
const forms = ours.reduce((o, f) => ({ ...o, [f.form]: (o[f.form] ?? 0) + 1 }), {});
const oursStatic = ours.filter((f) => f.form === 'static' && bothParsed(f.file));
const eslintComparable = eslintFindings.filter((f) => bothParsed(f.file));
const usedEslint = new Set();
const oursOnly = [];
for (const f of oursStatic) {
  const hit = eslintComparable.findIndex((e, i) => !usedEslint.has(i) && e.file === f.file && e.line <= f.line && f.line <= e.endLine);
  if (hit < 0) oursOnly.push(f);
  else usedEslint.add(hit);
}
const eslintOnly = eslintComparable.filter((_, i) => !usedEslint.has(i));
const sample = (list) => list.slice(0, 12).map((f) => `${f.file}:${f.line}  ${lineOf(f.file, f.line).trim().slice(0, 140)}`);
const comparison = {
  oursByForm: forms,
  oursStaticOnBothParsed: oursStatic.length,
  eslintOnBothParsed: eslintComparable.length,
  agreed: usedEslint.size,
  oursOnly: oursOnly.length,
  eslintOnly: eslintOnly.length,
  oursOnlySample: sample(oursOnly),
  eslintOnlySample: sample(eslintOnly),
  oursNonStaticSample: sample(ours.filter((f) => f.form !== 'static')),
  excludedFiles: {
    eslintFatal: [...eslintFatal].slice(0, 30).map(([f, m]) => `${f}: ${m}`),
    eslintFatalCount: eslintFatal.size,
    oursParseErrors: lintImport.parseErrors,
  },
};

// What each contender made of the deliberately broken files.
const invalid = {};
for (const file of inScope.filter((f) => f.startsWith('invalid/')).concat('invalid/binary.js')) {
  invalid[file] = {
    ours: lintBoth.findings.filter((f) => f.file === file).map((f) => `${f.rule}@${f.line}`),
    oursParseError: lintBoth.parseErrors.find((e) => e.file === file),
    eslint: eslintFatal.get(file) ?? eslintFindings.filter((f) => f.file === file).map((f) => `no-restricted-imports@${f.line}`),
    depcruise: depcruise?.modules?.find((m) => m.source === file)?.dependencies?.map((d) => `${d.module}${d.valid === false ? ' (violation)' : ''}${d.couldNotResolve ? ' (unresolved)' : ''}`) ?? 'not in its output',
  };
}

// ---- table ---------------------------------------------------------------------------------------------
const median = (list, key = 'seconds') => list.map((r) => r[key]).sort((a, b) => a - b)[list.length >> 1];
const summary = {};
for (const [name, list] of Object.entries(runs)) {
  summary[name] = { seconds: median(list), cpuSeconds: median(list, 'cpuSeconds'), all: list.map((r) => r.seconds), peakRssMb: Math.max(...list.map((r) => r.rssMb)), files: filesOf(name), exit: list.map((r) => r.status) };
  summary[name].filesPerSecond = summary[name].files / summary[name].seconds;
}
const s = (name) => summary[name].seconds;
const ratios = {
  patternOverRg: s('rollgate legacy-lint, pattern rule') / s('ripgrep, pattern'),
  bothOverRg: s('rollgate legacy-lint, both rules') / s('ripgrep, pattern'),
  eslintOverImport: s('ESLint no-restricted-imports') / s('rollgate legacy-lint, import rule'),
  depcruiseFilesPerSecond: summary[depcruiseName].filesPerSecond,
  depcruiseExtrapolatedSeconds: inScope.length / summary[depcruiseName].filesPerSecond,
  eslintOverImportDepcruiseExtrapolated: inScope.length / summary[depcruiseName].filesPerSecond / s('rollgate legacy-lint, import rule'),
};
const mb = (n) => (n / 2 ** 20).toFixed(0);
console.log(`\nmachine: ${cpus().length} × ${cpus()[0]?.model}, ${mb(totalmem())} MiB, node ${process.version}; load average before ${loadBefore.map((x) => x.toFixed(2)).join(' ')}, after ${loadAfter.map((x) => x.toFixed(2)).join(' ')}`);
console.log(`corpus: ${composition.listed.toLocaleString('en-US')} files listed by git (${mb(composition.bytes)} MiB); in scope ${inScope.length.toLocaleString('en-US')} JS/TS files (${mb(composition.sourceBytes)} MiB): ${Object.entries(composition.byExtension).map(([e, n]) => `${n} .${e}`).join(', ')}; left out ${composition.declarations} declaration files and ${composition.overLimit} over 1 MiB; median of ${rounds}`);
console.log('| contender | median s | CPU s (user+sys) | files/s | peak RSS MiB | findings |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
const findingsOf = {
  'rollgate legacy-lint, both rules': `${counts.lintBothImport} + ${counts.lintBothPattern}`,
  'rollgate legacy-lint, pattern rule': counts.lintPattern,
  'rollgate legacy-lint, import rule': counts.lintImport,
  'ripgrep, pattern': counts.rgPattern,
  'ripgrep, pattern, 1 thread': ['rg', ['-j1', '--count-matches', ...rgScope, '-e', PATTERN, 'pkgs', 'invalid']],
  'ripgrep, pattern, 1 thread': sumCounts(last('ripgrep, pattern, 1 thread').stdout),
  'ripgrep, import regex (floor)': counts.rgImportFloor,
  'naive Node scan, pattern (1 thread)': counts.naivePattern,
  'ESLint no-restricted-imports': `${counts.eslintImport} (${counts.eslintFatalFiles} files unparsable)`,
  [depcruiseName]: `${counts.depcruiseViolations ?? '?'}`,
};
for (const [name, r] of Object.entries(summary)) console.log(`| ${name} | ${r.seconds.toFixed(2)} | ${r.cpuSeconds.toFixed(2)} | ${Math.round(r.filesPerSecond).toLocaleString('en-US')} | ${r.peakRssMb.toFixed(0)} | ${findingsOf[name]} |`);
console.log(`\npattern rule / ripgrep: ${ratios.patternOverRg.toFixed(2)}× (goal ≤ 2.5×); both rules / ripgrep pattern: ${ratios.bothOverRg.toFixed(2)}×`);
console.log(`ESLint / import rule: ${ratios.eslintOverImport.toFixed(1)}× (goal ≥ 30×); dependency-cruiser ${Math.round(ratios.depcruiseFilesPerSecond)} files/s, ${ratios.depcruiseExtrapolatedSeconds.toFixed(0)} s extrapolated to the corpus (${ratios.eslintOverImportDepcruiseExtrapolated.toFixed(0)}× the import rule)`);
console.log(`lint: scanned ${counts.lintScanned}, skipped ${JSON.stringify(counts.lintSkipped)}, ${counts.lintParseErrors} parse errors reported: ${lintImport.parseErrors.map((e) => `${e.file}:${e.line}`).join(', ')}`);
console.log(`import findings, ours by form: ${JSON.stringify(forms)}; on files both parsed: ours static ${comparison.oursStaticOnBothParsed}, ESLint ${comparison.eslintOnBothParsed}, agreed ${comparison.agreed}, ours only ${comparison.oursOnly}, ESLint only ${comparison.eslintOnly}`);
for (const line of comparison.oursOnlySample) console.log(`  ours only: ${line}`);
for (const line of comparison.eslintOnlySample) console.log(`  ESLint only: ${line}`);
for (const [file, v] of Object.entries(invalid)) console.log(`  ${file}: ours ${JSON.stringify(v.ours)}${v.oursParseError ? ` + parse error ${v.oursParseError.line}:${v.oursParseError.column} ${v.oursParseError.message}` : ''}; ESLint ${JSON.stringify(v.eslint)}; dependency-cruiser ${JSON.stringify(v.depcruise)}`);
console.log(`ESLint could not parse ${eslintFatal.size} files, e.g. ${comparison.excludedFiles.eslintFatal.slice(0, 8).join('; ')}`);
writeFileSync(join(results, 'legacy-lint.json'), `${JSON.stringify({ cli, invalid, packages: PACKAGES, peers: PEERS, pattern: PATTERN, importRegex: IMPORT_REGEX, rounds, loadBefore, loadAfter, composition, depcruiseTargets, depcruiseFiles, summary: Object.fromEntries(Object.entries(summary)), ratios, counts, comparison, stderr: Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, v.at(-1).stderr])) }, null, 2)}\n`);
