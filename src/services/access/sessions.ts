import { randomBytes } from 'node:crypto';
import {
  DEFAULT_THROTTLE,
  checkRoleScope,
  decideLoginThrottle,
  principalOf,
  type Principal,
  type ThrottlePolicy,
} from '../../domain/access/index.ts';
import { err, ok, type Result } from '../../domain/shared/index.ts';
import * as sessions from '../../store/sessions.store.ts';
import { findCredentials, findSessionUsers, type SessionUser } from '../../store/users.store.ts';
import type { Deps } from '../deps.ts';
import { GroupCommit } from '../group-commit.ts';
import { dummyPasswordHash, verifyPassword } from './password.ts';
import { newVerifiedTokens, readToken, signToken } from './session-token.ts';
import { runtimeKey } from '../runtime.ts';

/** A working shift and a bit: staff sign in once per day. */
const SESSION_TTL_SECONDS = 12 * 3600;

export type LoginError =
  | { readonly code: 'auth.invalid_credentials' }
  | { readonly code: 'auth.account_disabled' }
  | RoleScopeRefused
  | { readonly code: 'auth.rate_limited'; readonly details: { retryAfterSeconds: number } };

/** A user row whose role and home region do not fit (written before the rule, or by hand). */
export type RoleScopeRefused = {
  readonly code: 'auth.role_scope_mismatch';
  readonly details: Readonly<Record<string, unknown>>;
};

export type SessionError =
  | { readonly code: 'auth.invalid_token' }
  | RoleScopeRefused
  | { readonly code: 'auth.session_expired'; readonly details: { reason: string } };

export type LoginInput = {
  readonly username: string;
  readonly password: string;
  readonly ip: string;
  /** The signing key, from `resolveSessionSecret`. */
  readonly secret: string;
  readonly ttlSeconds?: number;
  readonly throttle?: ThrottlePolicy;
};

export type Session = {
  readonly token: string;
  readonly sessionId: string;
  readonly expiresAt: Date;
  readonly principal: Principal;
};

/**
 * The key that signs session tokens: GRIDLOOP_SESSION_SECRET when configured, otherwise one
 * generated on first start and kept in the database, so every service copy shares it.
 */
export async function resolveSessionSecret(deps: Deps, configured?: string): Promise<string> {
  if (configured) return configured;
  return sessions.getOrCreateSecret(deps.db, 'session', randomBytes(32).toString('base64url'));
}

/**
 * Signs a user in. The attempt is first recorded as a failure under an advisory lock (so
 * concurrent guesses from several copies are all counted), the password is checked outside
 * the transaction, and a success clears the record. Unknown users and wrong passwords get the
 * same answer after the same work.
 */
export async function login(deps: Deps, input: LoginInput): Promise<Result<Session, LoginError>> {
  const policy = input.throttle ?? DEFAULT_THROTTLE;
  const now = deps.clock.now();
  const windowStart = new Date(now.getTime() - policy.windowSeconds * 1000);
  const gate = await deps.db.transaction(async (tx) => {
    await sessions.lockLoginKey(tx, input.username, input.ip);
    const failures = await sessions.recentLoginFailures(tx, input.username, input.ip, windowStart);
    const decision = decideLoginThrottle(failures, now, policy);
    if (!decision.allowed) return decision;
    await sessions.recordLoginFailure(tx, input.username, input.ip, now, windowStart);
    return decision;
  });
  if (!gate.allowed)
    return err({
      code: 'auth.rate_limited',
      details: { retryAfterSeconds: gate.retryAfterSeconds },
    });

  const cred = await findCredentials(deps.db, input.username);
  const matches = await verifyPassword(
    input.password,
    cred?.passwordHash ?? (await dummyPasswordHash()),
  );
  if (!cred || !matches) return err({ code: 'auth.invalid_credentials' });
  if (cred.user.disabled) return err({ code: 'auth.account_disabled' });
  const fits = roleScopeOf(cred.user);
  if (!fits.ok) return fits;

  const sessionId = randomBytes(16).toString('base64url');
  const ttl = input.ttlSeconds ?? SESSION_TTL_SECONDS;
  const expiresAt = new Date(now.getTime() + ttl * 1000);
  await deps.db.transaction(async (tx) => {
    await sessions.clearLoginFailures(tx, input.username, input.ip);
    await sessions.insertSession(tx, {
      id: sessionId,
      userId: cred.user.id,
      districtCode: cred.user.districtCode,
      createdAt: now,
      expiresAt,
      ip: input.ip,
    });
  });
  const token = signToken(
    { sid: sessionId, uid: cred.user.id, exp: Math.floor(expiresAt.getTime() / 1000) },
    input.secret,
  );
  return ok({ token, sessionId, expiresAt, principal: principalOf(cred.user) });
}

/** The role/scope rule of domain/access applied to a stored user, as a sign-in refusal. */
function roleScopeOf(u: {
  role: Principal['role'];
  districtCode: string;
  regionScope: readonly string[];
}): Result<true, RoleScopeRefused> {
  const r = checkRoleScope(u.role, u.districtCode, u.regionScope);
  return r.ok ? r : err({ code: 'auth.role_scope_mismatch', details: { ...r.error.details } });
}

/** Session ids in one lookup query (one bind parameter: the array). */
const LOOKUP_MAX_BATCH = 500;

// One queue per service copy (its Runtime). Every authenticated request looks its session up;
// concurrent requests share one query. A lookup waits for the next batch, which starts after it
// was submitted, so it sees every logout committed before it asked. The tokens whose signature
// this copy checked are kept beside it (session-token.ts).
const SESSION_LOOKUPS = runtimeKey(
  'access.session-lookups',
  ({ db }) =>
    new GroupCommit<string, SessionUser | null>(
      async (ids) => {
        const found = await findSessionUsers(db, ids);
        return ids.map((id) => found.get(id) ?? null);
      },
      { maxBatch: LOOKUP_MAX_BATCH },
    ),
);
const VERIFIED_TOKENS = runtimeKey('access.verified-tokens', () => newVerifiedTokens());

/**
 * The principal behind a bearer token: the signature must match, the expiry lie in the
 * future, the session be unrevoked and the user enabled.
 */
export async function verifySession(
  deps: Deps,
  input: { token: string; secret: string },
): Promise<Result<{ principal: Principal; sessionId: string; expiresAt: Date }, SessionError>> {
  const payload = readToken(input.token, input.secret, deps.runtime.get(VERIFIED_TOKENS, deps));
  if (!payload) return err({ code: 'auth.invalid_token' });
  const now = deps.clock.now();
  if (payload.exp * 1000 <= now.getTime())
    return err({ code: 'auth.session_expired', details: { reason: 'expired' } });
  const s = await deps.runtime.get(SESSION_LOOKUPS, deps).submit(payload.sid);
  if (!s || s.user.id !== payload.uid) return err({ code: 'auth.invalid_token' });
  if (s.revoked) return err({ code: 'auth.session_expired', details: { reason: 'signed_out' } });
  if (s.expiresAt.getTime() <= now.getTime())
    return err({ code: 'auth.session_expired', details: { reason: 'expired' } });
  if (s.user.disabled)
    return err({ code: 'auth.session_expired', details: { reason: 'disabled' } });
  const fits = roleScopeOf(s.user);
  if (!fits.ok) return fits;
  return ok({ principal: principalOf(s.user), sessionId: payload.sid, expiresAt: s.expiresAt });
}

/** Signs a session out; later requests with its token get `auth.session_expired`. */
export async function logout(deps: Deps, input: { sessionId: string }): Promise<void> {
  await sessions.revokeSession(deps.db, input.sessionId, deps.clock.now());
}
