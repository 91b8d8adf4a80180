import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDeps } from '../../../test/helpers/deps.ts';
import { freshDb } from '../../../test/helpers/db.ts';
import type { Db } from '../../store/db.ts';
import { listAudit, recordAudit, type AuditEntry } from './audit.ts';

let db: Db;
const now = new Date('2026-03-02T01:00:00Z');

beforeAll(async () => {
  db = await freshDb();
});
afterAll(() => db.close());

/**
 * The same database behind a wrapper that counts audit INSERT statements. A wrapper is a Db of
 * its own, so it also gets an audit queue of its own.
 */
function countingInserts(inner: Db): { db: Db; inserts: () => number } {
  let n = 0;
  const wrapped: Db = {
    kind: inner.kind,
    query: (sql, params) => {
      if (/^\s*INSERT INTO audit_log/.test(sql)) n++;
      return inner.query(sql, params);
    },
    exec: (sql) => inner.exec(sql),
    transaction: (fn) => inner.transaction(fn),
    listen: (channel, onNotify) => inner.listen(channel, onNotify),
    close: () => inner.close(),
  };
  return { db: wrapped, inserts: () => n };
}

const entry = (requestId: string, over: Partial<AuditEntry> = {}): AuditEntry => ({
  at: now,
  userId: 'u-1',
  role: 'dispatcher',
  districtCode: '530102',
  method: 'POST',
  route: '/api/v1/cases/:id/dispatch',
  entity: 'cases',
  entityId: `case-${requestId}`,
  status: 200,
  requestId,
  ip: '10.0.0.1',
  payload: { note: `说明 ${requestId}`, unitId: 'unit-7', urgent: true },
  ...over,
});

describe('audit log', () => {
  it('stores 100 concurrent entries intact, in submit order, in far fewer than 100 statements', async () => {
    const c = countingInserts(db);
    const deps = testDeps(c.db, now);
    const entries = Array.from({ length: 100 }, (_, i) =>
      entry(`burst-${String(i).padStart(3, '0')}`, {
        status: 200 + (i % 3),
        userId: i % 7 === 0 ? null : `u-${i}`,
        role: i % 7 === 0 ? null : 'dispatcher',
        districtCode: i % 7 === 0 ? null : '530102',
        payload: i % 5 === 0 ? null : { n: i, text: `第${i}条` },
      }),
    );
    await Promise.all(entries.map((e) => recordAudit(deps, e)));

    // The first entry goes alone at once; the 99 that arrive meanwhile share the next INSERT.
    expect(c.inserts()).toBe(2);
    const stored = (await newest500(deps))
      .filter((s) => s.requestId.startsWith('burst-'))
      .reverse(); // newest first → submit order
    expect(stored).toEqual(entries.map((e) => ({ ...e, id: expect.any(String) as string })));
    const ids = stored.map((s) => BigInt(s.id));
    expect(ids.every((id, i) => i === 0 || id > (ids[i - 1] as bigint))).toBe(true);
  });

  it('fails only the entry the database refuses; the others of its batch are stored', async () => {
    const c = countingInserts(db);
    const deps = testDeps(c.db, now);
    // Keeps the queue busy so the next three share one batch.
    const first = recordAudit(deps, entry('iso-0'));
    const results = await Promise.allSettled([
      recordAudit(deps, entry('iso-1')),
      // district_code is char(6): a seven-character code does not fit.
      recordAudit(deps, entry('iso-bad', { districtCode: '5301021' })),
      recordAudit(deps, entry('iso-2')),
    ]);
    await first;

    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    // iso-0 alone, the batch of three refused, then each of the three alone.
    expect(c.inserts()).toBe(5);
    const stored = await newest500(deps);
    expect(
      stored
        .map((s) => s.requestId)
        .filter((r) => r.startsWith('iso-'))
        .reverse(),
    ).toEqual(['iso-0', 'iso-1', 'iso-2']);
  });
});

/** The newest 500 entries (one page). */
async function newest500(deps: Parameters<typeof listAudit>[0]) {
  const r = await listAudit(deps, { limit: 500 });
  if (!r.ok) throw new Error(r.error.code);
  return r.value.items;
}
