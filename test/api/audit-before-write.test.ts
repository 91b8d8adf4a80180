import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.ts';
import { caseIn, caseWorld, eventCount, reportBody, type CaseWorld } from '../factories.ts';
import { freshDb } from '../helpers/db.ts';

/**
 * A write request's audit entry is begun before the request changes anything (issue #8): when
 * the database refuses that entry the request answers 503 in the error shape and nothing is
 * changed; when only the outcome cannot be written afterwards, the successful answer still has
 * its entry (status null: outcome not recorded). The audit table's writes are made to fail by a
 * trigger of this test, so the fault is raised by the database itself (PGlite or PostgreSQL).
 */
let db: Db;
let w: CaseWorld;

beforeAll(async () => {
  db = await freshDb();
  w = await caseWorld(db);
  await db.exec(`
    CREATE TABLE test_audit_faults (op text PRIMARY KEY, errcode text NOT NULL);
    CREATE FUNCTION test_audit_fault() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE c text;
    BEGIN
      SELECT errcode INTO c FROM test_audit_faults WHERE op = TG_OP;
      IF c IS NOT NULL THEN
        RAISE EXCEPTION 'injected audit fault (%)', TG_OP USING ERRCODE = c;
      END IF;
      RETURN NEW;
    END;
    $$;
    CREATE TRIGGER test_audit_fault BEFORE INSERT OR UPDATE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION test_audit_fault();
  `);
}, 120_000);
afterAll(async () => {
  await w?.app.close();
  await db?.close();
});
beforeEach(async () => {
  await db.query('DELETE FROM test_audit_faults');
  // Signing in is a write too (audited like any other): sign in before a fault is injected.
  for (const u of ['supervisor', 'acceptance_operator']) await w.auth(u);
});

const failAudit = (op: 'INSERT' | 'UPDATE', errcode: string) =>
  db.query('INSERT INTO test_audit_faults (op, errcode) VALUES ($1, $2)', [op, errcode]);

const count = async (sql: string): Promise<number> =>
  Number((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`)).rows[0]?.n);

const report = async () =>
  w.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: await w.auth('supervisor'),
    payload: await reportBody(w, 'supervisor'),
  });

describe('an audit entry that cannot be begun refuses the write', () => {
  it('a report answers 503 audit.unavailable in the error shape, with Retry-After, and opens no case', async () => {
    const cases = await count('cases');
    const events = await count('case_events');
    await failAudit('INSERT', 'P0001');
    const res = await report();
    expect(res.statusCode, res.body).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.json()).toMatchObject({
      code: 'audit.unavailable',
      message: { zh: expect.any(String), en: expect.any(String) },
      details: { requestId: expect.any(String), fault: null },
    });
    expect(await count('cases')).toBe(cases);
    expect(await count('case_events')).toBe(events);
  });

  it('when the database itself fails the append (connection ended), the answer is its own 503 db.unavailable and nothing changes', async () => {
    const cases = await count('cases');
    await failAudit('INSERT', '57P01');
    const res = await report();
    expect(res.statusCode, res.body).toBe(503);
    expect(res.json()).toMatchObject({ code: 'db.unavailable' });
    expect(await count('cases')).toBe(cases);
  });

  it('a case action (file) is refused and leaves the case, its events and its version as they were', async () => {
    const c = await caseIn(w, 'pending_filing');
    const before = await eventCount(db, c.id);
    await failAudit('INSERT', 'P0001');
    const res = await w.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${c.id}/file`,
      headers: await w.auth('acceptance_operator'),
      payload: {},
    });
    expect(res.statusCode, res.body).toBe(503);
    expect(res.json<{ code: string }>().code).toBe('audit.unavailable');
    const row = await db.query<{ status: string; version: number }>(
      'SELECT status, version FROM cases WHERE id = $1',
      [c.id],
    );
    expect(row.rows[0]).toMatchObject({ status: 'pending_filing', version: c.version });
    expect(await eventCount(db, c.id)).toBe(before);
  });

  it('with the audit log writable again, the same report is stored and its entry names the new case with status 201', async () => {
    const res = await report();
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json<{ id: string }>().id;
    const entry = await db.query<{ status: number | null; entity: string; entity_id: string }>(
      `SELECT status, entity, entity_id FROM audit_log
       WHERE method = 'POST' AND route = '/api/v1/cases' ORDER BY id DESC LIMIT 1`,
    );
    expect(entry.rows[0]).toEqual({ status: 201, entity: 'cases', entity_id: id });
  });
});

describe('an outcome that cannot be written after the change', () => {
  it('keeps the begun entry (status null: outcome not recorded) for the successful answer', async () => {
    await failAudit('UPDATE', 'P0001');
    const res = await report();
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json<{ id: string }>().id;
    expect(await count(`cases WHERE id = '${id.replaceAll("'", "''")}'`)).toBe(1);
    await db.query('DELETE FROM test_audit_faults');
    const entries = await db.query<{ status: number | null; entity: string }>(
      `SELECT status, entity FROM audit_log
       WHERE method = 'POST' AND route = '/api/v1/cases' ORDER BY id DESC LIMIT 1`,
    );
    expect(entries.rows[0]).toEqual({ status: null, entity: 'cases' });
  });

  it('the log stays append-only: a completed entry cannot be changed, and no entry deleted', async () => {
    const row = await db.query<{ id: string }>(
      'SELECT id::text AS id FROM audit_log WHERE status IS NOT NULL ORDER BY id LIMIT 1',
    );
    const id = row.rows[0]?.id;
    expect(id).toBeDefined();
    await expect(
      db.query('UPDATE audit_log SET status = 200 WHERE id = $1::bigint', [id]),
    ).rejects.toThrow(/append-only/);
    await expect(db.query(`UPDATE audit_log SET route = 'x' WHERE status IS NULL`)).rejects.toThrow(
      /append-only/,
    );
    await expect(db.query('DELETE FROM audit_log WHERE id = $1::bigint', [id])).rejects.toThrow(
      /append-only/,
    );
  });
});
