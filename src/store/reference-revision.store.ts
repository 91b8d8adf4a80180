import type { Queryable } from './db.ts';

/** The counter that moves with every change of reference data (migration 0070). */
export async function readReferenceRevision(db: Queryable): Promise<number> {
  const r = await db.query<{ revision: number | string }>(
    'SELECT revision FROM reference_revision WHERE id',
  );
  const row = r.rows[0];
  if (!row) throw new Error('reference_revision has no row: run the migrations');
  return Number(row.revision);
}
