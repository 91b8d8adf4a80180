import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.ts';
import { caseWorld, type CaseWorld } from '../factories.ts';
import { freshDb } from '../helpers/db.ts';

/**
 * The users list and the audit log page by keyset like the case list (issue #8 remainders):
 * an opaque `nextCursor`, a stable order (username; audit id newest first), no offsets, and a
 * cursor the list did not hand out answers 400 `request.bad_cursor` in the error shape.
 */
let db: Db;
let w: CaseWorld;

beforeAll(async () => {
  db = await freshDb();
  w = await caseWorld(db);
  // Some audit entries to page through: sign-ins are writes.
  for (const u of ['supervisor', 'dispatcher', 'acceptance_operator', 'unit_handler', 'admin'])
    await w.auth(u);
}, 120_000);
afterAll(async () => {
  await w?.app.close();
  await db?.close();
});

type Page<T> = { items: T[]; nextCursor: string | null };

const get = async (url: string): Promise<LightMyRequestResponse> =>
  w.app.inject({ method: 'GET', url, headers: await w.auth('admin') });

async function walk<T>(
  path: string,
  limit: number,
  from: string | null = null,
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | null = from;
  let pages = 0;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const res = await get(`${path}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json<Page<T>>();
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    cursor = page.nextCursor;
    pages++;
    if (pages > 500) throw new Error('no last page');
  } while (cursor !== null);
  return { items, pages };
}

describe('keyset pages of the administration lists', () => {
  it('GET /users in pages of 2 lists every user once, in the order of the one-page answer', async () => {
    const all = (await get('/api/v1/users?limit=500')).json<Page<{ username: string }>>();
    expect(all.nextCursor).toBeNull();
    expect(all.items.length).toBeGreaterThan(4);
    const paged = await walk<{ username: string }>('/api/v1/users', 2);
    expect(paged.items.map((u) => u.username)).toEqual(all.items.map((u) => u.username));
    expect(paged.pages).toBe(Math.ceil(all.items.length / 2));
  });

  it('GET /users pages keep their filters (a district)', async () => {
    const all = (await get('/api/v1/users?districtCode=530114&limit=500')).json<
      Page<{ username: string; districtCode: string }>
    >();
    const paged = await walk<{ username: string; districtCode: string }>(
      '/api/v1/users?districtCode=530114',
      3,
    );
    expect(paged.items).toEqual(all.items);
    expect(new Set(paged.items.map((u) => u.districtCode))).toEqual(new Set(['530114']));
  });

  it('GET /audit in pages of 2 lists every entry once, newest first; new entries do not shift a walk', async () => {
    const first = (await get('/api/v1/audit?limit=2')).json<Page<{ id: string }>>();
    expect(first.nextCursor).not.toBeNull();
    // A write between two pages: with offsets it would shift every later page by one.
    await w.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'nobody', password: 'x' },
    });
    const rest = await walk<{ id: string }>('/api/v1/audit', 2, first.nextCursor);
    const ids = [...first.items, ...rest.items].map((e) => BigInt(e.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id, i) => i === 0 || id < (ids[i - 1] as bigint))).toBe(true);
    const stored = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM audit_log WHERE id <= $1::bigint',
      [String(ids[0])],
    );
    expect(ids.length).toBe(stored.rows[0]?.n);
  });

  it.each([
    ['/api/v1/users', 'not base64url: ***', 'request.invalid'],
    ['/api/v1/users', Buffer.from('a|12').toString('base64url'), 'request.bad_cursor'],
    ['/api/v1/users', Buffer.from('u|no spaces').toString('base64url'), 'request.bad_cursor'],
    ['/api/v1/users', 'garbage', 'request.bad_cursor'],
    ['/api/v1/audit', Buffer.from('u|admin').toString('base64url'), 'request.bad_cursor'],
    ['/api/v1/audit', Buffer.from('a|-1').toString('base64url'), 'request.bad_cursor'],
    [
      '/api/v1/audit',
      Buffer.from('a|99999999999999999999').toString('base64url'),
      'request.bad_cursor',
    ],
  ])('%s?cursor=%s answers 400 %s', async (path, cursor, code) => {
    const res = await get(`${path}?cursor=${encodeURIComponent(cursor)}`);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({
      code,
      message: { zh: expect.any(String), en: expect.any(String) },
    });
  });

  it('an offset is refused (no offset scans)', async () => {
    const res = await get('/api/v1/users?offset=10');
    expect(res.statusCode).toBe(400);
    expect(res.json<{ code: string }>().code).toBe('request.invalid');
  });
});
