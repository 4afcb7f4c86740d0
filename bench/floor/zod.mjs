import { z } from 'zod';
const s = z.object({ checks: z.array(z.discriminatedUnion('type', [z.object({ type: z.literal('a'), x: z.number() }), z.object({ type: z.literal('b'), y: z.string() })])) });
s.parse({ checks: [{ type: 'a', x: 1 }] });
