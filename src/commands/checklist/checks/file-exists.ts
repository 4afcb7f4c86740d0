import { z } from 'zod';
import { commonFields, defineCheck } from './types';

export const fileExistsCheck = defineCheck({
  type: 'file-exists',
  schema: z.strictObject({
    ...commonFields,
    type: z.literal('file-exists'),
    paths: z.array(z.string().min(1)).min(1).describe('Paths or globs; each must match at least one file.'),
  }),
  async run(check, { workspace }) {
    const missing: string[] = [];
    let found = 0;
    for (const pattern of check.paths) {
      const matches = await workspace.glob([pattern]);
      if (matches.length === 0) missing.push(pattern);
      found += matches.length;
    }
    const expected = `a file for each of ${check.paths.join(', ')}`;
    if (missing.length) {
      return { status: 'fail', observed: `nothing matches ${missing.join(', ')}`, expected, details: `missing: ${missing.join(', ')}` };
    }
    return { status: 'pass', observed: `${found} file${found === 1 ? '' : 's'}`, expected, details: `all ${check.paths.length} pattern(s) matched` };
  },
});
