/**
 * The soak leak check, pure: memory sampled during the run, a least-squares
 * line through it, and growth per hour relative to where the line starts.
 *
 * Growth is a leak when the fitted rate is above the limit *and* the slope's
 * 95% interval lies above zero: a sawtooth from garbage collection can tilt a
 * short series either way, and a noisy flat line should not fail the build.
 */
import { linearTrend } from '../../../stats';

export interface MemorySample {
  /** Seconds from the start of the run. */
  at: number;
  bytes: number;
  /** Phase the run was in. */
  phase: string;
}

export interface LeakOptions {
  /** Largest acceptable growth per hour, as a share of the starting level (0.1 = 10%/h). */
  maxGrowthPerHour: number;
  /** Only samples taken in this phase are fitted (a steady load; a ramp grows memory legitimately). */
  phase?: string;
  /** What was sampled, for messages: "process_resident_memory_bytes at http://…/metrics", "RSS of pid 4242". */
  source: string;
}

/** Fewer points than this cannot tell a trend from noise. */
export const MIN_LEAK_SAMPLES = 6;

export interface LeakAssessment {
  source: string;
  /** Samples fitted (of the phase, when one is set). */
  samples: number;
  /** Every sample taken, fitted or not. */
  taken: number;
  spanSeconds: number;
  /** Fitted memory at the first and the last fitted sample, in bytes. */
  startBytes: number | null;
  endBytes: number | null;
  /** Growth per hour as a share of startBytes, and its 95% interval. */
  growthPerHour: number | null;
  interval: [number, number] | null;
  pValue: number | null;
  limit: number;
  verdict: 'ok' | 'leak' | 'no-data';
  reason: string;
}

export function assessLeak(all: readonly MemorySample[], options: LeakOptions): LeakAssessment {
  const samples = options.phase === undefined ? all : all.filter((s) => s.phase === options.phase);
  const base = { source: options.source, samples: samples.length, taken: all.length, limit: options.maxGrowthPerHour };
  const spanSeconds = samples.length > 1 ? samples[samples.length - 1]!.at - samples[0]!.at : 0;
  const distinctTimes = new Set(samples.map((s) => s.at)).size;
  if (samples.length < MIN_LEAK_SAMPLES || distinctTimes < 3) {
    const where = options.phase === undefined ? '' : ` in phase ${options.phase}`;
    return { ...base, spanSeconds, startBytes: null, endBytes: null, growthPerHour: null, interval: null, pValue: null, verdict: 'no-data', reason: `${samples.length} memory sample${samples.length === 1 ? '' : 's'}${where}; at least ${MIN_LEAK_SAMPLES} are needed to fit a trend (sample more often with leak.every, or run longer)` };
  }
  const t0 = samples[0]!.at;
  const fit = linearTrend(samples.map((s) => s.at - t0), samples.map((s) => s.bytes));
  const startBytes = fit.intercept;
  const endBytes = fit.intercept + fit.slope * spanSeconds;
  // Relative to the fitted start, not the first sample, so one noisy reading does not set the scale.
  const perHour = (bytesPerSecond: number) => (bytesPerSecond * 3600) / startBytes;
  const growthPerHour = perHour(fit.slope);
  const interval: [number, number] = [perHour(fit.slopeInterval.lower), perHour(fit.slopeInterval.upper)];
  const percent = formatPercent;
  const over = growthPerHour > options.maxGrowthPerHour;
  const real = fit.slopeInterval.lower > 0;
  const verdict = over && real ? 'leak' : 'ok';
  const measured = `memory grew ${percent(growthPerHour)}/h (95% CI ${percent(interval[0])} to ${percent(interval[1])}) over ${samples.length} samples in ${spanSeconds.toFixed(0)} s, from ${mib(startBytes)} to ${mib(endBytes)}`;
  const reason = verdict === 'leak'
    ? `${measured}: above the ${percent(options.maxGrowthPerHour)}/h limit, and the growth is real (the interval excludes zero)`
    : over
      ? `${measured}: above the limit as estimated, but too noisy to tell from no growth (the interval includes zero), so not called a leak`
      : `${measured}: within the ${percent(options.maxGrowthPerHour)}/h limit`;
  return { ...base, spanSeconds, startBytes, endBytes, growthPerHour, interval, pValue: fit.pValue, verdict, reason };
}

/** 3 significant digits without exponents: 20.0%, 0.512%, 47,200%. */
export function formatPercent(share: number): string {
  const value = Number((share * 100).toPrecision(3));
  return `${Math.abs(value) >= 1000 ? value.toLocaleString('en-US') : value.toPrecision(3).replace(/e.*$/, '')}%`;
}

function mib(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MiB`;
}
