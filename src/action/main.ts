/**
 * The action edge: INPUT_* → the shared execute() → every channel a workflow
 * has → outputs and exit code. Each actions/<name>/action.yml enters here with
 * its command fixed; the root action.yml passes the `command` input.
 */
import { resolve } from 'node:path';
import type { Logger } from '../context';
import { EXIT, UserError } from '../errors';
import { COMMANDS } from '../commands/registry';
import { execute } from '../execute';
import { githubContextFromEnv, type GitHubContext } from '../github/context';
import { appendStepSummary, getBooleanInput, getInput, setOutputs } from '../github/runner';
import { escapeData, escapeProperty, renderAnnotations } from '../report/annotations';
import { writeReportFiles } from '../report/files';
import { commentMarker, publishCheckRun, publishStickyComment, type PublishOutcome } from '../report/github';
import { renderMarkdown } from '../report/markdown';
import { renderTerminal } from '../report/terminal';

export interface ActionIO {
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  stdout: (text: string) => void;
}

function runnerLogger(io: ActionIO, debug: boolean): Logger {
  return {
    info: (m) => io.stdout(`${m}\n`),
    warn: (m) => io.stdout(`::warning::${escapeData(m)}\n`),
    debug: (m) => { if (debug) io.stdout(`::debug::${escapeData(m)}\n`); },
  };
}

function runUrl(gh: Omit<GitHubContext, 'client'> | undefined): string | undefined {
  if (!gh?.runId) return undefined;
  return `${gh.serverUrl}/${gh.owner}/${gh.repo}/actions/runs/${gh.runId}`;
}

function explainOutcome(outcome: PublishOutcome, log: Logger, io: ActionIO): void {
  if (outcome.status === 'published') {
    log.debug(`${outcome.channel} published${outcome.url ? `: ${outcome.url}` : ''}`);
  } else if (outcome.status === 'read-only') {
    io.stdout(`::notice title=Rollgate ${outcome.channel} skipped::${escapeData(`The token cannot write here (${outcome.reason}); this happens on pull requests from forks. The results are in the annotations and the job summary.`)}\n`);
  } else if (outcome.status === 'failed') {
    log.warn(`could not publish the ${outcome.channel}: ${outcome.reason}`);
  } else {
    log.debug(`${outcome.channel} skipped: ${outcome.reason}`);
  }
}

export async function runAction(fixedCommand: string | undefined, io: ActionIO = { env: process.env, cwd: process.cwd(), stdout: (t) => process.stdout.write(t) }): Promise<number> {
  const env = io.env;
  const debug = env.RUNNER_DEBUG === '1';
  const log = runnerLogger(io, debug);
  try {
    const command = fixedCommand ?? getInput(env, 'command');
    if (!command) throw new UserError('input "command" is required (for example: checklist)');
    const workspace = env.GITHUB_WORKSPACE || io.cwd;
    const cwd = resolve(workspace, getInput(env, 'working-directory') || '.');
    const token = getInput(env, 'token');
    const wantCheckRun = getBooleanInput(env, 'check-run', true);
    const wantComment = getBooleanInput(env, 'comment', true);
    const wantAnnotations = getBooleanInput(env, 'annotations', true);
    const failOnFailure = getBooleanInput(env, 'fail-on-failure', true);
    const base = githubContextFromEnv(env);
    const client = base && token
      ? await (await import('../github/client')).createClient({
          token,
          baseUrl: base.apiUrl,
          log,
          retryBaseMs: Number(env.ROLLGATE_RETRY_BASE_MS) || undefined,
        })
      : undefined;
    const github: GitHubContext | undefined = base ? { ...base, client } : undefined;
    const inputs = Object.fromEntries((COMMANDS[command]?.options ?? []).map((option) => {
      const raw = getInput(env, option.name);
      if (!option.value) return [option.name, getBooleanInput(env, option.name, false)];
      if (option.multiple) return [option.name, raw.split(/\r?\n/).map((line) => line.trim()).filter(Boolean)];
      return [option.name, raw || undefined];
    }));
    const ctx = { cwd, env, now: () => new Date(), log, signal: AbortSignal.timeout(6 * 3600 * 1000), github, inputs };

    const { result, report } = await execute(command, getInput(env, 'config') || undefined, ctx);
    const resultFile = getInput(env, 'result-file') || resolve(env.RUNNER_TEMP || cwd, `rollgate-${command}.json`);
    const written = writeReportFiles(report, result, {
      result: resultFile,
      sarif: getInput(env, 'sarif-file') || undefined,
      junit: getInput(env, 'junit-file') || undefined,
    }, cwd);

    io.stdout(`${renderTerminal(report, { color: false })}\n`);
    const where = ['the job summary', written.sarif ? `SARIF ${written.sarif}` : '', `the result file ${written.result}`].filter(Boolean).join(', ');
    if (wantAnnotations) for (const line of renderAnnotations(report.findings, { moreAt: where })) io.stdout(`${line}\n`);
    appendStepSummary(env, renderMarkdown(report, { detailsUrl: runUrl(base) }));

    if (github) {
      if (!client) {
        log.debug('no token input: check run and PR comment skipped');
      } else {
        if (wantCheckRun) explainOutcome(await publishCheckRun(client, github, report, { name: getInput(env, 'check-name') || `rollgate ${command}`, detailsUrl: runUrl(base) }), log, io);
        if (wantComment && github.pullRequest) explainOutcome(await publishStickyComment(client, github, report, { marker: commentMarker(command, getInput(env, 'comment-key')), detailsUrl: runUrl(base), log }), log, io);
      }
    }

    setOutputs(env, { passed: String(report.passed), 'result-file': written.result!, headline: report.headline, ...report.outputs });
    if (!report.passed) {
      if (failOnFailure) io.stdout(`::error title=Rollgate ${command}::${escapeData(report.headline)}\n`);
      return failOnFailure ? EXIT.failed : EXIT.passed;
    }
    return EXIT.passed;
  } catch (error) {
    if (error instanceof UserError) {
      const loc = error.location;
      const props = loc ? `file=${escapeProperty(loc.file)}${loc.line ? `,line=${loc.line}` : ''}${loc.column ? `,col=${loc.column}` : ''},` : '';
      io.stdout(`::error ${props}title=Rollgate: bad input::${escapeData(error.toString())}\n`);
      // Later steps (and the release gate) read `passed`; a run that never judged anything did not pass.
      setOutputs(env, { passed: 'false', headline: `Bad input: ${error.toString()}` });
      return EXIT.usage;
    }
    io.stdout(`::error title=Rollgate internal error::${escapeData((error as Error)?.message ?? String(error))}\n`);
    if (debug) io.stdout(`${(error as Error)?.stack ?? ''}\n`);
    return EXIT.internal;
  }
}
