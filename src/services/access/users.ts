import {
  checkPassword,
  checkRoleScope,
  validateNewUser,
  type NewUserInput,
  type Role,
  type User,
  type UserInputError,
  type UserUnitRefusal,
  userUnitRefusal,
} from '../../domain/access/index.ts';
import { err, ok, type Result } from '../../domain/shared/index.ts';
import { revokeUserSessions } from '../../store/sessions.store.ts';
import { findUnitFacts } from '../../store/units.store.ts';
import * as users from '../../store/users.store.ts';
import type { Deps } from '../deps.ts';
import { decodeListCursor, encodeListCursor, pageOf, type CursorError } from './paging.ts';
import { hashPassword, verifyPassword } from './password.ts';

export type UserError =
  | UserInputError
  | { readonly code: 'user.username_taken'; readonly details: { username: string } }
  | { readonly code: 'user.not_found'; readonly details: { userId: string } }
  | UserUnitRefusal;

/** Creates a user with a scrypt-hashed password; refuses a taken username. */
export async function createUser(
  deps: Deps,
  input: NewUserInput,
): Promise<Result<User, UserError>> {
  const valid = validateNewUser(input);
  if (!valid.ok) return valid;
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction(async (tx) => {
    const unitId = valid.value.unitId;
    if (unitId !== undefined) {
      const [unit] = await findUnitFacts(tx, [unitId]);
      const refusal = userUnitRefusal(valid.value, unit ?? null);
      if (refusal) return err(refusal);
    }
    const created = await users.insertUser(tx, {
      ...valid.value,
      id: deps.newId(),
      passwordHash,
      at: deps.clock.now(),
    });
    return created
      ? ok(created)
      : err({ code: 'user.username_taken', details: { username: input.username } });
  });
}

/**
 * Creates the user unless one with this username exists, which is returned unchanged
 * (its password is not reset). For the demo loader and first-run setup.
 */
export async function ensureUser(
  deps: Deps,
  input: NewUserInput,
): Promise<Result<User, UserError>> {
  const existing = await users.findUserByUsername(deps.db, input.username);
  if (existing) return ok(existing);
  const r = await createUser(deps, input);
  if (!r.ok && r.error.code === 'user.username_taken') {
    // Another copy created it between our read and insert.
    const again = await users.findUserByUsername(deps.db, input.username);
    if (again) return ok(again);
  }
  return r;
}

/** What ensureUsersWithSharedPassword did: users created, and each input it refused and why. */
export type SharedPasswordUsers = {
  readonly created: number;
  readonly refused: readonly { readonly username: string; readonly error: UserError }[];
};

/**
 * Creates many users who share one password (the demo city's logins), skipping usernames that
 * exist. The password is hashed once and the hash shared, so hundreds of logins cost one scrypt;
 * only for a password that is public anyway. An input that is invalid or names a unit that does
 * not exist is refused on its own (listed in `refused`); the others are created.
 */
export async function ensureUsersWithSharedPassword(
  deps: Deps,
  inputs: readonly Omit<NewUserInput, 'password'>[],
  password: string,
): Promise<SharedPasswordUsers> {
  const refused: { username: string; error: UserError }[] = [];
  const valid: Omit<User, 'id' | 'disabled' | 'createdAt'>[] = [];
  for (const input of inputs) {
    const v = validateNewUser({ ...input, password });
    if (v.ok) valid.push(v.value);
    else refused.push({ username: input.username, error: v.error });
  }
  const unitIds = valid.flatMap((u) => (u.unitId === undefined ? [] : [u.unitId]));
  const passwordHash = await hashPassword(password);
  const created = await deps.db.transaction(async (tx) => {
    const facts = new Map((await findUnitFacts(tx, unitIds)).map((f) => [f.id, f]));
    const at = deps.clock.now();
    const rows = valid.filter((u) => {
      const refusal = userUnitRefusal(u, facts.get(u.unitId ?? '') ?? null);
      if (refusal === null) return true;
      refused.push({ username: u.username, error: refusal });
      return false;
    });
    return users.insertUsers(
      tx,
      rows.map((u) => ({ ...u, id: deps.newId(), passwordHash, at })),
    );
  });
  return { created, refused };
}

/** The users with these usernames that exist. */
export async function findUsers(deps: Deps, usernames: readonly string[]): Promise<User[]> {
  return users.findUsersByUsernames(deps.db, usernames);
}

/** Sets a new password and signs the user out everywhere. */
export async function setPassword(
  deps: Deps,
  input: { userId: string; password: string },
): Promise<Result<true, UserError>> {
  const policy = checkPassword(input.password);
  if (!policy.ok) return policy;
  const hash = await hashPassword(input.password);
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    if (!(await users.updatePasswordHash(tx, input.userId, hash, now)))
      return err({ code: 'user.not_found', details: { userId: input.userId } });
    await revokeUserSessions(tx, input.userId, now);
    return ok(true as const);
  });
}

/** Sets a password by username (CLI). */
export async function setPasswordByUsername(
  deps: Deps,
  input: { username: string; password: string },
): Promise<Result<true, UserError>> {
  const u = await users.findUserByUsername(deps.db, input.username);
  if (!u) return err({ code: 'user.not_found', details: { userId: input.username } });
  return setPassword(deps, { userId: u.id, password: input.password });
}

/**
 * A signed-in user changes their own password: the current one must match. Every session of
 * the user ends, so they sign in again with the new password.
 */
export async function changeOwnPassword(
  deps: Deps,
  input: { username: string; currentPassword: string; newPassword: string },
): Promise<Result<true, UserError | { readonly code: 'auth.invalid_credentials' }>> {
  const cred = await users.findCredentials(deps.db, input.username);
  if (!cred || !(await verifyPassword(input.currentPassword, cred.passwordHash)))
    return err({ code: 'auth.invalid_credentials' });
  return setPassword(deps, { userId: cred.user.id, password: input.newPassword });
}

export async function getUser(deps: Deps, userId: string): Promise<Result<User, UserError>> {
  const u = await users.findUserById(deps.db, userId);
  return u ? ok(u) : err({ code: 'user.not_found', details: { userId } });
}

/**
 * One keyset page of users in username order: `cursor` is the `nextCursor` of the previous
 * page (null on the last page).
 */
export async function listUsers(
  deps: Deps,
  filter: {
    districtCode?: string | undefined;
    role?: Role | undefined;
    limit?: number | undefined;
    cursor?: string | undefined;
  },
): Promise<Result<{ items: User[]; nextCursor: string | null }, CursorError>> {
  let afterUsername: string | undefined;
  if (filter.cursor !== undefined) {
    const c = decodeListCursor('u', filter.cursor, (k) => USERNAME.test(k));
    if (!c.ok) return c;
    afterUsername = c.value;
  }
  const limit = filter.limit ?? 100;
  const rows = await users.listUsers(deps.db, {
    districtCode: filter.districtCode,
    role: filter.role,
    limit: limit + 1,
    afterUsername,
  });
  return ok(pageOf(rows, limit, (u) => encodeListCursor('u', u.username)));
}

const USERNAME = /^[A-Za-z0-9_.@-]{2,64}$/;

/** Changes a user's display name, region scope or disabled flag; disabling signs them out. */
export async function updateUser(
  deps: Deps,
  input: { userId: string } & users.UserPatch,
): Promise<Result<User, UserError>> {
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const current = await users.findUserById(tx, input.userId);
    if (!current) return err({ code: 'user.not_found', details: { userId: input.userId } });
    if (input.regionScope) {
      const check = checkRoleScope(current.role, current.districtCode, input.regionScope);
      if (!check.ok) return check;
    }
    const updated = await users.updateUser(tx, input.userId, input, now);
    if (!updated) return err({ code: 'user.not_found', details: { userId: input.userId } });
    if (input.disabled === true) await revokeUserSessions(tx, input.userId, now);
    return ok(updated);
  });
}
