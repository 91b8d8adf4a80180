import type { LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncReferenceData } from '../../src/services/reference/sync-reference-data.ts';
import type { Db } from '../../src/store/db.ts';
import { StoreFault } from '../../src/store/faults.ts';
import { migrate } from '../../src/store/migrate.ts';
import { openPostgres } from '../../src/store/postgres.ts';
import { caseWorld, reportBody, type CaseWorld } from '../factories.ts';
import { demoDeps } from '../helpers/demo.ts';
import {
  privateClusterUnavailable,
  startPrivateCluster,
  type PgCluster,
} from '../helpers/pg-cluster.ts';

/**
 * The database fails under the service, and the service does not: terminated connections,
 * a stopped and restarted server, a table lock held past the lock timeout. Runs on a private
 * PostgreSQL cluster of its own (never the machine's shared server), whichever database the
 * rest of the suite uses; skipped only where the PostgreSQL server binaries are absent.
 */
const unavailable = privateClusterUnavailable();
const LOCK_TIMEOUT_MS = 300;

async function admin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

describe.skipIf(unavailable !== null)(
  `database faults on a private PostgreSQL cluster${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    let cluster: PgCluster;
    let db: Db;
    let w: CaseWorld;
    /** ids of the cases whose report was acknowledged (201) */
    const acknowledged: string[] = [];

    beforeAll(async () => {
      cluster = await startPrivateCluster();
      await admin(cluster.url('postgres'), (c) => c.query('CREATE DATABASE gridloop'));
      db = openPostgres(cluster.url('gridloop'), {
        poolSize: 4,
        timeouts: { lockTimeoutMs: LOCK_TIMEOUT_MS, connectTimeoutMs: 3_000 },
      });
      await migrate(db);
      await syncReferenceData(demoDeps(db));
      w = await caseWorld(db);
    });

    afterAll(async () => {
      await w?.app.close();
      await db?.close();
      await cluster?.destroy();
    });

    const report = async (): Promise<LightMyRequestResponse> =>
      w.app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        headers: await w.auth('supervisor'),
        payload: await reportBody(w, 'supervisor'),
      });

    /** Records an acknowledged report; anything but 201 or a 503 fault is a failure. */
    const settle = (res: LightMyRequestResponse): number => {
      if (res.statusCode === 201) acknowledged.push(res.json<{ id: string }>().id);
      else {
        expect(res.statusCode, res.body).toBe(503);
        expect(res.json<{ code: string }>().code).toMatch(/^db\./);
        expect(res.headers['retry-after']).toBeDefined();
      }
      return res.statusCode;
    };

    /** Reports until one is acknowledged (a pool may hold one more dead connection). */
    const reportUntilAcknowledged = async (): Promise<void> => {
      for (let attempt = 0; attempt < 20; attempt++) {
        if (settle(await report()) === 201) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('the service never answered 201 again');
    };

    it('a connection terminated while its transaction waits between statements fails that transaction with db.unavailable; the process lives and the pool hands out only live connections', async () => {
      const terminate = () =>
        admin(cluster.url('postgres'), (c) =>
          c.query(
            `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
             WHERE datname = 'gridloop' AND pid <> pg_backend_pid()`,
          ),
        );
      const outcome = await db
        .transaction(async (tx) => {
          await tx.query('SELECT 1');
          // Checked out and idle: the server's goodbye arrives as the client's 'error' event,
          // which ends the process when nobody listens.
          await terminate();
          await new Promise((r) => setTimeout(r, 200));
          await tx.query('SELECT 1');
          return 'committed';
        })
        .catch((e: unknown) => e);
      expect(outcome).toBeInstanceOf(StoreFault);
      expect((outcome as StoreFault).fault).toBe('db.unavailable');
      const again = await Promise.all(
        Array.from({ length: 8 }, () => db.transaction((tx) => tx.query('SELECT 1 AS one'))),
      );
      expect(again.map((r) => r.rows[0])).toEqual(Array.from({ length: 8 }, () => ({ one: 1 })));
    });

    it('terminating the service’s connections mid-load fails some requests with 503; the service answers again without a restart', async () => {
      settle(await report());
      const load = Array.from({ length: 40 }, async (_, i) => {
        await new Promise((r) => setTimeout(r, i * 5));
        return report();
      });
      const killer = (async () => {
        await new Promise((r) => setTimeout(r, 60));
        return admin(cluster.url('postgres'), async (c) => {
          const r = await c.query<{ n: string }>(
            `SELECT count(pg_terminate_backend(pid))::text AS n FROM pg_stat_activity
             WHERE datname = 'gridloop' AND pid <> pg_backend_pid()`,
          );
          return Number(r.rows[0]?.n ?? 0);
        });
      })();
      const answers = await Promise.all(load);
      expect(await killer).toBeGreaterThan(0);
      for (const res of answers) settle(res);
      await reportUntilAcknowledged();
      const health = await w.app.inject({ method: 'GET', url: '/healthz' });
      expect(health.statusCode, health.body).toBe(200);
    });

    it('with the database stopped, requests answer 503 db.unavailable and /healthz 503; once it is started again the service answers', async () => {
      await cluster.stop();
      try {
        const res = await report();
        expect(res.statusCode, res.body).toBe(503);
        expect(res.json()).toMatchObject({
          code: 'db.unavailable',
          message: { zh: expect.any(String), en: expect.any(String) },
        });
        expect(res.headers['retry-after']).toBe('5');
        const list = await w.app.inject({
          method: 'GET',
          url: '/api/v1/cases',
          headers: await w.auth('supervisor'),
        });
        expect(list.statusCode).toBe(503);
        expect(list.json<{ code: string }>().code).toBe('db.unavailable');
        const health = await w.app.inject({ method: 'GET', url: '/healthz' });
        expect(health.statusCode).toBe(503);
        expect(health.json()).toMatchObject({
          ok: false,
          checks: { database: 'db.unavailable' },
          failed: expect.arrayContaining(['database']),
        });
      } finally {
        await cluster.start();
      }
      await reportUntilAcknowledged();
      const health = await w.app.inject({ method: 'GET', url: '/healthz' });
      expect(health.statusCode, health.body).toBe(200);
    });

    it('a lock held on cases past the lock timeout answers 503 db.lock_timeout and /healthz says so; released, writes go on', async () => {
      const holder = new pg.Client({ connectionString: cluster.url('gridloop') });
      await holder.connect();
      try {
        await holder.query('BEGIN');
        await holder.query('LOCK TABLE cases IN ACCESS EXCLUSIVE MODE');
        const res = await report();
        expect(res.statusCode, res.body).toBe(503);
        expect(res.json<{ code: string }>().code).toBe('db.lock_timeout');
        const health = await w.app.inject({ method: 'GET', url: '/healthz' });
        expect(health.statusCode).toBe(503);
        expect(health.json()).toMatchObject({
          checks: { database: 'ok', caseWrites: 'db.lock_timeout' },
          failed: ['caseWrites'],
        });
      } finally {
        await holder.query('ROLLBACK').catch(() => undefined);
        await holder.end();
      }
      expect(settle(await report())).toBe(201);
      expect((await w.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    });

    it('a statement past the statement timeout fails with db.timeout; a bulk transaction gets the longer bulk timeout', async () => {
      const short = openPostgres(cluster.url('gridloop'), {
        poolSize: 1,
        timeouts: { statementTimeoutMs: 100, bulkTimeoutMs: 60_000 },
      });
      try {
        const late = await short.query('SELECT pg_sleep(1)').catch((e: unknown) => e);
        expect(late).toBeInstanceOf(StoreFault);
        expect((late as StoreFault).fault).toBe('db.timeout');
        const bulk = await short.transaction((tx) => tx.query('SELECT pg_sleep(0.3), 1 AS done'), {
          bulk: true,
        });
        expect(bulk.rows[0]).toMatchObject({ done: 1 });
        // The pool's one connection still serves requests, with the request timeout again.
        const again = await short.query('SELECT pg_sleep(1)').catch((e: unknown) => e);
        expect((again as StoreFault).fault).toBe('db.timeout');
      } finally {
        await short.close();
      }
    });

    it('every acknowledged report is stored, with its opening event', async () => {
      expect(acknowledged.length).toBeGreaterThan(3);
      const r = await db.query<{ id: string; events: number }>(
        `SELECT c.id, (SELECT count(*) FROM case_events e WHERE e.case_id = c.id)::int AS events
         FROM cases c WHERE c.id = ANY($1::text[])`,
        [acknowledged],
      );
      expect(r.rows.map((x) => x.id).sort()).toEqual([...acknowledged].sort());
      for (const row of r.rows) expect(row.events).toBeGreaterThan(0);
    });
  },
);
