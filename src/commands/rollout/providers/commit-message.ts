/** The commit a file-based provider makes says what changed and why, for whoever reads the history later. */
import type { FlagWrite } from './types';

export function commitMessage(write: FlagWrite): string {
  const lines = [`rollout: ${write.flag} in ${write.environment} to ${write.percent}%`, '', write.reason];
  if (write.ref) lines.push('', `Rolled-out ref: ${write.ref}`);
  return lines.join('\n');
}
