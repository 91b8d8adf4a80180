import type { ScopeFilter } from '../domain/access/index.ts';
import type { MultiPolygonCoords } from '../domain/geo/index.ts';
import type { Queryable } from './db.ts';

/**
 * What the map's vector tiles draw, read by bounding box with the same SQL on PGlite and
 * PostgreSQL (the tile itself is encoded in domain/geo mvt.ts: ST_AsMVT needs protobuf-c, which
 * the embedded PostGIS lacks). Geometry leaves as GeoJSON (polygons, simplified to the tile's
 * resolution) or as two numbers (points).
 */

export type TileBox = readonly [number, number, number, number];

export type AreaTileRow = {
  readonly code: string;
  readonly name: string;
  readonly polygons: MultiPolygonCoords;
};

export type RegionTileLevel = 'district' | 'street' | 'community';

type AreaDbRow = { code: string; name_zh: string; geojson: string | null };

function polygonsOf(geojson: string | null): MultiPolygonCoords {
  if (geojson === null) return [];
  const g = JSON.parse(geojson) as { type: string; coordinates: unknown };
  if (g.type === 'Polygon') return [g.coordinates] as MultiPolygonCoords;
  if (g.type === 'MultiPolygon') return g.coordinates as MultiPolygonCoords;
  return [];
}

const ENVELOPE = 'ST_MakeEnvelope($1::float8, $2::float8, $3::float8, $4::float8, 4326)';

/**
 * Regions of one level intersecting the box, simplified by `tolerance` degrees (a ring that would
 * collapse keeps its shape: preserveCollapsed).
 */
export async function listRegionTileRows(
  q: Queryable,
  level: RegionTileLevel,
  box: TileBox,
  tolerance: number,
): Promise<AreaTileRow[]> {
  const r = await q.query<AreaDbRow>(
    `SELECT code, name_zh, ST_AsGeoJSON(ST_Simplify(geom, $5::float8, true), 7) AS geojson
       FROM regions
      WHERE level = $6 AND geom && ${ENVELOPE}
      ORDER BY code`,
    [...box, tolerance, level],
  );
  return r.rows.map((row) => ({
    code: row.code,
    name: row.name_zh,
    polygons: polygonsOf(row.geojson),
  }));
}

/** Unit grids intersecting the box, simplified by `tolerance` degrees. */
export async function listGridTileRows(
  q: Queryable,
  box: TileBox,
  tolerance: number,
): Promise<AreaTileRow[]> {
  const r = await q.query<AreaDbRow>(
    `SELECT code, name_zh, ST_AsGeoJSON(ST_Simplify(geom, $5::float8, true), 7) AS geojson
       FROM grids
      WHERE geom && ${ENVELOPE}
      ORDER BY code`,
    [...box, tolerance],
  );
  return r.rows.map((row) => ({
    code: row.code,
    name: row.name_zh,
    polygons: polygonsOf(row.geojson),
  }));
}

export type ComponentTileRow = {
  readonly code: string;
  readonly categoryCode: string;
  readonly status: string;
  readonly lng: number;
  readonly lat: number;
};

/** Components (管理部件) inside the box. */
export async function listComponentTileRows(
  q: Queryable,
  box: TileBox,
): Promise<ComponentTileRow[]> {
  const r = await q.query<{
    code: string;
    category_code: string;
    status: string;
    lng: number;
    lat: number;
  }>(
    `SELECT code, category_code, status, ST_X(geom) AS lng, ST_Y(geom) AS lat
       FROM components
      WHERE geom && ${ENVELOPE}`,
    box,
  );
  return r.rows.map((row) => ({
    code: row.code,
    categoryCode: row.category_code,
    status: row.status,
    lng: row.lng,
    lat: row.lat,
  }));
}

export type CaseTileRow = {
  readonly id: string;
  readonly caseNumber: string;
  readonly status: string;
  readonly urgency: string;
  readonly lng: number;
  readonly lat: number;
  readonly dueAtMs: number | null;
  readonly warnAtMs: number | null;
  readonly paused: boolean;
};

/** Statuses a case is no longer worked in: the map shows the open ones. */
const DONE = ['not_filed', 'closed', 'evaluated', 'cancelled', 'merged'];

/**
 * Open cases inside the box that the caller may see (scope as in the case list: region prefixes
 * on the district or grid code, or the units a case was sent to).
 */
export async function listCaseTileRows(
  q: Queryable,
  box: TileBox,
  scope: ScopeFilter,
): Promise<CaseTileRow[]> {
  const params: unknown[] = [...box, DONE];
  let where = '';
  if (scope.kind === 'regions') {
    params.push(scope.prefixes);
    where = `AND EXISTS (SELECT 1 FROM unnest($6::text[]) p
                         WHERE district_code LIKE p || '%' OR grid_code LIKE p || '%')`;
  } else if (scope.kind === 'units') {
    params.push(scope.unitIds);
    where = 'AND worked_unit_ids && $6::text[]';
  }
  const r = await q.query<{
    id: string;
    case_number: string;
    status: string;
    urgency: string;
    lng: number;
    lat: number;
    due_ms: number | null;
    warn_ms: number | null;
    paused: boolean;
  }>(
    `SELECT id, case_number, status, urgency, lng, lat,
            (extract(epoch FROM due_at) * 1000)::float8 AS due_ms,
            (extract(epoch FROM warn_at) * 1000)::float8 AS warn_ms,
            paused_at IS NOT NULL AS paused
       FROM cases
      WHERE geom && ${ENVELOPE} AND status <> ALL($5::text[]) ${where}`,
    params,
  );
  return r.rows.map((row) => ({
    id: row.id,
    caseNumber: row.case_number,
    status: row.status,
    urgency: row.urgency,
    lng: row.lng,
    lat: row.lat,
    dueAtMs: row.due_ms,
    warnAtMs: row.warn_ms,
    paused: row.paused,
  }));
}

/** The box of every unit grid [west, south, east, north] (WGS84), or null with no grids. */
export async function readGridExtent(q: Queryable): Promise<TileBox | null> {
  const r = await q.query<{ w: number | null; s: number; e: number; n: number }>(
    `SELECT ST_XMin(x) AS w, ST_YMin(x) AS s, ST_XMax(x) AS e, ST_YMax(x) AS n
       FROM (SELECT ST_Extent(geom) AS x FROM grids) g`,
  );
  const row = r.rows[0];
  return row && row.w !== null ? [row.w, row.s, row.e, row.n] : null;
}
