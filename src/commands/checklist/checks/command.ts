import { spawn } from 'node:child_process';
import { z } from 'zod';
import { commonFields, defineCheck } from './types';

const TAIL_LINES = 15;

interface CommandRun {
  exitCode: number | null;
  timedOut: boolean;
  output: string;
  seconds: number;
}

function runShell(command: string, cwd: string, env: Record<string, string | undefined>, timeoutMs: number, signal: AbortSignal): Promise<CommandRun> {
  return new Promise((resolvePromise, reject) => {
    const started = Date.now();
    // Own process group, so a timeout kills the whole tree (npm → node → ...).
    const child = spawn(command, { cwd, env, shell: true, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.length > 64_000) output = output.slice(-32_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let timedOut = false;
    const kill = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, timeoutMs);
    signal.addEventListener('abort', kill, { once: true });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', kill);
      resolvePromise({ exitCode: code, timedOut, output, seconds: (Date.now() - started) / 1000 });
    });
  });
}

export const commandCheck = defineCheck({
  type: 'command',
  schema: z.strictObject({
    ...commonFields,
    type: z.literal('command'),
    run: z.string().min(1).describe('Shell command; exit code 0 passes.'),
    timeoutSeconds: z.number().positive().max(6 * 3600).default(300).describe('Killed (with its children) and failed after this long.'),
    cwd: z.string().optional().describe('Working directory, relative to the repository root.'),
  }),
  async run(check, { ctx }) {
    const { resolve } = await import('node:path');
    const result = await runShell(check.run, resolve(ctx.cwd, check.cwd ?? '.'), { ...ctx.env }, check.timeoutSeconds * 1000, ctx.signal);
    const tail = result.output.trimEnd().split(/\r?\n/).slice(-TAIL_LINES).join('\n');
    const expected = `exit 0 within ${check.timeoutSeconds}s`;
    if (result.timedOut) {
      return { status: 'fail', observed: `timed out after ${check.timeoutSeconds}s`, expected, details: `\`${check.run}\` was killed.${tail ? `\n${tail}` : ''}` };
    }
    const observed = `exit ${result.exitCode ?? 'killed'} in ${result.seconds.toFixed(1)}s`;
    if (result.exitCode === 0) return { status: 'pass', observed, expected, details: `\`${check.run}\`` };
    return { status: 'fail', observed, expected, details: `\`${check.run}\` failed${tail ? `; last lines:\n${tail}` : ''}` };
  },
});
