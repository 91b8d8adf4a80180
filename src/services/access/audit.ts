import {
  insertAuditEntry,
  listAuditEntries,
  type AuditEntry,
  type AuditFilter,
  type StoredAuditEntry,
} from '../../store/audit.store.ts';
import type { Deps } from '../deps.ts';

export type { AuditEntry, StoredAuditEntry };

/** Appends one entry to the audit log. */
export async function recordAudit(deps: Deps, entry: AuditEntry): Promise<void> {
  await insertAuditEntry(deps.db, entry);
}

/** The newest audit entries first (at most 500), narrowed by the filter. */
export async function listAudit(
  deps: Deps,
  filter: Omit<AuditFilter, 'limit'> & { limit?: number },
): Promise<StoredAuditEntry[]> {
  return listAuditEntries(deps.db, { ...filter, limit: Math.min(filter.limit ?? 100, 500) });
}
