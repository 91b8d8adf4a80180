import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/build-app.ts';
import type { Case } from '../../src/domain/cases/index.ts';
import type { CaseCommand } from '../../src/services/cases/commands.ts';
import { performCaseAction } from '../../src/services/cases/perform-action.ts';
import type { Deps } from '../../src/services/deps.ts';
import {
  invalidateGridIndex,
  locatePoint,
  REVISION_CHECK_INTERVAL_MS,
} from '../../src/services/geo/locate.ts';
import type { QueueNotice } from '../../src/services/notify/hub.ts';
import {
  bumpSpatialRevision,
  insertGrids,
  insertRegions,
} from '../../src/store/base-data.store.ts';
import { caseOutboxHead } from '../../src/store/case-outbox.store.ts';
import type { Db } from '../../src/store/db.ts';
import { openPostgres } from '../../src/store/postgres.ts';
import {
  OWN_UNIT,
  act,
  caseDeps,
  caseIn,
  caseWorld,
  openTestCase,
  type CaseWorld,
} from '../factories.ts';
import { freshDb, onPostgres } from '../helpers/db.ts';
import { withDatabase } from '../helpers/template.ts';
import { testDeps } from '../helpers/deps.ts';
import { gridRow, region } from '../helpers/grid-rows.ts';

// Two copies of the service on one database: two buildApp over two Deps, each with its own
// Runtime (locate index, caches, change feed), sharing nothing but the database, as two
// processes behind a load balancer would. On PostgreSQL each copy has its own pool and its own
// listening connection, so a change made through one reaches the other only through the
// database (outbox + NOTIFY); PGlite is one process with one connection, so there both copies
// share the handle and the same outbox path is tested in-process.

let db: Db;
/** copy B's handle: a pool of its own on PostgreSQL */
let dbB: Db;
/** copy A: the case world's app and deps */
let w: CaseWorld;
/** copy B: another app over the same database, with deps and a runtime of its own */
let depsB: Deps;
let appB: FastifyInstance;
let wB: CaseWorld;
let urlA: string;
let urlB: string;

beforeAll(async () => {
  db = await freshDb();
  w = await caseWorld(db);
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const r = await db.query<{ name: string }>('SELECT current_database() AS name');
    dbB = openPostgres(withDatabase(url, r.rows[0]?.name ?? ''), 4);
  } else {
    dbB = db;
  }
  depsB = caseDeps(dbB, w.clock);
  expect(depsB.runtime).not.toBe(w.deps.runtime);
  // B's keep-alive lines come often, so a test can wait for one.
  appB = await buildApp(depsB, { sessionSecret: 'cases-test-secret', streamHeartbeatMs: 50 });
  wB = { ...w, deps: depsB, app: appB };
  urlA = await w.app.listen({ port: 0, host: '127.0.0.1' });
  urlB = await appB.listen({ port: 0, host: '127.0.0.1' });
}, 120_000);
afterAll(async () => {
  await appB.close();
  await w.app.close();
  await depsB.runtime.close();
  await w.deps.runtime.close();
  if (dbB !== db) await dbB.close();
  await db.close();
});

type Received = { readonly id: number; readonly notice: QueueNotice };

/** An open SSE stream of queue notices over real HTTP. */
type Stream = {
  readonly received: Received[];
  /** The Last-Event-ID a browser would send on reconnecting (the last `id:` line). */
  lastId(): number | null;
  /** Resolves once the stream's Last-Event-ID has reached the position. */
  untilId(position: number): Promise<void>;
  /** Resolves once a notice satisfies the predicate (the test's timeout bounds the wait). */
  until(pred: (n: QueueNotice) => boolean): Promise<void>;
  close(): void;
};

async function openStream(baseUrl: string, username: string, lastEventId?: number) {
  const ctrl = new AbortController();
  const headers: Record<string, string> = { ...(await w.auth(username)) };
  if (lastEventId !== undefined) headers['last-event-id'] = String(lastEventId);
  const res = await fetch(`${baseUrl}/api/v1/streams/queues`, { headers, signal: ctrl.signal });
  expect(res.status).toBe(200);
  const reader = res.body?.getReader();
  if (!reader) throw new Error('no body');
  const received: Received[] = [];
  let lastId: number | null = null;
  const waiter: { wake: (() => void) | null } = { wake: null };
  let ended = false;
  void (async () => {
    const decoder = new TextDecoder();
    let buf = '';
    try {
      for (;;) {
        const r = await reader.read();
        if (r.done) break;
        buf += decoder.decode(r.value as Uint8Array, { stream: true });
        let cut: number;
        while ((cut = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, cut);
          buf = buf.slice(cut + 2);
          const lines = block.split('\n');
          const id = lines.find((l) => l.startsWith('id: '));
          if (id) lastId = Number(id.slice(4));
          const data = lines.find((l) => l.startsWith('data: '));
          if (!lines.includes('event: queues') || !id || !data) continue;
          received.push({ id: Number(id.slice(4)), notice: JSON.parse(data.slice(6)) });
        }
        waiter.wake?.();
      }
    } catch {
      // aborted by close()
    } finally {
      ended = true;
      waiter.wake?.();
    }
  })();
  const stream: Stream = {
    received,
    async until(pred) {
      while (!received.some((r) => pred(r.notice))) {
        if (ended) throw new Error('stream ended before the awaited notice');
        await new Promise<void>((resolve) => (waiter.wake = resolve));
      }
    },
    lastId: () => lastId,
    async untilId(position) {
      while (lastId === null || lastId < position) {
        if (ended) throw new Error('stream ended before the awaited id');
        await new Promise<void>((resolve) => (waiter.wake = resolve));
      }
    },
    close: () => ctrl.abort(),
  };
  return stream;
}

/** One action through a copy (its deps: its runtime, its pool); throws on refusal. */
async function actVia(copy: Deps, username: string, c: Case, action: CaseCommand): Promise<Case> {
  const r = await performCaseAction(copy, {
    caseId: c.id,
    action,
    principal: w.principal(username),
  });
  if (!r.ok) throw new Error(`${action.kind} by ${username}: ${JSON.stringify(r.error)}`);
  return r.value.case;
}

const ofCase = (s: Stream, caseId: string) =>
  s.received.filter((r) => r.notice.caseId === caseId).map((r) => r.notice.version);

describe('two copies of the service on one database', () => {
  it('streams through each copy the changes made through the other, each case in version order', async () => {
    const onA = await openStream(urlA, 'dispatcher');
    const onB = await openStream(urlB, 'dispatcher');
    try {
      // Opened alternately through A and B, then driven concurrently: every case's actions
      // alternate between the copies, and commanders urge the same case through both at once.
      const cases = await Promise.all(
        [0, 1, 2, 3, 4, 5].map((i) => openTestCase(i % 2 === 0 ? w : wB, 'supervisor')),
      );
      const copies = [w.deps, depsB];
      const finals = await Promise.all(
        cases.map(async (c0, i) => {
          let c = await actVia(copies[i % 2] as Deps, 'acceptance_operator', c0, { kind: 'file' });
          c = await actVia(copies[(i + 1) % 2] as Deps, 'dispatcher', c, {
            kind: 'dispatch',
            unitId: OWN_UNIT,
          });
          const urged = await Promise.all(
            [0, 1, 2, 3].map((k) =>
              actVia(copies[k % 2] as Deps, 'cg.commander', c, { kind: 'urge', note: `催办${k}` }),
            ),
          );
          return Math.max(...urged.map((u) => u.version));
        }),
      );
      for (const s of [onA, onB]) {
        for (const [i, c] of cases.entries()) {
          await s.until((n) => n.caseId === c.id && n.version === finals[i]);
        }
      }
      for (const [i, c] of cases.entries()) {
        const all = Array.from({ length: finals[i] ?? 0 }, (_, k) => k + 1);
        expect(ofCase(onA, c.id)).toEqual(all);
        expect(ofCase(onB, c.id)).toEqual(all);
      }
      // Both copies stream the same changes in the same (commit) order.
      const ids = (s: Stream) => s.received.map((r) => r.id);
      expect(ids(onB)).toEqual(ids(onA));
      expect(ids(onA)).toEqual([...ids(onA)].sort((a, b) => a - b));
      expect(onB.received.map((r) => r.notice.position)).toEqual(ids(onB));
    } finally {
      onA.close();
      onB.close();
    }
  });

  it('resumes after a reconnect with Last-Event-ID: nothing missing, nothing twice', async () => {
    // A stream that stays connected throughout, to compare with.
    const steady = await openStream(urlA, 'dispatcher');
    const first = await openStream(urlB, 'dispatcher');
    try {
      const a = await openTestCase(w, 'supervisor');
      const b = await openTestCase(wB, 'supervisor');
      await first.until((n) => n.caseId === b.id);
      await first.until((n) => n.caseId === a.id);
      first.close();
      const lastId = first.received.at(-1)?.id;
      expect(lastId).toBeDefined();

      // While disconnected, changes through both copies.
      await actVia(w.deps, 'acceptance_operator', a, { kind: 'file' });
      await actVia(depsB, 'acceptance_operator', b, { kind: 'file' });
      const c = await openTestCase(wB, 'supervisor');

      const resumed = await openStream(urlB, 'dispatcher', lastId);
      try {
        // And after reconnecting.
        const d = await openTestCase(w, 'supervisor');
        await steady.until((n) => n.caseId === d.id);
        await resumed.until((n) => n.caseId === d.id);
        const got = [...first.received, ...resumed.received].map((r) => r.id);
        expect(got).toEqual(steady.received.map((r) => r.id));
        expect(new Set(got).size).toBe(got.length);
        expect(resumed.received.map((r) => [r.notice.caseId, r.notice.version])).toEqual([
          [a.id, 2],
          [b.id, 2],
          [c.id, 1],
          [d.id, 1],
        ]);
      } finally {
        resumed.close();
      }
    } finally {
      steady.close();
      first.close();
    }
  });

  it('refuses a Last-Event-ID that is not an id it sent, in the error shape', async () => {
    const res = await fetch(`${urlB}/api/v1/streams/queues`, {
      headers: { ...(await w.auth('dispatcher')), 'last-event-id': '12abc' },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      code: 'request.invalid',
      message: { zh: expect.any(String) },
    });
  });

  it('answers a Last-Event-ID it cannot resume from with a reset event, then streams from now', async () => {
    const ctrl = new AbortController();
    const res = await fetch(`${urlB}/api/v1/streams/queues`, {
      headers: { ...(await w.auth('dispatcher')), 'last-event-id': '999999999999' },
      signal: ctrl.signal,
    });
    expect(res.status).toBe(200);
    const reader = res.body?.getReader();
    if (!reader) throw new Error('no body');
    let text = '';
    while (!text.includes('event: reset')) {
      const r = await reader.read();
      if (r.done) break;
      text += new TextDecoder().decode(r.value as Uint8Array);
    }
    ctrl.abort();
    expect(text).toContain('event: reset');
  });

  it("moves a unit's Last-Event-ID past changes it is not sent, so it resumes without replay or reset", async () => {
    const unit = await openStream(urlB, 'unit_handler');
    try {
      // A change the unit does not see (a new case sent to nobody yet), through A.
      await openTestCase(w, 'supervisor');
      const head = await caseOutboxHead(db);
      await unit.untilId(head);
      expect(unit.received).toEqual([]);
    } finally {
      unit.close();
    }
    const resumed = await openStream(urlB, 'unit_handler', unit.lastId() ?? undefined);
    try {
      const c = await caseIn(w, 'dispatched');
      await resumed.until((n) => n.caseId === c.id && n.action === 'dispatch');
      expect(resumed.received.map((r) => [r.notice.caseId, r.notice.action])).toEqual([
        [c.id, 'dispatch'],
      ]);
    } finally {
      resumed.close();
    }
  });

  it('tells a unit, through the other copy, that a case left its queue on send-back and on cancellation', async () => {
    const unit = await openStream(urlB, 'unit_handler');
    const dispatcher = await openStream(urlB, 'dispatcher');
    try {
      // Send-back: dispatched to the unit through A, sent back through A.
      const sent = await caseIn(w, 'dispatched');
      await unit.until((n) => n.caseId === sent.id && n.action === 'dispatch');
      await act(w, 'unit_handler', sent, { kind: 'send_back', reason: '不属于本单位职责' });
      await unit.until((n) => n.caseId === sent.id && n.action === 'send_back');
      await dispatcher.until((n) => n.caseId === sent.id && n.action === 'send_back');
      const forUnit = unit.received.filter((r) => r.notice.caseId === sent.id).map((r) => r.notice);
      expect(forUnit.map((n) => [n.action, n.entered, n.left, n.visible])).toEqual([
        ['dispatch', ['all', 'to_handle'], [], true],
        ['send_back', [], ['all', 'to_handle'], false],
      ]);
      const back = dispatcher.received.find(
        (r) => r.notice.caseId === sent.id && r.notice.action === 'send_back',
      )?.notice;
      expect([back?.entered, back?.left, back?.visible]).toEqual([
        ['to_dispatch'],
        ['to_handle'],
        true,
      ]);

      // Cancellation: requested by the dispatcher and approved by the operator, through B.
      const doomed = await caseIn(wB, 'dispatched');
      await actVia(depsB, 'dispatcher', doomed, { kind: 'request_cancel', reason: '重复上报' });
      await actVia(depsB, 'acceptance_operator', doomed, { kind: 'approve_cancel' });
      await unit.until((n) => n.caseId === doomed.id && n.action === 'approve_cancel');
      const cancelled = unit.received.find(
        (r) => r.notice.caseId === doomed.id && r.notice.action === 'approve_cancel',
      )?.notice;
      expect(cancelled?.left).toContain('to_handle');
      expect(cancelled?.toStatus).toBe('cancelled');
      // The unit never hears of a case it was not sent, before or after.
      expect(unit.received.every((r) => [sent.id, doomed.id].includes(r.notice.caseId))).toBe(true);
    } finally {
      unit.close();
      dispatcher.close();
    }
  });
});

describe.skipIf(!onPostgres())('the listening connection (PostgreSQL)', () => {
  const listeners = async () =>
    (
      await db.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity
         WHERE datname = current_database() AND query = 'LISTEN gridloop_case_outbox'`,
      )
    ).rows.map((r) => r.pid);

  it('survives its connection being terminated: listens again and misses nothing', async () => {
    const onB = await openStream(urlB, 'dispatcher');
    try {
      const before = await listeners();
      expect(before.length).toBeGreaterThan(0);
      await db.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [before]);
      // Made through A while B's listening connection is gone.
      const c = await openTestCase(w, 'supervisor');
      await onB.until((n) => n.caseId === c.id);
      // B listens again on a new connection, by itself.
      while ((await listeners()).filter((pid) => !before.includes(pid)).length === 0) {
        await new Promise((r) => setTimeout(r, 20));
      }
      const d = await openTestCase(w, 'supervisor');
      await onB.until((n) => n.caseId === d.id);
      expect(onB.received.map((r) => r.notice.caseId)).toEqual([c.id, d.id]);
    } finally {
      onB.close();
    }
  });
});

describe('two copies keep no shared module state', () => {
  let gdb: Db;
  let now = new Date('2026-11-24T04:00:00Z');
  let copyA: Deps;
  let copyB: Deps;

  beforeAll(async () => {
    gdb = await freshDb();
    copyA = testDeps(gdb, () => now);
    copyB = testDeps(gdb, () => now);
    await insertRegions(gdb, [
      region('530100', 'city', null, '昆明市'),
      region('530102', 'district', '530100', '五华区'),
      region('530102001', 'street', '530102', '华山街道'),
      region('530102001001', 'community', '530102001', '翠湖社区'),
    ]);
    await insertGrids(gdb, [gridRow('530102001001001', '翠湖1号网格', 102.7, 25.0)]);
    await bumpSpatialRevision(gdb);
  }, 60_000);
  afterAll(() => gdb.close());

  it("rebuilds copy B's locate index from the spatial revision when copy A changes the grids", async () => {
    const point = { lng: 102.715, lat: 25.005 };
    expect(await locatePoint(copyA, point)).toMatchObject({ ok: false });
    expect(await locatePoint(copyB, point)).toMatchObject({ ok: false });
    // Copy A changes the grids (as its import does: write, bump the revision, mark its index).
    await insertGrids(gdb, [gridRow('530102001001002', '翠湖2号网格', 102.71, 25.0)]);
    await bumpSpatialRevision(gdb);
    invalidateGridIndex(copyA);
    const found = { ok: true, value: { grid: { code: '530102001001002' } } };
    expect(await locatePoint(copyA, point)).toMatchObject(found);
    // B was not told in memory: it still answers from its own index until it checks the
    // database's spatial revision, then rebuilds.
    expect(await locatePoint(copyB, point)).toMatchObject({ ok: false });
    now = new Date(now.getTime() + REVISION_CHECK_INTERVAL_MS);
    expect(await locatePoint(copyB, point)).toMatchObject(found);
  });
});
