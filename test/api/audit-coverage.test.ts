import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.ts';
import { addUsers, bearer, loginAs, testApp } from '../helpers/app.ts';
import { freshDb } from '../helpers/db.ts';
import { testDeps } from '../helpers/deps.ts';
import { opKey, operationsOf, urlOf } from '../helpers/openapi.ts';

let db: Db;
let app: FastifyInstance;

beforeAll(async () => {
  db = await freshDb();
  const deps = testDeps(db, new Date('2026-03-02T01:00:00Z'));
  await addUsers(deps, [
    { username: 'admin', role: 'admin', districtCode: '530100' },
    { username: 'wh.unit', role: 'dispatcher', districtCode: '530102' },
  ]);
  app = await testApp(deps);
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await db.close();
});

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

async function entries(method: string, route: string): Promise<number[]> {
  const r = await db.query<{ status: number }>(
    'SELECT status FROM audit_log WHERE method = $1 AND route = $2 ORDER BY id',
    [method, route],
  );
  return r.rows.map((x) => x.status);
}

describe('the audit log', () => {
  it('holds one entry for every write operation of the OpenAPI document, whoever calls and however it ends', async () => {
    const admin = bearer(await loginAs(app, 'admin'));
    const other = bearer(await loginAs(app, 'wh.unit'));
    // Signing out ends the sessions the other tries use: it goes last.
    const writes = operationsOf(app)
      .filter((op) => WRITES.has(op.method))
      .sort((a, b) => Number(a.path.endsWith('/logout')) - Number(b.path.endsWith('/logout')));
    expect(writes.length).toBeGreaterThan(40);
    const missing: string[] = [];
    let n = 0;
    for (const op of writes) {
      // Anonymous, a role without the right, the administrator with an empty body, and the
      // administrator with a body that is not JSON: each answer is audited, 2xx or not.
      const tries: { headers: Record<string, string>; payload: string }[] = [
        { headers: {}, payload: '{}' },
        { headers: other, payload: '{}' },
        { headers: admin, payload: '{}' },
        { headers: admin, payload: '{"unclosed": ' },
        // Text the database cannot store (NUL, a lone surrogate), and an emoji cut by the
        // summary's length cap: refused or not, the entry must still be written.
        {
          headers: admin,
          payload: JSON.stringify({
            'k\u0000': 'a\u0000b',
            lone: 'x\ud800y',
            cut: `${'长'.repeat(79)}😀`,
          }),
        },
      ];
      const before = (await entries(op.method, op.route)).length;
      const statuses: number[] = [];
      for (const t of tries) {
        const res = await app.inject({
          method: op.method as 'POST',
          url: urlOf(op),
          headers: { ...t.headers, 'content-type': 'application/json' },
          payload: t.payload,
          remoteAddress: `10.30.0.${++n % 250}`,
        });
        statuses.push(res.statusCode);
      }
      const logged = (await entries(op.method, op.route)).slice(before);
      if (logged.join(',') !== statuses.join(','))
        missing.push(`${opKey(op)}: answered ${statuses.join(',')}, logged ${logged.join(',')}`);
    }
    expect(missing).toEqual([]);
  });
});
