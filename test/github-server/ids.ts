import { createHash, randomBytes } from 'node:crypto';

/** Git's object id for a blob: the same value `git hash-object` prints, so clients can compare shas. */
export function gitBlobSha(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

export function sha1Hex(...parts: string[]): string {
  const hash = createHash('sha1');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
}

/**
 * GitHub's global ids are opaque base64 blobs behind a type prefix (CR_, IC_, PR_...).
 * Clients only store and compare them, so any stable string of that look will do.
 */
export function nodeId(prefix: string, id: number): string {
  return `${prefix}_kwDO${Buffer.from(`${prefix}:${id}`).toString('base64url')}`;
}

/** Same five-part hex layout as GitHub's x-github-request-id, which support asks for. */
export function requestId(): string {
  const part = (bytes: number) => randomBytes(bytes).toString('hex').toUpperCase();
  return `${part(2)}:${part(3)}:${part(3)}:${part(3)}:${part(4)}`;
}

/** A deterministic number in [min, min + span): users keep one id however often a test seeds them. */
export function stableNumber(seed: string, min: number, span: number): number {
  const digest = createHash('sha1').update(seed).digest();
  return min + (digest.readUInt32BE(0) % span);
}

/** GitHub timestamps carry whole seconds only. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function isFullSha(ref: string): boolean {
  return /^[0-9a-f]{40}$/i.test(ref);
}
