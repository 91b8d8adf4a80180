import type { Deps } from '../deps.ts';
import { pingDb } from '../../store/health.store.ts';

export type Health = { ok: boolean; db: string; version: string };

/** The service is healthy when the database answers a query. */
export async function checkHealth(deps: Deps): Promise<Health> {
  try {
    await pingDb(deps.db);
    return { ok: true, db: deps.db.kind, version: '0.1.0' };
  } catch {
    return { ok: false, db: deps.db.kind, version: '0.1.0' };
  }
}
