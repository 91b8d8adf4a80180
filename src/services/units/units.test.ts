import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb } from '../../../test/helpers/db.ts';
import { testDeps } from '../../../test/helpers/deps.ts';
import type { Db } from '../../store/db.ts';
import type { Deps } from '../deps.ts';
import { createUnit, getUnit, listUnitTree, updateUnit } from './units.ts';

describe('units', () => {
  let db: Db;
  let deps: Deps;
  let n = 0;
  beforeAll(async () => {
    db = await freshDb();
    deps = { ...testDeps(db, new Date('2026-11-24T02:00:00Z')), newId: () => `gen-${++n}` };
    // 昆明市 and 五华区, the regions the units below belong to.
    await db.query(
      `INSERT INTO regions (code, level, parent_code, district_code, name_zh) VALUES
       ('530100', 'city', NULL, '530100', '昆明市'), ('530102', 'district', '530100', '530102', '五华区')`,
    );
  });
  afterAll(async () => {
    await db.close();
  });

  it('creates a district bureau and a team under it, taking the district from the region', async () => {
    const bureau = await createUnit(deps, {
      id: 'wh-cgj',
      regionCode: '530102',
      kind: 'district_bureau',
      nameZh: '五华区城市管理局',
      nameEn: 'Wuhua District Urban Management Bureau',
    });
    expect(bureau).toMatchObject({ ok: true, value: { districtCode: '530102' } });
    const team = await createUnit(deps, {
      parentId: 'wh-cgj',
      regionCode: '530102',
      kind: 'district_bureau',
      nameZh: '五华区环卫所',
    });
    expect(team).toMatchObject({ ok: true, value: { id: 'gen-1', parentId: 'wh-cgj' } });
    const tree = await listUnitTree(deps, { districtCode: '530102' });
    expect(tree.map((u) => [u.id, u.children.map((c) => c.id)])).toEqual([['wh-cgj', ['gen-1']]]);
    const one = await getUnit(deps, 'wh-cgj');
    expect(one.ok && one.value.children[0]?.nameZh).toBe('五华区环卫所');
  });

  it.each([
    [{ regionCode: '539999' }, 'unit.region_not_found'],
    [{ parentId: 'nobody' }, 'unit.parent_not_found'],
    [{ kind: 'army' }, 'unit.invalid_kind'],
    [{ id: 'wh-cgj' }, 'unit.duplicate_id'],
  ])('refuses %j with %s and writes nothing', async (change, code) => {
    const before = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM units');
    const r = await createUnit(deps, {
      regionCode: '530102',
      kind: 'street_centre',
      nameZh: '华山街道处置中心',
      ...change,
    });
    expect(r).toMatchObject({ ok: false, error: { code } });
    const after = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM units');
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
  });

  it('moves, renames and retires a unit, refusing to put it under its own sub-unit', async () => {
    const cycle = await updateUnit(deps, 'wh-cgj', { parentId: 'gen-1' });
    expect(cycle).toMatchObject({ ok: false, error: { code: 'unit.parent_cycle' } });
    const moved = await updateUnit(deps, 'gen-1', {
      parentId: null,
      nameZh: '五华区环境卫生管理站',
      active: false,
    });
    expect(moved).toMatchObject({ ok: true, value: { parentId: null, active: false } });
    const roots = await listUnitTree(deps, { districtCode: '530102' });
    expect(roots.map((u) => u.id).sort()).toEqual(['gen-1', 'wh-cgj']);
  });

  it('reports a unit that does not exist', async () => {
    expect(await getUnit(deps, 'nobody')).toMatchObject({
      ok: false,
      error: { code: 'unit.not_found' },
    });
  });
});
