import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../store/db.ts';
import { freshDb } from '../../../test/helpers/db.ts';
import { testDeps } from '../../../test/helpers/deps.ts';
import { CITY, loadTinyCity } from '../../../test/fixtures/tiny-city.ts';
import type { Deps } from '../deps.ts';
import { exportBaseData, type ExportInput } from './export-base-data.ts';
import { importBaseData, type ImportInput } from './import-base-data.ts';

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

const G1 = `${CITY.full}001`;
const point = (lng: number, lat: number) => ({ type: 'Point', coordinates: [lng, lat] });
/** A component with all 18 attributes, keyed by the standard abbreviations (GB/T 47678.5 Table 2). */
const component = (serial: string, over: Record<string, unknown> = {}) => ({
  type: 'Feature',
  geometry: point(102.605, 25.01),
  properties: {
    GLBJBSM: `53010201001${serial}`,
    GLBJMC: '供水井盖',
    ZGBMDM: '11530100MB0000000X',
    ZGBMMC: '昆明市水务局',
    QSDWDM: '91530100MA0000000A',
    QSDWMC: '昆明供水公司',
    YHDWDM: '91530100MA0000001B',
    YHDWMC: '昆明市政养护公司',
    SZDYWGBSM: G1,
    GLBJZT: '完好',
    CSRQ: '20250301',
    BGRQ: '20260102',
    SJLY: '实测',
    BZ: '备注, 含逗号和"引号"',
    SZJDDM: CITY.street,
    SZJDMC: '测试街道',
    SZSQDM: CITY.full,
    SZSQMC: '测试社区',
    ...over,
  },
});
const fc = (...features: unknown[]) => ({ type: 'FeatureCollection', features });

const count = async (table: string) =>
  (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]?.n ?? 0;

async function collect(input: ExportInput): Promise<string> {
  let text = '';
  for await (const chunk of exportBaseData(deps, input)) text += chunk;
  return text;
}

const run = (input: Omit<ImportInput, 'format'> & { format?: ImportInput['format'] }) =>
  importBaseData(deps, { format: 'geojson', ...input });

describe('component import', () => {
  it('imports components keyed by the standard abbreviations, resolving a missing grid from the point and converting a legacy 16-digit code', async () => {
    const r = await run({
      kind: 'components',
      content: fc(
        component('000001'),
        component('000002', { SZDYWGBSM: undefined }),
        component('', { GLBJBSM: '5301020101000003' }),
      ),
    });
    expect(r).toMatchObject({ ok: true, value: { count: 3 } });
    const rows = await db.query<{ code: string; legacy_code: string | null; grid_code: string }>(
      'SELECT code, legacy_code, grid_code FROM components ORDER BY code',
    );
    expect(rows.rows).toEqual([
      { code: '53010201001000001', legacy_code: null, grid_code: G1 },
      { code: '53010201001000002', legacy_code: null, grid_code: G1 },
      { code: '53010201001000003', legacy_code: '5301020101000003', grid_code: G1 },
    ]);
  });

  it('refuses a file with bad components as a whole, listing each by index and reason', async () => {
    const before = await count('components');
    const r = await run({
      kind: 'components',
      content: fc(
        component('000010'),
        component('', { GLBJBSM: '5301020599000011' }),
        component('', { GLBJBSM: '53010299999000012' }),
        component('000013', { SZDYWGBSM: `${CITY.full}002` }),
        component('000014', { SZDYWGBSM: `${CITY.full}099` }),
        { ...component('000015', { SZDYWGBSM: undefined }), geometry: point(102.63, 25.01) },
        component('000016', { ZGBMDM: undefined }),
        component('000017', { CSRQ: '20261301', GLBJZT: '坏了' }),
        component('000010'),
        component('000001'),
        component('', { GLBJBSM: '12345' }),
        component('000021', { SZDYWGBSM: '530103001001001' }),
        component('000022', { GLBJMC: '超'.repeat(31) }),
      ),
    });
    expect(await count('components')).toBe(before);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const got = r.error.details.problems.map((p) => [p.index, p.code]);
    expect(got).toEqual([
      [1, 'component.legacy_code_unmapped'],
      [2, 'component.unknown_category'],
      [3, 'location.not_in_grid'],
      [4, 'location.grid_unknown'],
      [5, 'location.outside_all_grids'],
      [6, 'field.missing'],
      [7, 'field.invalid'],
      [7, 'field.invalid'],
      [8, 'code.duplicate_in_file'],
      [9, 'code.exists'],
      [10, 'code.wrong_shape'],
      [11, 'code.prefix_mismatch'],
      [12, 'field.too_long'],
    ]);
    expect(r.error.details.count).toBe(13);
    const first = r.error.details.problems[0];
    expect(first?.reasonZh).toContain('0599');
    expect(first?.reasonEn).toContain('no mapping');
  });

  it('refuses CSV rows whose coordinates are not numbers or look projected', async () => {
    const csv =
      'GLBJBSM,GLBJMC,ZGBMDM,ZGBMMC,GLBJZT,CSRQ,lng,lat\n' +
      '53010201001000030,井盖,X,水务局,完好,20250301,NaN,25.01\n' +
      '53010201001000031,井盖,X,水务局,完好,20250301,11420000,2880000\n';
    const r = await run({ kind: 'components', format: 'csv', content: csv });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.details.problems.map((p) => [p.index, p.line, p.code])).toEqual([
        [0, 2, 'geometry.not_a_number'],
        [1, 3, 'geometry.projected_coordinates'],
      ]);
    }
  });

  it('round-trips components through CSV and GeoJSON export and import with all 18 attributes', async () => {
    const csv = await collect({ kind: 'components', format: 'csv', district: '530102', bom: true });
    const geojson = await collect({ kind: 'components', format: 'geojson', district: '530102' });
    expect(csv.startsWith('\uFEFFcode,name_zh,competent_dept_code')).toBe(true);
    await db.query('DELETE FROM components');
    expect(await run({ kind: 'components', format: 'csv', content: csv })).toMatchObject({
      ok: true,
    });
    expect(
      await collect({ kind: 'components', format: 'csv', district: '530102', bom: true }),
    ).toBe(csv);
    await db.query('DELETE FROM components');
    expect(await run({ kind: 'components', content: geojson })).toMatchObject({ ok: true });
    expect(await collect({ kind: 'components', format: 'geojson', district: '530102' })).toBe(
      geojson,
    );
    const doc = JSON.parse(geojson) as { features: { properties: Record<string, unknown> }[] };
    expect(doc.features[0]?.properties).toMatchObject({
      code: '53010201001000001',
      remark: '备注, 含逗号和"引号"',
      initial_date: '2025-03-01',
      change_date: '2026-01-02',
      status: 'intact',
      owner_name: '昆明供水公司',
      community_name: '测试社区',
    });
  });

  it('exports components with the GB/T 47678.5 abbreviations as headers, and imports them back', async () => {
    const input = { kind: 'components', format: 'csv', style: 'standard' } as const;
    const csv = await collect(input);
    const [header, first] = csv.split('\r\n');
    expect(header?.startsWith('GLBJBSM,GLBJMC,ZGBMDM,ZGBMMC,QSDWDM')).toBe(true);
    expect(first).toContain(',完好,20250301,20260102,');
    await db.query('DELETE FROM components');
    expect(await run({ kind: 'components', format: 'csv', content: csv })).toMatchObject({
      ok: true,
    });
    expect(await collect(input)).toBe(csv);
  });

  it('exports components filtered by grid and category', async () => {
    const byCategory = await collect({ kind: 'components', format: 'csv', category: '01' });
    expect(byCategory.trim().split('\r\n')).toHaveLength(4);
    const none = await collect({ kind: 'components', format: 'csv', category: '02001' });
    expect(none.trim().split('\r\n')).toHaveLength(1);
    const byGrid = await collect({
      kind: 'components',
      format: 'geojson',
      grid: `${CITY.full}002`,
    });
    expect(JSON.parse(byGrid)).toEqual({ type: 'FeatureCollection', features: [] });
  });

  it('streams an export in pages', async () => {
    const chunks: string[] = [];
    for await (const c of exportBaseData(deps, {
      kind: 'components',
      format: 'csv',
      pageSize: 1,
    })) {
      chunks.push(c);
    }
    expect(chunks).toHaveLength(4);
  });
});

describe('storefront import', () => {
  it('rolls the whole import back when the database refuses a row after validation', async () => {
    // A constraint the validator does not know stands in for any refusal by the database.
    await db.query(
      "ALTER TABLE storefronts ADD CONSTRAINT test_refuse CHECK (name_zh <> 'REFUSE')",
    );
    try {
      const before = await count('storefronts');
      const line = {
        type: 'LineString',
        coordinates: [
          [102.603, 25.005],
          [102.604, 25.005],
        ],
      };
      const r = await run({
        kind: 'storefronts',
        content: fc(
          {
            type: 'Feature',
            geometry: line,
            properties: { id: 'R1', name_zh: 'ok', address: 'a' },
          },
          {
            type: 'Feature',
            geometry: line,
            properties: { id: 'R2', name_zh: 'REFUSE', address: 'a' },
          },
        ),
      });
      expect(r).toMatchObject({
        ok: false,
        error: {
          code: 'import.invalid',
          details: { problems: [{ index: null, code: 'db.refused' }] },
        },
      });
      expect(await count('storefronts')).toBe(before);
    } finally {
      await db.query('ALTER TABLE storefronts DROP CONSTRAINT test_refuse');
    }
  });

  it('lists the geometric problems of features also refused for their attributes', async () => {
    const bowtie = {
      type: 'LineString',
      coordinates: [
        [102.603, 25.005],
        [102.603, 25.005],
      ],
    };
    const r = await run({
      kind: 'storefronts',
      content: fc(
        { type: 'Feature', geometry: bowtie, properties: { id: 'L1', name_zh: 'x' } },
        {
          type: 'Feature',
          geometry: {
            type: 'LineString',
            coordinates: [
              [110, 30],
              [110.1, 30],
            ],
          },
          properties: { id: 'L2' },
        },
      ),
    });
    expect(r.ok ? [] : r.error.details.problems.map((p) => [p.index, p.code])).toEqual([
      [0, 'field.missing'],
      [0, 'geometry.invalid'],
      [1, 'field.missing'],
      [1, 'field.missing'],
      [1, 'geometry.outside_city'],
    ]);
  });

  const frontage = (x0: number, x1: number) => ({
    type: 'LineString',
    coordinates: [
      [x0, 25.005],
      [x1, 25.005],
    ],
  });
  const shop = (id: string, props: Record<string, unknown>, geometry: unknown) => ({
    type: 'Feature',
    geometry,
    properties: { id, name_zh: `商铺${id}`, address: '测试路1号', ...props },
  });

  it('imports storefronts, resolving the grid from the frontage and measuring it in metres', async () => {
    const r = await run({
      kind: 'storefronts',
      content: fc(
        shop('S1', { duties: '卫生、秩序' }, frontage(102.601, 102.602)),
        shop('S2', { grid_code: `${CITY.full}002`, frontage_m: 12.5 }, frontage(102.611, 102.612)),
      ),
    });
    expect(r).toMatchObject({ ok: true, value: { count: 2 } });
    const rows = await db.query<{
      id: string;
      grid_code: string;
      frontage_m: number;
      duties: string;
    }>(
      "SELECT id, grid_code, frontage_m, array_to_string(duties, ',') AS duties FROM storefronts ORDER BY id",
    );
    expect(rows.rows[0]).toMatchObject({ id: 'S1', grid_code: G1, duties: 'clean,order' });
    expect(rows.rows[0]?.frontage_m).toBeCloseTo(100.9, 0);
    expect(rows.rows[1]).toMatchObject({ id: 'S2', frontage_m: 12.5 });
  });

  it('refuses storefronts from CSV with taken ids, frontages off their grid and bad duties', async () => {
    const csv = [
      'id,name_zh,address,grid_code,duties,wkt',
      `S1,店,路,,,"LINESTRING (102.601 25.005, 102.602 25.005)"`,
      `S3,店,路,${G1},,"LINESTRING (102.631 25.005, 102.632 25.005)"`,
      `S4,店,路,,洗车,"LINESTRING (102.601 25.005, 102.602 25.005)"`,
      `S5,店,路,,,"POINT (102.601 25.005)"`,
    ].join('\n');
    const before = await count('storefronts');
    const r = await run({ kind: 'storefronts', format: 'csv', content: csv });
    expect(await count('storefronts')).toBe(before);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.details.problems.map((p) => [p.index, p.code])).toEqual([
        [0, 'code.exists'],
        [1, 'location.not_in_grid'],
        [2, 'field.invalid'],
        [3, 'geometry.wrong_type'],
      ]);
    }
  });
});
