import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDeps } from '../../../test/helpers/deps.ts';
import { freshDb } from '../../../test/helpers/db.ts';
import type { Db } from '../../store/db.ts';
import type { Deps } from '../deps.ts';
import { signToken } from './session-token.ts';
import { login, logout, resolveSessionSecret, verifySession } from './sessions.ts';
import { createUser, ensureUser, setPassword, updateUser } from './users.ts';

let db: Db;
let now = new Date('2026-03-02T01:00:00Z');
let deps: Deps;
const SECRET = 'test-secret';
const throttle = { maxFailures: 3, windowSeconds: 600 };

beforeAll(async () => {
  db = await freshDb();
  deps = testDeps(db, () => now);
  const r = await createUser(deps, {
    username: 'wuhua.dispatch',
    displayName: '五华派遣员',
    role: 'dispatcher',
    districtCode: '530102',
    password: 'right-password',
  });
  expect(r.ok).toBe(true);
});
afterAll(() => db.close());

const attempt = (password: string, ip = '10.0.0.1', username = 'wuhua.dispatch') =>
  login(deps, { username, password, ip, secret: SECRET, throttle });

describe('users', () => {
  it('are stored without the password in clear', async () => {
    const { rows } = await db.query<{ password_hash: string }>(
      "SELECT password_hash FROM users WHERE username = 'wuhua.dispatch'",
    );
    expect(rows[0]?.password_hash).toMatch(/^scrypt\$/);
    expect(rows[0]?.password_hash).not.toContain('right-password');
  });

  it('cannot take a username twice, and ensureUser returns the existing one', async () => {
    const input = {
      username: 'wuhua.dispatch',
      role: 'dispatcher',
      districtCode: '530102',
      password: 'another-password',
    };
    expect(await createUser(deps, input)).toMatchObject({
      ok: false,
      error: { code: 'user.username_taken' },
    });
    expect(await ensureUser(deps, input)).toMatchObject({
      ok: true,
      value: { username: 'wuhua.dispatch', displayName: '五华派遣员' },
    });
  });

  it('refuses a unit handler of a unit that does not exist', async () => {
    expect(
      await createUser(deps, {
        username: 'ghost.unit',
        role: 'unit_handler',
        unitId: 'no-such-unit',
        districtCode: '530102',
        password: 'long-enough',
      }),
    ).toMatchObject({ ok: false, error: { code: 'user.unit_not_found' } });
  });
});

describe('login', () => {
  it('signs in with the right password and the token resolves to the principal', async () => {
    const r = await attempt('right-password');
    if (!r.ok) throw new Error(r.error.code);
    expect(r.value.principal).toMatchObject({
      username: 'wuhua.dispatch',
      role: 'dispatcher',
      districtCode: '530102',
      regionScope: ['530102'],
    });
    const v = await verifySession(deps, { token: r.value.token, secret: SECRET });
    expect(v).toMatchObject({ ok: true, value: { principal: { username: 'wuhua.dispatch' } } });
  });

  it('answers a wrong password and an unknown user alike', async () => {
    expect(await attempt('wrong', '10.0.0.2')).toEqual({
      ok: false,
      error: { code: 'auth.invalid_credentials' },
    });
    expect(await attempt('wrong', '10.0.0.2', 'nobody')).toEqual({
      ok: false,
      error: { code: 'auth.invalid_credentials' },
    });
  });

  it('refuses the attempt after the limit of failures within the window, even with the right password', async () => {
    const ip = '10.0.0.3';
    for (let i = 0; i < 3; i++) expect((await attempt('wrong', ip)).ok).toBe(false);
    expect(await attempt('right-password', ip)).toEqual({
      ok: false,
      error: { code: 'auth.rate_limited', details: { retryAfterSeconds: 600 } },
    });
    // Another address is not affected.
    expect((await attempt('right-password', '10.0.0.4')).ok).toBe(true);
    // Once the window has passed, the right password works again.
    now = new Date(now.getTime() + 601_000);
    expect((await attempt('right-password', ip)).ok).toBe(true);
  });

  it('refuses a disabled account only after the right password', async () => {
    const u = await createUser(deps, {
      username: 'leaver',
      role: 'supervisor',
      districtCode: '530102',
      password: 'leaver-password',
    });
    if (!u.ok) throw new Error(u.error.code);
    await updateUser(deps, { userId: u.value.id, disabled: true });
    expect(await attempt('leaver-password', '10.0.0.5', 'leaver')).toEqual({
      ok: false,
      error: { code: 'auth.account_disabled' },
    });
    expect(await attempt('wrong-password', '10.0.0.5', 'leaver')).toEqual({
      ok: false,
      error: { code: 'auth.invalid_credentials' },
    });
  });
});

describe('sessions', () => {
  it('expire at their end time', async () => {
    const r = await login(deps, {
      username: 'wuhua.dispatch',
      password: 'right-password',
      ip: '10.0.1.1',
      secret: SECRET,
      ttlSeconds: 3600,
    });
    if (!r.ok) throw new Error(r.error.code);
    const start = now;
    now = new Date(start.getTime() + 3599_000);
    expect((await verifySession(deps, { token: r.value.token, secret: SECRET })).ok).toBe(true);
    now = new Date(start.getTime() + 3600_000);
    expect(await verifySession(deps, { token: r.value.token, secret: SECRET })).toEqual({
      ok: false,
      error: { code: 'auth.session_expired', details: { reason: 'expired' } },
    });
  });

  it('end at logout and when the password changes', async () => {
    const a = await attempt('right-password', '10.0.1.2');
    const b = await attempt('right-password', '10.0.1.3');
    if (!a.ok || !b.ok) throw new Error('login failed');
    await logout(deps, { sessionId: a.value.sessionId });
    expect(await verifySession(deps, { token: a.value.token, secret: SECRET })).toMatchObject({
      ok: false,
      error: { code: 'auth.session_expired', details: { reason: 'signed_out' } },
    });
    expect((await verifySession(deps, { token: b.value.token, secret: SECRET })).ok).toBe(true);
    await setPassword(deps, { userId: b.value.principal.userId, password: 'new-password' });
    expect((await verifySession(deps, { token: b.value.token, secret: SECRET })).ok).toBe(false);
    expect((await attempt('new-password', '10.0.1.4')).ok).toBe(true);
  });

  it('share one generated signing key across service copies', async () => {
    const first = await resolveSessionSecret(deps);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(await resolveSessionSecret(deps)).toBe(first);
    expect(await resolveSessionSecret(deps, 'configured')).toBe('configured');
  });

  const newUser = async (username: string) => {
    const u = await createUser(deps, {
      username,
      role: 'supervisor',
      districtCode: '530102',
      password: `${username}-password`,
    });
    if (!u.ok) throw new Error(u.error.code);
    return u.value;
  };
  const signIn = async (username: string, ip: string) => {
    const r = await login(deps, { username, password: `${username}-password`, ip, secret: SECRET });
    if (!r.ok) throw new Error(r.error.code);
    return r;
  };

  it('answer concurrent verifications each with their own outcome, in fewer queries than requests', async () => {
    // A wrapper is a Db of its own, so its lookups get a queue of their own and can be counted.
    let lookups = 0;
    const counted: Db = {
      kind: db.kind,
      query: (sql, params) => {
        if (sql.includes('FROM sessions s JOIN users u')) lookups++;
        return db.query(sql, params);
      },
      exec: (sql) => db.exec(sql),
      transaction: (fn) => db.transaction(fn),
      listen: (channel, onNotify) => db.listen(channel, onNotify),
      close: () => db.close(),
    };
    const cdeps = testDeps(counted, () => now);

    const active = await newUser('batch.active');
    const u = await newUser('batch.leaver');
    const live1 = await signIn('batch.active', '10.0.2.1');
    const live2 = await signIn('batch.active', '10.0.2.2');
    const out = await signIn('batch.active', '10.0.2.3');
    const leaver = await signIn('batch.leaver', '10.0.2.4');
    await logout(deps, { sessionId: out.value.sessionId });
    // Disabled without its sessions revoked (as by another service copy mid-way): the lookup
    // itself must notice.
    await db.query('UPDATE users SET disabled = true WHERE id = $1', [u.id]);
    const exp = Math.floor(now.getTime() / 1000) + 3600;
    const unknown = signToken({ sid: 'no-such-session', uid: u.id, exp }, SECRET);
    const otherUser = signToken(
      {
        sid: live1.value.sessionId,
        uid: u.id,
        exp: Math.floor(live1.value.expiresAt.getTime() / 1000),
      },
      SECRET,
    );

    const tokens = [
      live1.value.token,
      out.value.token,
      leaver.value.token,
      unknown,
      live2.value.token,
      otherUser,
      live1.value.token,
    ];
    const results = await Promise.all(
      tokens.map((token) => verifySession(cdeps, { token, secret: SECRET })),
    );
    const expired = (reason: string) => ({
      ok: false,
      error: { code: 'auth.session_expired', details: { reason } },
    });
    const invalid = { ok: false, error: { code: 'auth.invalid_token' } };
    const live = (sessionId: string) => ({
      ok: true,
      value: { sessionId, principal: { username: 'batch.active', userId: active.id } },
    });
    expect(results).toMatchObject([
      live(live1.value.sessionId),
      expired('signed_out'),
      expired('disabled'),
      invalid,
      live(live2.value.sessionId),
      invalid,
      live(live1.value.sessionId),
    ]);
    // The first lookup goes alone, the six that arrive meanwhile share one query.
    expect(lookups).toBe(2);
  });

  it('refuse a session on the very next request after logout, even with lookups in flight', async () => {
    await newUser('batch.logout');
    const s = await signIn('batch.logout', '10.0.2.5');
    const verify = () => verifySession(deps, { token: s.value.token, secret: SECRET });
    // Lookups submitted before the logout may still be running when it commits.
    const before = [verify(), verify(), verify()];
    await logout(deps, { sessionId: s.value.sessionId });
    expect(await verify()).toEqual({
      ok: false,
      error: { code: 'auth.session_expired', details: { reason: 'signed_out' } },
    });
    await Promise.all(before);
  });
});
