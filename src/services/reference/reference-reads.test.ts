import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb } from '../../../test/helpers/db.ts';
import { demoDeps, loadSmallDemo } from '../../../test/helpers/demo.ts';
import type { Deps } from '../deps.ts';
import type { Db, Queryable } from '../../store/db.ts';
import { referenceReadsFor } from './reference-reads.ts';

const DISTRICT = '530114';
let db: Db;
let deps: Deps;

beforeAll(async () => {
  db = await freshDb();
  deps = demoDeps(db);
  await loadSmallDemo(db);
}, 120_000);
afterAll(() => db.close());

/** Runs fn in a transaction whose statements are counted. */
async function counted<T>(
  fn: (tx: Queryable) => Promise<T>,
): Promise<{ out: T; statements: number }> {
  let statements = 0;
  const out = await db.transaction((tx) =>
    fn({
      query: (sql, params) => {
        statements++;
        return tx.query(sql, params);
      },
      exec: (sql) => tx.exec(sql),
    }),
  );
  return { out, statements };
}

const readAll = async (tx: Queryable) => {
  const ref = await referenceReadsFor(deps, tx);
  const rules = await ref.activeRules(DISTRICT);
  await ref.stepLimit(DISTRICT, 'file');
  await ref.calendar(DISTRICT);
  await ref.standard({ districtCode: DISTRICT, kind: 'event', code: '01005' });
  return rules;
};

describe('reference reads across transactions', () => {
  it('asks only for the revision in a later transaction while nothing changed', async () => {
    const first = await counted(readAll);
    expect(first.statements).toBeGreaterThan(3);
    const again = await counted(readAll);
    expect(again.statements).toBe(1);
    expect(again.out).toEqual(first.out);
  });

  it('sees a change made by any writer, plain SQL included, in the next transaction', async () => {
    const before = await counted(readAll);
    const rule = before.out[0];
    if (!rule) throw new Error('the demo city has no dispatch rules');
    await db.query(
      'UPDATE dispatch_rules SET active = false, deactivated_at = now() WHERE id = $1',
      [rule.id],
    );
    try {
      const after = await counted(readAll);
      expect(after.statements).toBeGreaterThan(1);
      expect(after.out.map((r) => r.id)).not.toContain(rule.id);
      expect(after.out).toHaveLength(before.out.length - 1);
    } finally {
      await db.query(
        'UPDATE dispatch_rules SET active = true, deactivated_at = NULL WHERE id = $1',
        [rule.id],
      );
    }
  });

  it('forgets a read that failed, so the next transaction at the same revision reads again', async () => {
    // A new revision, so nothing is kept yet; a statement trigger fires even for no rows.
    await db.query('UPDATE dispatch_rules SET active = active WHERE false');
    await expect(
      db.transaction(async (tx) => {
        const ref = await referenceReadsFor(deps, tx);
        await tx.query('SELECT 1/0').catch(() => undefined); // the transaction is now aborted
        return ref.activeRules(DISTRICT);
      }),
    ).rejects.toThrow();
    const next = await counted(readAll);
    expect(next.out.length).toBeGreaterThan(0);
  });

  it('does not keep a refusal, so made-up category codes cannot pile up', async () => {
    const unknown = (tx: Queryable) =>
      referenceReadsFor(deps, tx).then((ref) =>
        ref.standard({ districtCode: DISTRICT, kind: 'event', code: '99999' }),
      );
    const first = await counted(unknown);
    expect(first.out.ok).toBe(false);
    const again = await counted(unknown);
    expect(again.out.ok).toBe(false);
    expect(again.statements).toBeGreaterThan(1); // asked the database again
  });
});
