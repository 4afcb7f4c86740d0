/**
 * Runs the bundled action or CLI from dist/ as a real child process, with the
 * environment the Actions runner sets, and collects what it wrote.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import examples from '@octokit/webhooks-examples';
import { repoRoot } from '../helpers/fixtures';

export const distAction = (name: string) => join(repoRoot, 'dist', 'actions', `${name}.js`);
export const distCli = join(repoRoot, 'dist', 'cli.js');

export function assertBuilt(): void {
  if (!existsSync(distAction('checklist'))) throw new Error('dist/ is not built: run `npm run build` first');
}

type Payload = Record<string, any>;

/** The real `pull_request.opened` payload from @octokit/webhooks-examples (Codertocat/Hello-World#2). */
export function pullRequestPayload(mutate?: (payload: Payload) => void): Payload {
  const all = examples as Array<{ name: string; examples: Payload[] }>;
  const opened = all.find((e) => e.name === 'pull_request')!.examples.find((e) => e.action === 'opened' && e.pull_request.body)!;
  const payload = structuredClone(opened);
  mutate?.(payload);
  return payload;
}

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  runnerTemp: string;
}

/** Parses GITHUB_OUTPUT's `name<<DELIM … DELIM` blocks. */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i]!);
    if (!match) continue;
    const end = lines.indexOf(match[2]!, i + 1);
    outputs[match[1]!] = lines.slice(i + 1, end).join('\n');
    i = end;
  }
  return outputs;
}

export function runProcess(command: string, args: string[], env: Record<string, string | undefined>, cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

export async function runActionProcess(options: {
  action: string;
  workspace: string;
  apiUrl: string;
  token?: string;
  payload?: Payload;
  repository?: string;
  inputs?: Record<string, string>;
  env?: Record<string, string>;
}): Promise<ActionRun> {
  const runnerTemp = mkdtempSync(join(tmpdir(), 'rollgate-runner-'));
  const eventPath = join(runnerTemp, 'event.json');
  writeFileSync(eventPath, JSON.stringify(options.payload ?? pullRequestPayload()));
  const outputFile = join(runnerTemp, 'output.txt');
  const summaryFile = join(runnerTemp, 'summary.md');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const inputs: Record<string, string> = { 'check-run': 'true', comment: 'true', annotations: 'true', 'fail-on-failure': 'true', token: options.token ?? '', ...options.inputs };
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_API_URL: options.apiUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: options.repository ?? 'Codertocat/Hello-World',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_SHA: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e',
    GITHUB_RUN_ID: '4242',
    GITHUB_WORKFLOW: 'PR gate',
    GITHUB_JOB: 'ready',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: runnerTemp,
    // Keeps the retry and rate-limit back-off short in tests (milliseconds per unit).
    ROLLGATE_RETRY_BASE_MS: '20',
    ...options.env,
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  const run = await runProcess(process.execPath, [distAction(options.action)], env, options.workspace);
  return { ...run, outputs: parseOutputs(readFileSync(outputFile, 'utf8')), summary: readFileSync(summaryFile, 'utf8'), runnerTemp };
}

/** The commit the test PR's head points at; check runs must name a commit the server knows. */
export const HEAD_SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';

/**
 * Seeds Codertocat/Hello-World as in the webhook example: issue #1, then PR #2
 * whose head is HEAD_SHA. Returns the payload pointing at that commit.
 */
export function seedHelloWorld(state: import('../github-server/index').ServerState, title: string): void {
  state.addRepo('Codertocat', 'Hello-World', { headSha: HEAD_SHA });
  state.addIssue('Codertocat', 'Hello-World', { title: 'an issue' });
  state.addPullRequest('Codertocat', 'Hello-World', { title, head: { ref: 'feature', sha: HEAD_SHA } });
}

/** The real webhook example PR, its head moved to HEAD_SHA. */
export function pullRequestAtHead(mutate?: (payload: Payload) => void): Payload {
  return pullRequestPayload((p) => {
    p.pull_request.head.sha = HEAD_SHA;
    mutate?.(p);
  });
}
