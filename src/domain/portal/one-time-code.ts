/**
 * One-time codes (短信验证码) that let a reporter see their own reports by phone. The code itself
 * is never stored, only its keyed hash; it expires and allows a few wrong tries.
 */
export const ONE_TIME_CODE_POLICY = {
  digits: 6,
  ttlMs: 5 * 60_000,
  maxAttempts: 5,
  /** how long the reporter token it buys lasts */
  tokenTtlMs: 30 * 60_000,
} as const;

/** A mainland mobile number in its 11-digit form (+86, spaces and dashes dropped), or null. */
export function normalizePhone(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

export type OneTimeCodeState = {
  readonly expiresAt: Date;
  readonly attempts: number;
  readonly consumedAt: Date | null;
};

export type CodeRefusal = 'portal.code_expired' | 'portal.code_attempts_exhausted';

/** Whether a stored code may still be tried at `now`; null: yes. */
export function codeRefusal(c: OneTimeCodeState, now: Date): CodeRefusal | null {
  if (c.consumedAt !== null || now.getTime() >= c.expiresAt.getTime()) return 'portal.code_expired';
  if (c.attempts >= ONE_TIME_CODE_POLICY.maxAttempts) return 'portal.code_attempts_exhausted';
  return null;
}
