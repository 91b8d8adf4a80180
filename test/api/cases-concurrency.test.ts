import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.ts';
import { closeCaseWorld, openCaseWorld } from '../helpers/app.ts';
import { OWN_UNIT, OWN_UNIT_2, caseIn, eventCount, type CaseWorld } from '../factories.ts';

let db: Db;
let w: CaseWorld;

beforeAll(async () => {
  w = await openCaseWorld();
  db = w.db;
}, 120_000);
afterAll(() => closeCaseWorld(w));

async function dispatchTo(unitId: string, caseId: string, expectedVersion: number) {
  const res = await w.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${caseId}/dispatch`,
    headers: await w.auth('dispatcher'),
    payload: { unitId, expectedVersion },
  });
  return {
    status: res.statusCode,
    body: res.json<{
      code?: string;
      details?: { current?: { version: number; mainUnitId: string } };
    }>(),
  };
}

describe('concurrent actions on one case', () => {
  it('lets exactly one of two dispatches with the same expected version win; the other gets 409 with the winner’s state', async () => {
    await w.auth('dispatcher');
    for (let round = 0; round < 5; round++) {
      const c = await caseIn(w, 'pending_dispatch');
      const results = await Promise.all([
        dispatchTo(OWN_UNIT, c.id, c.version),
        dispatchTo(OWN_UNIT_2, c.id, c.version),
      ]);
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 409]);
      const loser = results.find((r) => r.status === 409);
      expect(loser?.body.code).toBe('case.version_conflict');
      expect(loser?.body.details?.current?.version).toBe(c.version + 1);
      expect(await eventCount(db, c.id)).toBe(c.version + 1);
      const versions = await db.query<{ version: number }>(
        'SELECT version FROM case_events WHERE case_id = $1 ORDER BY version',
        [c.id],
      );
      expect(versions.rows.map((r) => r.version)).toEqual([1, 2, 3]);
    }
  });

  it('refuses to rewrite or delete history', async () => {
    const c = await caseIn(w, 'pending_filing');
    await expect(
      db.query("UPDATE case_events SET action = 'x' WHERE case_id = $1", [c.id]),
    ).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM case_events WHERE case_id = $1', [c.id])).rejects.toThrow(
      /append-only/,
    );
    expect(await eventCount(db, c.id)).toBe(1);
  });
});
