import { describe, expect, it } from 'vitest';
import { canAct, canSee, checkAccess, isCityLevel, scopeFilter } from './index.ts';
import type { Principal, Role } from './index.ts';

const person = (role: Role, over: Partial<Principal> = {}): Principal => ({
  userId: `u-${role}`,
  username: role,
  displayName: role,
  role,
  districtCode: '530102',
  regionScope: ['530102'],
  ...over,
});

const wuhuaCase = {
  districtCode: '530102',
  regionCodes: ['530102001', '530102001002', '530102001002007'],
  unitIds: ['unit-roads', 'unit-water'],
};
const panlongCase = {
  districtCode: '530103',
  regionCodes: ['530103004', '530103004001'],
  unitIds: ['unit-roads-panlong'],
};

describe('region scope', () => {
  it.each([
    ['district staff of 530102 see a case in 530102', person('dispatcher'), wuhuaCase, true],
    [
      'district staff of 530102 do not see a case in 530103',
      person('dispatcher'),
      panlongCase,
      false,
    ],
    [
      'street staff see cases in their street',
      person('supervisor', { regionScope: ['530102001'] }),
      wuhuaCase,
      true,
    ],
    [
      'street staff do not see another street of their district',
      person('supervisor', { regionScope: ['530102002'] }),
      wuhuaCase,
      false,
    ],
    [
      'community staff see cases in their community',
      person('supervisor', { regionScope: ['530102001002'] }),
      wuhuaCase,
      true,
    ],
    [
      'city staff see every district of the city',
      person('city_supervisor', { districtCode: '530100', regionScope: ['530100'] }),
      panlongCase,
      true,
    ],
    [
      'city staff do not see another city',
      person('commander', { districtCode: '530100', regionScope: ['530100'] }),
      { districtCode: '520102' },
      false,
    ],
    [
      'a user without an explicit scope falls back to their district',
      person('acceptance_operator', { regionScope: [] }),
      wuhuaCase,
      true,
    ],
    [
      'a unit sees a case sent to it as main unit',
      person('unit_handler', { unitId: 'unit-roads' }),
      wuhuaCase,
      true,
    ],
    [
      'a unit sees a case it assists on',
      person('unit_handler', { unitId: 'unit-water' }),
      wuhuaCase,
      true,
    ],
    [
      'a unit does not see a case of its own district not sent to it',
      person('unit_handler', { unitId: 'unit-parks' }),
      wuhuaCase,
      false,
    ],
    ['a unit handler without a unit sees nothing', person('unit_handler'), wuhuaCase, false],
    ['an administrator sees everything', person('admin', { regionScope: [] }), panlongCase, true],
  ] as const)('%s', (_name, p, resource, expected) => {
    expect(canSee(p, resource)).toBe(expected);
  });

  it('narrows list queries by code prefixes, by unit, or not at all', () => {
    expect(scopeFilter(person('dispatcher', { regionScope: ['530100', '530102001'] }))).toEqual({
      kind: 'regions',
      prefixes: ['5301', '530102001'],
    });
    expect(scopeFilter(person('unit_handler', { unitId: 'u1' }))).toEqual({
      kind: 'units',
      unitIds: ['u1'],
    });
    expect(scopeFilter(person('admin'))).toEqual({ kind: 'all' });
  });
});

describe('acting on a resource', () => {
  it('refuses for the role before looking at the region', () => {
    expect(
      checkAccess(person('unit_handler', { unitId: 'x' }), 'case.dispatch', panlongCase),
    ).toEqual({
      ok: false,
      error: { code: 'auth.forbidden', details: { reason: 'role', capability: 'case.dispatch' } },
    });
  });

  it('refuses a dispatcher of 530102 dispatching a case of 530103 for the region', () => {
    expect(checkAccess(person('dispatcher'), 'case.dispatch', panlongCase)).toEqual({
      ok: false,
      error: { code: 'auth.forbidden', details: { reason: 'region', capability: 'case.dispatch' } },
    });
  });

  it('lets a dispatcher dispatch a case of their own district', () => {
    expect(canAct(person('dispatcher'), 'case.dispatch', wuhuaCase)).toBe(true);
  });
});

describe('city level', () => {
  it('marks staff carrying the city code as city-level and district staff as not', () => {
    expect(isCityLevel(person('commander', { districtCode: '530100' }))).toBe(true);
    expect(isCityLevel(person('commander'))).toBe(false);
  });
});
