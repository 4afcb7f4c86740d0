/**
 * Latency histograms: hdr-histogram-js in microseconds with 3 significant
 * digits, so any percentile is within 0.1% of the exact value, and two
 * histograms add exactly (shards merge without error).
 */
import * as hdr from 'hdr-histogram-js';

export type Histogram = hdr.Histogram;

/** One hour in microseconds: slower "responses" are clamped there and said so by the caller. */
export const MAX_TRACKABLE_US = 3_600_000_000;

/**
 * 'packed' (the default) keeps a histogram in about 27 KB, for ingest that may
 * hold thousands; 'fast' is a 95 KB 32-bit one that encodes, decodes and adds
 * some 20 times faster, for the few that merges and gates build.
 */
export function createHistogram(kind: 'packed' | 'fast' = 'packed'): Histogram {
  return hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: MAX_TRACKABLE_US, numberOfSignificantValueDigits: 3, bitBucketSize: kind === 'packed' ? 'packed' : 32, useWebAssembly: false });
}

/** Records a latency in milliseconds; returns false when it had to be clamped to the range. */
export function recordMs(histogram: Histogram, ms: number, count = 1): boolean {
  const clamped = recordableUs(ms);
  histogram.recordValueWithCount(clamped, count);
  return clamped === Math.round(ms * 1000);
}

/** The value recordMs records for `ms`: microseconds, rounded and clamped to the range. For recording one latency into several histograms. */
export function recordableUs(ms: number): number {
  return Math.min(MAX_TRACKABLE_US, Math.max(1, Math.round(ms * 1000)));
}

export function encodeHistogram(histogram: Histogram): string {
  return hdr.encodeIntoCompressedBase64(histogram);
}

export function decodeHistogram(encoded: string): Histogram {
  const decoded = hdr.decodeFromCompressedBase64(encoded, 32, false);
  // Decoding keeps the encoder's range. Ours already has the standard shape: re-adding it into a new one
  // cost a quarter of a 16-shard merge (BENCHMARKS.md). Any other range is re-added, so merges never overflow.
  if (hasStandardShape(decoded)) {
    decoded.autoResize = true;
    return decoded;
  }
  const out = createHistogram('fast');
  out.add(decoded);
  return out;
}

function hasStandardShape(histogram: Histogram): boolean {
  // hdr-histogram-js's type leaves the lowest value out, but its histograms carry it.
  const lowest = (histogram as Histogram & { lowestDiscernibleValue?: number }).lowestDiscernibleValue;
  return lowest === 1 && histogram.highestTrackableValue === MAX_TRACKABLE_US && histogram.numberOfSignificantValueDigits === 3;
}
