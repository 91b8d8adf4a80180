import { describe, expect, it } from 'vitest';
import type { UnitKind } from '../units/index.ts';
import { summonRefusal, whistlePlace } from './levels.ts';

const CASE = {
  districtCode: '530114',
  streetCode: '530114001',
  communityCode: '530114001002',
};

describe('who whistles at which level', () => {
  it.each([
    ['community staff', 'dispatcher', ['530114001002'], 'community', '530114001002'],
    ['street staff', 'commander', ['530114001'], 'street', '530114001'],
    ['district staff (scope = district)', 'dispatcher', ['530114'], 'district', '530114'],
    ['district staff (no scope, home district)', 'commander', [], 'district', '530114'],
    [
      'staff of two streets, one holding the case',
      'dispatcher',
      ['530114009', '530114001'],
      'street',
      '530114001',
    ],
  ] as const)('%s blow a %s whistle', (_who, role, scope, level, region) => {
    const r = whistlePlace({ role, districtCode: '530114', regionScope: scope }, CASE);
    expect(r).toEqual({ ok: true, value: { level, regionCode: region } });
  });

  it.each([
    ['a supervisor', 'supervisor', '530114', [], 'role'],
    ['a unit handler', 'unit_handler', '530114', [], 'role'],
    [
      'city staff (the city reports, it does not whistle)',
      'commander',
      '530100',
      [],
      'city_reports_only',
    ],
    ['another street’s staff', 'dispatcher', '530114', ['530114009'], 'case_outside_scope'],
    ['another district’s staff', 'dispatcher', '530102', [], 'case_outside_scope'],
  ] as const)('refuses %s', (_who, role, home, scope, reason) => {
    const r = whistlePlace({ role, districtCode: home, regionScope: scope }, CASE);
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'whistle.level_not_allowed', details: { reason } },
    });
  });
});

const unit = (id: string, kind: UnitKind, districtCode: string, regionCode = districtCode) => ({
  id,
  kind,
  districtCode,
  regionCode,
  active: true,
});
const UNITS = [
  unit('cgj', 'district_bureau', '530114'),
  unit('city-cgj', 'city_department', '530100'),
  unit('power', 'utility', '530100'),
  unit('street-1', 'street_centre', '530114', '530114001'),
  unit('street-9', 'street_centre', '530114', '530114009'),
  unit('community-2', 'community_station', '530114', '530114001002'),
  unit('other-cgj', 'district_bureau', '530102'),
  { ...unit('retired', 'district_bureau', '530114'), active: false },
];

describe('which units each level summons', () => {
  const at = (level: 'community' | 'street' | 'district', regionCode: string) => ({
    level,
    regionCode,
    districtCode: '530114',
  });
  it.each([
    ['community', '530114001002', 'street-1', null],
    ['community', '530114001002', 'cgj', null],
    ['community', '530114001002', 'power', null],
    ['community', '530114001002', 'city-cgj', 'kind'],
    ['community', '530114001002', 'street-9', 'region'],
    ['community', '530114001002', 'community-2', 'kind'],
    ['street', '530114001', 'cgj', null],
    ['street', '530114001', 'street-1', 'kind'],
    ['street', '530114001', 'city-cgj', 'kind'],
    ['district', '530114', 'city-cgj', null],
    ['district', '530114', 'cgj', null],
    ['district', '530114', 'other-cgj', 'district'],
  ] as const)('a %s whistle of %s summoning %s: refusal %s', (level, region, id, reason) => {
    const r = summonRefusal(at(level, region), id, UNITS);
    if (reason === null) expect(r).toBeNull();
    else expect(r).toMatchObject({ code: 'whistle.unit_not_summonable', details: { reason } });
  });

  it('refuses an unknown and a retired unit with their own codes', () => {
    expect(summonRefusal(at('district', '530114'), 'nobody', UNITS)?.code).toBe(
      'whistle.unit_not_found',
    );
    expect(summonRefusal(at('district', '530114'), 'retired', UNITS)?.code).toBe(
      'whistle.unit_inactive',
    );
  });
});
