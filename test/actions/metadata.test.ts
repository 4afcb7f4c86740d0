/**
 * Every action.yml and every workflow in workflows-examples/ is checked twice:
 * by GitHub's own parser and schemas (what the runner and the editor extension
 * accept), and by the house rules below (what the docs promise).
 *
 * The action tests assume dist/ is built (`npm run build`); it is committed.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { actionErrors, workflowErrors } from './workflow-parser';
import { COMMANDS } from '../../src/commands/registry';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const rel = (path: string) => relative(root, path).split('\\').join('/');

// ---------------------------------------------------------------------------
// What the repository holds

interface StepMeta {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  shell?: string;
  if?: string;
  env?: Record<string, unknown>;
  with?: Record<string, unknown>;
}

interface ActionMeta {
  name?: unknown;
  description?: unknown;
  inputs?: Record<string, { description?: unknown; required?: unknown; default?: unknown } | null>;
  outputs?: Record<string, { description?: unknown; value?: unknown } | null>;
  runs?: { using?: unknown; main?: unknown; steps?: StepMeta[] };
}

interface WorkflowMeta {
  on?: unknown;
  permissions?: unknown;
  jobs?: Record<string, { permissions?: unknown; steps?: StepMeta[]; uses?: string; 'runs-on'?: unknown } | null>;
}

function actionFiles(): string[] {
  const files = [join(root, 'action.yml')];
  for (const entry of readdirSync(join(root, 'actions'), { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const file = join(root, 'actions', entry.name, 'action.yml');
    if (existsSync(file)) files.push(file);
    else if (existsSync(join(root, 'actions', entry.name, 'action.yaml'))) files.push(join(root, 'actions', entry.name, 'action.yaml'));
  }
  return files;
}

function exampleFiles(): string[] {
  const dir = join(root, 'workflows-examples');
  return readdirSync(dir).filter((name) => /\.ya?ml$/.test(name)).sort().map((name) => join(dir, name));
}

/** Throws, with the YAML error, when the file is not valid YAML. */
function loadYaml<T>(file: string): T {
  return parse(readFileSync(file, 'utf8')) as T;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? walk(path) : [path];
  });
}

/** Input names the code reads with getInput(env, 'name') or getBooleanInput(env, 'name', …). */
function inputsReadBySource(): Set<string> {
  const names = new Set<string>();
  const call = /\bget(?:Boolean)?Input\(\s*[\w.]+\s*,\s*(['"`])([^'"`]+)\1/g;
  for (const file of walk(join(root, 'src')).filter((f) => f.endsWith('.ts'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(call)) names.add(match[2]!);
  }
  return names;
}

/** The INPUT_* name the runner would set for an input (see src/github/runner.ts). */
const inputEnvName = (name: string) => `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Does a composite step text use `inputs.<name>` (or `inputs['<name>']`)? */
function referencesInput(text: string, name: string): boolean {
  const n = escapeRegExp(name);
  return new RegExp(`\\binputs\\.${n}(?![\\w-])|\\binputs\\[\\s*'${n}'\\s*\\]`).test(text);
}

const actions = actionFiles();
const examples = exampleFiles();
const readBySource = inputsReadBySource();

/** A command's own options arrive as inputs of the same name (src/action/main.ts reads them from the registry). */
function commandOf(action: { runs?: { main?: unknown } }, name: string): string | undefined {
  if (name === 'action.yml' || typeof action.runs?.main !== 'string') return undefined;
  return /dist\/actions\/([a-z0-9-]+)\.js$/.exec(action.runs.main)?.[1];
}
function optionInputs(command: string | undefined, isRoot: boolean): string[] {
  const commands = isRoot ? Object.values(COMMANDS) : command && COMMANDS[command] ? [COMMANDS[command]!] : [];
  return commands.flatMap((c) => c.options.map((o) => o.name));
}

// ---------------------------------------------------------------------------
// The validator itself

/** A valid node action; each negative test breaks one thing in it. */
const validAction = `name: Fixture
description: A minimal node action.
inputs:
  greeting:
    description: What to say.
    required: false
    default: hello
outputs:
  passed:
    description: true when it passed.
runs:
  using: node24
  main: index.js
`;

describe("GitHub's action parser (the validator these tests rely on)", () => {
  it('accepts runs.using: node24, which many published validators still reject', () => {
    expect(actionErrors('action.yml', validAction)).toEqual([]);
  });

  it('rejects an unknown runtime (runs.using: node99)', () => {
    const errors = actionErrors('action.yml', validAction.replace('using: node24', 'using: node99'));
    expect(errors.join('\n')).toMatch(/Unexpected value 'node99'/);
  });

  it('rejects an action without runs', () => {
    const errors = actionErrors('action.yml', validAction.replace(/runs:[\s\S]*$/, ''));
    expect(errors.join('\n')).toMatch(/Required property is missing: runs/);
  });

  it('rejects an unknown top-level key and a composite step without a shell', () => {
    expect(actionErrors('action.yml', `${validAction}colour: green\n`).join('\n')).toMatch(/Unexpected value 'colour'/);
    const composite = validAction.replace(/runs:[\s\S]*$/, 'runs:\n  using: composite\n  steps:\n    - run: echo hi\n');
    expect(actionErrors('action.yml', composite).join('\n')).toMatch(/Required property is missing: shell/);
  });

  it('rejects a plain scalar containing ": " (the runner cannot load such a file either)', () => {
    const broken = validAction.replace('description: true when it passed.', 'description: One-line verdict, e.g. "Not ready: 1 blocker".');
    expect(actionErrors('action.yml', broken).join('\n')).toMatch(/Nested mappings are not allowed/);
  });
});

// ---------------------------------------------------------------------------
// The actions

describe.each(actions.map((file) => [rel(file), file] as const))('%s', (name, file) => {
  const dir = dirname(file);
  const load = () => loadYaml<ActionMeta>(file);

  it("parses with GitHub's action schema with zero errors", () => {
    const errors = actionErrors(name, readFileSync(file, 'utf8'));
    expect(errors, `${name} is rejected by GitHub's action parser:\n${errors.join('\n')}`).toEqual([]);
  });

  it('runs on node24 with a main file that exists, or is a composite', () => {
    const runs = load().runs;
    expect(runs, `${name} has no runs`).toBeDefined();
    if (runs!.using === 'composite') {
      expect(runs!.steps?.length ?? 0, `${name}: a composite action needs steps`).toBeGreaterThan(0);
      return;
    }
    expect(runs!.using, `${name}: every node action runs on node24`).toBe('node24');
    expect(typeof runs!.main, `${name}: runs.main must be a path`).toBe('string');
    const main = resolve(dir, runs!.main as string);
    expect(existsSync(main) && statSync(main).isFile(), `${name}: runs.main ${String(runs!.main)} resolves to ${rel(main)}, which does not exist (run npm run build)`).toBe(true);
  });

  it('describes every input and output', () => {
    const action = load();
    expect(typeof action.description === 'string' && action.description.trim() !== '', `${name}: the action needs a description`).toBe(true);
    const undescribed = [
      ...Object.entries(action.inputs ?? {}).filter(([, spec]) => typeof spec?.description !== 'string' || spec.description.trim() === '').map(([key]) => `input ${key}`),
      ...Object.entries(action.outputs ?? {}).filter(([, spec]) => typeof spec?.description !== 'string' || spec.description.trim() === '').map(([key]) => `output ${key}`),
    ];
    expect(undescribed, `${name}: these have no description: ${undescribed.join(', ')}`).toEqual([]);
  });

  it('outputs passed and result-file, like every Rollgate action', () => {
    const outputs = Object.keys(load().outputs ?? {});
    expect(outputs).toEqual(expect.arrayContaining(['passed', 'result-file']));
  });

  it('gives every composite output a value from a step that exists', () => {
    const action = load();
    if (action.runs?.using !== 'composite') return;
    const ids = new Set((action.runs.steps ?? []).map((step) => step.id).filter(Boolean));
    for (const [key, spec] of Object.entries(action.outputs ?? {})) {
      expect(typeof spec?.value === 'string' && spec.value.trim() !== '', `${name}: composite output ${key} needs a value`).toBe(true);
      for (const match of String(spec!.value).matchAll(/\bsteps\.([\w-]+)\.outputs\./g)) {
        expect(ids.has(match[1]!), `${name}: output ${key} reads step ${match[1]}, which has no such id`).toBe(true);
      }
    }
  });

  it('advertises no dead input: every declared input is read', () => {
    const action = load();
    const declared = Object.keys(action.inputs ?? {});
    if (action.runs?.using === 'composite') {
      const stepsText = JSON.stringify(action.runs.steps ?? []);
      const unused = declared.filter((input) => !referencesInput(stepsText, input));
      expect(unused, `${name}: these inputs are never referenced as \${{ inputs.<name> }} in its steps: ${unused.join(', ')}`).toEqual([]);
    } else {
      const options = optionInputs(commandOf(action, name), name === 'action.yml');
      const unread = declared.filter((input) => !readBySource.has(input) && !options.includes(input));
      expect(unread, `${name}: src/ never reads these inputs with getInput/getBooleanInput: ${unread.join(', ')} (read: ${[...readBySource].join(', ')})`).toEqual([]);
    }
  });

  it('declares every input the shared action code reads (command only on the root action)', () => {
    const action = load();
    if (action.runs?.using === 'composite') return;
    const declared = new Set(Object.keys(action.inputs ?? {}));
    const isRoot = name === 'action.yml';
    const expected = [...readBySource].filter((input) => isRoot || input !== 'command').concat(optionInputs(commandOf(action, name), isRoot));
    expect(expected.filter((input) => !declared.has(input)), `${name} lacks inputs the code reads`).toEqual([]);
    if (isRoot) expect(action.inputs?.command, 'the root action picks the capability with the command input').toBeDefined();
    else expect(declared.has('command'), `${name} fixes its command; it must not declare a command input`).toBe(false);
  });

  it('passes dist only INPUT_* names the code reads, and runs files that exist (composite)', () => {
    const action = load();
    if (action.runs?.using !== 'composite') return;
    const known = new Set([...readBySource, ...optionInputs(undefined, true)].map(inputEnvName));
    for (const step of action.runs.steps ?? []) {
      const where = `${name} step ${step.id ?? step.name ?? '(unnamed)'}`;
      for (const key of Object.keys(step.env ?? {}).filter((k) => k.startsWith('INPUT_'))) {
        expect(known.has(key), `${where}: ${key} is not an input the code reads (${[...known].join(', ')})`).toBe(true);
      }
      for (const match of (step.run ?? '').matchAll(/\$\{?GITHUB_ACTION_PATH\}?\/([^"'\s]+)/g)) {
        const target = resolve(dir, match[1]!);
        expect(existsSync(target), `${where} runs ${match[1]}, which resolves to ${rel(target)} and does not exist (run npm run build)`).toBe(true);
      }
    }
  });
});

// ---------------------------------------------------------------------------
// The example workflows

/** `rollgate/rollgate/actions/checklist@v1` → `actions/checklist`; `rollgate/rollgate@v1` → `` (the root). */
function localActionFolder(uses: string): string | undefined {
  const match = /^rollgate\/rollgate(?:\/([^@]+))?@[^@\s]+$/.exec(uses.trim());
  if (!match) return undefined;
  return (match[1] ?? '').replace(/\/+$/, '');
}

/** House rules a schema cannot express. */
function workflowProblems(workflow: WorkflowMeta): string[] {
  const problems: string[] = [];
  const jobs = Object.entries(workflow.jobs ?? {});
  for (const [id, job] of jobs) {
    if (!job?.uses && !(Array.isArray(job?.steps) && job.steps.length > 0)) problems.push(`job ${id} has no steps (and calls no reusable workflow)`);
    if (workflow.permissions === undefined && job?.permissions === undefined) problems.push(`job ${id} runs with the default token permissions; declare a permissions: block at the top or on the job`);
  }
  if (jobs.length === 0) problems.push('no jobs');
  return problems;
}

describe("GitHub's workflow parser (the validator these tests rely on)", () => {
  const valid = 'on: push\npermissions:\n  contents: read\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n';

  it('accepts a minimal workflow', () => {
    expect(workflowErrors('w.yml', valid)).toEqual([]);
    expect(workflowProblems(parse(valid) as WorkflowMeta)).toEqual([]);
  });

  it('rejects a typo in a key (runs-onn)', () => {
    const errors = workflowErrors('w.yml', valid.replace('runs-on:', 'runs-onn:'));
    expect(errors.join('\n')).toMatch(/Unexpected value 'runs-onn'/);
    expect(errors.join('\n')).toMatch(/Required property is missing: runs-on/);
  });

  it('rejects an unknown permission level', () => {
    expect(workflowErrors('w.yml', valid.replace('contents: read', 'contents: reed')).join('\n')).toMatch(/Unexpected value 'reed'/);
  });

  it('lets a job without steps through, so the house rules catch it', () => {
    const stepless = 'on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n';
    expect(workflowErrors('w.yml', stepless)).toEqual([]);
    expect(workflowProblems(parse(stepless) as WorkflowMeta)).toEqual(['job build has no steps (and calls no reusable workflow)']);
  });

  it('house rules catch a workflow without permissions', () => {
    expect(workflowProblems(parse(valid.replace('permissions:\n  contents: read\n', '')) as WorkflowMeta)).toEqual([
      'job build runs with the default token permissions; declare a permissions: block at the top or on the job',
    ]);
  });

  it('maps uses: of this repository to its folders', () => {
    expect(localActionFolder('rollgate/rollgate/actions/checklist@v1')).toBe('actions/checklist');
    expect(localActionFolder('rollgate/rollgate@v1')).toBe('');
    expect(localActionFolder('rollgate/rollgate/actions/release-gate@0123456789abcdef0123456789abcdef01234567')).toBe('actions/release-gate');
    expect(localActionFolder('actions/checkout@v5')).toBeUndefined();
    expect(localActionFolder('rollgate/rollgate-other@v1')).toBeUndefined();
  });
});

describe('workflows-examples/', () => {
  it('holds the PR gate, the release gate and the CLI examples', () => {
    expect(examples.map(rel)).toEqual(expect.arrayContaining(['workflows-examples/pr-gate.yml', 'workflows-examples/release-gate.yml', 'workflows-examples/cli.yml']));
  });
});

describe.each(examples.map((file) => [rel(file), file] as const))('%s', (name, file) => {
  const load = () => loadYaml<WorkflowMeta>(file);
  const steps = () => Object.values(load().jobs ?? {}).flatMap((job) => job?.steps ?? []);

  it("parses with GitHub's workflow schema with zero errors", () => {
    const errors = workflowErrors(name, readFileSync(file, 'utf8'));
    expect(errors, `${name} is rejected by GitHub's workflow parser:\n${errors.join('\n')}`).toEqual([]);
  });

  it('declares permissions and gives every job steps', () => {
    expect(workflowProblems(load()), name).toEqual([]);
  });

  it("uses this repository's actions by folders that exist, with inputs they declare", () => {
    for (const step of steps()) {
      if (!step.uses) continue;
      const folder = localActionFolder(step.uses);
      if (step.uses.startsWith('rollgate/')) expect(folder, `${name}: ${step.uses} does not look like rollgate/rollgate[/path]@ref`).toBeDefined();
      if (folder === undefined) {
        expect(step.uses, `${name}: pin ${step.uses} to a version`).toMatch(/^[\w.-]+\/[\w./-]+@[\w.-]+$/);
        continue;
      }
      const actionFile = join(root, folder, 'action.yml');
      expect(existsSync(actionFile), `${name}: ${step.uses} points at ${folder || '(the root)'}, which has no action.yml`).toBe(true);
      const action = loadYaml<ActionMeta>(actionFile);
      const declared = Object.keys(action.inputs ?? {});
      const given = Object.keys(step.with ?? {});
      const unknown = given.filter((input) => !declared.includes(input));
      expect(unknown, `${name}: ${step.uses} does not declare ${unknown.join(', ')} (it has ${declared.join(', ')})`).toEqual([]);
      const missing = Object.entries(action.inputs ?? {})
        .filter(([input, spec]) => (spec?.required === true || spec?.required === 'true') && spec?.default === undefined && !given.includes(input))
        .map(([input]) => input);
      expect(missing, `${name}: ${step.uses} needs ${missing.join(', ')}`).toEqual([]);
    }
  });
});

describe('workflows-examples/pr-gate.yml', () => {
  const file = join(root, 'workflows-examples', 'pr-gate.yml');

  it('asks for exactly the permissions its steps use', () => {
    const workflow = loadYaml<WorkflowMeta>(file);
    expect(workflow.permissions).toEqual({ contents: 'read', checks: 'write', 'pull-requests': 'write', 'security-events': 'write' });
    for (const job of Object.values(workflow.jobs ?? {})) expect(job?.permissions).toBeUndefined();
  });

  it('checks out full history and uploads the SARIF file the checklist writes', () => {
    const steps = Object.values(loadYaml<WorkflowMeta>(file).jobs ?? {}).flatMap((job) => job?.steps ?? []);
    const checkout = steps.find((step) => step.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with?.['fetch-depth']).toBe(0);
    const gate = steps.find((step) => step.uses?.startsWith('rollgate/rollgate/actions/checklist@'));
    const upload = steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(gate?.with?.['sarif-file']).toBeTruthy();
    expect(gate?.with?.['junit-file']).toBeTruthy();
    expect(upload?.with?.sarif_file).toBe(gate?.with?.['sarif-file']);
    expect(upload?.if).toMatch(/always\(\)/);
    expect(steps.some((step) => step.uses?.startsWith('actions/upload-artifact@'))).toBe(true);
  });
});
