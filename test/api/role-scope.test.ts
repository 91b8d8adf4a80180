import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.ts';
import { addUsers, bearer, TEST_PASSWORD, testApp } from '../helpers/app.ts';
import { testDeps } from '../helpers/deps.ts';
import { freshDb } from '../helpers/db.ts';

let db: Db;
let app: FastifyInstance;

beforeAll(async () => {
  db = await freshDb();
  const deps = testDeps(db, new Date('2026-03-02T01:00:00Z'));
  await addUsers(deps, [
    { username: 'admin', role: 'admin', districtCode: '530100' },
    { username: 'wh.supervisor', role: 'supervisor', districtCode: '530102' },
  ]);
  app = await testApp(deps);
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await db.close();
});

let ip = 0;
async function login(username: string) {
  ip++;
  return app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress: `10.7.0.${ip}`,
    payload: { username, password: TEST_PASSWORD },
  });
}

describe('a role’s level decides which home regions are valid', () => {
  it.each([
    ['a city supervisor with a district code', 'city_supervisor', '530102'],
    ['an administrator with a district code', 'admin', '530103'],
    ['a grid supervisor with the city code', 'supervisor', '530100'],
  ])('refuses creating %s with 422 user.role_scope_mismatch', async (_n, role, districtCode) => {
    const token = (await login('admin')).json<{ token: string }>().token;
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: bearer(token),
      payload: { username: `x.${role}`, role, districtCode, password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: 'user.role_scope_mismatch',
      details: { role, districtCode },
    });
  });

  it('accepts a city supervisor at the city and a dispatcher at either level', async () => {
    const token = (await login('admin')).json<{ token: string }>().token;
    for (const [username, role, districtCode] of [
      ['ok.city_supervisor', 'city_supervisor', '530100'],
      ['ok.city_dispatcher', 'dispatcher', '530100'],
      ['ok.wh_dispatcher', 'dispatcher', '530102'],
    ]) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: bearer(token),
        payload: { username, role, districtCode, password: TEST_PASSWORD },
      });
      expect({ username, status: res.statusCode }).toEqual({ username, status: 201 });
    }
  });

  it('refuses sign-in, and every request of an open session, to a row that breaks the rule', async () => {
    const ok = await login('wh.supervisor');
    expect(ok.statusCode).toBe(200);
    const token = ok.json<{ token: string }>().token;
    // A row written before the rule (or by hand): a 市级监督员 carrying a district code.
    await db.query(`UPDATE users SET role = 'city_supervisor' WHERE username = 'wh.supervisor'`);
    const me = await app.inject({ url: '/api/v1/auth/me', headers: bearer(token) });
    expect(me.statusCode).toBe(403);
    expect(me.json()).toMatchObject({ code: 'auth.role_scope_mismatch' });
    const again = await login('wh.supervisor');
    expect(again.statusCode).toBe(403);
    expect(again.json()).toMatchObject({
      code: 'auth.role_scope_mismatch',
      details: { role: 'city_supervisor', districtCode: '530102', allowedLevels: ['city'] },
    });
  });
});
