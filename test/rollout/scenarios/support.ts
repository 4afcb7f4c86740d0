/** What the rollout scenarios, the bundled-action test and the rollout bench share. */

/** A flagd definitions file with checkout-v2 off for everyone: the flagd-file provider's starting point. */
export const FLAGD_FILE = `${JSON.stringify(
  { $schema: 'https://flagd.dev/schema/v0/flags.json', flags: { 'checkout-v2': { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'off' } } },
  null,
  2,
)}\n`;

const T0 = Date.parse('2026-11-29T13:00:00Z');

/** The injected clock for --now: minutes after 2026-11-29T13:00:00Z, in the seconds-precision form the state stores. */
export function at(minutes: number): string {
  return new Date(T0 + minutes * 60_000).toISOString().replace('.000Z', 'Z');
}
