import type { Db, Queryable } from './db.ts';

export async function pingDb(db: Queryable): Promise<void> {
  await db.query('SELECT 1');
}

/**
 * Whether a case could be written now: takes, without waiting (NOWAIT), the lock every case
 * write takes on the case tables, in a transaction that writes nothing. A table locked by
 * another session (or a lock request queued ahead) fails it at once with 55P03.
 */
export async function probeCaseWriteLocks(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.exec('LOCK TABLE cases, case_events IN ROW EXCLUSIVE MODE NOWAIT');
  });
}
