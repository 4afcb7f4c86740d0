/**
 * The GitHub Actions runner protocol: INPUT_* variables, the GITHUB_OUTPUT and
 * GITHUB_STEP_SUMMARY files, and ::command:: lines. @actions/core does this too,
 * but importing it pulls in its HTTP client for OIDC and costs about 90 ms per
 * step here (see BENCHMARKS.md); the protocol itself is a few lines.
 */
import { appendFileSync } from 'node:fs';
import { UserError } from '../errors';

// node:os and node:crypto each cost a few ms to load, on every step; this is all we need of them.
const EOL = process.platform === 'win32' ? '\r\n' : '\n';

type Env = Readonly<Record<string, string | undefined>>;

/** The runner upper-cases input names and turns spaces into underscores; hyphens stay. */
export function getInput(env: Env, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/** YAML 1.2 core-schema booleans, as @actions/core accepts them. */
export function getBooleanInput(env: Env, name: string, fallback: boolean): boolean {
  const raw = getInput(env, name);
  if (raw === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(raw)) return true;
  if (['false', 'False', 'FALSE'].includes(raw)) return false;
  throw new UserError(`input "${name}" must be true or false; found "${raw}"`);
}

/**
 * A heredoc delimiter that occurs in neither the name nor the value: that, not
 * the randomness, is what keeps a value from closing the block early and
 * setting other outputs. Checked, so Math.random is enough.
 */
function delimiterFor(name: string, value: string): string {
  for (;;) {
    const delimiter = `ghadelimiter_${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
    if (!name.includes(delimiter) && !value.includes(delimiter)) return delimiter;
  }
}

/**
 * Writes name=value pairs to GITHUB_OUTPUT with a heredoc delimiter, the only
 * form that is safe for multi-line values.
 */
export function setOutputs(env: Env, outputs: Record<string, string>): void {
  const file = env.GITHUB_OUTPUT;
  if (!file) return;
  let text = '';
  for (const [name, value] of Object.entries(outputs)) {
    const delimiter = delimiterFor(name, value);
    text += `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`;
  }
  appendFileSync(file, text, 'utf8');
}

export function appendStepSummary(env: Env, markdown: string): boolean {
  const file = env.GITHUB_STEP_SUMMARY;
  if (!file) return false;
  appendFileSync(file, markdown.endsWith('\n') ? markdown : `${markdown}\n`, 'utf8');
  return true;
}
