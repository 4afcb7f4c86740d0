import { z } from 'zod';
import { commonFields, defineCheck } from './types';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** 'ticked', 'unticked' or 'absent' for a "- [x] Label" task-list item. */
export function checkboxState(body: string, label: string): 'ticked' | 'unticked' | 'absent' {
  const pattern = new RegExp(`^\\s*[-*+]\\s+\\[([ xX])\\]\\s+${escapeRegExp(label.trim())}\\s*$`, 'im');
  const match = pattern.exec(body);
  if (!match) return 'absent';
  return match[1] === ' ' ? 'unticked' : 'ticked';
}

export const manualCheck = defineCheck({
  type: 'manual',
  schema: z.strictObject({
    ...commonFields,
    type: z.literal('manual'),
    checkbox: z.string().min(1).describe('A ticked "- [x] <checkbox>" in the PR body, or a PR label with this name, passes.'),
  }),
  async run(check, { ctx }) {
    const expected = `"- [x] ${check.checkbox}" in the PR body, or label "${check.checkbox}"`;
    const pr = ctx.github?.pullRequest;
    if (!pr) return { status: 'skip', expected, details: 'needs a pull request event to read the PR body and labels' };
    if (pr.labels.some((label) => label.toLowerCase() === check.checkbox.toLowerCase())) {
      return { status: 'pass', observed: `label "${check.checkbox}"`, expected, details: `PR #${pr.number} has the label` };
    }
    const state = checkboxState(pr.body, check.checkbox);
    if (state === 'ticked') return { status: 'pass', observed: 'box ticked', expected, details: `ticked in PR #${pr.number}` };
    return {
      status: 'fail',
      observed: state === 'unticked' ? 'box not ticked' : 'no such box or label',
      expected,
      details: state === 'unticked' ? `tick "${check.checkbox}" in the description of PR #${pr.number}` : `add "- [x] ${check.checkbox}" to the description of PR #${pr.number}, or the label`,
    };
  },
});
