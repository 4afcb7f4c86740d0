import type { SampleSummary } from '../types';

export function checkSummary(name: string, label: string, summary: SampleSummary, minimumN = 2): void {
  const { n, mean, variance } = summary;
  if (!(n >= minimumN) || !Number.isFinite(mean) || !(variance >= 0) || !Number.isFinite(variance)) {
    throw new RangeError(`${name}: ${label} needs n >= ${minimumN}, a finite mean and a finite variance >= 0`);
  }
}
