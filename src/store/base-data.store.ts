import type {
  ComponentRow,
  GridRow,
  GridStaffAssignmentRow,
  RegionRow,
  StaffRow,
  StorefrontRow,
  UnitRow,
} from '../domain/base-data/index.ts';
import type { Queryable } from './db.ts';

/**
 * Bulk inserts for the city's spatial base data (migrations 0002–0007). Each function sends one
 * `INSERT ... SELECT FROM unnest($1::type[], ...)` per chunk: a fixed number of parameters
 * whatever the row count, and the same SQL on PGlite and PostgreSQL. Geometry travels as GeoJSON
 * text (points as two float arrays) and is stored in EPSG:4326. Callers own the transaction.
 */

/** Rows per statement; bounded so one statement's parameters stay a few MB. */
const CHUNK = 10_000;

type Column<T> = {
  readonly name: string;
  /** element type of the parameter array, e.g. 'text', 'float8' */
  readonly type: string;
  readonly value: (row: T) => unknown;
  /** SQL over the unnested column `u.<name>`; default the column itself */
  readonly expr?: string;
  /** false: a parameter only, read by a computed column */
  readonly stored?: false;
};

async function insertRows<T>(
  q: Queryable,
  table: string,
  columns: readonly Column<T>[],
  rows: readonly T[],
  computed: readonly { name: string; expr: string }[] = [],
): Promise<number> {
  const stored = columns.filter((c) => c.stored !== false);
  const targets = [...stored.map((c) => c.name), ...computed.map((c) => c.name)].join(', ');
  const exprs = [...stored.map((c) => c.expr ?? `u.${c.name}`), ...computed.map((c) => c.expr)];
  const params = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
  const aliases = columns.map((c) => c.name).join(', ');
  const sql = `INSERT INTO ${table} (${targets}) SELECT ${exprs.join(', ')} FROM unnest(${params}) AS u(${aliases})`;
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    await q.query(
      sql,
      columns.map((c) => chunk.map(c.value)),
    );
  }
  return rows.length;
}

const GEOJSON = (col: string) => `ST_SetSRID(ST_GeomFromGeoJSON(u.${col}), 4326)`;
const json = (g: unknown): string | null => (g === null ? null : JSON.stringify(g));

const REGION_COLUMNS: readonly Column<RegionRow>[] = [
  { name: 'code', type: 'text', value: (r) => r.code },
  { name: 'level', type: 'text', value: (r) => r.level },
  { name: 'parent_code', type: 'text', value: (r) => r.parentCode },
  { name: 'district_code', type: 'text', value: (r) => r.districtCode },
  { name: 'name_zh', type: 'text', value: (r) => r.nameZh },
  { name: 'name_en', type: 'text', value: (r) => r.nameEn },
  { name: 'synthetic', type: 'bool', value: (r) => r.synthetic },
  { name: 'geom', type: 'text', value: (r) => json(r.geom), expr: GEOJSON('geom') },
];

/** Inserts regions; parents must come before their children (or already exist). */
export function insertRegions(q: Queryable, rows: readonly RegionRow[]): Promise<number> {
  return insertRows(q, 'regions', REGION_COLUMNS, rows);
}

const GRID_COLUMNS: readonly Column<GridRow>[] = [
  { name: 'code', type: 'text', value: (r) => r.code },
  { name: 'district_code', type: 'text', value: (r) => r.districtCode },
  { name: 'street_code', type: 'text', value: (r) => r.streetCode },
  { name: 'community_code', type: 'text', value: (r) => r.communityCode },
  { name: 'name_zh', type: 'text', value: (r) => r.nameZh },
  { name: 'area_class', type: 'int2', value: (r) => r.areaClass },
  { name: 'synthetic', type: 'bool', value: (r) => r.synthetic },
  { name: 'geom', type: 'text', value: (r) => json(r.geom), expr: GEOJSON('geom') },
];

/** Inserts unit grids (their communities must exist). Call bumpSpatialRevision after. */
export function insertGrids(q: Queryable, rows: readonly GridRow[]): Promise<number> {
  return insertRows(q, 'grids', GRID_COLUMNS, rows);
}

const STAFF_COLUMNS: readonly Column<StaffRow>[] = [
  { name: 'id', type: 'text', value: (r) => r.id },
  { name: 'district_code', type: 'text', value: (r) => r.districtCode },
  { name: 'name_zh', type: 'text', value: (r) => r.nameZh },
  { name: 'phone', type: 'text', value: (r) => r.phone },
];

export function insertStaff(q: Queryable, rows: readonly StaffRow[]): Promise<number> {
  return insertRows(q, 'staff', STAFF_COLUMNS, rows);
}

const ASSIGNMENT_COLUMNS: readonly Column<GridStaffAssignmentRow>[] = [
  { name: 'district_code', type: 'text', value: (r) => r.districtCode },
  { name: 'grid_code', type: 'text', value: (r) => r.gridCode },
  { name: 'staff_id', type: 'text', value: (r) => r.staffId },
  { name: 'tier', type: 'text', value: (r) => r.tier },
  { name: 'duty', type: 'text', value: (r) => r.duty },
];

export function insertGridStaffAssignments(
  q: Queryable,
  rows: readonly GridStaffAssignmentRow[],
): Promise<number> {
  return insertRows(q, 'grid_staff_assignments', ASSIGNMENT_COLUMNS, rows);
}

const COMPONENT_COLUMNS: readonly Column<ComponentRow>[] = [
  { name: 'code', type: 'text', value: (r) => r.code },
  { name: 'legacy_code', type: 'text', value: (r) => r.legacyCode },
  { name: 'district_code', type: 'text', value: (r) => r.districtCode },
  { name: 'category_code', type: 'text', value: (r) => r.categoryCode },
  { name: 'name_zh', type: 'text', value: (r) => r.nameZh },
  { name: 'competent_dept_code', type: 'text', value: (r) => r.competentDeptCode },
  { name: 'competent_dept_name', type: 'text', value: (r) => r.competentDeptName },
  { name: 'owner_code', type: 'text', value: (r) => r.ownerCode },
  { name: 'owner_name', type: 'text', value: (r) => r.ownerName },
  { name: 'maintainer_code', type: 'text', value: (r) => r.maintainerCode },
  { name: 'maintainer_name', type: 'text', value: (r) => r.maintainerName },
  { name: 'grid_code', type: 'text', value: (r) => r.gridCode },
  { name: 'status', type: 'text', value: (r) => r.status },
  { name: 'initial_date', type: 'date', value: (r) => r.initialDate },
  { name: 'change_date', type: 'date', value: (r) => r.changeDate },
  { name: 'data_source', type: 'text', value: (r) => r.dataSource },
  { name: 'remark', type: 'text', value: (r) => r.remark },
  { name: 'street_code', type: 'text', value: (r) => r.streetCode },
  { name: 'street_name', type: 'text', value: (r) => r.streetName },
  { name: 'community_code', type: 'text', value: (r) => r.communityCode },
  { name: 'community_name', type: 'text', value: (r) => r.communityName },
  { name: 'accuracy_class', type: 'text', value: (r) => r.accuracyClass },
  { name: 'lng', type: 'float8', value: (r) => r.geom.coordinates[0], stored: false },
  { name: 'lat', type: 'float8', value: (r) => r.geom.coordinates[1], stored: false },
];

/** Inserts components (管理部件); points are built with ST_MakePoint, no GeoJSON parsing. */
export function insertComponents(q: Queryable, rows: readonly ComponentRow[]): Promise<number> {
  return insertRows(q, 'components', COMPONENT_COLUMNS, rows, [
    { name: 'geom', expr: 'ST_SetSRID(ST_MakePoint(u.lng, u.lat), 4326)' },
  ]);
}

const STOREFRONT_COLUMNS: readonly Column<StorefrontRow>[] = [
  { name: 'id', type: 'text', value: (r) => r.id },
  { name: 'district_code', type: 'text', value: (r) => r.districtCode },
  { name: 'grid_code', type: 'text', value: (r) => r.gridCode },
  { name: 'name_zh', type: 'text', value: (r) => r.nameZh },
  { name: 'address', type: 'text', value: (r) => r.address },
  { name: 'operator_name', type: 'text', value: (r) => r.operatorName },
  { name: 'contact_phone', type: 'text', value: (r) => r.contactPhone },
  { name: 'licence_no', type: 'text', value: (r) => r.licenceNo },
  // A text[] per row cannot ride in a 1-D unnest array: send it comma-joined.
  {
    name: 'duties',
    type: 'text',
    value: (r) => r.duties.join(','),
    expr: "string_to_array(u.duties, ',')",
  },
  { name: 'frontage', type: 'text', value: (r) => json(r.frontage), expr: GEOJSON('frontage') },
  { name: 'frontage_m', type: 'float8', value: (r) => r.frontageM },
];

export function insertStorefronts(q: Queryable, rows: readonly StorefrontRow[]): Promise<number> {
  return insertRows(q, 'storefronts', STOREFRONT_COLUMNS, rows);
}

const UNIT_COLUMNS: readonly Column<UnitRow>[] = [
  { name: 'id', type: 'text', value: (r) => r.id },
  { name: 'parent_id', type: 'text', value: (r) => r.parentId },
  { name: 'district_code', type: 'text', value: (r) => r.districtCode },
  { name: 'region_code', type: 'text', value: (r) => r.regionCode },
  { name: 'kind', type: 'text', value: (r) => r.kind },
  { name: 'name_zh', type: 'text', value: (r) => r.nameZh },
  { name: 'name_en', type: 'text', value: (r) => r.nameEn },
  { name: 'credit_code', type: 'text', value: (r) => r.creditCode },
  { name: 'active', type: 'bool', value: (r) => r.active },
];

/** Inserts units; parents must come before their children (or already exist). */
export function insertUnits(q: Queryable, rows: readonly UnitRow[]): Promise<number> {
  return insertRows(q, 'units', UNIT_COLUMNS, rows);
}

/** Marks regions/grids as changed so every service copy rebuilds its locate index. */
export async function bumpSpatialRevision(q: Queryable): Promise<number> {
  const r = await q.query<{ revision: number }>(
    'UPDATE spatial_revision SET revision = revision + 1, changed_at = now() RETURNING revision::float8 AS revision',
  );
  return r.rows[0]?.revision ?? 0;
}

/** Number of unit grids, in one district or in all. */
export async function countGrids(q: Queryable, districtCode?: string): Promise<number> {
  const r =
    districtCode === undefined
      ? await q.query<{ n: number }>('SELECT count(*)::int AS n FROM grids')
      : await q.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM grids WHERE district_code = $1',
          [districtCode],
        );
  return r.rows[0]?.n ?? 0;
}

/** Serialises base-data loads (two service copies starting at once) until the transaction ends. */
export async function lockBaseDataLoad(q: Queryable): Promise<void> {
  await q.query('SELECT pg_advisory_xact_lock(4712)');
}
