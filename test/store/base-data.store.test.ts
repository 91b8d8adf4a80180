import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MultiPolygonGeometry } from '../../src/domain/base-data/index.ts';
import {
  bumpSpatialRevision,
  countGrids,
  insertComponents,
  insertGrids,
  insertGridStaffAssignments,
  insertRegions,
  insertStaff,
  insertStorefronts,
  insertUnits,
} from '../../src/store/base-data.store.ts';
import type { Db } from '../../src/store/db.ts';
import { freshDb } from '../helpers/db.ts';

const square = (x: number, y: number, d: number): MultiPolygonGeometry => ({
  type: 'MultiPolygon',
  coordinates: [
    [
      [
        [x, y],
        [x + d, y],
        [x + d, y + d],
        [x, y + d],
        [x, y],
      ],
    ],
  ],
});

describe('base-data bulk inserts', () => {
  let db: Db;
  beforeAll(async () => {
    db = await freshDb();
  });
  afterAll(async () => {
    await db.close();
  });

  it('writes a region tree, a grid, its staff, a unit, a storefront and a component that read back intact', async () => {
    await db.transaction(async (tx) => {
      await insertRegions(tx, [
        {
          code: '530100',
          level: 'city',
          parentCode: null,
          districtCode: '530100',
          nameZh: '昆明市',
          nameEn: 'Kunming',
          synthetic: false,
          geom: square(102, 25, 1),
        },
        {
          code: '530102',
          level: 'district',
          parentCode: '530100',
          districtCode: '530102',
          nameZh: '五华区',
          nameEn: null,
          synthetic: false,
          geom: square(102, 25, 1),
        },
        {
          code: '530102001',
          level: 'street',
          parentCode: '530102',
          districtCode: '530102',
          nameZh: '华山街道',
          nameEn: null,
          synthetic: false,
          geom: square(102, 25, 1),
        },
        {
          code: '530102001001',
          level: 'community',
          parentCode: '530102001',
          districtCode: '530102',
          nameZh: '华山社区',
          nameEn: null,
          synthetic: true,
          geom: null,
        },
      ]);
      await insertGrids(tx, [
        {
          code: '530102001001001',
          districtCode: '530102',
          streetCode: '530102001',
          communityCode: '530102001001',
          nameZh: '华山社区第1网格',
          areaClass: 1,
          synthetic: true,
          geom: square(102, 25, 0.5),
        },
      ]);
      await insertStaff(tx, [{ id: 's1', districtCode: '530102', nameZh: '张三', phone: null }]);
      await insertGridStaffAssignments(tx, [
        {
          districtCode: '530102',
          gridCode: '530102001001001',
          staffId: 's1',
          tier: '1',
          duty: 'grid_head',
        },
      ]);
      await insertUnits(tx, [
        {
          id: 'u1',
          parentId: null,
          districtCode: '530100',
          regionCode: '530100',
          kind: 'command_centre',
          nameZh: '指挥中心',
          nameEn: null,
          creditCode: null,
          active: true,
        },
      ]);
      await insertStorefronts(tx, [
        {
          id: 'f1',
          districtCode: '530102',
          gridCode: '530102001001001',
          nameZh: '小店',
          address: '华山路1号',
          operatorName: null,
          contactPhone: null,
          licenceNo: null,
          duties: ['clean', 'order'],
          frontage: {
            type: 'LineString',
            coordinates: [
              [102.1, 25.1],
              [102.1001, 25.1],
            ],
          },
          frontageM: 10,
        },
      ]);
      await insertComponents(tx, [
        {
          code: '53010201001000001',
          legacyCode: null,
          districtCode: '530102',
          categoryCode: '01001',
          nameZh: '供水井盖',
          competentDeptCode: '115301000000000001',
          competentDeptName: '昆明市水务局',
          ownerCode: null,
          ownerName: null,
          maintainerCode: null,
          maintainerName: null,
          gridCode: '530102001001001',
          status: 'intact',
          initialDate: '2024-05-01',
          changeDate: null,
          dataSource: '实测',
          remark: null,
          streetCode: '530102001',
          streetName: '华山街道',
          communityCode: '530102001001',
          communityName: '华山社区',
          accuracyClass: 'A',
          geom: { type: 'Point', coordinates: [102.2, 25.2] },
        },
      ]);
    });
    expect(await countGrids(db)).toBe(1);
    expect(await countGrids(db, '530112')).toBe(0);
    const c = await db.query<{
      initial: string;
      change: string | null;
      x: number;
      srid: number;
      inside: boolean;
    }>(
      `SELECT to_char(c.initial_date, 'YYYY-MM-DD') AS initial, c.change_date AS change, ST_X(c.geom) AS x, ST_SRID(c.geom) AS srid,
              ST_Contains(g.geom, c.geom) AS inside
         FROM components c JOIN grids g ON g.code = c.grid_code`,
    );
    expect(c.rows).toEqual([
      { initial: '2024-05-01', change: null, x: 102.2, srid: 4326, inside: true },
    ]);
    const f = await db.query<{ duties: string[]; kind: string }>(
      'SELECT duties, GeometryType(frontage) AS kind FROM storefronts',
    );
    expect(f.rows).toEqual([{ duties: ['clean', 'order'], kind: 'LINESTRING' }]);
    const r = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM regions WHERE geom IS NULL',
    );
    expect(r.rows[0]?.n).toBe(1);
  });

  it('counts each spatial change as a new revision', async () => {
    const a = await bumpSpatialRevision(db);
    const b = await bumpSpatialRevision(db);
    expect(b).toBe(a + 1);
  });
});
