import { describe, expect, it } from 'vitest';
import { parseGridCode, parseRegionCode, parseRegionCodeOfLevel } from './index.ts';

describe('region and grid codes', () => {
  it.each([
    ['530102', 'district', '530102', null, null],
    ['530102001', 'street', '530102', '530102001', null],
    ['530102001002', 'community', '530102', '530102001', '530102001002'],
  ])('reads %s as a %s code with its prefixes', (code, level, district, street, community) => {
    expect(parseRegionCode(code)).toEqual({
      ok: true,
      value: { level, districtCode: district, streetCode: street, communityCode: community },
    });
  });

  it.each([
    ['53010', 'wrong_length'],
    ['5301020011', 'wrong_length'],
    ['53010A', 'not_digits'],
    ['', 'not_digits'],
    [' 530102', 'not_digits'],
    [530102, 'not_a_string'],
  ])('refuses region code %j (%s)', (value, reason) => {
    expect(parseRegionCode(value)).toMatchObject({
      ok: false,
      error: { code: 'geo.invalid_code', details: { value, expected: 'region', reason } },
    });
  });

  it('refuses a street code where a district code is required', () => {
    expect(parseRegionCodeOfLevel('530102001', 'district')).toMatchObject({
      ok: false,
      error: { details: { expected: 'district', reason: 'wrong_length' } },
    });
    expect(parseRegionCodeOfLevel('530102', 'district')).toEqual({ ok: true, value: '530102' });
  });

  it('splits a 15-digit grid code into district, street, community and sequence', () => {
    expect(parseGridCode('530102001002003')).toEqual({
      ok: true,
      value: {
        gridCode: '530102001002003',
        districtCode: '530102',
        streetCode: '530102001',
        communityCode: '530102001002',
        sequence: '003',
      },
    });
  });

  it.each([
    ['53010200100200', 'wrong_length'],
    ['5301020010020031', 'wrong_length'],
    ['53010200100200x', 'not_digits'],
    [null, 'not_a_string'],
  ])('refuses grid code %j (%s)', (value, reason) => {
    expect(parseGridCode(value)).toMatchObject({
      ok: false,
      error: { code: 'geo.invalid_code', details: { expected: 'grid', reason } },
    });
  });
});
