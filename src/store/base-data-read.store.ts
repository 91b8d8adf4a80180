import type {
  AccuracyClass,
  ComponentRow,
  ComponentStatus,
  GridRow,
  LineStringGeometry,
  MultiPolygonGeometry,
  RegionLevel,
  RegionRow,
  StorefrontDuty,
  StorefrontRow,
} from '../domain/base-data/index.ts';
import type { Queryable } from './db.ts';

/**
 * Paged reads of the base data for export: keyset pages ordered by the primary key, so a
 * million-row export never holds more than one page. `after` is the last key of the previous page.
 */
export type PageQuery = {
  readonly district?: string | undefined;
  readonly after?: string | undefined;
  readonly limit: number;
};

export type ComponentPageQuery = PageQuery & {
  readonly grid?: string | undefined;
  /** 5-digit category code (big 2 + small 3), or a 2-digit big class */
  readonly category?: string | undefined;
};

const geo = <G>(text: string | null): G | null => (text === null ? null : (JSON.parse(text) as G));

type RegionDbRow = {
  code: string;
  level: RegionLevel;
  parent_code: string | null;
  district_code: string;
  name_zh: string;
  name_en: string | null;
  synthetic: boolean;
  geom: string | null;
};

/** Regions of one district (its own row and everything below) or of the whole city. */
export async function readRegionsPage(q: Queryable, p: PageQuery): Promise<RegionRow[]> {
  const r = await q.query<RegionDbRow>(
    `SELECT code, level, parent_code, district_code, name_zh, name_en, synthetic,
       ST_AsGeoJSON(geom) AS geom
     FROM regions WHERE ($1::text IS NULL OR district_code = $1) AND ($2::text IS NULL OR code > $2)
     ORDER BY code LIMIT $3`,
    [p.district ?? null, p.after ?? null, p.limit],
  );
  return r.rows.map((x) => ({
    code: x.code,
    level: x.level,
    parentCode: x.parent_code,
    districtCode: x.district_code,
    nameZh: x.name_zh,
    nameEn: x.name_en,
    synthetic: x.synthetic,
    geom: geo<MultiPolygonGeometry>(x.geom),
  }));
}

type GridDbRow = {
  code: string;
  district_code: string;
  street_code: string;
  community_code: string;
  name_zh: string;
  area_class: number;
  synthetic: boolean;
  geom: string;
};

export async function readGridsPage(q: Queryable, p: PageQuery): Promise<GridRow[]> {
  const r = await q.query<GridDbRow>(
    `SELECT code, district_code, street_code, community_code, name_zh, area_class, synthetic,
       ST_AsGeoJSON(geom) AS geom
     FROM grids
     WHERE ($1::text IS NULL OR district_code = $1) AND ($2::text IS NULL OR code > $2::bpchar)
     ORDER BY code LIMIT $3`,
    [p.district ?? null, p.after ?? null, p.limit],
  );
  return r.rows.map((x) => ({
    code: x.code,
    districtCode: x.district_code,
    streetCode: x.street_code,
    communityCode: x.community_code,
    nameZh: x.name_zh,
    areaClass: x.area_class === 2 ? 2 : 1,
    synthetic: x.synthetic,
    geom: JSON.parse(x.geom) as MultiPolygonGeometry,
  }));
}

type ComponentDbRow = {
  code: string;
  legacy_code: string | null;
  district_code: string;
  category_code: string;
  name_zh: string;
  competent_dept_code: string;
  competent_dept_name: string;
  owner_code: string | null;
  owner_name: string | null;
  maintainer_code: string | null;
  maintainer_name: string | null;
  grid_code: string;
  status: ComponentStatus;
  initial_date: string;
  change_date: string | null;
  data_source: string | null;
  remark: string | null;
  street_code: string | null;
  street_name: string | null;
  community_code: string | null;
  community_name: string | null;
  accuracy_class: AccuracyClass | null;
  lng: number;
  lat: number;
};

/** Components filtered by district, grid and category (5-digit code or 2-digit big class). */
export async function readComponentsPage(
  q: Queryable,
  p: ComponentPageQuery,
): Promise<ComponentRow[]> {
  const r = await q.query<ComponentDbRow>(
    `SELECT code, legacy_code, district_code, category_code, name_zh, competent_dept_code,
       competent_dept_name, owner_code, owner_name, maintainer_code, maintainer_name, grid_code,
       status, initial_date::text AS initial_date, change_date::text AS change_date, data_source,
       remark, street_code, street_name, community_code, community_name, accuracy_class,
       ST_X(geom) AS lng, ST_Y(geom) AS lat
     FROM components
     WHERE ($1::text IS NULL OR district_code = $1) AND ($2::text IS NULL OR code > $2::bpchar)
       AND ($3::text IS NULL OR grid_code = $3) AND ($4::text IS NULL OR category_code LIKE $4 || '%')
     ORDER BY code LIMIT $5`,
    [p.district ?? null, p.after ?? null, p.grid ?? null, p.category ?? null, p.limit],
  );
  return r.rows.map((x) => ({
    code: x.code.trim(),
    legacyCode: x.legacy_code?.trim() ?? null,
    districtCode: x.district_code,
    categoryCode: x.category_code,
    nameZh: x.name_zh,
    competentDeptCode: x.competent_dept_code,
    competentDeptName: x.competent_dept_name,
    ownerCode: x.owner_code,
    ownerName: x.owner_name,
    maintainerCode: x.maintainer_code,
    maintainerName: x.maintainer_name,
    gridCode: x.grid_code,
    status: x.status,
    initialDate: x.initial_date,
    changeDate: x.change_date,
    dataSource: x.data_source,
    remark: x.remark,
    streetCode: x.street_code,
    streetName: x.street_name,
    communityCode: x.community_code,
    communityName: x.community_name,
    accuracyClass: x.accuracy_class,
    geom: { type: 'Point', coordinates: [x.lng, x.lat] },
  }));
}

type StorefrontDbRow = {
  id: string;
  district_code: string;
  grid_code: string;
  name_zh: string;
  address: string;
  operator_name: string | null;
  contact_phone: string | null;
  licence_no: string | null;
  duties: string;
  frontage: string;
  frontage_m: number;
};

export async function readStorefrontsPage(q: Queryable, p: PageQuery): Promise<StorefrontRow[]> {
  const r = await q.query<StorefrontDbRow>(
    `SELECT id, district_code, grid_code, name_zh, address, operator_name, contact_phone,
       licence_no, array_to_string(duties, ',') AS duties, ST_AsGeoJSON(frontage) AS frontage,
       frontage_m
     FROM storefronts WHERE ($1::text IS NULL OR district_code = $1) AND ($2::text IS NULL OR id > $2)
     ORDER BY id LIMIT $3`,
    [p.district ?? null, p.after ?? null, p.limit],
  );
  return r.rows.map((x) => ({
    id: x.id,
    districtCode: x.district_code,
    gridCode: x.grid_code,
    nameZh: x.name_zh,
    address: x.address,
    operatorName: x.operator_name,
    contactPhone: x.contact_phone,
    licenceNo: x.licence_no,
    duties: x.duties === '' ? [] : (x.duties.split(',') as StorefrontDuty[]),
    frontage: JSON.parse(x.frontage) as LineStringGeometry,
    frontageM: x.frontage_m,
  }));
}
