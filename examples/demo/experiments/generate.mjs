// Writes checkout-v2.csv: a seeded, synthetic 50/50 experiment on checkout-v2,
// one row per user. Rerun with `node experiments/generate.mjs`; the output is
// byte-identical each time.
import { writeFileSync } from 'node:fs';

let state = 0x2545f491;
function random() {
  // xorshift32: tiny, seeded, good enough for demo data.
  state ^= state << 13; state >>>= 0;
  state ^= state >>> 17;
  state ^= state << 5; state >>>= 0;
  return state / 0x100000000;
}
const rows = ['user_id,variant,converted,revenue,error'];
for (let i = 0; i < 12000; i++) {
  const treatment = random() < 0.5;
  const converted = random() < (treatment ? 0.124 : 0.1);
  // Order value: a skewed spend, only for converters.
  const revenue = converted ? Math.round(Math.exp(3.6 + 0.5 * Math.sqrt(-2 * Math.log(random() || 1e-9)) * Math.cos(2 * Math.PI * random())) * 100) / 100 : 0;
  const error = random() < 0.01 ? 1 : 0;
  rows.push(`u${String(i).padStart(5, '0')},${treatment ? 'treatment' : 'control'},${converted ? 1 : 0},${revenue},${error}`);
}
writeFileSync(new URL('./checkout-v2.csv', import.meta.url), `${rows.join('\n')}\n`);
