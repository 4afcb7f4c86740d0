/** One status line for a TTY while `rollgate load run` runs. */
import type { Progress } from './run';

function ms(value: number | null): string {
  if (value === null) return '-';
  return value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(1)} ms`;
}

function clock(seconds: number): string {
  const whole = Math.floor(seconds);
  const m = Math.floor(whole / 60);
  const s = whole % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

/**
 * e.g. `[2/5 ramp] 1:05  rate 118/s (target 120)  p95 12.3 ms  errors 0  dropped 0  in flight 3`.
 */
export function formatProgress(p: Progress): string {
  const head = p.done ? `[done] ${clock(p.elapsedSeconds)}` : `[${p.phaseIndex + 1}/${p.phases} ${p.phase}] ${clock(p.elapsedSeconds)}`;
  const rate = p.done ? `${p.requests} requests` : `rate ${Math.round(p.rate)}/s (target ${Math.round(p.targetRate)})`;
  const errors = p.requests > 0 && p.errors > 0 ? `errors ${p.errors} (${((100 * p.errors) / p.requests).toFixed(1)}%)` : `errors ${p.errors}`;
  return `${head}  ${rate}  p95 ${ms(p.p95Ms)}  ${errors}  dropped ${p.dropped}  in flight ${p.inFlight}`;
}
