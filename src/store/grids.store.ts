import type { MultiPolygonCoords } from '../domain/geo/index.ts';
import type { Queryable } from './db.ts';

/**
 * Read queries on regions and unit grids. All PostGIS calls of the service live here
 * (STYLE.md §4.5): geometry leaves the database as GeoJSON (ST_AsGeoJSON, WGS84).
 */

export type GridForIndex = {
  readonly code: string;
  readonly name: string;
  readonly communityCode: string;
  readonly communityName: string | null;
  readonly streetCode: string;
  readonly streetName: string | null;
  readonly districtCode: string;
  readonly districtName: string | null;
  readonly polygons: MultiPolygonCoords;
};

export type GridFeatureRow = {
  readonly code: string;
  readonly name: string;
  readonly communityCode: string;
  readonly streetCode: string;
  readonly districtCode: string;
  readonly areaClass: number;
  /** an invented grid (demo city) */
  readonly synthetic: boolean;
  readonly geometry: { readonly type: 'MultiPolygon'; readonly coordinates: MultiPolygonCoords };
};

export type GridFilter = {
  readonly districtCode?: string;
  readonly streetCode?: string;
  readonly communityCode?: string;
  /** [minLng, minLat, maxLng, maxLat] in WGS84: grids intersecting it. */
  readonly bbox?: readonly [number, number, number, number];
};

export type RegionListRow = {
  readonly code: string;
  readonly level: 'city' | 'district' | 'street' | 'community';
  readonly parentCode: string | null;
  readonly districtCode: string;
  readonly name: string;
  readonly nameEn: string | null;
  /** an invented region (the demo city's communities) */
  readonly synthetic: boolean;
};

export type RegionFilter = {
  readonly level?: RegionListRow['level'];
  readonly parentCode?: string;
  readonly districtCode?: string;
};

/** The revision bumped on every change to regions or grids (see migration 0003). */
export async function readSpatialRevision(q: Queryable): Promise<number> {
  const r = await q.query<{ revision: number }>(
    'SELECT revision::float8 AS revision FROM spatial_revision WHERE id',
  );
  return r.rows[0]?.revision ?? 0;
}

/** geometry(MultiPolygon) as GeoJSON text → coordinates (a stray Polygon is wrapped). */
function readMultiPolygon(text: string): MultiPolygonCoords {
  const g = JSON.parse(text) as { type: string; coordinates: unknown };
  if (g.type === 'Polygon') return [g.coordinates as MultiPolygonCoords[number]];
  return g.coordinates as MultiPolygonCoords;
}

type IndexRow = {
  code: string;
  name_zh: string;
  community_code: string;
  community_name: string | null;
  street_code: string;
  street_name: string | null;
  district_code: string;
  district_name: string | null;
  geojson: string;
};

/**
 * Every grid of the city with its region names, for the in-process locate index. Deliberately not
 * filtered by district: the index answers "which district is this point in" for the whole city.
 */
export async function listGridsForIndex(q: Queryable): Promise<GridForIndex[]> {
  const r = await q.query<IndexRow>(
    `SELECT g.code, g.name_zh, g.community_code, c.name_zh AS community_name,
            g.street_code, s.name_zh AS street_name, g.district_code, d.name_zh AS district_name,
            ST_AsGeoJSON(g.geom) AS geojson
       FROM grids g
       LEFT JOIN regions c ON c.code = g.community_code
       LEFT JOIN regions s ON s.code = g.street_code
       LEFT JOIN regions d ON d.code = g.district_code
      ORDER BY g.code`,
  );
  return r.rows.map((row) => ({
    code: row.code,
    name: row.name_zh,
    communityCode: row.community_code,
    communityName: row.community_name,
    streetCode: row.street_code,
    streetName: row.street_name,
    districtCode: row.district_code,
    districtName: row.district_name,
    polygons: readMultiPolygon(row.geojson),
  }));
}

type FeatureRow = {
  code: string;
  name_zh: string;
  community_code: string;
  street_code: string;
  district_code: string;
  area_class: number;
  synthetic: boolean;
  geojson: string;
};

/** Grids with their geometry, filtered by district / street / community and a bounding box. */
export async function listGrids(q: Queryable, f: GridFilter): Promise<GridFeatureRow[]> {
  const b = f.bbox;
  const r = await q.query<FeatureRow>(
    `SELECT code, name_zh, community_code, street_code, district_code, area_class, synthetic,
            ST_AsGeoJSON(geom) AS geojson
       FROM grids
      WHERE ($1::text IS NULL OR district_code = $1)
        AND ($2::text IS NULL OR street_code = $2)
        AND ($3::text IS NULL OR community_code = $3)
        AND ($4::float8 IS NULL
             OR ST_Intersects(geom, ST_MakeEnvelope($4::float8, $5::float8, $6::float8, $7::float8, 4326)))
      ORDER BY code`,
    [
      f.districtCode ?? null,
      f.streetCode ?? null,
      f.communityCode ?? null,
      b?.[0] ?? null,
      b?.[1] ?? null,
      b?.[2] ?? null,
      b?.[3] ?? null,
    ],
  );
  return r.rows.map((row) => ({
    code: row.code,
    name: row.name_zh,
    communityCode: row.community_code,
    streetCode: row.street_code,
    districtCode: row.district_code,
    areaClass: row.area_class,
    synthetic: row.synthetic,
    geometry: { type: 'MultiPolygon', coordinates: readMultiPolygon(row.geojson) },
  }));
}

type RegionDbRow = {
  code: string;
  level: RegionListRow['level'];
  parent_code: string | null;
  district_code: string;
  name_zh: string;
  name_en: string | null;
  synthetic: boolean;
};

/** Regions (city, districts, streets, communities) by level, parent and district, in code order. */
export async function listRegions(q: Queryable, f: RegionFilter): Promise<RegionListRow[]> {
  const r = await q.query<RegionDbRow>(
    `SELECT code, level, parent_code, district_code, name_zh, name_en, synthetic
       FROM regions
      WHERE ($1::text IS NULL OR level = $1)
        AND ($2::text IS NULL OR parent_code = $2)
        AND ($3::text IS NULL OR district_code = $3)
      ORDER BY code`,
    [f.level ?? null, f.parentCode ?? null, f.districtCode ?? null],
  );
  return r.rows.map((row) => ({
    code: row.code,
    level: row.level,
    parentCode: row.parent_code,
    districtCode: row.district_code.trim(),
    name: row.name_zh,
    nameEn: row.name_en,
    synthetic: row.synthetic,
  }));
}

/**
 * PostGIS baseline for the locate benchmark: for each point (arrays of WGS84 lng/lat), the grid
 * whose geometry contains it (ST_Contains through the gist index). Returns 0-based point indexes
 * with the grid code; points in no grid (or on a boundary, which ST_Contains excludes) are absent.
 */
export async function findGridsContainingPoints(
  q: Queryable,
  lngs: readonly number[],
  lats: readonly number[],
): Promise<{ index: number; code: string }[]> {
  const r = await q.query<{ i: number; code: string }>(
    `SELECT (p.i - 1)::int AS i, g.code
       FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS p(lng, lat, i)
       JOIN grids g ON ST_Contains(g.geom, ST_SetSRID(ST_MakePoint(p.lng, p.lat), 4326))`,
    [lngs, lats],
  );
  return r.rows.map((row) => ({ index: row.i, code: row.code }));
}
