import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb } from '../../../test/helpers/db.ts';
import { demoDeps } from '../../../test/helpers/demo.ts';
import type { Db } from '../../store/db.ts';
import { findCredentials } from '../../store/users.store.ts';
import { verifyPassword } from './password.ts';
import { ensureUsersWithSharedPassword } from './users.ts';

describe('creating many users who share one password', () => {
  let db: Db;
  beforeAll(async () => {
    db = await freshDb();
  });
  afterAll(async () => {
    await db.close();
  });

  const inputs = [
    { username: 'share.sup', role: 'supervisor', districtCode: '530102' },
    { username: 'share.bad', role: 'planet', districtCode: '530102' },
    { username: 'share.h', role: 'unit_handler', districtCode: '530102', unitId: 'u-missing' },
    { username: 'share.op', role: 'acceptance_operator', districtCode: '530102' },
  ];

  it('creates the valid ones, refuses each invalid one with its reason, and skips existing ones', async () => {
    const deps = demoDeps(db);
    const first = await ensureUsersWithSharedPassword(deps, inputs, 'gridloop-demo');
    expect(first.created).toBe(2);
    expect(first.refused.map((r) => [r.username, r.error.code])).toEqual([
      ['share.bad', 'user.invalid'],
      ['share.h', 'user.unit_not_found'],
    ]);
    const again = await ensureUsersWithSharedPassword(deps, inputs, 'gridloop-demo');
    expect(again.created).toBe(0);
  });

  it('stores one hash of the password for all of them, which verifies', async () => {
    const a = await findCredentials(db, 'share.sup');
    const b = await findCredentials(db, 'share.op');
    expect(a?.passwordHash).toBe(b?.passwordHash);
    expect(await verifyPassword('gridloop-demo', a?.passwordHash ?? '')).toBe(true);
    expect(await verifyPassword('wrong-password', a?.passwordHash ?? '')).toBe(false);
  });
});
