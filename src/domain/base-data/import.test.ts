import { describe, expect, it } from 'vitest';
import { readComponentCode, type ComponentCategoryLookup } from './codes.ts';
import { validateComponentRecords } from './component-import.ts';
import { csvLine, parseCsv } from '../shared/index.ts';
import { csvHeader, toCsvLine, toFeatureJson } from './export-format.ts';
import { validateGridRecords } from './grid-import.ts';
import { checkLineString, checkPoint, checkPolygonal } from './import-geometry.ts';
import { parseDate } from './import-fields.ts';
import { refuseImport, importProblem, MAX_LISTED_PROBLEMS } from './import-problem.ts';
import { decodeText, readCsv, readGeoJson, type SourceRecord } from './import-source.ts';
import { validateRegionRecords } from './region-import.ts';
import { validateStorefrontRecords } from './storefront-import.ts';
import { parseWkt, toWkt } from './wkt.ts';

const codes = (r: { ok: boolean; error?: unknown }) =>
  r.ok ? [] : (r.error as { code: string }[]).map((p) => p.code);

const square = [
  [102.6, 25.0],
  [102.61, 25.0],
  [102.61, 25.01],
  [102.6, 25.01],
  [102.6, 25.0],
];

describe('geometry structure checks', () => {
  it.each([
    ['a closed polygon', { type: 'Polygon', coordinates: [square] }, []],
    ['a multipolygon', { type: 'MultiPolygon', coordinates: [[square]] }, []],
    ['no geometry', null, ['geometry.missing']],
    [
      'a point where a polygon is expected',
      { type: 'Point', coordinates: [1, 2] },
      ['geometry.wrong_type'],
    ],
    [
      'an unclosed ring',
      { type: 'Polygon', coordinates: [square.slice(0, 4)] },
      ['geometry.ring_unclosed'],
    ],
    [
      'a ring of three positions',
      { type: 'Polygon', coordinates: [[square[0], square[1], square[0]]] },
      ['geometry.ring_too_short'],
    ],
    [
      'a ring whose last position differs from the first',
      { type: 'Polygon', coordinates: [[...square.slice(0, 4), [102.6, 25.001]]] },
      ['geometry.ring_unclosed'],
    ],
    [
      'text coordinates',
      { type: 'Polygon', coordinates: [[['a', 'b'], ...square]] },
      ['geometry.not_a_number'],
    ],
    [
      'metres of a projected CRS',
      { type: 'Polygon', coordinates: [[[11420000, 2880000], ...square]] },
      ['geometry.projected_coordinates'],
    ],
    [
      'latitude beyond 90',
      { type: 'Polygon', coordinates: [[[102.6, 95], ...square]] },
      ['geometry.projected_coordinates'],
    ],
    ['rings that are not arrays', { type: 'Polygon', coordinates: 'x' }, ['geometry.malformed']],
  ])('polygonal: %s', (_what, g, expected) => {
    expect(codes(checkPolygonal(0, g))).toEqual(expected);
  });

  it('returns a Polygon as a MultiPolygon and drops altitudes', () => {
    const r = checkPolygonal(0, {
      type: 'Polygon',
      coordinates: [square.map(([x, y]) => [x, y, 1900])],
    });
    expect(r).toMatchObject({ ok: true, value: { type: 'MultiPolygon', coordinates: [[square]] } });
  });

  it.each([
    [{ type: 'Point', coordinates: [102.6, 25] }, []],
    [{ type: 'Point', coordinates: [Number.NaN, 25] }, ['geometry.not_a_number']],
    [{ type: 'Point', coordinates: [102.6] }, ['geometry.malformed']],
  ])('point %j', (g, expected) => {
    expect(codes(checkPoint(3, g))).toEqual(expected);
  });

  it.each([
    [
      {
        type: 'LineString',
        coordinates: [
          [102.6, 25],
          [102.61, 25],
        ],
      },
      [],
    ],
    [{ type: 'LineString', coordinates: [[102.6, 25]] }, ['geometry.malformed']],
  ])('line %j', (g, expected) => {
    expect(codes(checkLineString(3, g))).toEqual(expected);
  });
});

describe('reading files', () => {
  it.each([
    ['{', 'file.not_json'],
    ['[]', 'file.not_feature_collection'],
    ['{"type":"FeatureCollection","features":[]}', 'file.empty'],
    [
      '{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:4490"}},"features":[]}',
      'file.crs_unsupported',
    ],
  ])('refuses the GeoJSON text %s at file level', (text, code) => {
    const r = readGeoJson(text);
    expect(r.records).toEqual([]);
    expect(r.problems.map((p) => [p.index, p.code])).toEqual([[null, code]]);
  });

  it.each(['urn:ogc:def:crs:OGC:1.3:CRS84', 'EPSG:4326', 'urn:ogc:def:crs:EPSG::4326'])(
    'accepts a legacy crs member naming %s',
    (name) => {
      const doc = {
        type: 'FeatureCollection',
        crs: { type: 'name', properties: { name } },
        features: [{ type: 'Feature', properties: null, geometry: null }],
      };
      expect(readGeoJson(doc).problems).toEqual([]);
    },
  );

  it('reads CSV with a BOM, quoted commas, line breaks in quotes and lng/lat columns', () => {
    const r = readCsv(
      '\uFEFFcode,remark,lng,lat\r\n1,"a, ""b""\nc",102.6,25\r\n\r\n2,,102.7,25.1\r\n',
    );
    expect(r.problems).toEqual([]);
    expect(r.records).toEqual([
      {
        index: 0,
        line: 2,
        props: { code: '1', remark: 'a, "b"\nc' },
        geometry: { type: 'Point', coordinates: [102.6, 25] },
      },
      {
        index: 1,
        line: 5,
        props: { code: '2' },
        geometry: { type: 'Point', coordinates: [102.7, 25.1] },
      },
    ]);
  });

  it.each([
    ['code,name\n1,"open', 'file.csv_malformed'],
    ['code,name\n1,a\n', 'file.csv_missing_column'],
    ['code,wkt\n', 'file.empty'],
  ])('refuses the CSV %j at file level', (text, code) => {
    expect(readCsv(text).problems.map((p) => p.code)).toEqual([code]);
  });

  it('reports rows with the wrong number of cells and keeps reading', () => {
    const r = readCsv('code,wkt\n1,"POINT (1 2)",extra\n2,"POINT (1 2)"\n');
    expect(r.problems.map((p) => [p.index, p.line, p.code])).toEqual([
      [0, 2, 'file.csv_column_count'],
    ]);
    expect(r.records.map((x) => x.index)).toEqual([1]);
  });

  it.each([
    ['UTF-8', [0xe7, 0xbd, 0x91, 0xe6, 0xa0, 0xbc]],
    ['GBK as saved by Chinese Excel', [0xcd, 0xf8, 0xb8, 0xf1]],
  ])('decodes a %s file', (_what, bytes) => {
    expect(decodeText(new Uint8Array(bytes))).toBe('网格');
  });

  it('round-trips CSV cells', () => {
    const cells = ['a', 'b,c', 'say "hi"', 'two\nlines', ''];
    const parsed = parseCsv(csvLine(cells));
    expect(parsed).toEqual({ ok: true, value: [{ line: 1, cells }] });
  });
});

describe('WKT', () => {
  it.each([
    ['POINT (102.6 25)', { type: 'Point', coordinates: [102.6, 25] }],
    ['SRID=4326;POINT Z (102.6 25 1900)', { type: 'Point', coordinates: [102.6, 25] }],
    [
      'LINESTRING (1 2, 3 4)',
      {
        type: 'LineString',
        coordinates: [
          [1, 2],
          [3, 4],
        ],
      },
    ],
    [
      'polygon ((0 0, 1 0, 1 1, 0 0))',
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      },
    ],
    [
      'MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)))',
      {
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [0, 0],
              [1, 0],
              [1, 1],
              [0, 0],
            ],
          ],
        ],
      },
    ],
  ])('reads %s', (text, geometry) => {
    expect(parseWkt(text)).toEqual({ ok: true, value: geometry });
  });

  it.each([
    'SRID=3857;POINT (1 2)',
    'CIRCLE (1 2)',
    'POINT (1 2, 3 4)',
    'POLYGON (0 0, 1 0)',
    'POINT (1)',
    'POINT (1 2) trailing',
    'POLYGON ((0 0, 1 0, 1 1, 0 0)',
  ])('refuses %s', (text) => {
    expect(parseWkt(text).ok).toBe(false);
  });

  it('writes what it reads', () => {
    const g = { type: 'MultiPolygon' as const, coordinates: [[square as [number, number][]]] };
    expect(parseWkt(toWkt(g))).toEqual({ ok: true, value: g });
  });
});

const lookup: ComponentCategoryLookup = {
  isComponentCategory: (c) => ['01001', '01002', '02001'].includes(c),
  currentForLegacy: (c) => (c === '0101' ? '01001' : null),
};

describe('component identifiers (GB/T 47678.5 17 digits; legacy CJ/T 214 16 digits)', () => {
  it.each([
    ['53010201001000001', { code: '53010201001000001', legacyCode: null, categoryCode: '01001' }],
    [
      '5301020101000007',
      { code: '53010201001000007', legacyCode: '5301020101000007', categoryCode: '01001' },
    ],
  ])('reads %s', (value, expected) => {
    expect(readComponentCode(0, value, lookup)).toEqual({
      ok: true,
      value: { districtCode: '530102', ...expected },
    });
  });

  it.each([
    ['5301020102000007', 'component.legacy_code_unmapped'],
    ['53010209999000001', 'component.unknown_category'],
    ['5301020100100000', 'component.legacy_code_unmapped'],
    ['530102010010000011', 'code.wrong_shape'],
    ['53010201001A00001', 'code.wrong_shape'],
  ])('refuses %s with %s', (value, code) => {
    const r = readComponentCode(0, value, lookup);
    expect(r.ok ? null : r.error.code).toBe(code);
  });
});

describe('dates (GB/T 47678.5 日期型 YYYYMMDD)', () => {
  it.each([
    ['20250301', '2025-03-01'],
    ['2024-02-29', '2024-02-29'],
    ['20230229', null],
    ['19001301', null],
    ['2025-3-1', null],
    ['20250431', null],
  ])('%s → %s', (v, expected) => {
    expect(parseDate(v)).toBe(expected);
  });
});

const rec = (index: number, props: Record<string, unknown>, geometry: unknown): SourceRecord => ({
  index,
  props,
  geometry,
});
const gridPoly = { type: 'Polygon', coordinates: [square] };

describe('record validation', () => {
  it.each([
    [{ code: '530102001001001', name_zh: 'a' }, []],
    [{ code: '530102001001001', name: 'a', community_code: '530102001001', area_class: 2 }, []],
    [
      { code: '530102001001001', name_zh: 'a', community_code: '530102001002' },
      ['code.prefix_mismatch'],
    ],
    [{ code: '530102001001001', name_zh: 'a', area_class: 3 }, ['field.invalid']],
    [{ code: '53010200100100A', name_zh: 'a' }, ['code.wrong_shape']],
    [{ name_zh: 'a' }, ['field.missing']],
  ])('grid %j', (props, expected) => {
    expect(validateGridRecords([rec(0, props, gridPoly)]).problems.map((p) => p.code)).toEqual(
      expected,
    );
  });

  it('reports a grid code repeated in the file at the later feature, naming the first', () => {
    const r = validateGridRecords([
      rec(0, { code: '530102001001001', name_zh: 'a' }, gridPoly),
      rec(1, { code: '530102001001001', name_zh: 'b' }, gridPoly),
    ]);
    expect(r.problems).toEqual([
      expect.objectContaining({ index: 1, code: 'code.duplicate_in_file' }),
    ]);
    expect(r.problems[0]?.reasonZh).toContain('第 0 条');
  });

  const component = {
    GLBJBSM: '53010201001000001',
    GLBJMC: '井盖',
    ZGBMDM: '1',
    ZGBMMC: '局',
    GLBJZT: '破损',
    CSRQ: '20250301',
  };
  it.each([
    [{}, []],
    [{ 'glbjbsm ': '53010201001000002' }, []],
    [{ status: 'occupied' }, []],
    [{ SZDYWGBSM: '530103001001001' }, ['code.prefix_mismatch']],
    [{ SZDYWGBSM: '530102001001001', SZJDDM: '530102002' }, ['code.prefix_mismatch']],
    [{ SZSQDM: '5301020010' }, ['code.wrong_shape']],
    [{ category_code: '01002' }, ['code.prefix_mismatch']],
    [{ accuracy_class: 'D' }, ['field.invalid']],
    [{ BGRQ: 'yesterday' }, ['field.invalid']],
    [{ SJLY: 'x'.repeat(31) }, ['field.too_long']],
    [{ GLBJZT: undefined, CSRQ: undefined }, ['field.missing', 'field.missing']],
  ])('component with %j', (over, expected) => {
    const props = { ...component, ...over };
    const r = validateComponentRecords(
      [rec(0, props, { type: 'Point', coordinates: [102.6, 25] })],
      {
        categories: lookup,
      },
    );
    expect(r.problems.map((p) => p.code)).toEqual(expected);
    expect(r.drafts).toHaveLength(expected.length === 0 ? 1 : 0);
  });

  it.each([
    [{}, []],
    [{ duties: ['green', 'order'] }, []],
    [{ duties: '卫生，绿化' }, []],
    [{ duties: 'wash' }, ['field.invalid']],
    [{ frontage_m: -3 }, ['field.invalid']],
    [{ grid_code: '530103001001001' }, ['code.district_mismatch']],
    [{ address: undefined }, ['field.missing']],
  ])('storefront with %j in district 530102', (over, expected) => {
    const props = { id: 'S1', name_zh: '店', address: '路', ...over };
    const line = {
      type: 'LineString',
      coordinates: [
        [102.6, 25],
        [102.61, 25],
      ],
    };
    const r = validateStorefrontRecords([rec(0, props, line)], { district: '530102' });
    expect(r.problems.map((p) => p.code)).toEqual(expected);
  });
});

describe('refusal', () => {
  it('lists file-level problems first, then by index, at most 1,000, with the total', () => {
    const many = Array.from({ length: 1500 }, (_, i) =>
      importProblem(1500 - i, 'field.missing', { field: 'x' }),
    );
    const r = refuseImport([...many, importProblem(null, 'file.empty')]);
    expect(r.details.count).toBe(1501);
    expect(r.details.listed).toBe(MAX_LISTED_PROBLEMS);
    expect(r.details.problems[0]?.index).toBeNull();
    expect(r.details.problems[1]?.index).toBe(1);
  });
});

describe('export formats', () => {
  const grid = {
    code: '530102001001001',
    districtCode: '530102',
    streetCode: '530102001',
    communityCode: '530102001001',
    nameZh: '网格, 一',
    areaClass: 1 as const,
    synthetic: true,
    geom: { type: 'MultiPolygon' as const, coordinates: [[square as [number, number][]]] },
  };

  it('writes a grid as a CSV line that the grid importer reads back', () => {
    const text = csvHeader('grids') + toCsvLine('grids', grid);
    const read = readCsv(text);
    expect(read.problems).toEqual([]);
    const v = validateGridRecords(read.records);
    expect(v.problems).toEqual([]);
    expect(v.drafts[0]?.row).toEqual(grid);
  });

  it('writes a grid as a GeoJSON feature with its code as id', () => {
    expect(JSON.parse(toFeatureJson('grids', grid))).toMatchObject({
      type: 'Feature',
      id: grid.code,
      properties: { code: grid.code, name_zh: '网格, 一', area_class: 1, synthetic: true },
      geometry: grid.geom,
    });
  });
});

describe('region records', () => {
  it.each([
    [{ code: '530102001', name_zh: 'a' }, [], 'street', '530102'],
    [{ code: '530102001001', name_zh: 'a', level: '社区' }, [], 'community', '530102001'],
    [{ code: '530102', name_zh: 'a', parent_code: '530100' }, [], 'district', '530100'],
    [{ code: '530100', name_zh: 'a', level: 'city' }, [], 'city', null],
    [{ code: '530102', name_zh: 'a' }, ['field.invalid'], null, null],
    [{ code: '530102001', name_zh: 'a', level: 'community' }, ['field.invalid'], null, null],
    [
      { code: '530102001', name_zh: 'a', parent_code: '530103' },
      ['code.prefix_mismatch'],
      null,
      null,
    ],
    [{ code: '530102001', name_zh: 'a', level: 'province' }, ['field.invalid'], null, null],
  ])('%j', (props, expected, level, parent) => {
    const r = validateRegionRecords([rec(0, props, gridPoly)]);
    expect(r.problems.map((p) => p.code)).toEqual(expected);
    if (level !== null) expect(r.drafts[0]?.row).toMatchObject({ level, parentCode: parent });
  });

  it('returns parents before children', () => {
    const r = validateRegionRecords([
      rec(0, { code: '530103001001', name_zh: 'c' }, gridPoly),
      rec(1, { code: '530103', name_zh: 'd', parent_code: '530100' }, gridPoly),
      rec(2, { code: '530103001', name_zh: 's' }, gridPoly),
    ]);
    expect(r.drafts.map((d) => d.index)).toEqual([1, 2, 0]);
  });

  it.each([
    [undefined, false],
    ['true', true],
    ['是', true],
    ['0', false],
    [true, true],
  ])('reads the synthetic flag %j as %j', (synthetic, expected) => {
    const r = validateRegionRecords([
      rec(0, { code: '530103001901', name_zh: 'c', synthetic }, gridPoly),
    ]);
    expect(r.problems).toEqual([]);
    expect(r.drafts[0]?.row.synthetic).toBe(expected);
  });

  it('refuses a synthetic flag that is not yes or no', () => {
    const r = validateRegionRecords([
      rec(0, { code: '530103001901', name_zh: 'c', synthetic: 'maybe' }, gridPoly),
    ]);
    expect(r.problems.map((p) => [p.code, p.field])).toEqual([['field.invalid', 'synthetic']]);
  });
});
