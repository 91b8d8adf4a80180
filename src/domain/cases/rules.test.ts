import { describe, expect, it } from 'vitest';
import {
  duplicateRefusal,
  isDuplicateDistance,
  requestedDueRefusal,
  samePhotoRefusal,
  servesDistrict,
  unitRefusal,
} from './rules.ts';
import { T0, caseIn, makeCase } from './test-fixtures.ts';

const H = 3_600_000;

describe('which units may take a case', () => {
  const c = makeCase(); // district 530102
  it.each([
    ['u-x', [], 'case.unit_not_found'],
    ['u-x', [{ id: 'u-x', active: false, districtCode: '530102' }], 'case.unit_inactive'],
    ['u-x', [{ id: 'u-x', active: true, districtCode: '530103' }], 'case.unit_outside_district'],
    ['u-x', [{ id: 'u-x', active: true, districtCode: '530200' }], 'case.unit_outside_district'],
    ['u-x', [{ id: 'u-x', active: true, districtCode: '530102' }], null],
    ['u-x', [{ id: 'u-x', active: true, districtCode: '530100' }], null],
  ] as const)('%s with %j: %s', (id, facts, code) => {
    expect(unitRefusal(c, id, facts)?.code ?? null).toBe(code);
  });
  it('lets a city department serve every district of its city only', () => {
    expect(servesDistrict('530100', '530114')).toBe(true);
    expect(servesDistrict('530100', '530200')).toBe(false);
    expect(servesDistrict('530114', '530102')).toBe(false);
  });
});

describe('duplicates (合并)', () => {
  const c = makeCase();
  const at = (dLat: number) => ({ point: { lng: 102.71, lat: 25.04 + dLat } });
  it.each([
    [{}, null],
    [{ location: at(0.0008) }, null], // ~89 m
    [{ location: at(0.0135) }, 'case.merge_too_far'], // ~1.5 km
    [{ categoryCode: '01002' }, 'case.merge_category_mismatch'],
    [{ kind: 'component' as const }, 'case.merge_category_mismatch'],
    [{ districtCode: '530103' }, 'case.merge_other_district'],
  ])('target %j: %s', (o, code) => {
    expect(duplicateRefusal(c, makeCase({ id: 'case-2', ...o }))?.code ?? null).toBe(code);
  });
  it('measures against the city’s own distance when it sets one, and says which', () => {
    const far = makeCase({ id: 'case-2', location: at(0.0135) }); // ~1.5 km
    expect(duplicateRefusal(c, far, 2_000)).toBeNull();
    expect(duplicateRefusal(c, makeCase({ id: 'case-3', location: at(0.0008) }), 50)).toEqual({
      code: 'case.merge_too_far',
      details: { distanceM: 89, maxDistanceM: 50 },
    });
  });
  it.each([
    [1, true],
    [5_000, true],
    [0, false],
    [5_001, false],
    [99.5, false],
    [Number.NaN, false],
  ])('takes %s m as a merge distance: %s', (m, okay) => {
    expect(isDuplicateDistance(m)).toBe(okay);
  });
});

describe('photos before and after', () => {
  it('refuses an after photo that is a before photo, and names it', () => {
    expect(samePhotoRefusal(['a', 'b'], ['c', 'b'])).toEqual({
      code: 'case.same_photo_before_after',
      details: { photoIds: ['b'] },
    });
    expect(samePhotoRefusal(['a'], ['c'])).toBeNull();
    expect(samePhotoRefusal(undefined, undefined)).toBeNull();
  });
});

describe('a requested due date (延期申请)', () => {
  const c = caseIn('handling'); // handle due T0 + 24 h
  const due = c.deadlines.handle?.dueAt.getTime() ?? NaN;
  const cap = new Date(due + 24 * H);
  it.each([
    [due - H, 'case.invalid_requested_due'],
    [due, 'case.invalid_requested_due'],
    [due + H, null],
    [due + 24 * H, null],
    [due + 25 * H, 'case.invalid_requested_due'],
  ])('%s: %s', (t, code) => {
    expect(requestedDueRefusal(c, new Date(t), cap, T0)?.code ?? null).toBe(code);
  });
  it('refuses any date when no cap could be computed', () => {
    expect(requestedDueRefusal(c, new Date(due + H), undefined, T0)?.code).toBe(
      'case.invalid_requested_due',
    );
  });
});
