/**
 * Where a gate's number comes from. One key per source kind; the plan schema
 * requires exactly one of them on every gate.
 */
import { z } from 'zod';

export const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });

export const gateSourceShape = {
  prometheus: z
    .strictObject({ url: httpUrl.describe('Prometheus base URL.'), query: z.string().min(1).describe('PromQL returning one number (an instant vector of one series, or a scalar).') })
    .optional(),
  http: z
    .strictObject({ url: httpUrl.describe('A URL answering JSON.'), jsonPath: z.string().min(1).describe('Where the number is in the answer, e.g. $.errorRate.') })
    .optional(),
  file: z
    .strictObject({ path: z.string().min(1).describe('A JSON file in the repository or workspace.'), jsonPath: z.string().min(1).describe('Where the number is in the file.') })
    .optional(),
  check: z
    .strictObject({
      name: z.string().min(1).describe('Check run name (as the Checks tab shows it) on the rolled-out ref.'),
      ref: z.string().min(1).optional().describe('Commit, branch or tag whose check runs are read (default: the ref given to start).'),
    })
    .optional()
    .describe('A GitHub check conclusion: success is 1, failure (and cancelled, timed_out, action_required) is 0, none or still running is no data. Without min/max the gate needs min 1.'),
};

export const GATE_SOURCES = Object.keys(gateSourceShape) as (keyof typeof gateSourceShape)[];
