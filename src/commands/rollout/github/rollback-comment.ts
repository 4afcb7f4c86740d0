/**
 * Tells the people who shipped the change that it was rolled back, where
 * they will see it: the pull request that brought the commit, or the commit
 * itself when no pull request did. The comment carries the gate values, so
 * nobody has to dig through a workflow log to learn why.
 */
import type { Octokit } from '@octokit/rest';
import { z } from 'zod';
import type { GateResult, RollbackRecord } from '../state-schema';

const pulls = z.array(z.object({ number: z.number().int(), state: z.string() }));

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function rollbackCommentBody(input: { flag: string; ref: string | null; rollback: RollbackRecord; runUrl?: string; resumeHint: string }): string {
  const { rollback } = input;
  const lines = [
    `### Rollout of \`${input.flag}\` rolled back${rollback.manual ? ' by hand' : ''}`,
    '',
    `${rollback.environment}: ${rollback.fromPercent}% → ${rollback.toPercent}% at ${rollback.at}${input.ref ? ` (ref \`${input.ref}\`)` : ''}.`,
    '',
    `**Why:** ${rollback.reason}`,
  ];
  if (rollback.gates.length > 0) {
    lines.push('', '| Gate | Status | Observed | Threshold | Query |', '| --- | --- | --- | --- | --- |');
    for (const gate of rollback.gates) lines.push(gateRow(gate));
  }
  lines.push('', input.resumeHint);
  if (input.runUrl) lines.push('', `[Workflow run](${input.runUrl})`);
  return `${lines.join('\n')}\n`;
}

function gateRow(gate: GateResult): string {
  const observed = gate.observed === null ? `no data${gate.note ? ` (${gate.note})` : ''}` : String(gate.observed);
  return `| ${cell(gate.name)} | ${gate.status} | ${cell(observed)} | ${cell(gate.threshold)} | ${gate.query ? `\`${cell(gate.query)}\`` : ''} |`;
}

/** Comments on the pull request of `commit`, else on the commit. Returns where it went. */
export async function postRollbackComment(client: Octokit, repo: { owner: string; repo: string }, commit: string, body: string): Promise<{ where: string }> {
  const { data } = await client.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: commit, per_page: 10 });
  const associated = pulls.parse(data);
  // The open one first: a reverted change is usually followed up in it.
  const pull = associated.find((candidate) => candidate.state === 'open') ?? associated[0];
  if (pull) {
    await client.rest.issues.createComment({ ...repo, issue_number: pull.number, body });
    return { where: `pull request #${pull.number}` };
  }
  await client.rest.repos.createCommitComment({ ...repo, commit_sha: commit, body });
  return { where: `commit ${commit.slice(0, 7)}` };
}
