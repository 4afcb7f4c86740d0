import * as hdr from 'hdr-histogram-js';
import { describe, expect, it } from 'vitest';
import { createHistogram, decodeHistogram, encodeHistogram, MAX_TRACKABLE_US } from '../../src/commands/load/histogram';

const percentiles = [0, 50, 90, 99, 99.9, 100];

describe('decodeHistogram', () => {
  it('decodes ours, packed or fast, into the standard shape with the same counts', () => {
    for (const kind of ['packed', 'fast'] as const) {
      const original = createHistogram(kind);
      for (let us = 1; us < 2_000_000; us = Math.ceil(us * 1.37)) original.recordValueWithCount(us, us % 7 || 1);
      original.recordValue(MAX_TRACKABLE_US);
      const decoded = decodeHistogram(encodeHistogram(original));
      expect(decoded.highestTrackableValue).toBe(MAX_TRACKABLE_US);
      expect(decoded.totalCount).toBe(original.totalCount);
      expect(percentiles.map((p) => decoded.getValueAtPercentile(p))).toEqual(percentiles.map((p) => original.getValueAtPercentile(p)));
      // It can take in another of ours, as merges do.
      decoded.add(original);
      expect(decoded.totalCount).toBe(2 * original.totalCount);
    }
  });

  it("re-adds another encoder's range into the standard shape, so larger values still merge", () => {
    const narrow = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 10_000, numberOfSignificantValueDigits: 2, bitBucketSize: 32, useWebAssembly: false });
    narrow.recordValueWithCount(5_000, 3);
    const decoded = decodeHistogram(hdr.encodeIntoCompressedBase64(narrow));
    expect(decoded.highestTrackableValue).toBe(MAX_TRACKABLE_US);
    expect(decoded.numberOfSignificantValueDigits).toBe(3);
    decoded.recordValue(60_000_000);
    expect(decoded.totalCount).toBe(4);
    expect(decoded.maxValue).toBeGreaterThanOrEqual(60_000_000 * 0.999);
  });
});
