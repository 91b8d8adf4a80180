import type { Role, User } from '../domain/access/index.ts';
import type { Queryable } from './db.ts';
import { valuesList } from './multi-row.ts';

type UserRow = {
  id: string;
  username: string;
  display_name: string;
  role: string;
  district_code: string;
  unit_id: string | null;
  region_scope: string[];
  disabled: boolean;
  created_at: Date;
};

const COLUMNS = `id, username, display_name, role, district_code, unit_id, region_scope, disabled,
  created_at`;

function toUser(r: UserRow): User {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    // The CHECK constraint on users.role admits only the Role union.
    role: r.role as Role,
    districtCode: r.district_code,
    unitId: r.unit_id ?? undefined,
    regionScope: r.region_scope,
    disabled: r.disabled,
    createdAt: new Date(r.created_at),
  };
}

export type InsertUser = Omit<User, 'disabled' | 'createdAt'> & {
  readonly passwordHash: string;
  readonly at: Date;
};

/** Inserts a user; null when the username is taken. */
export async function insertUser(db: Queryable, u: InsertUser): Promise<User | null> {
  const { rows } = await db.query<UserRow>(
    `INSERT INTO users (id, username, display_name, role, district_code, unit_id, region_scope,
       password_hash, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::text[], $8, $9, $9)
     ON CONFLICT (username) DO NOTHING
     RETURNING ${COLUMNS}`,
    [
      u.id,
      u.username,
      u.displayName,
      u.role,
      u.districtCode,
      u.unitId ?? null,
      [...u.regionScope],
      u.passwordHash,
      u.at,
    ],
  );
  return rows[0] ? toUser(rows[0]) : null;
}

const INSERT_CHUNK = 500;

/**
 * Inserts many users in multi-row statements; usernames already taken are skipped. Returns the
 * number inserted.
 */
export async function insertUsers(db: Queryable, us: readonly InsertUser[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < us.length; i += INSERT_CHUNK) {
    const chunk = us.slice(i, i + INSERT_CHUNK);
    const v = valuesList(
      chunk.map((u) => [
        u.id,
        u.username,
        u.displayName,
        u.role,
        u.districtCode,
        u.unitId ?? null,
        [...u.regionScope],
        u.passwordHash,
        u.at,
        u.at,
      ]),
      [...Array<string>(6).fill('::text'), '::text[]', '::text', '::timestamptz', '::timestamptz'],
    );
    const r = await db.query(
      `INSERT INTO users (id, username, display_name, role, district_code, unit_id, region_scope,
         password_hash, created_at, updated_at)
       VALUES ${v.sql}
       ON CONFLICT (username) DO NOTHING
       RETURNING 1`,
      v.params,
    );
    inserted += r.rows.length;
  }
  return inserted;
}

/** The users with these usernames (any order in, username order out). */
export async function findUsersByUsernames(
  db: Queryable,
  usernames: readonly string[],
): Promise<User[]> {
  const { rows } = await db.query<UserRow>(
    `SELECT ${COLUMNS} FROM users WHERE username = ANY($1::text[]) ORDER BY username`,
    [[...usernames]],
  );
  return rows.map(toUser);
}

/** A user with the stored password hash, for login. */
export async function findCredentials(
  db: Queryable,
  username: string,
): Promise<{ user: User; passwordHash: string } | null> {
  const { rows } = await db.query<UserRow & { password_hash: string }>(
    `SELECT ${COLUMNS}, password_hash FROM users WHERE username = $1`,
    [username],
  );
  const r = rows[0];
  return r ? { user: toUser(r), passwordHash: r.password_hash } : null;
}

export async function findUserById(db: Queryable, id: string): Promise<User | null> {
  const { rows } = await db.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
  return rows[0] ? toUser(rows[0]) : null;
}

export async function findUserByUsername(db: Queryable, username: string): Promise<User | null> {
  const { rows } = await db.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE username = $1`, [
    username,
  ]);
  return rows[0] ? toUser(rows[0]) : null;
}

export type UserListFilter = {
  readonly districtCode?: string | undefined;
  readonly role?: Role | undefined;
  readonly limit: number;
  /** keyset: only users whose username sorts after this one */
  readonly afterUsername?: string | undefined;
};

/** Users ordered by username (unique), optionally of one district and/or role. */
export async function listUsers(db: Queryable, f: UserListFilter): Promise<User[]> {
  const { rows } = await db.query<UserRow>(
    `SELECT ${COLUMNS} FROM users
     WHERE ($1::text IS NULL OR district_code = $1) AND ($2::text IS NULL OR role = $2)
       AND ($4::text IS NULL OR username > $4)
     ORDER BY username LIMIT $3`,
    [f.districtCode ?? null, f.role ?? null, f.limit, f.afterUsername ?? null],
  );
  return rows.map(toUser);
}

export async function updatePasswordHash(
  db: Queryable,
  userId: string,
  passwordHash: string,
  at: Date,
): Promise<boolean> {
  const { rows } = await db.query(
    'UPDATE users SET password_hash = $2, updated_at = $3 WHERE id = $1 RETURNING id',
    [userId, passwordHash, at],
  );
  return rows.length > 0;
}

export type UserPatch = {
  readonly displayName?: string | undefined;
  readonly regionScope?: readonly string[] | undefined;
  readonly disabled?: boolean | undefined;
};

/** Changes the display name, region scope or disabled flag; null when there is no such user. */
export async function updateUser(
  db: Queryable,
  userId: string,
  patch: UserPatch,
  at: Date,
): Promise<User | null> {
  const { rows } = await db.query<UserRow>(
    `UPDATE users SET
       display_name = coalesce($2, display_name),
       region_scope = coalesce($3::text[], region_scope),
       disabled = coalesce($4, disabled),
       updated_at = $5
     WHERE id = $1 RETURNING ${COLUMNS}`,
    [
      userId,
      patch.displayName ?? null,
      patch.regionScope ? [...patch.regionScope] : null,
      patch.disabled ?? null,
      at,
    ],
  );
  return rows[0] ? toUser(rows[0]) : null;
}

export type SessionUser = { user: User; expiresAt: Date; revoked: boolean };

/**
 * The users behind several sessions together with each session's state, in one round trip;
 * sessions that do not exist are absent from the map.
 */
export async function findSessionUsers(
  db: Queryable,
  sessionIds: readonly string[],
): Promise<Map<string, SessionUser>> {
  const { rows } = await db.query<
    UserRow & { session_id: string; expires_at: Date; revoked_at: Date | null }
  >(
    `SELECT s.id AS session_id, u.id, u.username, u.display_name, u.role, u.district_code,
       u.unit_id, u.region_scope, u.disabled, u.created_at, s.expires_at, s.revoked_at
     FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.id = ANY($1::text[])`,
    [[...new Set(sessionIds)]],
  );
  return new Map(
    rows.map((r) => [
      r.session_id,
      { user: toUser(r), expiresAt: new Date(r.expires_at), revoked: r.revoked_at !== null },
    ]),
  );
}
