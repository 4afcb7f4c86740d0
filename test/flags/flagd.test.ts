import { describe, expect, it } from 'vitest';
import { fractional, fractionalBucket, implicitBucketingValue } from '../../src/flags/index';

describe('flagd fractional edge cases (testbed scenarios without Examples tables)', () => {
  it('all-zero weights give no variant, so flagd uses the default', () => {
    expect(fractional('any-user', [['one', 0], ['two', 0]])).toBeNull();
  });
  it('negative weights count as 0', () => {
    expect(fractional('any-user', [['one', -50], ['two', 100]])).toBe('two');
  });
  it('a single entry always wins', () => {
    expect(fractional(implicitBucketingValue('fractional-single-entry-flag', 'some-targeting-key')!, [['single', 1]])).toBe('single');
  });
  it('no usable targeting key means no bucketing value', () => {
    expect(implicitBucketingValue('f', undefined)).toBeUndefined();
    expect(implicitBucketingValue('f', 12345, 'v3')).toBeUndefined();
  });
  it('maps the boundary hashes as the testbed comments say (bv(100))', () => {
    expect([0, 1, 2147483647, 2147483648, 4294967295].map((h) => fractionalBucket(h, 100))).toEqual([0, 0, 49, 50, 99]);
  });
  it('stays exact when hash * totalWeight passes 2^53', () => {
    expect(fractionalBucket(4294967295, 2147483647)).toBe(2147483646);
  });
});
