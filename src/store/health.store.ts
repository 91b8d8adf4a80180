import type { Queryable } from './db.ts';

export async function pingDb(db: Queryable): Promise<void> {
  await db.query('SELECT 1');
}
