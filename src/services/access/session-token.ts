import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a session token carries: session id, user id and expiry (Unix seconds). */
export type TokenPayload = { readonly sid: string; readonly uid: string; readonly exp: number };

const VERSION = 'v1';

function mac(body: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(`${VERSION}.${body}`).digest();
}

/** `v1.<base64url(json payload)>.<base64url(HMAC-SHA256)>` */
export function signToken(payload: TokenPayload, secret: string): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${VERSION}.${body}.${mac(body, secret).toString('base64url')}`;
}

// Checking the signature is the costly part of reading a token, and a phone sends the same token
// with every request: the tokens a service copy verified last are remembered (with the secret
// they were checked against) in a map its runtime holds. Expiry and revocation are still checked
// on every request by the caller.
const VERIFIED_MAX = 10_000;

/** Tokens whose signature was checked, with the secret they were checked against. */
export type VerifiedTokens = Map<string, { secret: string; payload: TokenPayload }>;

export const newVerifiedTokens = (): VerifiedTokens => new Map();

/**
 * The payload of a token signed with this secret, or null when it is malformed or tampered.
 * `verified` remembers good tokens between calls (a copy's own; none by default).
 */
export function readToken(
  token: string,
  secret: string,
  verified: VerifiedTokens = newVerifiedTokens(),
): TokenPayload | null {
  const hit = verified.get(token);
  if (hit?.secret === secret) return hit.payload;
  const payload = verifyToken(token, secret);
  if (payload) {
    if (verified.size >= VERIFIED_MAX) {
      const oldest = verified.keys().next();
      if (!oldest.done) verified.delete(oldest.value);
    }
    verified.set(token, { secret, payload });
  }
  return payload;
}

function verifyToken(token: string, secret: string): TokenPayload | null {
  const [version, body, signature] = token.split('.');
  if (version !== VERSION || !body || !signature) return null;
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(body, secret);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const p = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<TokenPayload>;
    if (typeof p.sid !== 'string' || typeof p.uid !== 'string' || typeof p.exp !== 'number')
      return null;
    return { sid: p.sid, uid: p.uid, exp: p.exp };
  } catch {
    return null;
  }
}
