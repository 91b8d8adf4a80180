import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import {
  ONE_TIME_CODE_POLICY as POLICY,
  codeRefusal,
  type CodeRefusal,
} from '../../domain/portal/index.ts';
import { err, ok, type Result } from '../../domain/shared/index.ts';
import {
  findLatestReporterCodeForUpdate,
  insertReporterCode,
  updateReporterCode,
} from '../../store/portal.store.ts';
import type { Deps } from '../deps.ts';
import type { SmsSender } from './sms.ts';

/**
 * A reporter's access to their own reports by phone: a one-time code sent by text message, and,
 * for the right code, a short-lived reporter token scoped to that phone. Phones and codes are
 * stored only as keyed hashes (HMAC with the service secret).
 */

export type ReporterCodeError =
  | { readonly code: CodeRefusal }
  | { readonly code: 'portal.code_invalid'; readonly details: { readonly attemptsLeft: number } };

const hmac = (secret: string, text: string) =>
  createHmac('sha256', secret).update(text).digest('base64url');

export const phoneHash = (secret: string, phone: string) => hmac(secret, `phone:${phone}`);
const codeHash = (secret: string, id: string, code: string) => hmac(secret, `code:${id}:${code}`);

/** Makes a new code for the phone and sends it; earlier codes of the phone stop counting. */
export async function sendReporterCode(
  deps: Deps,
  sms: SmsSender,
  secret: string,
  phone: string,
): Promise<{ expiresAt: Date }> {
  const now = deps.clock.now();
  const code = String(randomInt(10 ** POLICY.digits)).padStart(POLICY.digits, '0');
  const id = deps.newId();
  const expiresAt = new Date(now.getTime() + POLICY.ttlMs);
  await insertReporterCode(deps.db, {
    id,
    phoneHash: phoneHash(secret, phone),
    codeHash: codeHash(secret, id, code),
    createdAt: now,
    expiresAt,
    attempts: 0,
    consumedAt: null,
  });
  await sms.send(phone, `【网格城管】您的验证码是 ${code}，5分钟内有效。Your code: ${code}`);
  return { expiresAt };
}

/**
 * Checks a code against the phone's newest one: a wrong code counts an attempt; the right code
 * is used up and buys a reporter token. Expired, used or exhausted codes are refused.
 */
export async function verifyReporterCode(
  deps: Deps,
  secret: string,
  phone: string,
  code: string,
): Promise<Result<{ token: string; expiresAt: Date }, ReporterCodeError>> {
  const now = deps.clock.now();
  const outcome = await deps.db.transaction(async (tx) => {
    const c = await findLatestReporterCodeForUpdate(tx, phoneHash(secret, phone));
    if (!c) return { code: 'portal.code_expired' as const };
    const refusal = codeRefusal(c, now);
    if (refusal) return { code: refusal };
    const given = Buffer.from(codeHash(secret, c.id, code));
    if (!timingSafeEqual(given, Buffer.from(c.codeHash))) {
      await updateReporterCode(tx, c.id, { attempts: c.attempts + 1, consumedAt: null });
      return {
        code: 'portal.code_invalid' as const,
        details: { attemptsLeft: Math.max(0, POLICY.maxAttempts - c.attempts - 1) },
      };
    }
    await updateReporterCode(tx, c.id, { attempts: c.attempts, consumedAt: now });
    return null;
  });
  if (outcome) return err(outcome);
  const expiresAt = new Date(now.getTime() + POLICY.tokenTtlMs);
  return ok({ token: signReporterToken(secret, phone, expiresAt), expiresAt });
}

/** `rt.<payload>.<mac>`: the phone and expiry, signed; the token names only its own phone. */
function signReporterToken(secret: string, phone: string, expiresAt: Date): string {
  const payload = Buffer.from(JSON.stringify({ p: phone, exp: expiresAt.getTime() })).toString(
    'base64url',
  );
  return `rt.${payload}.${hmac(secret, `reporter-token:${payload}`)}`;
}

/** The phone a valid, unexpired reporter token is scoped to, or null. */
export function readReporterToken(secret: string, token: string, now: Date): string | null {
  const [prefix, payload, mac, ...rest] = token.split('.');
  if (prefix !== 'rt' || payload === undefined || mac === undefined || rest.length > 0) return null;
  const expected = Buffer.from(hmac(secret, `reporter-token:${payload}`));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const v = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      p?: unknown;
      exp?: unknown;
    };
    if (typeof v.p !== 'string' || typeof v.exp !== 'number') return null;
    return now.getTime() < v.exp ? v.p : null;
  } catch {
    return null;
  }
}
