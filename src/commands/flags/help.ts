/**
 * `rollgate flags`: seeing who is in a rollout, with the bucketing of Unleash,
 * flagd and GrowthBook. Help text only; the subcommands load on use.
 */
import { UserError } from '../../errors';
import type { SubcommandGroupHelp } from '../types';

export const flagsHelp: SubcommandGroupHelp = {
  name: 'flags',
  group: true,
  summary: 'Who is in a rollout: bucket keys exactly as Unleash, flagd and GrowthBook do, and evaluate a flagd flag for a key.',
  options: [],
  examples: [],
  subcommands: {
    bucket: {
      summary: 'Print the bucket each key lands in under one flag system\'s algorithm.',
      usesConfig: false,
      options: [
        { name: 'algorithm', value: 'NAME', description: 'unleash, flagd-v1, flagd-v2, growthbook-v1 or growthbook-v2 (see Algorithms below)' },
        { name: 'group', value: 'G', description: 'unleash: the groupId (required); flagd: the flag key, put before each key (optional); not for growthbook' },
        { name: 'seed', value: 'S', description: 'growthbook: the experiment seed (required); not for unleash or flagd' },
        { name: 'key', value: 'K', multiple: true, description: 'a key to bucket, e.g. a user id' },
        { name: 'keys-file', value: 'FILE', description: 'one key per line, read as a stream (a million keys are fine); empty lines are skipped' },
        { name: 'total-weight', value: 'N', description: 'flagd-v2 only: the sum of the fractional weights the bucket indexes (default 100)' },
      ],
      details: [
        [
          'Algorithms (what each hashes, and the bucket it prints):',
          '  unleash        murmur3 (seed 0) of "GROUP:KEY", mod 100, plus 1: an integer 1..100.',
          '                 A key is in a rollout of P% when its bucket <= P. Uses --group, not --seed.',
          '  flagd-v1       murmur3 of GROUP+KEY as int32, |h| / (2^31-1) * 100 truncated: a percent 0..99',
          '                 (100 for the one int32-minimum hash). Variants take cumulative integer percents.',
          '  flagd-v2       flagd today: floor(unsigned murmur3 of GROUP+KEY * T / 2^32), an integer 0..T-1 with',
          '                 T = --total-weight. A key gets the first variant whose running weight exceeds it.',
          '                 flagd: --group is the flag key, as in flagd\'s implicit bucketing value (flag key +',
          '                 targeting key); leave it out to hash keys as given (a "var" bucketing expression).',
          '  growthbook-v1  fnv1a32 of KEY+SEED, mod 1000, / 1000: [0, 1) in steps of 0.001. Uses --seed.',
          '  growthbook-v2  fnv1a32 of the decimal fnv1a32 of SEED+KEY, mod 10000, / 10000: [0, 1) in steps of',
          '                 0.0001. A key is in the variation whose range holds its bucket. Uses --seed.',
        ].join('\n'),
        'Output: "KEY<TAB>BUCKET" lines on stdout, the summary on stderr; --json prints [{"key", "bucket"}].',
        'Non-ASCII keys are hashed as UTF-8, as flagd and Unleash\'s Go/Java/Rust engines do (the Node\nunleash-client hashes the low byte of each UTF-16 unit instead); GrowthBook hashes UTF-16 units.',
      ],
      examples: [
        'rollgate flags bucket --algorithm unleash --group new-checkout --key user-1 --key user-2',
        'rollgate flags bucket --algorithm flagd-v2 --group new-checkout --keys-file users.txt --json > buckets.json',
        'rollgate flags bucket --algorithm growthbook-v2 --seed checkout-exp --keys-file users.txt',
      ],
      load: async () => (await import('./bucket-command')).runBucket,
    },
    eval: {
      summary: 'Print the variant a flagd flag-definitions file gives a targeting key, and why.',
      usesConfig: false,
      options: [
        { name: 'file', value: 'FILE', description: 'flagd flag definitions (JSON or YAML)' },
        { name: 'flag', value: 'F', description: 'the flag key' },
        { name: 'key', value: 'K', description: 'the targeting key' },
        { name: 'context', value: 'JSON', description: 'more evaluation context, e.g. \'{"user":{"name":"jack"}}\'' },
        { name: 'algorithm', value: 'NAME', description: 'flagd-v2 (default, flagd and @openfeature/flagd-core today) or flagd-v1' },
      ],
      details: [
        'Evaluated: no targeting (the default variant), and a top-level "fractional" whose bucketing value is\n'
          + 'the implicit flag key + targeting key, a string, a "var" or a "cat", with literal buckets, directly or\n'
          + 'through "$ref". Other JSONLogic ("if", "==", "sem_ver", "starts_with", nested expressions in buckets)\n'
          + 'is refused with exit 2 rather than approximated.',
        'Reasons are flagd\'s: STATIC, TARGETING_MATCH, DEFAULT, DISABLED.',
      ],
      examples: [
        'rollgate flags eval --file flags.json --flag new-checkout --key user-1',
        'rollgate flags eval --file flags.json --flag new-checkout --key user-1 --context \'{"email":"a@b.c"}\' --json',
      ],
      load: async () => (await import('./eval-command')).runEval,
    },
  },
  // The action runs capabilities; these subcommands exist on the command line only.
  load: () => Promise.reject(new UserError('flags has only subcommands (bucket, eval), which run from the CLI: see rollgate flags --help')),
};
