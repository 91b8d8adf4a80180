import { describe, expect, it } from 'vitest';
import { principalOf, validateNewUser } from './index.ts';
import type { NewUserInput } from './index.ts';

const base: NewUserInput = {
  username: 'wuhua.dispatch',
  role: 'dispatcher',
  districtCode: '530102',
  password: 'long-enough',
};

describe('a new user', () => {
  it('is accepted with its display name defaulting to the username', () => {
    expect(validateNewUser(base)).toMatchObject({
      ok: true,
      value: { username: 'wuhua.dispatch', displayName: 'wuhua.dispatch', regionScope: [] },
    });
  });

  it.each([
    ['a username with spaces', { username: 'wu hua' }, 'user.invalid', 'username'],
    ['an unknown role', { role: 'mayor' }, 'user.invalid', 'role'],
    ['a 4-digit district', { districtCode: '5301' }, 'user.invalid', 'districtCode'],
    ['a unit handler without a unit', { role: 'unit_handler' }, 'user.invalid', 'unitId'],
    ['a scope in another district', { regionScope: ['530103001'] }, 'user.invalid', 'regionScope'],
    ['a malformed scope code', { regionScope: ['5301020'] }, 'user.invalid', 'regionScope'],
    ['a short password', { password: 'short' }, 'user.weak_password', undefined],
  ] as const)('is refused with %s', (_name, over, code, field) => {
    const r = validateNewUser({ ...base, ...over });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe(code);
      if (field) expect(r.error.details).toMatchObject({ field });
    }
  });

  it('may be city staff scoped to any district of the city', () => {
    expect(
      validateNewUser({ ...base, districtCode: '530100', regionScope: ['530102', '530103'] }).ok,
    ).toBe(true);
  });
});

describe('the principal of a user', () => {
  it('stands for the whole district when the user has no explicit scope', () => {
    const p = principalOf({
      id: 'u1',
      username: 'a',
      displayName: 'A',
      role: 'supervisor',
      districtCode: '530102',
      regionScope: [],
      disabled: false,
      createdAt: new Date('2026-01-01T00:00:00Z'),
    });
    expect(p.regionScope).toEqual(['530102']);
  });
});

describe('the level of a role', () => {
  it.each([
    ['city_supervisor', '530102', false],
    ['city_supervisor', '530100', true],
    ['admin', '530102', false],
    ['supervisor', '530100', false],
    ['supervisor', '530102', true],
    ['dispatcher', '530100', true],
    ['hotline_agent', '530114', true],
  ] as const)('%s at %s is valid: %s', (role, districtCode, expected) => {
    const r = validateNewUser({ ...base, role, districtCode });
    expect(r.ok).toBe(expected);
    if (!r.ok) expect(r.error.code).toBe('user.role_scope_mismatch');
  });
});
