/** The check types. A new type is one file beside this one plus one line here. */
import { approvalsCheck } from './approvals';
import { changelogCheck } from './changelog';
import { codeownersCheck } from './codeowners';
import { commandCheck } from './command';
import { coverageCheck } from './coverage';
import { fileExistsCheck } from './file-exists';
import { manualCheck } from './manual';
import { runbooksCheck } from './runbooks';
import { securityCheck } from './security';
import { testsCheck } from './tests';

export const CHECKS = [
  coverageCheck,
  testsCheck,
  securityCheck,
  changelogCheck,
  fileExistsCheck,
  runbooksCheck,
  codeownersCheck,
  approvalsCheck,
  manualCheck,
  commandCheck,
] as const;
