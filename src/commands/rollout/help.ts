/**
 * The rollout command's help and options, apart from the capability so
 * `--help` loads nothing heavy.
 */
import type { CommandHelp } from '../types';
import { CONTROLS } from './inputs';

export const rolloutHelp: CommandHelp = {
  name: 'rollout',
  summary: 'Staged rollouts on GitHub deployment environments: holds, health gates, a consecutive-breach breaker, automatic rollback, flag providers.',
  positional: { option: 'action', words: CONTROLS },
  options: [
    { name: 'action', value: 'WORD', description: 'tick (default), start, status, pause, resume, abort, promote or rollback; on the CLI it may also come right after "rollout"' },
    { name: 'ref', value: 'REF', description: 'start: what is rolled out (a tag, a commit sha, a release name)' },
    { name: 'stage', value: 'NAME|N', description: 'resume after a rollback from this stage (default: the plan\'s resumeFromStage)' },
    { name: 'reason', value: 'TEXT', description: 'pause, abort, rollback: why, for the history and the comment' },
    { name: 'now', value: 'ISO', description: 'the time to act at (default: the clock), to script scenarios, e.g. 2026-11-29T14:00:00Z' },
    { name: 'state-file', value: 'FILE', description: 'keep the state in this local file (default without a GitHub token: .rollgate/rollout-state.json)' },
    { name: 'state-path', value: 'PATH', description: 'with a GitHub token: the state file in the repository, through the Contents API (default .rollgate/state/<flag>.json)' },
    { name: 'state-branch', value: 'BRANCH', description: 'the branch the state commits go to (default: the default branch)' },
    { name: 'dry-run', description: 'decide and report, but save nothing and write no flag (e.g. to show what an approval would do)' },
    { name: 'no-advance', description: 'tick: hold where an advance would be due (the job that runs without approval; an approved job advances)' },
    { name: 'no-deployments', description: 'do not record stages as GitHub deployments' },
  ],
  examples: [
    'rollgate rollout start --ref v1.4.0',
    'rollgate rollout tick',
    'rollgate rollout status --json',
    'rollgate rollout tick --state-file rollout.json --now 2026-11-29T15:00:00Z',
    'rollgate rollout rollback --reason "checkout errors in EU"',
  ],
  load: async () => (await import('./index')).rollout,
};
