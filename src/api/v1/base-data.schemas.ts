import { Type, type Static } from '@sinclair/typebox';

/** TypeBox schemas for importing and exporting the spatial base data (validation and OpenAPI). */

const District = Type.String({
  pattern: '^[0-9]{6}$',
  description: '区县代码 6-digit district code',
});

export const ImportQuery = Type.Object({
  district: Type.Optional(District),
  dry_run: Type.Optional(
    Type.Boolean({ description: '只校验不写入 validate only, write nothing', default: false }),
  ),
});

// The body is read as text by the route's own parsers and checked by the importer, so that a
// file that is not JSON or not a FeatureCollection gets the same 422 problem list as any other.
export const ImportBody = {
  content: {
    'application/geo+json': {
      schema: Type.Unknown({ description: 'GeoJSON FeatureCollection (RFC 7946, WGS84)' }),
    },
    'application/json': { schema: Type.Unknown({ description: 'GeoJSON FeatureCollection' }) },
    'text/csv': {
      schema: Type.String({
        description:
          'CSV (UTF-8, 可带 BOM): WKT 列 wkt/geometry，或点的 lng/lat 列；部件可用 GLBJBSM 等标准缩写作表头 ' +
          'WKT column, or lng/lat for points; component headers may be the GB/T 47678.5 abbreviations',
      }),
    },
  },
};

export const ImportSummarySchema = Type.Object({
  kind: Type.Union([
    Type.Literal('regions'),
    Type.Literal('grids'),
    Type.Literal('components'),
    Type.Literal('storefronts'),
  ]),
  count: Type.Integer({
    description: '写入（试运行时为将写入）的行数 rows written (or to be written)',
  }),
  dry_run: Type.Boolean(),
  spatial_revision: Type.Union([Type.Integer(), Type.Null()], {
    description: '区划或网格导入后的空间版本号 spatial revision after a region or grid import',
  }),
});

const Problem = Type.Object({
  index: Type.Union([Type.Integer(), Type.Null()], {
    description:
      '要素序号（从 0 起）或 CSV 数据行序号；null 表示整个文件 0-based feature or CSV row',
  }),
  line: Type.Optional(Type.Integer({ description: 'CSV 行号（表头为第 1 行）CSV line' })),
  field: Type.Optional(Type.String()),
  code: Type.String({ description: '问题代码 problem code, e.g. geometry.ring_unclosed' }),
  reason_zh: Type.String(),
  reason_en: Type.String(),
});

export const ImportRefusalSchema = Type.Object({
  code: Type.Literal('import.invalid'),
  message: Type.Object({ zh: Type.String(), en: Type.String() }),
  details: Type.Object({
    count: Type.Integer({ description: '问题总数 total number of problems' }),
    listed: Type.Integer({
      description: '列出的问题数（最多 1000）problems listed (at most 1,000)',
    }),
    problems: Type.Array(Problem),
  }),
});

const Format = Type.Optional(
  Type.Union([Type.Literal('geojson'), Type.Literal('csv')], {
    description: '导出格式 geojson (default) or csv',
    default: 'geojson',
  }),
);
const Bom = Type.Optional(
  Type.Boolean({ description: 'CSV 加 UTF-8 BOM，便于 Excel 打开 add a UTF-8 BOM for Excel' }),
);

export const ExportQuery = Type.Object({
  district: Type.Optional(District),
  format: Format,
  bom: Bom,
});
export type ExportQueryT = Static<typeof ExportQuery>;

export const ComponentExportQuery = Type.Object({
  district: Type.Optional(District),
  grid: Type.Optional(
    Type.String({ pattern: '^[0-9]{15}$', description: '网格编码 15-digit grid code' }),
  ),
  category: Type.Optional(
    Type.String({
      pattern: '^[0-9]{2}([0-9]{3})?$',
      description: '部件类别：5 位小类或 2 位大类 5-digit category or 2-digit big class',
    }),
  ),
  format: Format,
  bom: Bom,
  headers: Type.Optional(
    Type.Union([Type.Literal('plain'), Type.Literal('standard')], {
      description:
        '列名：plain 英文（默认），standard 用 GB/T 47678.5 表 2 缩写（GLBJBSM…，日期 YYYYMMDD，状态中文） ' +
        'column names: plain English (default) or the GB/T 47678.5 Table 2 abbreviations',
    }),
  ),
});

export const ExportResponse = {
  200: {
    description:
      'GeoJSON FeatureCollection (application/geo+json) 或 CSV (text/csv)，分页流式输出 streamed',
    content: {
      'application/geo+json': { schema: Type.Unknown() },
      'text/csv': { schema: Type.String() },
    },
  },
};
