/** What the rollout scenarios, the bundled-action test and the rollout bench share. */

/** A flagd definitions file with checkout-v2 off for everyone: the flagd-file provider's starting point. */
export const FLAGD_FILE = `${JSON.stringify(
  { $schema: 'https://flagd.dev/schema/v0/flags.json', flags: { 'checkout-v2': { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'off' } } },
  null,
  2,
)}\n`;

/**
 * The plan the GitHub-backed scenarios and the rollout bench drive: three stages, a metrics file and a
 * check-run gate, and the flagd file in the repository.
 */
export const GITHUB_PLAN = `
flag: checkout-v2
environment: production
stages:
  - { name: smoke,  percent: 1,  hold: 1h }
  - { name: canary, percent: 5,  hold: 2h }
  - { name: full,   percent: 100 }
gates:
  - name: error-rate
    file: { path: metrics.json, jsonPath: $.errorRate }
    max: 0.001
  - name: smoke-tests
    check: { name: smoke-tests }
breaker: { consecutiveBreaches: 2, critical: { error-rate: 0.01 } }
provider: { type: flagd-file, path: flags/flags.json }
`;

const T0 = Date.parse('2026-11-29T13:00:00Z');

/** The injected clock for --now: minutes after 2026-11-29T13:00:00Z, in the seconds-precision form the state stores. */
export function at(minutes: number): string {
  return new Date(T0 + minutes * 60_000).toISOString().replace('.000Z', 'Z');
}
