import type { Queryable } from './db.ts';
import { MAX_PARAMS, valuesList } from './multi-row.ts';

/**
 * One audited write request (migrations 0022, 0250). `status` is null while the request runs (the
 * entry is begun before the write, `entryKey` names it) and stays null when its outcome could not
 * be written.
 */
export type AuditEntry = {
  readonly at: Date;
  readonly userId: string | null;
  readonly role: string | null;
  readonly districtCode: string | null;
  readonly method: string;
  readonly route: string;
  readonly entity: string | null;
  readonly entityId: string | null;
  readonly status: number | null;
  readonly requestId: string;
  readonly ip: string | null;
  readonly payload: Record<string, unknown> | null;
  /** the entry's own key, to complete it by (begun entries only) */
  readonly entryKey?: string | undefined;
};

export type StoredAuditEntry = Omit<AuditEntry, 'entryKey'> & { readonly id: string };

/** The outcome of a begun entry: its status, and the entity the handler named. */
export type AuditCompletion = {
  readonly entryKey: string;
  readonly status: number;
  readonly entity: string | null;
  readonly entityId: string | null;
  /** Who acted, when the entry was begun before anyone was known (a sign-in): filled once. */
  readonly userId: string | null;
  readonly role: string | null;
  readonly districtCode: string | null;
};

type AuditRow = {
  id: string | number;
  at: Date;
  user_id: string | null;
  role: string | null;
  district_code: string | null;
  method: string;
  route: string;
  entity: string | null;
  entity_id: string | null;
  status: number | null;
  request_id: string;
  ip: string | null;
  payload: Record<string, unknown> | null;
};

/** Audit columns written per entry; a batch binds this many parameters per row. */
const AUDIT_COLUMNS = 13;

/**
 * Appends the entries in ONE statement (one autocommit transaction, one fsync); ids ascend in
 * the order given. Either all are stored or, when the database refuses one, none.
 */
export async function insertAuditEntries(
  db: Queryable,
  entries: readonly AuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  if (entries.length * AUDIT_COLUMNS > MAX_PARAMS) {
    throw new Error(`${entries.length} audit entries exceed the bind parameter limit`);
  }
  const { sql, params } = valuesList(
    entries.map((e) => [
      e.at,
      e.userId,
      e.role,
      e.districtCode,
      e.method,
      e.route,
      e.entity,
      e.entityId,
      e.status,
      e.requestId,
      e.ip,
      e.payload === null ? null : JSON.stringify(e.payload),
      e.entryKey ?? null,
    ]),
    [
      '::timestamptz',
      '::text',
      '::text',
      '::text',
      '::text',
      '::text',
      '::text',
      '::text',
      '::smallint',
      '::text',
      '::text',
      '::jsonb',
      '::text',
    ],
  );
  // A multi-row VALUES list yields its rows in order, so the identity column ascends with it.
  await db.query(
    `INSERT INTO audit_log (at, user_id, role, district_code, method, route, entity, entity_id,
       status, request_id, ip, payload, entry_key)
     VALUES ${sql}`,
    params,
  );
}

/**
 * Completes begun entries in ONE statement: each gets its status and entity once (an entry
 * already completed is left as it is). Answers the keys that were not found begun.
 */
export async function completeAuditEntries(
  db: Queryable,
  done: readonly AuditCompletion[],
): Promise<string[]> {
  if (done.length === 0) return [];
  const { sql, params } = valuesList(
    done.map((d) => [d.entryKey, d.status, d.entity, d.entityId, d.userId, d.role, d.districtCode]),
    ['::text', '::smallint', '::text', '::text', '::text', '::text', '::text'],
  );
  const { rows } = await db.query<{ entry_key: string }>(
    `UPDATE audit_log a SET status = v.status, entity = v.entity, entity_id = v.entity_id,
       user_id = coalesce(a.user_id, v.user_id), role = coalesce(a.role, v.role),
       district_code = coalesce(a.district_code, v.district_code)
     FROM (VALUES ${sql}) AS v(entry_key, status, entity, entity_id, user_id, role, district_code)
     WHERE a.entry_key = v.entry_key AND a.status IS NULL
     RETURNING a.entry_key`,
    params,
  );
  const found = new Set(rows.map((r) => r.entry_key));
  return done.map((d) => d.entryKey).filter((k) => !found.has(k));
}

export type AuditFilter = {
  readonly districtCode?: string | undefined;
  readonly userId?: string | undefined;
  readonly entity?: string | undefined;
  readonly entityId?: string | undefined;
  readonly requestId?: string | undefined;
  readonly limit: number;
  /** keyset: only entries older than this id */
  readonly beforeId?: string | undefined;
};

/** The newest entries first, optionally narrowed by district, user, entity or request. */
export async function listAuditEntries(db: Queryable, f: AuditFilter): Promise<StoredAuditEntry[]> {
  const { rows } = await db.query<AuditRow>(
    `SELECT id, at, user_id, role, district_code, method, route, entity, entity_id, status,
       request_id, ip, payload
     FROM audit_log
     WHERE ($1::text IS NULL OR district_code = $1)
       AND ($2::text IS NULL OR user_id = $2)
       AND ($3::text IS NULL OR entity = $3)
       AND ($4::text IS NULL OR entity_id = $4)
       AND ($5::text IS NULL OR request_id = $5)
       AND ($7::bigint IS NULL OR id < $7)
     ORDER BY id DESC LIMIT $6`,
    [
      f.districtCode ?? null,
      f.userId ?? null,
      f.entity ?? null,
      f.entityId ?? null,
      f.requestId ?? null,
      f.limit,
      f.beforeId ?? null,
    ],
  );
  return rows.map((r) => ({
    id: String(r.id),
    at: new Date(r.at),
    userId: r.user_id,
    role: r.role,
    districtCode: r.district_code,
    method: r.method,
    route: r.route,
    entity: r.entity,
    entityId: r.entity_id,
    status: r.status,
    requestId: r.request_id,
    ip: r.ip,
    payload: r.payload,
  }));
}
