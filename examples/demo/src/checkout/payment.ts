export type ChargeResult = { ok: true; id: string } | { ok: false; reason: string };

export function shouldRetry(result: ChargeResult, attempt: number): boolean {
  return !result.ok && result.reason === 'declined' && attempt < 2;
}
