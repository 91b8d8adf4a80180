import { csvLine } from '../shared/index.ts';
import type { ComponentRow, ComponentStatus, GridRow, RegionRow, StorefrontRow } from './types.ts';
import { toWkt } from './wkt.ts';

/**
 * How base-data rows leave gridloop: GeoJSON features (RFC 7946) and CSV lines with the same
 * column names the importers read, so an export imports back unchanged. Points are written as
 * lng/lat columns in CSV; polygons and lines as WKT.
 */
export type ExportKind = 'regions' | 'grids' | 'components' | 'storefronts';
export type ExportFormat = 'geojson' | 'csv';
/**
 * Column names: `plain` English snake_case (the default); `standard` writes components with the
 * GB/T 47678.5 Table 2 abbreviations (GLBJBSM ...), dates as YYYYMMDD and statuses in Chinese,
 * for exchange with other platforms. Both import back.
 */
export type ExportStyle = 'plain' | 'standard';

type Cell = string | number | boolean | null;
type ExportSpec<R> = {
  readonly columns: readonly (readonly [string, (r: R) => Cell])[];
  readonly geometry: (r: R) => Parameters<typeof toWkt>[0] | null;
  readonly csvPoint: boolean;
};

const REGION: ExportSpec<RegionRow> = {
  columns: [
    ['code', (r) => r.code],
    ['level', (r) => r.level],
    ['parent_code', (r) => r.parentCode],
    ['district_code', (r) => r.districtCode],
    ['name_zh', (r) => r.nameZh],
    ['name_en', (r) => r.nameEn],
    ['synthetic', (r) => r.synthetic],
  ],
  geometry: (r) => r.geom,
  csvPoint: false,
};

const GRID: ExportSpec<GridRow> = {
  columns: [
    ['code', (r) => r.code],
    ['name_zh', (r) => r.nameZh],
    ['district_code', (r) => r.districtCode],
    ['street_code', (r) => r.streetCode],
    ['community_code', (r) => r.communityCode],
    ['area_class', (r) => r.areaClass],
    ['synthetic', (r) => r.synthetic],
  ],
  geometry: (r) => r.geom,
  csvPoint: false,
};

/** The 18 attributes of GB/T 47678.5 Table 2 in table order, then gridloop's own columns. */
const COMPONENT: ExportSpec<ComponentRow> = {
  columns: [
    ['code', (r) => r.code],
    ['name_zh', (r) => r.nameZh],
    ['competent_dept_code', (r) => r.competentDeptCode],
    ['competent_dept_name', (r) => r.competentDeptName],
    ['owner_code', (r) => r.ownerCode],
    ['owner_name', (r) => r.ownerName],
    ['maintainer_code', (r) => r.maintainerCode],
    ['maintainer_name', (r) => r.maintainerName],
    ['grid_code', (r) => r.gridCode],
    ['status', (r) => r.status],
    ['initial_date', (r) => r.initialDate],
    ['change_date', (r) => r.changeDate],
    ['data_source', (r) => r.dataSource],
    ['remark', (r) => r.remark],
    ['street_code', (r) => r.streetCode],
    ['street_name', (r) => r.streetName],
    ['community_code', (r) => r.communityCode],
    ['community_name', (r) => r.communityName],
    ['legacy_code', (r) => r.legacyCode],
    ['category_code', (r) => r.categoryCode],
    ['accuracy_class', (r) => r.accuracyClass],
  ],
  geometry: (r) => r.geom,
  csvPoint: true,
};

const STATUS_ZH: Readonly<Record<ComponentStatus, string>> = {
  intact: '完好',
  damaged: '破损',
  missing: '丢失',
  abandoned: '废弃',
  removed: '移除',
  occupied: '占用',
};
const compactDate = (d: string | null): string | null => (d === null ? null : d.replace(/-/g, ''));

/** GB/T 47678.5 Table 2 abbreviations, in table order, then gridloop's own columns. */
const COMPONENT_STANDARD: ExportSpec<ComponentRow> = {
  ...COMPONENT,
  columns: [
    ['GLBJBSM', (r) => r.code],
    ['GLBJMC', (r) => r.nameZh],
    ['ZGBMDM', (r) => r.competentDeptCode],
    ['ZGBMMC', (r) => r.competentDeptName],
    ['QSDWDM', (r) => r.ownerCode],
    ['QSDWMC', (r) => r.ownerName],
    ['YHDWDM', (r) => r.maintainerCode],
    ['YHDWMC', (r) => r.maintainerName],
    ['SZDYWGBSM', (r) => r.gridCode],
    ['GLBJZT', (r) => STATUS_ZH[r.status]],
    ['CSRQ', (r) => compactDate(r.initialDate)],
    ['BGRQ', (r) => compactDate(r.changeDate)],
    ['SJLY', (r) => r.dataSource],
    ['BZ', (r) => r.remark],
    ['SZJDDM', (r) => r.streetCode],
    ['SZJDMC', (r) => r.streetName],
    ['SZSQDM', (r) => r.communityCode],
    ['SZSQMC', (r) => r.communityName],
    ['legacy_code', (r) => r.legacyCode],
    ['category_code', (r) => r.categoryCode],
    ['accuracy_class', (r) => r.accuracyClass],
  ],
};

const STOREFRONT: ExportSpec<StorefrontRow> = {
  columns: [
    ['id', (r) => r.id],
    ['name_zh', (r) => r.nameZh],
    ['address', (r) => r.address],
    ['grid_code', (r) => r.gridCode],
    ['district_code', (r) => r.districtCode],
    ['operator_name', (r) => r.operatorName],
    ['contact_phone', (r) => r.contactPhone],
    ['licence_no', (r) => r.licenceNo],
    ['duties', (r) => r.duties.join(',')],
    ['frontage_m', (r) => r.frontageM],
  ],
  geometry: (r) => r.frontage,
  csvPoint: false,
};

export type ExportRow = {
  regions: RegionRow;
  grids: GridRow;
  components: ComponentRow;
  storefronts: StorefrontRow;
};

const SPECS: { readonly [K in ExportKind]: ExportSpec<ExportRow[K]> } = {
  regions: REGION,
  grids: GRID,
  components: COMPONENT,
  storefronts: STOREFRONT,
};

function specOf<K extends ExportKind>(kind: K, style: ExportStyle): ExportSpec<ExportRow[K]> {
  const spec = kind === 'components' && style === 'standard' ? COMPONENT_STANDARD : SPECS[kind];
  return spec as ExportSpec<ExportRow[K]>;
}

/** The CSV header line of an export. */
export function csvHeader(kind: ExportKind, style: ExportStyle = 'plain'): string {
  const spec = specOf(kind, style);
  const names = spec.columns.map(([n]) => n);
  return csvLine(spec.csvPoint ? [...names, 'lng', 'lat'] : [...names, 'wkt']);
}

/** One row as a CSV line (CRLF-terminated). */
export function toCsvLine<K extends ExportKind>(
  kind: K,
  row: ExportRow[K],
  style: ExportStyle = 'plain',
): string {
  const spec = specOf(kind, style);
  const values = spec.columns.map(([, v]) => v(row));
  const g = spec.geometry(row);
  if (spec.csvPoint) {
    const p = g?.type === 'Point' ? g.coordinates : null;
    return csvLine([...values, p?.[0] ?? null, p?.[1] ?? null]);
  }
  return csvLine([...values, g === null ? null : toWkt(g)]);
}

/** One row as a GeoJSON Feature (JSON text), the identifier also as the feature id. */
export function toFeatureJson<K extends ExportKind>(
  kind: K,
  row: ExportRow[K],
  style: ExportStyle = 'plain',
): string {
  const spec = specOf(kind, style);
  const properties: Record<string, Cell> = {};
  for (const [name, v] of spec.columns) properties[name] = v(row);
  const id = spec.columns[0]?.[1](row) ?? null;
  return JSON.stringify({ type: 'Feature', id, geometry: spec.geometry(row), properties });
}

/** The text before and after the features of a streamed FeatureCollection. */
export const FEATURE_COLLECTION_OPEN = '{"type":"FeatureCollection","features":[\n';
export const FEATURE_COLLECTION_CLOSE = '\n]}\n';
