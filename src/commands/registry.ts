/**
 * One line per capability. Modules load lazily so a command pays only for
 * its own code at start-up.
 */
import { flagsHelp } from './flags/help';
import { rolloutHelp } from './rollout/help';
import type { CommandHelp } from './types';

export const COMMANDS: Record<string, CommandHelp> = {
  checklist: {
    name: 'checklist',
    summary: 'Production readiness as code: coverage, tests, security, changelog, runbooks, owners, sign-offs, commands.',
    options: [],
    examples: [
      'rollgate checklist',
      'rollgate checklist --config .rollgate/checklist.yml --json > readiness.json',
      'rollgate checklist --sarif readiness.sarif --junit readiness.xml',
    ],
    load: async () => (await import('./checklist/index')).checklist,
  },
  ab: {
    name: 'ab',
    summary: 'A/B analysis: sample-ratio mismatch, effects with intervals, corrected p-values, sequential tests, chance to win, power.',
    options: [
      { name: 'data', value: 'FILE', description: 'unit-level CSV or NDJSON, one row per unit, read as a stream' },
      { name: 'summary', value: 'FILE', description: 'sums per variant (YAML or JSON), e.g. from a warehouse GROUP BY' },
      { name: 'previous', value: 'FILE', description: 'the last sequential run\'s --json result: p-values keep their running minimum' },
      { name: 'threads', value: 'N', description: 'worker threads for a large CSV (default: CPUs, at most 4)' },
    ],
    examples: [
      'rollgate ab --data events.csv',
      'rollgate ab --summary sums.yml --json > ab.json',
      'rollgate ab --summary today.yml --previous yesterday.json --json',
    ],
    subcommands: {
      size: {
        summary: 'Units per variant needed to detect a relative change.',
        usesConfig: false,
        options: [
          { name: 'baseline', value: 'X', description: 'control conversion rate (0.10), or the control mean with --sd' },
          { name: 'mde', value: 'X', description: 'relative change to detect (0.05 = 5%)' },
          { name: 'alpha', value: 'X', description: 'two-sided significance level (default 0.05)' },
          { name: 'power', value: 'X', description: 'target power (default 0.8)' },
          { name: 'sd', value: 'X', description: 'per-unit standard deviation, to size a mean' },
          { name: 'variants', value: 'N', description: 'number of variants, control included (default 2)' },
        ],
        examples: ['rollgate ab size --baseline 0.10 --mde 0.05 --alpha 0.05 --power 0.8', 'rollgate ab size --baseline 52 --sd 40 --mde 0.03'],
        load: async () => (await import('./ab/size')).runSize,
      },
    },
    load: async () => (await import('./ab/index')).ab,
  },
  'legacy-lint': {
    name: 'legacy-lint',
    summary: 'Retire old code paths: imports, patterns and paths that must not spread, with sunsets, expiring allowlists and a ratchet baseline.',
    options: [
      { name: 'changed-only', value: 'auto|on|off', description: 'report only findings on lines added since the merge base (auto: on for pull_request events)' },
      { name: 'base', value: 'REF', description: 'the ref to diff against in changed-only mode (default: the pull request\'s base branch, fetched fresh)' },
      { name: 'update-baseline', description: 'write the current findings as the baseline' },
      { name: 'strict-baseline', description: 'fail while fixed uses are still listed in the baseline' },
      { name: 'prune', description: 'remove stale allow entries from the config instead of failing on them' },
    ],
    examples: [
      'rollgate legacy-lint',
      'rollgate legacy-lint --changed-only on --base origin/main',
      'rollgate legacy-lint --update-baseline',
      'rollgate legacy-lint --sarif legacy.sarif --json > legacy.json',
    ],
    load: async () => (await import('./legacy-lint/index')).legacyLint,
  },
  load: {
    name: 'load',
    summary: 'Load tests: gates in k6 threshold syntax over k6, Artillery, autocannon, JMeter and Locust results; a phased open-model runner; exact shard merging.',
    verb: 'gate',
    options: [
      { name: 'results', value: 'FILE', multiple: true, description: 'a result file, format detected by content; several are merged exactly where the format allows' },
      { name: 'baseline', value: 'FILE', description: 'a previous run\'s result (e.g. the base branch\'s): flag latency, error and 429 regressions beyond noise' },
    ],
    examples: [
      'rollgate load gate --results k6.ndjson',
      'rollgate load gate --results report.json --json > load.json',
      'rollgate load gate --results shard-1.jtl --results shard-2.jtl',
    ],
    subcommands: {
      run: {
        summary: 'Run a phased open-model load against a target, write the result, and gate it with .rollgate/load.yml.',
        usesConfig: true,
        options: [
          { name: 'target', value: 'URL', description: 'base URL the plan\'s paths are sent to' },
          { name: 'plan', value: 'FILE', description: 'phases and endpoints (default: warm-up, ramp, sustained, spike, cool-down against GET /)' },
          { name: 'scale', value: 'X', description: 'multiply every phase duration (0.1 for a PR run)' },
          { name: 'out', value: 'FILE', description: 'where to write the result (default load-result.json)' },
          { name: 'baseline', value: 'FILE', description: 'a previous run\'s result to compare against' },
          { name: 'memory-url', value: 'URL', description: 'sample a memory gauge from this Prometheus /metrics URL during the run (the soak leak check)' },
          { name: 'memory-pid', value: 'PID', description: 'or sample the resident memory of this process' },
          { name: 'abort-on-fail', description: 'stop as soon as a threshold can no longer pass, whatever the rest of the run does' },
        ],
        examples: ['rollgate load run --target http://localhost:8080 --scale 0.1', 'rollgate load run --plan load/plan.yml --target https://staging.example.com --json'],
        load: async () => (await import('./load/run-command')).runLoad,
      },
      merge: {
        summary: 'Merge the shard results of a distributed run exactly (histograms add, counts sum) into one result.',
        usesConfig: false,
        files: 'FILE...',
        options: [
          { name: 'out', value: 'FILE', description: 'where to write the merged result (Rollgate format)' },
          { name: 'results', value: 'FILE', multiple: true, description: 'a shard result, as an alternative to listing files' },
        ],
        examples: ['rollgate load merge shard-*.json --out merged.json', 'rollgate load merge a.jtl b.jtl --out all.json && rollgate load gate --results all.json'],
        load: async () => (await import('./load/merge-command')).runMerge,
      },
    },
    load: async () => (await import('./load/index')).load,
  },
  rollout: rolloutHelp,
  flags: flagsHelp,
};

export function commandNames(): string[] {
  return Object.keys(COMMANDS);
}
