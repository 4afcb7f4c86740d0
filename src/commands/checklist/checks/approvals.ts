import { z } from 'zod';
import type { GitHubContext } from '../../../github/context';
import { commonFields, defineCheck } from './types';

interface Review {
  user?: { login: string } | null;
  state: string;
  submitted_at?: string | null;
}

/**
 * Reviewers whose latest deciding review approves. COMMENTED reviews never
 * override a decision (GitHub counts the same way); the author cannot approve.
 */
export function currentApprovers(reviews: Review[], author: string): string[] {
  const decision = new Map<string, string>();
  for (const review of reviews) {
    const login = review.user?.login;
    if (!login || login === author) continue;
    if (review.state === 'APPROVED' || review.state === 'CHANGES_REQUESTED' || review.state === 'DISMISSED') decision.set(login, review.state);
  }
  return [...decision].filter(([, state]) => state === 'APPROVED').map(([login]) => login).sort();
}

type Membership = 'member' | 'not-member' | 'forbidden';

async function teamMembership(gh: GitHubContext, team: string, login: string): Promise<Membership> {
  const [org, slug] = team.includes('/') ? team.split('/') : [gh.owner, team];
  try {
    const response = await gh.client!.rest.teams.getMembershipForUserInOrg({ org: org!, team_slug: slug!, username: login });
    return response.data.state === 'active' ? 'member' : 'not-member';
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 404) return 'not-member';
    if (status === 403 || status === 401) return 'forbidden';
    throw error;
  }
}

export const approvalsCheck = defineCheck({
  type: 'approvals',
  schema: z.strictObject({
    ...commonFields,
    type: z.literal('approvals'),
    min: z.number().int().min(0).default(1).describe('Approving reviews needed (the author excluded).'),
    teams: z.array(z.string().min(1)).optional().describe('Teams ("org/team" or "team" in the repo owner\'s org) that must each have an approver. Needs a token that can read org membership (read:org); GITHUB_TOKEN cannot.'),
  }),
  async run(check, { ctx }) {
    const expected = `≥ ${check.min} approval${check.min === 1 ? '' : 's'}${check.teams?.length ? ` incl. ${check.teams.join(', ')}` : ''}`;
    const gh = ctx.github;
    const pr = gh?.pullRequest;
    if (!gh || !pr) return { status: 'skip', expected, details: 'needs a pull request event' };
    if (!gh.client) return { status: 'fail', observed: 'unknown', expected, details: 'needs a token (input token, or GITHUB_TOKEN) with pull-requests: read to read the reviews' };
    const reviews = await gh.client.paginate(gh.client.rest.pulls.listReviews, { owner: gh.owner, repo: gh.repo, pull_number: pr.number, per_page: 100 });
    const approvers = currentApprovers(reviews, pr.author);
    const problems: string[] = [];
    if (approvers.length < check.min) problems.push(`${approvers.length} approval${approvers.length === 1 ? '' : 's'} < ${check.min}`);
    for (const team of check.teams ?? []) {
      let signed = false;
      let forbidden = false;
      for (const login of approvers) {
        const membership = await teamMembership(gh, team, login);
        if (membership === 'member') {
          signed = true;
          break;
        }
        if (membership === 'forbidden') forbidden = true;
      }
      if (signed) continue;
      if (forbidden) {
        problems.push(`cannot tell whether ${team} signed off: the token may not read team membership (give the action a token with read:org; GITHUB_TOKEN cannot)`);
      } else {
        problems.push(`no approval from ${team}`);
      }
    }
    const observed = approvers.length ? `${approvers.length} (${approvers.map((login) => `@${login}`).join(', ')})` : '0 approvals';
    return problems.length
      ? { status: 'fail', observed, expected, details: problems.join('; ') }
      : { status: 'pass', observed, expected, details: `PR #${pr.number}` };
  },
});
