import type { Queryable } from './db.ts';

/** Sessions (revocable signed tokens), failed-login records and shared secrets (migration 0021). */

export async function insertSession(
  db: Queryable,
  s: {
    id: string;
    userId: string;
    districtCode: string;
    createdAt: Date;
    expiresAt: Date;
    ip: string;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO sessions (id, user_id, district_code, created_at, expires_at, ip)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [s.id, s.userId, s.districtCode, s.createdAt, s.expiresAt, s.ip],
  );
}

/** Revokes one session (logout); false when it was unknown or already revoked. */
export async function revokeSession(db: Queryable, id: string, at: Date): Promise<boolean> {
  const { rows } = await db.query(
    'UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id',
    [id, at],
  );
  return rows.length > 0;
}

/** Revokes every open session of a user (password change, disabling). */
export async function revokeUserSessions(db: Queryable, userId: string, at: Date): Promise<number> {
  const { rows } = await db.query(
    'UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL RETURNING id',
    [userId, at],
  );
  return rows.length;
}

/**
 * Serialises login attempts for one username and address until the transaction ends, so
 * several service copies count failures consistently.
 */
export async function lockLoginKey(tx: Queryable, username: string, ip: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`login:${username}\n${ip}`]);
}

/** Failed attempts for a username and address at or after `since`. */
export async function recentLoginFailures(
  db: Queryable,
  username: string,
  ip: string,
  since: Date,
): Promise<Date[]> {
  const { rows } = await db.query<{ at: Date }>(
    'SELECT at FROM login_attempts WHERE username = $1 AND ip = $2 AND at >= $3',
    [username, ip, since],
  );
  return rows.map((r) => new Date(r.at));
}

/** Records an attempt as failed and forgets this key's attempts older than `forgetBefore`. */
export async function recordLoginFailure(
  db: Queryable,
  username: string,
  ip: string,
  at: Date,
  forgetBefore: Date,
): Promise<void> {
  await db.query('DELETE FROM login_attempts WHERE username = $1 AND ip = $2 AND at < $3', [
    username,
    ip,
    forgetBefore,
  ]);
  await db.query('INSERT INTO login_attempts (username, ip, at) VALUES ($1, $2, $3)', [
    username,
    ip,
    at,
  ]);
}

/** Forgets the failures of a username and address after a successful login. */
export async function clearLoginFailures(
  db: Queryable,
  username: string,
  ip: string,
): Promise<void> {
  await db.query('DELETE FROM login_attempts WHERE username = $1 AND ip = $2', [username, ip]);
}

/** Returns the stored secret of this name, storing `candidate` first if there is none yet. */
export async function getOrCreateSecret(
  db: Queryable,
  name: string,
  candidate: string,
): Promise<string> {
  await db.query(
    'INSERT INTO app_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING',
    [name, candidate],
  );
  const { rows } = await db.query<{ value: string }>(
    'SELECT value FROM app_secrets WHERE name = $1',
    [name],
  );
  return rows[0]?.value ?? candidate;
}
