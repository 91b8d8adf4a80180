import { describe, expect, it } from 'vitest';
import type { DispatchRule } from '../api/client.ts';
import { draftOf, flattenUnits, replacementBody, ruleOrder } from './rules.ts';

const rule = (over: Partial<DispatchRule>): DispatchRule => ({
  id: 'r1',
  districtCode: '530114',
  categoryKind: 'event',
  categoryCode: '01',
  regionLevel: null,
  regionCode: null,
  loopLevel: null,
  unitId: 'u-1',
  autoDispatch: false,
  priority: 0,
  active: true,
  note: '',
  createdBy: 'x',
  createdAt: '2026-01-01T00:00:00Z',
  deactivatedBy: null,
  deactivatedAt: null,
  ...over,
});

describe('dispatch rules in the admin', () => {
  it('flattens the unit tree to its active units', () => {
    const n = (id: string, active: boolean, children: never[] = []) => ({
      id,
      districtCode: '530114',
      name: { zh: id, en: id },
      active,
      children,
    });
    const tree = [{ ...n('a', true), children: [n('b', false), n('c', true)] as never[] }];
    expect(flattenUnits(tree).map((u) => u.value)).toEqual(['a', 'c']);
  });

  it('edits by replacing: the same fields with the new unit, naming the old rule', () => {
    const old = rule({ regionLevel: 'grid', regionCode: '530114001001001' });
    const body = replacementBody(old, { ...draftOf(old), unitId: 'u-2' });
    expect(body).toMatchObject({
      categoryCode: '01',
      regionLevel: 'grid',
      regionCode: '530114001001001',
      unitId: 'u-2',
      note: 'replaces r1',
    });
    // A rule without a region level has no region code; an empty category means any.
    const d = { ...draftOf(old), regionLevel: null, categoryCode: ' ' };
    expect(replacementBody(null, d)).toMatchObject({ regionCode: null, categoryCode: '*' });
    expect(replacementBody(null, d)).not.toHaveProperty('note');
  });

  it('lists the most specific rules first', () => {
    const rules = [
      rule({ id: 'any', categoryCode: '*' }),
      rule({ id: 'grid', regionLevel: 'grid', regionCode: '1' }),
      rule({ id: 'big' }),
      rule({ id: 'small', categoryCode: '01001' }),
    ];
    expect(rules.sort(ruleOrder).map((r) => r.id)).toEqual(['grid', 'small', 'big', 'any']);
  });
});
