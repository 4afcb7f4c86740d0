/**
 * scripts/docs.mjs: the README's input/output tables are generated from the
 * action.yml files, and `--check` (part of npm test) fails when they drift.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync as makeTemp, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import MarkdownIt from 'markdown-it';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const script = join(root, 'scripts', 'docs.mjs');

interface DocsModule {
  renderActionTable(text: string, path: string): string;
  escapeCell(text: string): string;
  codeCell(value: string): string;
  findMarkers(lines: string[], readmeName?: string): { tables: { path: string; open: number; close: number }[]; problems: string[] };
}
// A plain .mjs script (no declaration file), so typed here by hand.
const docs = (await import(pathToFileURL(script).href)) as DocsModule;

const temps: string[] = [];
function mkdtempSync(prefix: string): string {
  const dir = makeTemp(prefix);
  temps.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function run(args: string[]): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

const OPEN = (path: string) => `<!-- rollgate:action-table path=${path} -->`;
const CLOSE = '<!-- /rollgate:action-table -->';

const tricky = `name: Tricky
description: Exercises the escaping.
inputs:
  mode:
    description: One of a|b|c, as in \`--mode a|b\`.
    required: true
  template:
    description: |
      First line.
      Second line with <placeholder> text.
    required: false
    default: \${{ github.token }}
  ticks:
    description: A default with a backtick.
    default: 'a\`b'
  empty:
    description: Empty default.
    default: ''
  flag:
    description: Unquoted boolean default.
    default: false
  old:
    description: Replaced by mode.
    deprecationMessage: Use mode instead.
outputs:
  passed:
    description: "true when it passed | false otherwise"
runs:
  using: node24
  main: index.js
`;

describe('renderActionTable', () => {
  const table = docs.renderActionTable(tricky, 'actions/tricky/action.yml');

  it('renders one row per input and output, in declaration order, escaped', () => {
    expect(table.split('\n')).toEqual([
      '<!-- Generated from actions/tricky/action.yml by scripts/docs.mjs; edit the action.yml and run `npm run build`, not this table. -->',
      '',
      '**Inputs**',
      '',
      '| Input | Description | Required | Default |',
      '| --- | --- | --- | --- |',
      '| `mode` | One of a\\|b\\|c, as in `--mode a\\|b`. | yes | — |',
      '| `template` | First line.<br>Second line with &lt;placeholder&gt; text. | no | `${{ github.token }}` |',
      '| `ticks` | A default with a backtick. | no | ``a`b`` |',
      '| `empty` | Empty default. | no | — |',
      '| `flag` | Unquoted boolean default. | no | `false` |',
      '| `old` | **Deprecated:** Use mode instead.<br>Replaced by mode. | no | — |',
      '',
      '**Outputs**',
      '',
      '| Output | Description |',
      '| --- | --- |',
      '| `passed` | true when it passed \\| false otherwise |',
      '',
      '',
    ]);
  });

  it('renders to tables with exactly four and two cells per row in a GFM renderer', () => {
    const html = new MarkdownIt().render(table);
    const tables = html.split('<table>').slice(1);
    expect(tables).toHaveLength(2);
    const cellsPerRow = (part: string) => part.split('<tr>').slice(1).map((row) => (row.match(/<t[dh][ >]/g) ?? []).length);
    expect(new Set(cellsPerRow(tables[0]!))).toEqual(new Set([4]));
    expect(new Set(cellsPerRow(tables[1]!))).toEqual(new Set([2]));
    expect(html).toContain('<code>--mode a|b</code>');
    expect(html).toContain('&lt;placeholder&gt;');
    expect(html).toContain('<code>${{ github.token }}</code>');
  });

  it('says so when an action has no inputs or outputs', () => {
    const bare = docs.renderActionTable('name: x\ndescription: y\nruns:\n  using: node24\n  main: a.js\n', 'action.yml');
    expect(bare).toContain('This action has no inputs.');
    expect(bare).toContain('This action has no outputs.');
  });

  it('names the file, line and column of invalid YAML', () => {
    expect(() => docs.renderActionTable('name: x\ndescription: a, e.g. "b: c".\n', 'action.yml')).toThrow(/action\.yml:2:\d+: invalid YAML/);
  });

  it('escapes cells and code spans', () => {
    expect(docs.escapeCell('a | b\n\nc')).toBe('a \\| b<br><br>c');
    expect(docs.escapeCell('keep `x|y` and <b>')).toBe('keep `x\\|y` and &lt;b&gt;');
    expect(docs.codeCell('``x``')).toBe('``` ``x`` ```');
    expect(docs.codeCell('a\nb')).toBe('`a\\nb`');
  });
});

describe('findMarkers', () => {
  it('finds pairs, skips code fences and reports broken pairs', () => {
    const lines = [
      OPEN('a.yml'), 'old', CLOSE,
      '```md', OPEN('in-a-fence.yml'), CLOSE, '```',
      OPEN('"quoted path.yml"'), CLOSE,
      OPEN('b.yml'),
    ];
    const { tables, problems } = docs.findMarkers(lines);
    expect(tables.map((t) => [t.path, t.open, t.close])).toEqual([['a.yml', 0, 2], ['quoted path.yml', 7, 8]]);
    expect(problems).toEqual(['README.md:10: table marker for b.yml is never closed with <!-- /rollgate:action-table -->']);
    expect(docs.findMarkers([CLOSE]).problems[0]).toMatch(/without an opening marker/);
    expect(docs.findMarkers(['<!-- rollgate:action-table -->']).problems[0]).toMatch(/malformed table marker/);
  });
});

/** A throwaway repository: a root action, actions/demo, and a README with the given body. */
function fixtureRepo(readme: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'rollgate-docs-'));
  mkdirSync(join(dir, 'actions', 'demo'), { recursive: true });
  writeFileSync(join(dir, 'action.yml'), 'name: Root\ndescription: Root.\ninputs:\n  command:\n    description: What to run.\n    required: true\noutputs:\n  passed:\n    description: Verdict.\nruns:\n  using: node24\n  main: a.js\n');
  writeFileSync(join(dir, 'actions', 'demo', 'action.yml'), 'name: Demo\ndescription: Demo.\ninputs:\n  level:\n    description: How strict.\n    default: high\nruns:\n  using: node24\n  main: a.js\n');
  writeFileSync(join(dir, 'README.md'), readme);
  return dir;
}

const bothTables = `# Demo\n\n${OPEN('actions/demo/action.yml')}\n${CLOSE}\n\nRoot:\n\n${OPEN('action.yml')}\n${CLOSE}\n`;

describe('node scripts/docs.mjs', () => {
  it('generates the tables in place, atomically, then --check passes and a rerun changes nothing', () => {
    const dir = fixtureRepo(bothTables);
    const first = run(['--root', dir]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/regenerated 2 tables in README\.md: actions\/demo\/action\.yml .*action\.yml/);
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    expect(readme).toContain('| `level` | How strict. | no | `high` |');
    expect(readme.startsWith('# Demo\n\n<!-- rollgate:action-table path=actions/demo/action.yml -->\n<!-- Generated from')).toBe(true);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);

    const mtime = statSync(join(dir, 'README.md')).mtimeMs;
    const again = run(['--root', dir]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/README\.md is up to date \(2 action tables\)/);
    expect(statSync(join(dir, 'README.md')).mtimeMs).toBe(mtime);

    const check = run(['--root', dir, '--check']);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toMatch(/up to date/);
  });

  it('--check fails naming the stale table, and leaves the README alone', () => {
    const dir = fixtureRepo(bothTables);
    run(['--root', dir]);
    const readmePath = join(dir, 'README.md');
    const stale = readFileSync(readmePath, 'utf8').replace('| `level` | How strict. | no | `high` |', '| `level` | How strict. | no | `low` |');
    writeFileSync(readmePath, stale);
    const check = run(['--root', dir, '--check']);
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(/out-of-date action tables .*: actions\/demo\/action\.yml \(README\.md:3\)/);
    expect(check.stderr).not.toMatch(/: action\.yml \(README\.md/);
    expect(check.stderr).toMatch(/Run `node scripts\/docs\.mjs`/);
    expect(readFileSync(readmePath, 'utf8')).toBe(stale);
  });

  it('--check fails when a marker names a missing file, and the write mode refuses to write', () => {
    const dir = fixtureRepo(`${bothTables}\n${OPEN('actions/gone/action.yml')}\n${CLOSE}\n`);
    const check = run(['--root', dir, '--check']);
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(/README\.md:\d+: marker names actions\/gone\/action\.yml, which does not exist/);
    const before = readFileSync(join(dir, 'README.md'), 'utf8');
    const write = run(['--root', dir]);
    expect(write.code).toBe(1);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe(before);
  });

  it('--check fails naming every action without a table, also when the README has no markers at all', () => {
    const partial = run(['--root', fixtureRepo(`# Demo\n\n${OPEN('action.yml')}\n${CLOSE}\n`), '--check']);
    expect(partial.code).toBe(1);
    expect(partial.stderr).toMatch(/no input\/output table for: actions\/demo\/action\.yml\./);

    const none = run(['--root', fixtureRepo('# Demo\n\nNo tables yet.\n'), '--check']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/has no <!-- rollgate:action-table --> markers at all/);
    expect(none.stderr).toMatch(/no input\/output table for: action\.yml, actions\/demo\/action\.yml\./);
  });

  it('keeps CRLF line endings', () => {
    const dir = fixtureRepo(bothTables.replace(/\n/g, '\r\n'));
    expect(run(['--root', dir]).code).toBe(0);
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    expect(readme.replace(/\r\n/g, '')).not.toContain('\n');
    expect(run(['--root', dir, '--check']).code).toBe(0);
  });

  it("--check against a copy of this repository's README with a stale release-gate table", () => {
    const dir = mkdtempSync(join(tmpdir(), 'rollgate-readme-'));
    const copy = join(dir, 'README.md');
    copyFileSync(join(root, 'README.md'), copy);
    const text = readFileSync(copy, 'utf8');
    const open = OPEN('actions/release-gate/action.yml');
    expect(text, 'README.md has a release-gate table marker').toContain(open);
    const start = text.indexOf(open) + open.length;
    const end = text.indexOf(CLOSE, start);
    writeFileSync(copy, `${text.slice(0, start)}\n| Input | Description |\n| --- | --- |\n| \`retired-input\` | Gone. |\n${text.slice(end)}`);
    const check = run(['--root', root, '--readme', copy, '--check']);
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(/docs --check failed/);
    expect(check.stderr).toMatch(/out-of-date action tables .*actions\/release-gate\/action\.yml \(/);
  });

  it('rejects unknown options', () => {
    const result = run(['--chek']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown option --chek/);
  });
});
