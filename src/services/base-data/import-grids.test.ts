import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MultiPolygonGeometry } from '../../domain/base-data/index.ts';
import type { Db } from '../../store/db.ts';
import { freshDb } from '../../../test/helpers/db.ts';
import { testDeps } from '../../../test/helpers/deps.ts';
import { CITY, loadTinyCity, rect } from '../../../test/fixtures/tiny-city.ts';
import type { Deps } from '../deps.ts';
import { exportBaseData } from './export-base-data.ts';
import { locatePoint } from '../geo/locate.ts';
import { importBaseData } from './import-base-data.ts';

let db: Db;
let deps: Deps;
beforeAll(async () => {
  db = await freshDb();
  await loadTinyCity(db);
  deps = testDeps(db, new Date('2026-11-24T04:00:00Z'));
});
afterAll(async () => {
  await db.close();
});

const feature = (props: Record<string, unknown>, geometry: unknown) => ({
  type: 'Feature',
  properties: props,
  geometry,
});
const fc = (...features: unknown[]) => ({ type: 'FeatureCollection', features });
const poly = (g: MultiPolygonGeometry) => ({ type: 'Polygon', coordinates: g.coordinates[0] });
const E = CITY.empty;

async function gridCount(): Promise<number> {
  const r = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM grids');
  return r.rows[0]?.n ?? 0;
}

async function refused(content: unknown, format: 'geojson' | 'csv' = 'geojson', district?: string) {
  const before = await gridCount();
  const r = await importBaseData(deps, { kind: 'grids', format, content, district });
  expect(await gridCount()).toBe(before);
  if (r.ok) throw new Error('expected the import to be refused');
  expect(r.error.code).toBe('import.invalid');
  return r.error.details.problems.map((p) => [p.index, p.code] as const);
}

describe('grid import refuses bad input as a whole and writes nothing', () => {
  it.each([
    ['text that is not JSON', '{"type": "FeatureCollection", '],
    ['a Feature instead of a FeatureCollection', feature({}, null)],
  ])('refuses %s at file level', async (_what, content) => {
    const problems = await refused(content);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.[0]).toBeNull();
  });

  it('refuses a legacy crs member naming a projected system', async () => {
    const doc = {
      ...fc(feature({ code: `${E}001`, name_zh: 'a' }, poly(rect(102.62, 25, 102.64, 25.02)))),
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3857' } },
    };
    expect(await refused(doc)).toEqual([[null, 'file.crs_unsupported']]);
  });

  it('lists every problem of a file by feature index and reason', async () => {
    const ok = rect(102.62, 25.0, 102.63, 25.02);
    const bowtie = {
      type: 'Polygon',
      coordinates: [
        [
          [102.63, 25.0],
          [102.64, 25.02],
          [102.64, 25.0],
          [102.63, 25.02],
          [102.63, 25.0],
        ],
      ],
    };
    const unclosed = {
      type: 'Polygon',
      coordinates: [
        [
          [102.63, 25],
          [102.64, 25],
          [102.64, 25.02],
          [102.63, 25.02],
        ],
      ],
    };
    const projected = poly(rect(11_420_000, 2_880_000, 11_421_000, 2_881_000));
    const problems = await refused(
      fc(
        feature({ code: `${E}001`, name_zh: '甲' }, poly(ok)),
        feature({ code: `${E}002`, name_zh: '乙' }, bowtie),
        feature({ code: `${E}003`, name_zh: '丙' }, unclosed),
        feature({ code: `${E}004`, name_zh: '丁' }, projected),
        'not a feature',
      ),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        [1, 'geometry.invalid'],
        [2, 'geometry.ring_unclosed'],
        [3, 'geometry.projected_coordinates'],
        [4, 'feature.not_feature'],
      ]),
    );
    expect(problems.filter(([i]) => i === 0)).toEqual([]);
  });

  it('lists the problems of well-formed features that break the rules of the base data', async () => {
    const ok = rect(102.62, 25.0, 102.63, 25.02);
    const problems = await refused(
      fc(
        feature({ code: `${E}001`, name_zh: '甲' }, poly(ok)),
        feature({ code: `${E}001`, name_zh: '重复' }, poly(rect(102.63, 25.0, 102.64, 25.02))),
        feature({ code: '53010200100200', name_zh: '短' }, poly(ok)),
        feature({ code: `${E}006` }, poly(ok)),
        feature({ code: `${CITY.full}009`, community_code: E, name_zh: '错社区' }, poly(ok)),
        feature(
          { code: `${CITY.full}001`, name_zh: '已存在' },
          poly(rect(102.6, 25.0, 102.61, 25.02)),
        ),
        feature({ code: `${E}010`, name_zh: '城外' }, poly(rect(103.5, 26.0, 103.51, 26.01))),
        feature({ code: '530102009009001', name_zh: '无此社区' }, poly(ok)),
      ),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        [1, 'code.duplicate_in_file'],
        [2, 'code.wrong_shape'],
        [3, 'field.missing'],
        [4, 'code.prefix_mismatch'],
        [5, 'code.exists'],
        [6, 'geometry.outside_city'],
        [6, 'grid.outside_community'],
        [7, 'grid.community_unknown'],
      ]),
    );
  });

  it('refuses grids that overlap each other and grids that leave a gap in their community', async () => {
    const problems = await refused(
      fc(
        feature({ code: `${E}001`, name_zh: '甲' }, poly(rect(102.62, 25.0, 102.631, 25.02))),
        feature({ code: `${E}002`, name_zh: '乙' }, poly(rect(102.63, 25.0, 102.635, 25.02))),
      ),
    );
    expect(problems).toEqual([
      [0, 'grid.community_gap'],
      [1, 'grid.overlap'],
    ]);
  });

  it('refuses a grid overlapping a stored grid of a neighbouring community', async () => {
    const problems = await refused(
      fc(
        feature({ code: `${E}001`, name_zh: '甲' }, poly(rect(102.615, 25.0, 102.63, 25.02))),
        feature({ code: `${E}002`, name_zh: '乙' }, poly(rect(102.63, 25.0, 102.64, 25.02))),
      ),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        [0, 'grid.outside_community'],
        [0, 'grid.overlap'],
      ]),
    );
  });

  it('refuses grids outside the district an import is restricted to', async () => {
    const problems = await refused(
      fc(feature({ code: `${E}001`, name_zh: '甲' }, poly(rect(102.62, 25, 102.64, 25.02)))),
      'geojson',
      '530103',
    );
    expect(problems).toEqual([[0, 'code.district_mismatch']]);
  });

  it('refuses CSV rows with bad WKT, naming the line each row starts on', async () => {
    const csv = 'code,name_zh,wkt\r\n' + `${E}001,甲,"POLYGON ((102.62 25, 102.64 25"\r\n`;
    const r = await importBaseData(deps, { kind: 'grids', format: 'csv', content: csv });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error.details.problems[0]).toMatchObject({
        index: 0,
        line: 2,
        code: 'geometry.wkt_invalid',
      });
  });
});

describe('grid import of a valid file', () => {
  it('validates a dry run without writing', async () => {
    const before = await gridCount();
    const content = fc(
      feature({ code: `${E}001`, name_zh: '甲' }, poly(rect(102.62, 25.0, 102.63, 25.02))),
      feature({ code: `${E}002`, name_zh: '乙' }, poly(rect(102.63, 25.0, 102.64, 25.02))),
    );
    const r = await importBaseData(deps, {
      kind: 'grids',
      format: 'geojson',
      content,
      dryRun: true,
    });
    expect(r).toMatchObject({ ok: true, value: { count: 2, dryRun: true } });
    expect(await gridCount()).toBe(before);
  });

  it('imports new grids tiling an empty community from CSV, bumps the spatial revision, and they are then locatable and exported', async () => {
    const rev = await db.query<{ r: number }>('SELECT revision::int AS r FROM spatial_revision');
    const csv = [
      'code,name_zh,area_class,wkt',
      `${E}001,甲网格,2,"POLYGON ((102.62 25, 102.63 25, 102.63 25.02, 102.62 25.02, 102.62 25))"`,
      `${E}002,乙网格,1,"POLYGON ((102.63 25, 102.64 25, 102.64 25.02, 102.63 25.02, 102.63 25))"`,
    ].join('\n');
    expect(await locatePoint(deps, { lng: 102.625, lat: 25.01 })).toMatchObject({ ok: false });
    const r = await importBaseData(deps, { kind: 'grids', format: 'csv', content: csv });
    expect(r).toMatchObject({ ok: true, value: { count: 2, dryRun: false } });
    expect(await locatePoint(deps, { lng: 102.625, lat: 25.01 })).toMatchObject({
      ok: true,
      value: { grid: { code: `${E}001` }, community: { code: E } },
    });
    if (r.ok) expect(r.value.spatialRevision).toBe((rev.rows[0]?.r ?? 0) + 1);
    let text = '';
    for await (const chunk of exportBaseData(deps, {
      kind: 'grids',
      format: 'geojson',
      district: '530102',
    })) {
      text += chunk;
    }
    const doc = JSON.parse(text) as {
      features: { properties: { code: string; area_class: number } }[];
    };
    expect(doc.features.map((f) => f.properties.code)).toContain(`${E}001`);
    expect(doc.features.find((f) => f.properties.code === `${E}001`)?.properties.area_class).toBe(
      2,
    );
  });
});

describe('region import', () => {
  const region = (props: Record<string, unknown>, g: MultiPolygonGeometry) =>
    feature(props, poly(g));

  it('refuses regions with unknown parents, outside their parent, overlapping a sibling or taken', async () => {
    const before = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM regions');
    const r = await importBaseData(deps, {
      kind: 'regions',
      format: 'geojson',
      content: fc(
        region({ code: '530102009001', name_zh: '无街道' }, rect(102.6, 25.0, 102.61, 25.01)),
        region({ code: '530102001005', name_zh: '出界' }, rect(102.67, 25.0, 102.68, 25.01)),
        region({ code: '530102001006', name_zh: '重叠' }, rect(102.6, 25.0, 102.61, 25.01)),
        region({ code: '5301020010', name_zh: '短' }, rect(102.6, 25.0, 102.61, 25.01)),
        region({ code: CITY.full, name_zh: '已有' }, rect(102.6, 25.0, 102.62, 25.02)),
        region({ code: '530199', name_zh: '无上级' }, rect(102.66, 25.0, 102.7, 25.04)),
      ),
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.details.problems.map((p) => [p.index, p.code])).toEqual([
        [0, 'region.parent_unknown'],
        [1, 'region.outside_parent'],
        [2, 'region.overlap'],
        [3, 'field.invalid'],
        [4, 'code.exists'],
        [4, 'region.overlap'],
        [5, 'field.invalid'],
      ]);
    }
    const after = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM regions');
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
  });

  it('imports a district with its street and community in one file, then grids into the community', async () => {
    const east = rect(102.66, 25.0, 102.7, 25.04);
    const regions = await importBaseData(deps, {
      kind: 'regions',
      format: 'geojson',
      content: fc(
        region({ code: '530103001001', name_zh: '东社区' }, east),
        region({ code: '530103001', name_zh: '东街道' }, east),
        region({ code: '530103', name_zh: '东区', parent_code: '530100' }, east),
      ),
    });
    expect(regions).toMatchObject({ ok: true, value: { kind: 'regions', count: 3 } });
    const grids = await importBaseData(deps, {
      kind: 'grids',
      format: 'geojson',
      content: fc(feature({ code: '530103001001001', name_zh: '东网格' }, poly(east))),
    });
    expect(grids).toMatchObject({ ok: true, value: { count: 1 } });
    expect(await locatePoint(deps, { lng: 102.68, lat: 25.02 })).toMatchObject({
      ok: true,
      value: { grid: { code: '530103001001001' }, district: { code: '530103' } },
    });
  });
});
