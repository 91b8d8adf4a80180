import type { Queryable } from './db.ts';

/** The channels a client system's key may be scoped to (the CHECK of migration 0260). */
export const API_KEY_SCOPES = ['open311', 'hotline_exchange'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** API keys of client systems (migration 0140). Only the key's SHA-256 is stored. */
export type ApiKeyRecord = {
  readonly id: string;
  readonly clientName: string;
  /** the one channel the key admits its client to (migration 0260) */
  readonly scope: ApiKeyScope;
  readonly keyPrefix: string;
  readonly rateLimitPerMinute: number;
  readonly createdAt: Date;
  readonly createdBy: string | null;
  readonly revokedAt: Date | null;
};

type Row = {
  id: string;
  client_name: string;
  scope: ApiKeyScope;
  key_prefix: string;
  rate_limit_per_minute: number | string;
  created_at: Date;
  created_by: string | null;
  revoked_at: Date | null;
};

const COLUMNS =
  'id, client_name, scope, key_prefix, rate_limit_per_minute, created_at, created_by, revoked_at';

const toRecord = (r: Row): ApiKeyRecord => ({
  id: r.id,
  clientName: r.client_name,
  scope: r.scope,
  keyPrefix: r.key_prefix,
  rateLimitPerMinute: Number(r.rate_limit_per_minute),
  createdAt: new Date(r.created_at),
  createdBy: r.created_by,
  revokedAt: r.revoked_at === null ? null : new Date(r.revoked_at),
});

export async function insertApiKey(
  db: Queryable,
  k: Omit<ApiKeyRecord, 'revokedAt'> & { keyHash: string },
): Promise<ApiKeyRecord> {
  const { rows } = await db.query<Row>(
    `INSERT INTO api_keys (id, client_name, scope, key_hash, key_prefix, rate_limit_per_minute,
       created_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
    [
      k.id,
      k.clientName,
      k.scope,
      k.keyHash,
      k.keyPrefix,
      k.rateLimitPerMinute,
      k.createdAt,
      k.createdBy,
    ],
  );
  const row = rows[0];
  if (!row) throw new Error('api key not inserted');
  return toRecord(row);
}

/** The key whose hash this is, revoked or not (the caller tells them apart). */
export async function findApiKeyByHash(
  db: Queryable,
  keyHash: string,
): Promise<ApiKeyRecord | null> {
  const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM api_keys WHERE key_hash = $1`, [
    keyHash,
  ]);
  return rows[0] ? toRecord(rows[0]) : null;
}

export async function findApiKey(db: Queryable, id: string): Promise<ApiKeyRecord | null> {
  const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM api_keys WHERE id = $1`, [id]);
  return rows[0] ? toRecord(rows[0]) : null;
}

/** Every key, newest first (client systems are few). */
export async function listApiKeys(db: Queryable): Promise<ApiKeyRecord[]> {
  const { rows } = await db.query<Row>(
    `SELECT ${COLUMNS} FROM api_keys ORDER BY created_at DESC, id DESC`,
  );
  return rows.map(toRecord);
}

/** Revokes a key once; null when unknown, the record unchanged when it was already revoked. */
export async function revokeApiKey(
  db: Queryable,
  id: string,
  at: Date,
  by: string | null,
): Promise<ApiKeyRecord | null> {
  const { rows } = await db.query<Row>(
    `UPDATE api_keys SET revoked_at = $2, revoked_by = $3
     WHERE id = $1 AND revoked_at IS NULL RETURNING ${COLUMNS}`,
    [id, at, by],
  );
  return rows[0] ? toRecord(rows[0]) : findApiKey(db, id);
}
