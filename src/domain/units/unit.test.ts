import { describe, expect, it } from 'vitest';
import { buildUnitTree, changeUnit, validateNewUnit, type Unit } from './index.ts';

const unit = (id: string, parentId: string | null): Unit => ({
  id,
  parentId,
  districtCode: '530102',
  regionCode: '530102',
  kind: 'district_bureau',
  nameZh: id,
  nameEn: null,
  creditCode: null,
  active: true,
});

describe('units', () => {
  it('arranges units under their parents, orphans as roots', () => {
    const tree = buildUnitTree([
      unit('a', null),
      unit('b', 'a'),
      unit('c', 'b'),
      unit('d', 'elsewhere'),
    ]);
    expect(tree.map((n) => n.id)).toEqual(['a', 'd']);
    expect(tree[0]?.children[0]?.children[0]?.id).toBe('c');
  });

  it('accepts a street handling centre with a valid credit code', () => {
    const r = validateNewUnit(
      {
        regionCode: '530102001',
        kind: 'street_centre',
        nameZh: ' 华山街道处置中心 ',
        creditCode: '11530102MB0000000X',
      },
      'u-1',
      '530102',
    );
    expect(r).toMatchObject({
      ok: true,
      value: { nameZh: '华山街道处置中心', districtCode: '530102' },
    });
  });

  it.each([
    [{ kind: 'army' }, 'unit.invalid_kind'],
    [{ nameZh: '  ' }, 'unit.invalid_field'],
    [{ creditCode: '123' }, 'unit.invalid_field'],
    [{ parentId: 'u-1' }, 'unit.invalid_field'],
  ])('refuses %j with %s', (change, code) => {
    const input = { regionCode: '530102', kind: 'district_bureau', nameZh: '区城管局', ...change };
    expect(validateNewUnit(input, 'u-1', '530102')).toMatchObject({ ok: false, error: { code } });
  });

  it('renames, moves and deactivates a unit without touching its district', () => {
    const r = changeUnit(
      unit('b', 'a'),
      { nameZh: '新名', parentId: 'c', active: false },
      new Set(),
    );
    expect(r).toMatchObject({
      ok: true,
      value: { nameZh: '新名', parentId: 'c', active: false, districtCode: '530102' },
    });
  });

  it('refuses to move a unit under one of its own descendants', () => {
    expect(changeUnit(unit('a', null), { parentId: 'c' }, new Set(['b', 'c']))).toMatchObject({
      ok: false,
      error: { code: 'unit.parent_cycle' },
    });
  });
});
