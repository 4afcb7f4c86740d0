#!/usr/bin/env node
// Regenerates the input and output tables in README.md from the action.yml
// files, so the docs never drift from what the actions accept.
//
//   node scripts/docs.mjs            rewrite README.md (atomically) if a table changed
//   node scripts/docs.mjs --check    exit 1 when README.md is stale or an action lacks a table
//   --root DIR                       repository root (default: this script's repository)
//   --readme FILE                    the README to read or rewrite (default: ROOT/README.md)
//
// A table lives between a marker pair, each on a line of its own, outside code fences:
//
//   <!-- rollgate:action-table path=actions/checklist/action.yml -->
//   ...generated; anything here is replaced...
//   <!-- /rollgate:action-table -->
//
// `path` is relative to the repository root. Every action.yml (the root one and
// actions/*/action.yml) must have a table; --check fails naming the ones that do not.
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';

const scriptRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

export const OPEN_RE = /^\s{0,3}<!--\s*rollgate:action-table\s+path=(?:"([^"]+)"|'([^']+)'|(\S+?))\s*-->\s*$/;
export const CLOSE_RE = /^\s{0,3}<!--\s*\/rollgate:action-table\s*-->\s*$/;
/** Anything that looks like a marker but does not match OPEN_RE/CLOSE_RE is reported, not ignored. */
const LOOSE_RE = /<!--\s*\/?rollgate:action-table\b/;
const FENCE_RE = /^\s{0,3}(`{3,}|~{3,})/;

// ---------------------------------------------------------------------------
// Markdown cell rendering

/**
 * Text for one table cell. Code spans keep their content (only `|` is escaped,
 * which GFM requires even inside code); elsewhere `<` and `>` become entities so
 * `.rollgate/<command>.yml` is not swallowed as an HTML tag, and `|` is escaped.
 * Newlines become <br> (a blank line, a paragraph break, becomes <br><br>).
 * @param {string} text
 */
export function escapeCell(text) {
  const normalized = String(text).replace(/\r\n?/g, '\n').trim();
  let out = '';
  let i = 0;
  while (i < normalized.length) {
    const tick = normalized.indexOf('`', i);
    if (tick === -1) {
      out += escapePlain(normalized.slice(i));
      break;
    }
    out += escapePlain(normalized.slice(i, tick));
    const run = /^`+/.exec(normalized.slice(tick))[0];
    const closeAt = findClosingRun(normalized, tick + run.length, run.length);
    if (closeAt === -1) {
      // An unmatched backtick run is literal text.
      out += run;
      i = tick + run.length;
      continue;
    }
    const inner = normalized.slice(tick + run.length, closeAt);
    out += run + inner.replace(/\n/g, ' ').replace(/\|/g, '\\|') + run;
    i = closeAt + run.length;
  }
  return out;
}

/** @param {string} text @param {number} from @param {number} length */
function findClosingRun(text, from, length) {
  const re = /`+/g;
  re.lastIndex = from;
  for (let m = re.exec(text); m; m = re.exec(text)) if (m[0].length === length) return m.index;
  return -1;
}

/** @param {string} text */
function escapePlain(text) {
  return text
    .replace(/\\?\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[ \t]*\n[ \t]*/g, '<br>');
}

/**
 * A value as an inline code span, with a fence longer than any backtick run in
 * it, pipes escaped for the table, and newlines shown as `\n`.
 * @param {string} value
 */
export function codeCell(value) {
  const text = String(value).replace(/\r\n?/g, '\n').replace(/\n/g, '\\n').replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || (text.startsWith(' ') && text.endsWith(' ') && text.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** @param {unknown} value */
function defaultCell(value) {
  if (value === undefined || value === null || value === '') return '—';
  return codeCell(typeof value === 'string' ? value : JSON.stringify(value));
}

/** @param {unknown} value */
function isTrue(value) {
  return value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');
}

// ---------------------------------------------------------------------------
// action.yml → Markdown

/**
 * Parses action.yml text, keeping the declaration order of inputs and outputs.
 * Throws an Error naming the file, line and column on invalid YAML.
 * @param {string} text
 * @param {string} file for messages
 */
export function parseActionYaml(text, file) {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    const where = (/** @type {import('yaml').YAMLError} */ e) => {
      const pos = e.linePos?.[0];
      return pos ? `${file}:${pos.line}:${pos.col}` : file;
    };
    // GitHub's runner rejects such a file too, so every workflow using the action would fail.
    throw new Error(doc.errors.map((e) => `${where(e)}: invalid YAML: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`).join('; '));
  }
  const root = doc.toJS({ mapAsMap: true });
  if (!(root instanceof Map)) throw new Error(`${file}: expected a mapping at the top level`);
  /** @param {string} key */
  const section = (key) => {
    const value = root.get(key);
    if (value === undefined || value === null) return [];
    if (!(value instanceof Map)) throw new Error(`${file}: "${key}" must be a mapping`);
    return [...value.entries()].map(([name, spec]) => {
      if (spec !== null && spec !== undefined && !(spec instanceof Map)) throw new Error(`${file}: ${key}.${String(name)} must be a mapping`);
      return { name: String(name), spec: spec instanceof Map ? Object.fromEntries(spec) : {} };
    });
  };
  return { name: root.get('name'), inputs: section('inputs'), outputs: section('outputs') };
}

/**
 * The Markdown between a marker pair, for one action.yml's text. Lines are joined
 * with \n; the caller converts to the README's line endings.
 * @param {string} text the action.yml content
 * @param {string} path the path named by the marker (shown in the generated note)
 */
export function renderActionTable(text, path) {
  const action = parseActionYaml(text, path);
  const lines = [
    `<!-- Generated from ${path} by scripts/docs.mjs; edit the action.yml and run \`npm run build\`, not this table. -->`,
    '',
    '**Inputs**',
    '',
  ];
  if (action.inputs.length === 0) {
    lines.push('This action has no inputs.');
  } else {
    lines.push('| Input | Description | Required | Default |', '| --- | --- | --- | --- |');
    for (const { name, spec } of action.inputs) {
      let description = escapeCell(typeof spec.description === 'string' ? spec.description : '');
      if (typeof spec.deprecationMessage === 'string' && spec.deprecationMessage.trim() !== '') {
        description = `**Deprecated:** ${escapeCell(spec.deprecationMessage)}${description ? `<br>${description}` : ''}`;
      }
      lines.push(`| ${codeCell(name)} | ${description} | ${isTrue(spec.required) ? 'yes' : 'no'} | ${defaultCell(spec.default)} |`);
    }
  }
  lines.push('', '**Outputs**', '');
  if (action.outputs.length === 0) {
    lines.push('This action has no outputs.');
  } else {
    lines.push('| Output | Description |', '| --- | --- |');
    for (const { name, spec } of action.outputs) {
      lines.push(`| ${codeCell(name)} | ${escapeCell(typeof spec.description === 'string' ? spec.description : '')} |`);
    }
  }
  // A blank line before the closing marker, so no renderer reads it as part of the table.
  lines.push('');
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------
// README markers

/**
 * Finds the marker pairs in a README, skipping fenced code blocks.
 * @param {string[]} lines the README split on \n (a trailing \r stays on each line)
 * @returns {{ tables: { path: string, open: number, close: number }[], problems: string[] }}
 *   open/close are 0-based line indexes of the marker lines.
 */
export function findMarkers(lines, readmeName = 'README.md') {
  /** @type {{ path: string, open: number, close: number }[]} */
  const tables = [];
  /** @type {string[]} */
  const problems = [];
  /** @type {{ path: string, open: number } | undefined} */
  let current;
  /** @type {string | undefined} */
  let fence;
  lines.forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    const fenceMatch = FENCE_RE.exec(line);
    if (fence) {
      if (fenceMatch && fenceMatch[1][0] === fence[0] && fenceMatch[1].length >= fence.length && line.trim() === fenceMatch[1]) fence = undefined;
      return;
    }
    if (fenceMatch) {
      fence = fenceMatch[1];
      return;
    }
    const open = OPEN_RE.exec(line);
    if (open) {
      if (current) problems.push(`${readmeName}:${index + 1}: a table marker opens inside the one opened at line ${current.open + 1}; close that one first with <!-- /rollgate:action-table -->`);
      current = { path: open[1] ?? open[2] ?? open[3], open: index };
      return;
    }
    if (CLOSE_RE.test(line)) {
      if (!current) problems.push(`${readmeName}:${index + 1}: <!-- /rollgate:action-table --> without an opening marker`);
      else tables.push({ ...current, close: index });
      current = undefined;
      return;
    }
    if (LOOSE_RE.test(line)) problems.push(`${readmeName}:${index + 1}: malformed table marker; write <!-- rollgate:action-table path=PATH --> and <!-- /rollgate:action-table --> each on a line of its own`);
  });
  if (current) problems.push(`${readmeName}:${current.open + 1}: table marker for ${current.path} is never closed with <!-- /rollgate:action-table -->`);
  return { tables, problems };
}

/** @param {string} path a marker path, relative to the root */
function normalizePath(path) {
  return posix.normalize(path.replace(/\\/g, '/')).replace(/^\.\//, '');
}

/**
 * The action.yml files that must have a table: ROOT/action.yml and
 * ROOT/actions/<name>/action.yml (or .yaml), as root-relative posix paths.
 * @param {string} root
 */
export function listActionFiles(root) {
  const found = [];
  for (const name of ['action.yml', 'action.yaml']) {
    if (existsSync(join(root, name))) { found.push(name); break; }
  }
  const actionsDir = join(root, 'actions');
  if (existsSync(actionsDir)) {
    const dirs = readdirSync(actionsDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    for (const dir of dirs) {
      for (const name of ['action.yml', 'action.yaml']) {
        if (existsSync(join(actionsDir, dir, name))) { found.push(`actions/${dir}/${name}`); break; }
      }
    }
  }
  return found;
}

/**
 * Computes the regenerated README without writing anything.
 * @param {{ root: string, readmePath: string }} options
 */
export function generate({ root, readmePath }) {
  const fromRoot = relative(root, readmePath);
  const readmeName = fromRoot && !fromRoot.startsWith('..') && !isAbsolute(fromRoot) ? fromRoot.split(sep).join('/') : readmePath;
  const original = readFileSync(readmePath, 'utf8');
  const eol = original.includes('\r\n') ? '\r\n' : '\n';
  const lines = original.split('\n');
  const { tables, problems } = findMarkers(lines, readmeName);
  /** @type {string[]} */
  const stale = [];
  /** @type {string[]} */
  const unchanged = [];
  /** @type {string[]} */
  const errors = [...problems];
  /** @type {string[]} */
  const out = [];
  let cursor = 0;
  for (const table of tables) {
    const path = normalizePath(table.path);
    const where = `${readmeName}:${table.open + 1}`;
    out.push(...lines.slice(cursor, table.open + 1));
    cursor = table.close;
    const current = lines.slice(table.open + 1, table.close).join('\n');
    const file = resolve(root, path);
    if (path.startsWith('../') || posix.isAbsolute(path)) {
      errors.push(`${where}: marker path ${table.path} must be relative to the repository root and inside it`);
      out.push(...lines.slice(table.open + 1, table.close));
      continue;
    }
    if (!existsSync(file)) {
      errors.push(`${where}: marker names ${path}, which does not exist`);
      out.push(...lines.slice(table.open + 1, table.close));
      continue;
    }
    let rendered;
    try {
      rendered = renderActionTable(readFileSync(file, 'utf8'), path);
    } catch (error) {
      errors.push(`${where}: cannot generate the table for ${path}: ${/** @type {Error} */ (error).message}`.replace(`${path}: ${path}:`, `${path}:`));
      out.push(...lines.slice(table.open + 1, table.close));
      continue;
    }
    const generatedLines = rendered.replace(/\n$/, '').split('\n').map((line) => (eol === '\r\n' ? `${line}\r` : line));
    if (generatedLines.join('\n') === current) unchanged.push(path);
    else stale.push(`${path} (${where})`);
    out.push(...generatedLines);
  }
  out.push(...lines.slice(cursor));
  const documented = new Set(tables.map((t) => normalizePath(t.path)));
  const missing = listActionFiles(root).filter((path) => !documented.has(path));
  return { original, content: out.join('\n'), tables, stale, unchanged, errors, missing, readmeName };
}

/** Writes next to the target, then renames over it, so a reader never sees half a file. */
function writeAtomic(path, content) {
  const temp = join(dirname(path), `.${posix.basename(path.split(sep).join('/'))}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, content, 'utf8');
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

function missingMessage(missing, readmeName) {
  return [
    `${readmeName} has no input/output table for: ${missing.join(', ')}.`,
    `Add a marker pair where each table belongs, then run \`node scripts/docs.mjs\`:`,
    ...missing.map((path) => `  <!-- rollgate:action-table path=${path} -->\n  <!-- /rollgate:action-table -->`),
  ].join('\n');
}

/** @param {string[]} argv @returns {number} the exit code */
export function main(argv = process.argv.slice(2)) {
  const check = argv.includes('--check');
  const option = (name) => {
    const at = argv.indexOf(name);
    if (at === -1) return undefined;
    const value = argv[at + 1];
    if (!value || value.startsWith('--')) throw new Error(`${name} needs a value`);
    return value;
  };
  const known = new Set(['--check', '--root', '--readme']);
  const unknown = argv.filter((arg, i) => arg.startsWith('--') && !known.has(arg) && !['--root', '--readme'].includes(argv[i - 1] ?? ''));
  if (unknown.length > 0) {
    process.stderr.write(`docs: unknown option ${unknown.join(', ')} (use --check, --root DIR, --readme FILE)\n`);
    return 2;
  }
  const root = resolve(option('--root') ?? scriptRoot);
  const readmePath = resolve(option('--readme') ?? join(root, 'README.md'));
  if (!existsSync(readmePath)) {
    process.stderr.write(`docs: ${readmePath} does not exist\n`);
    return 1;
  }
  const result = generate({ root, readmePath });
  const { readmeName } = result;

  if (check) {
    const problems = [...result.errors];
    if (result.tables.length === 0) {
      problems.push(`${readmeName} has no <!-- rollgate:action-table --> markers at all.`);
    }
    if (result.missing.length > 0) problems.push(missingMessage(result.missing, readmeName));
    if (result.stale.length > 0) {
      problems.push(`${readmeName} has out-of-date action tables (they differ from what the action.yml files generate): ${result.stale.join(', ')}. Run \`node scripts/docs.mjs\` (or \`npm run build\`) and commit ${readmeName}.`);
    }
    if (problems.length > 0) {
      process.stderr.write(`docs --check failed:\n${problems.map((p) => `- ${p.replace(/\n/g, '\n  ')}`).join('\n')}\n`);
      return 1;
    }
    process.stdout.write(`docs: ${readmeName} is up to date (${result.tables.length} action table${result.tables.length === 1 ? '' : 's'}: ${result.unchanged.join(', ')})\n`);
    return 0;
  }

  if (result.errors.length > 0) {
    process.stderr.write(`docs: ${readmeName} left unchanged:\n${result.errors.map((p) => `- ${p}`).join('\n')}\n`);
    return 1;
  }
  if (result.content !== result.original) {
    writeAtomic(readmePath, result.content);
    process.stdout.write(`docs: regenerated ${result.stale.length} table${result.stale.length === 1 ? '' : 's'} in ${readmeName}: ${result.stale.join(', ')}\n`);
  } else {
    process.stdout.write(`docs: ${readmeName} is up to date (${result.tables.length} action table${result.tables.length === 1 ? '' : 's'})\n`);
  }
  if (result.missing.length > 0) {
    // Not fatal here (the build still succeeds); `--check` fails on it.
    process.stderr.write(`docs: warning: ${missingMessage(result.missing, readmeName)}\n`);
  }
  return 0;
}

const invokedDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  try {
    process.exitCode = main();
  } catch (error) {
    process.stderr.write(`docs: ${/** @type {Error} */ (error).message}\n`);
    process.exitCode = 1;
  }
}
