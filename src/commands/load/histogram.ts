/**
 * Latency histograms: hdr-histogram-js in microseconds with 3 significant
 * digits, so any percentile is within 0.1% of the exact value, and two
 * histograms add exactly (shards merge without error).
 */
import * as hdr from 'hdr-histogram-js';

export type Histogram = hdr.Histogram;

/** One hour in microseconds: slower "responses" are clamped there and said so by the caller. */
export const MAX_TRACKABLE_US = 3_600_000_000;

export function createHistogram(): Histogram {
  return hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: MAX_TRACKABLE_US, numberOfSignificantValueDigits: 3, bitBucketSize: 'packed', useWebAssembly: false });
}

/** Records a latency in milliseconds; returns false when it had to be clamped to the range. */
export function recordMs(histogram: Histogram, ms: number, count = 1): boolean {
  const us = Math.round(ms * 1000);
  const clamped = Math.min(MAX_TRACKABLE_US, Math.max(1, us));
  histogram.recordValueWithCount(clamped, count);
  return clamped === us;
}

export function encodeHistogram(histogram: Histogram): string {
  return hdr.encodeIntoCompressedBase64(histogram);
}

export function decodeHistogram(encoded: string): Histogram {
  const decoded = hdr.decodeFromCompressedBase64(encoded, 'packed', false);
  // Decoding keeps the encoder's range; re-add into our standard shape so merges never overflow.
  const out = createHistogram();
  out.add(decoded);
  return out;
}
