// The demo's smoke test: the service's entry files exist and its alert rules parse as a rule file.
import { readFileSync } from 'node:fs';
for (const file of ['src/checkout/cart.ts', 'src/checkout/payment.ts']) readFileSync(file, 'utf8');
const rules = readFileSync('monitoring/alerts.yml', 'utf8');
if (!rules.includes('groups:')) throw new Error('monitoring/alerts.yml has no rule groups');
console.log('smoke: ok');
