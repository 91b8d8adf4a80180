import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireCapability, requireRole, currentPrincipal } from '../../src/api/plugins/auth.ts';
import { canSee } from '../../src/domain/access/index.ts';
import type { Db } from '../../src/store/db.ts';
import { addUsers, bearer, TEST_PASSWORD, testApp } from '../helpers/app.ts';
import { testDeps } from '../helpers/deps.ts';
import { freshDb } from '../helpers/db.ts';

let db: Db;
let app: FastifyInstance;
let now = new Date('2026-03-02T01:00:00Z');

const USERS = [
  { username: 'admin', role: 'admin', districtCode: '530100' },
  { username: 'wuhua.dispatcher', role: 'dispatcher', districtCode: '530102' },
  { username: 'panlong.dispatcher', role: 'dispatcher', districtCode: '530103' },
  { username: 'city.commander', role: 'commander', districtCode: '530100' },
] as const;

beforeAll(async () => {
  db = await freshDb();
  const deps = testDeps(db, () => now);
  await addUsers(deps, USERS);
  app = await testApp(deps);
  // A tiny resource route standing in for a case of a district, to exercise region scope.
  app.get<{ Params: { district: string } }>(
    '/test/districts/:district/things',
    { preHandler: requireCapability('case.read') },
    async (req, reply) =>
      canSee(currentPrincipal(req), { districtCode: req.params.district })
        ? { ok: true }
        : reply.sendError({ code: 'auth.forbidden', details: { reason: 'region' } }),
  );
  app.post('/test/commands', { preHandler: requireRole('commander') }, async () => ({
    done: true,
  }));
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await db.close();
});

async function signIn(username: string, ip = '10.1.0.1'): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress: ip,
    payload: { username, password: TEST_PASSWORD },
  });
  expect(res.statusCode).toBe(200);
  return res.json<{ token: string }>().token;
}

async function auditRows() {
  const { rows } = await db.query<{
    method: string;
    route: string;
    status: number;
    user_id: string | null;
    role: string | null;
    entity: string | null;
    entity_id: string | null;
    payload: Record<string, unknown> | null;
  }>(
    'SELECT method, route, status, user_id, role, entity, entity_id, payload FROM audit_log ORDER BY id',
  );
  return rows;
}

describe('signing in over HTTP', () => {
  it('returns a token, the user and their capabilities, and /auth/me answers with them', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'wuhua.dispatcher', password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ token: string; user: { role: string }; capabilities: string[] }>();
    expect(body.user.role).toBe('dispatcher');
    expect(body.capabilities).toContain('case.dispatch');
    expect(res.headers['set-cookie']).toMatch(/^gridloop_session=v1\..*HttpOnly/);
    const me = await app.inject({ url: '/api/v1/auth/me', headers: bearer(body.token) });
    expect(me.json()).toMatchObject({
      user: { username: 'wuhua.dispatcher', districtCode: '530102' },
      mayReadReporterPhone: true,
      expiresAt: '2026-03-02T13:00:00.000Z',
    });
    const byCookie = await app.inject({
      url: '/api/v1/auth/me',
      headers: { cookie: `other=1; gridloop_session=${body.token}` },
    });
    expect(byCookie.statusCode).toBe(200);
  });

  it('answers a wrong password and an unknown user with the same 401', async () => {
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: '10.1.0.2',
      payload: { username: 'wuhua.dispatcher', password: 'not-it' },
    });
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: '10.1.0.2',
      payload: { username: 'nobody.here', password: 'not-it' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json()).toMatchObject({ code: 'auth.invalid_credentials' });
  });

  it('refuses the sixth attempt within the window with 429 and Retry-After', async () => {
    const attempt = () =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: '10.1.0.3',
        payload: { username: 'panlong.dispatcher', password: 'guess' },
      });
    for (let i = 0; i < 5; i++) expect((await attempt()).statusCode).toBe(401);
    const sixth = await attempt();
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json()).toMatchObject({ code: 'auth.rate_limited' });
    expect(sixth.headers['retry-after']).toBe('900');
  });
});

describe('sessions over HTTP', () => {
  it('answers a token past its expiry with auth.session_expired', async () => {
    const token = await signIn('wuhua.dispatcher', '10.1.1.1');
    const start = now;
    now = new Date(start.getTime() + 12 * 3600_000);
    const res = await app.inject({ url: '/api/v1/auth/me', headers: bearer(token) });
    now = start;
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'auth.session_expired' });
  });

  it('answers a tampered token with 401', async () => {
    const token = await signIn('wuhua.dispatcher', '10.1.1.2');
    const [v, body, sig] = token.split('.');
    const payload = JSON.parse(Buffer.from(body!, 'base64url').toString()) as object;
    const forged = Buffer.from(JSON.stringify({ ...payload, uid: 'id-1' })).toString('base64url');
    const res = await app.inject({
      url: '/api/v1/auth/me',
      headers: bearer(`${v}.${forged}.${sig}`),
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'auth.invalid_token' });
  });

  it('ends at logout', async () => {
    const token = await signIn('wuhua.dispatcher', '10.1.1.3');
    const out = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: bearer(token),
    });
    expect(out.statusCode).toBe(204);
    const me = await app.inject({ url: '/api/v1/auth/me', headers: bearer(token) });
    expect(me.json()).toMatchObject({ code: 'auth.session_expired' });
  });

  it('lets a user change their own password, which ends the session', async () => {
    const token = await signIn('panlong.dispatcher', '10.1.1.4');
    const wrong = await app.inject({
      method: 'PUT',
      url: '/api/v1/auth/password',
      headers: bearer(token),
      payload: { currentPassword: 'not-mine', newPassword: 'a-new-password' },
    });
    expect(wrong.statusCode).toBe(401);
    const changed = await app.inject({
      method: 'PUT',
      url: '/api/v1/auth/password',
      headers: bearer(token),
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'a-new-password' },
    });
    expect(changed.statusCode).toBe(204);
    const me = await app.inject({ url: '/api/v1/auth/me', headers: bearer(token) });
    expect(me.statusCode).toBe(401);
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: '10.1.1.4',
      payload: { username: 'panlong.dispatcher', password: 'a-new-password' },
    });
    expect(again.statusCode).toBe(200);
  });

  it('asks anonymous callers to sign in', async () => {
    const res = await app.inject({ url: '/api/v1/auth/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'auth.required', message: { zh: '请先登录' } });
  });
});

describe('roles and region scope over HTTP', () => {
  it('keeps district staff of 530102 out of a 530103 resource and lets them into their own', async () => {
    const token = await signIn('wuhua.dispatcher', '10.1.2.1');
    const own = await app.inject({ url: '/test/districts/530102/things', headers: bearer(token) });
    const other = await app.inject({
      url: '/test/districts/530103/things',
      headers: bearer(token),
    });
    expect(own.statusCode).toBe(200);
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({ code: 'auth.forbidden', details: { reason: 'region' } });
  });

  it('lets city staff into every district of the city', async () => {
    const token = await signIn('city.commander', '10.1.2.2');
    const res = await app.inject({ url: '/test/districts/530103/things', headers: bearer(token) });
    expect(res.statusCode).toBe(200);
  });

  it('refuses a role the route does not admit', async () => {
    const token = await signIn('wuhua.dispatcher', '10.1.2.3');
    const res = await app.inject({ method: 'POST', url: '/test/commands', headers: bearer(token) });
    expect(res.statusCode).toBe(403);
  });
});

describe('user administration', () => {
  it('lets an administrator create and list users without ever showing a password hash', async () => {
    const token = await signIn('admin', '10.1.3.1');
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: bearer(token),
      payload: {
        username: 'wuhua.supervisor.1',
        displayName: '五华监督员1',
        role: 'supervisor',
        districtCode: '530102',
        regionScope: ['530102001'],
        password: 'initial-password',
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      username: 'wuhua.supervisor.1',
      regionScope: ['530102001'],
    });
    const list = await app.inject({
      url: '/api/v1/users?districtCode=530102',
      headers: bearer(token),
    });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toMatch(/scrypt|password/i);
    expect(list.json<{ items: { username: string }[] }>().items.map((u) => u.username)).toEqual([
      'wuhua.dispatcher',
      'wuhua.supervisor.1',
    ]);
  });

  it('refuses user administration to other roles', async () => {
    const token = await signIn('city.commander', '10.1.3.2');
    const res = await app.inject({ url: '/api/v1/users', headers: bearer(token) });
    expect(res.statusCode).toBe(403);
  });
});

describe('the audit log', () => {
  it('records every write request, refused ones included, without passwords', async () => {
    const before = (await auditRows()).length;
    const token = await signIn('wuhua.dispatcher', '10.1.4.1');
    const refused = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: bearer(token),
      payload: { username: 'x1', role: 'admin', districtCode: '530102', password: 'whatever-1' },
    });
    const anonymous = await app.inject({
      method: 'PATCH',
      url: '/api/v1/users/id-2',
      payload: { disabled: true },
    });
    await app.inject({ url: '/api/v1/auth/me', headers: bearer(token) });
    expect(refused.statusCode).toBe(403);
    expect(anonymous.statusCode).toBe(401);
    const rows = (await auditRows()).slice(before);
    expect(rows).toEqual([
      {
        method: 'POST',
        route: '/api/v1/auth/login',
        status: 200,
        user_id: 'id-2',
        role: 'dispatcher',
        entity: 'auth',
        entity_id: null,
        payload: { username: 'wuhua.dispatcher', password: '[redacted]' },
      },
      {
        method: 'POST',
        route: '/api/v1/users',
        status: 403,
        user_id: 'id-2',
        role: 'dispatcher',
        entity: 'users',
        entity_id: null,
        payload: { username: 'x1', role: 'admin', districtCode: '530102', password: '[redacted]' },
      },
      {
        method: 'PATCH',
        route: '/api/v1/users/:id',
        status: 401,
        user_id: null,
        role: null,
        entity: 'users',
        entity_id: 'id-2',
        payload: { disabled: true },
      },
    ]);
  });

  it('cannot be changed after the fact', async () => {
    await expect(db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
  });

  it('is readable by an administrator', async () => {
    const token = await signIn('admin', '10.1.4.2');
    const res = await app.inject({ url: '/api/v1/audit?entity=users', headers: bearer(token) });
    expect(res.statusCode).toBe(200);
    expect(res.json<{ items: unknown[] }>().items.length).toBeGreaterThan(0);
  });
});
