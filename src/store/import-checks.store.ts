import {
  importProblem,
  type ComponentCategoryLookup,
  type ComponentDraftRow,
  type Draft,
  type GridRow,
  type ImportProblem,
  type LooseGeometry,
  type RegionRow,
  type StorefrontDraftRow,
} from '../domain/base-data/index.ts';
import type { Queryable } from './db.ts';

/**
 * Geometric and cross-row checks of an import that need GEOS or existing rows. Each function
 * stages the drafts in a temporary table (dropped at the end and on commit), runs its checks in
 * the caller's transaction and writes nothing else.
 *
 * Tolerance: overlaps, gaps and parts of a grid outside its community are ignored when their area
 * is at most TOLERANCE × the community's area (1e-6: about 1 m² of a 1 km² community), so shared
 * edges that differ in the last digits of their coordinates are not reported.
 */
export const TOLERANCE = 1e-6;

const CHUNK = 10_000;

async function stage<T>(
  q: Queryable,
  table: string,
  columns: readonly { name: string; type: string; value: (d: T) => unknown; expr?: string }[],
  drafts: readonly T[],
): Promise<void> {
  const defs = columns.map((c) => `${c.name} ${c.expr ? 'geometry' : c.type}`).join(', ');
  await q.exec(
    `DROP TABLE IF EXISTS ${table}; CREATE TEMP TABLE ${table} (${defs}) ON COMMIT DROP`,
  );
  const names = columns.map((c) => c.name).join(', ');
  const exprs = columns.map((c) => c.expr ?? `u.${c.name}`).join(', ');
  const params = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
  const sql = `INSERT INTO ${table} (${names}) SELECT ${exprs} FROM unnest(${params}) AS u(${names})`;
  for (let start = 0; start < drafts.length; start += CHUNK) {
    const chunk = drafts.slice(start, start + CHUNK);
    await q.query(
      sql,
      columns.map((c) => chunk.map(c.value)),
    );
  }
  await q.exec(`CREATE INDEX ON ${table} USING gist (geom); ANALYZE ${table}`);
}

const GEOJSON = 'ST_SetSRID(ST_GeomFromGeoJSON(u.geom), 4326)';

/** The city's extent: the bounding box of the city region, or of all districts when none is drawn. */
const CITY_EXTENT = `(SELECT ST_SetSRID(ST_Extent(geom)::geometry, 4326) FROM regions
  WHERE geom IS NOT NULL AND level = (SELECT CASE WHEN EXISTS (
    SELECT 1 FROM regions WHERE level = 'city' AND geom IS NOT NULL) THEN 'city' ELSE 'district' END))`;

async function outsideCity(q: Queryable, table: string): Promise<ImportProblem[]> {
  const r = await q.query<{ i: number }>(
    `WITH city AS (SELECT ${CITY_EXTENT} AS box)
     SELECT s.i FROM ${table} s, city WHERE city.box IS NOT NULL AND NOT ST_Covers(city.box, s.geom)
     ORDER BY s.i`,
  );
  return r.rows.map((x) => importProblem(x.i, 'geometry.outside_city', {}, 'geometry'));
}

/** OGC validity (self-intersection, spikes ...) with PostGIS's reason; marks rows valid. */
async function invalidGeometries(q: Queryable, table: string): Promise<ImportProblem[]> {
  const r = await q.query<{ i: number; reason: string }>(
    `UPDATE ${table} SET valid = ST_IsValid(geom) RETURNING i, valid, ST_IsValidReason(geom) AS reason`,
  );
  return (r.rows as { i: number; valid: boolean; reason: string }[])
    .filter((x) => !x.valid)
    .sort((a, b) => a.i - b.i)
    .map((x) => importProblem(x.i, 'geometry.invalid', { reason: x.reason }, 'geometry'));
}

const GRID_STAGE = 'import_grid_stage';

/**
 * Unit-grid checks: OGC validity, inside the city, code not taken, community exists, grid inside
 * its community, no overlap with another grid of the file or the database, and the community's
 * grids (existing and imported) cover it without gaps.
 */
export async function checkGridDrafts(
  q: Queryable,
  drafts: readonly Draft<GridRow>[],
): Promise<ImportProblem[]> {
  await stage(
    q,
    GRID_STAGE,
    [
      { name: 'i', type: 'int4', value: (d: Draft<GridRow>) => d.index },
      { name: 'code', type: 'text', value: (d) => d.row.code },
      { name: 'community_code', type: 'text', value: (d) => d.row.communityCode },
      { name: 'geom', type: 'text', value: (d) => JSON.stringify(d.row.geom), expr: GEOJSON },
      { name: 'valid', type: 'bool', value: () => true },
    ],
    drafts,
  );
  const problems = [
    ...(await invalidGeometries(q, GRID_STAGE)),
    ...(await outsideCity(q, GRID_STAGE)),
  ];
  const taken = await q.query<{ i: number; code: string }>(
    `SELECT s.i, s.code FROM ${GRID_STAGE} s JOIN grids g
       ON g.code = s.code AND g.district_code = left(s.code, 6)`,
  );
  for (const x of taken.rows)
    problems.push(importProblem(x.i, 'code.exists', { value: x.code }, 'code'));
  const unknown = await q.query<{ i: number; community_code: string }>(
    `SELECT s.i, s.community_code FROM ${GRID_STAGE} s
     WHERE NOT EXISTS (SELECT 1 FROM regions r WHERE r.code = s.community_code AND r.level = 'community')`,
  );
  for (const x of unknown.rows) {
    problems.push(
      importProblem(x.i, 'grid.community_unknown', { community: x.community_code }, 'code'),
    );
  }
  problems.push(...(await gridGeometryProblems(q)));
  return problems;
}

async function gridGeometryProblems(q: Queryable): Promise<ImportProblem[]> {
  const problems: ImportProblem[] = [];
  const outside = await q.query<{ i: number; community: string }>(
    `SELECT s.i, r.code AS community FROM ${GRID_STAGE} s
     JOIN regions r ON r.code = s.community_code AND r.level = 'community' AND r.geom IS NOT NULL
     WHERE s.valid AND NOT ST_Covers(r.geom, s.geom)
       AND ST_Area(ST_Difference(s.geom, r.geom)) > $1 * ST_Area(r.geom)`,
    [TOLERANCE],
  );
  for (const x of outside.rows) {
    problems.push(
      importProblem(x.i, 'grid.outside_community', { community: x.community }, 'geometry'),
    );
  }
  // The later feature of each overlapping pair names the earlier one; then overlaps with stored
  // grids of any district (a grid across a district border is as wrong as one inside it).
  const overlaps = await q.query<{ i: number; other: string }>(
    `WITH o AS (
       SELECT b.i, a.code AS other, a.geom AS ga, b.geom AS gb, b.community_code
       FROM ${GRID_STAGE} a JOIN ${GRID_STAGE} b ON a.i < b.i AND a.geom && b.geom
       WHERE a.valid AND b.valid
       UNION ALL
       SELECT s.i, g.code, g.geom, s.geom, s.community_code
       FROM ${GRID_STAGE} s JOIN grids g ON g.geom && s.geom AND g.code <> s.code
       WHERE s.valid)
     SELECT o.i, o.other FROM o LEFT JOIN regions r ON r.code = o.community_code
     WHERE ST_Intersects(o.ga, o.gb)
       AND ST_Area(ST_Intersection(o.ga, o.gb)) > $1 * COALESCE(ST_Area(r.geom), ST_Area(o.gb))
     ORDER BY o.i, o.other`,
    [TOLERANCE],
  );
  for (const x of overlaps.rows) {
    problems.push(importProblem(x.i, 'grid.overlap', { other: x.other }, 'geometry'));
  }
  problems.push(...(await communityGaps(q)));
  return problems;
}

/** Communities whose grids (stored and imported) leave part of the community uncovered. */
async function communityGaps(q: Queryable): Promise<ImportProblem[]> {
  const r = await q.query<{ i: number; community: string; area_m2: number }>(
    `WITH c AS (
       SELECT community_code, min(i) AS i FROM ${GRID_STAGE} GROUP BY community_code
       HAVING bool_and(valid)),
     parts AS (
       SELECT community_code, geom FROM ${GRID_STAGE}
       UNION ALL
       SELECT g.community_code, g.geom FROM grids g JOIN c ON c.community_code = g.community_code
       WHERE g.district_code = left(c.community_code, 6)
         AND NOT EXISTS (SELECT 1 FROM ${GRID_STAGE} s WHERE s.code = g.code)),
     u AS (
       SELECT c.community_code, c.i, ST_Union(p.geom) AS geom
       FROM c JOIN parts p ON p.community_code = c.community_code GROUP BY c.community_code, c.i),
     d AS (
       SELECT u.i, r.code, ST_Difference(r.geom, u.geom) AS gap, ST_Area(r.geom) AS area
       FROM u JOIN regions r ON r.code = u.community_code AND r.geom IS NOT NULL)
     SELECT i, code AS community, round(ST_Area(gap::geography))::float8 AS area_m2
     FROM d WHERE ST_Area(gap) > $1 * area ORDER BY i`,
    [TOLERANCE],
  );
  return r.rows.map((x) =>
    importProblem(
      x.i,
      'grid.community_gap',
      { community: x.community, areaM2: x.area_m2 },
      'geometry',
    ),
  );
}

const COMPONENT_STAGE = 'import_component_stage';

/**
 * Component checks: inside the city, identifier (and legacy identifier) not taken, the stated
 * grid exists and contains the point, or else the grid of the component's district containing
 * the point (lowest code on a shared edge). Returns the grid of every checked component.
 */
export async function checkComponentDrafts(
  q: Queryable,
  drafts: readonly Draft<ComponentDraftRow>[],
): Promise<{ problems: ImportProblem[]; grids: Map<number, string> }> {
  type D = Draft<ComponentDraftRow>;
  await stage(
    q,
    COMPONENT_STAGE,
    [
      { name: 'i', type: 'int4', value: (d: D) => d.index },
      { name: 'code', type: 'text', value: (d) => d.row.code },
      { name: 'legacy_code', type: 'text', value: (d) => d.row.legacyCode },
      { name: 'grid_code', type: 'text', value: (d) => d.row.gridCode },
      { name: 'geom', type: 'text', value: (d) => JSON.stringify(d.row.geom), expr: GEOJSON },
    ],
    drafts,
  );
  const problems = await outsideCity(q, COMPONENT_STAGE);
  const taken = await q.query<{ i: number; code: string; field: string }>(
    `SELECT s.i, s.code, 'code' AS field FROM ${COMPONENT_STAGE} s
       JOIN components c ON c.code = s.code AND c.district_code = left(s.code, 6)
     UNION ALL
     SELECT s.i, s.legacy_code, 'legacy_code' FROM ${COMPONENT_STAGE} s
       JOIN components c ON c.legacy_code = s.legacy_code
     ORDER BY 1`,
  );
  for (const x of taken.rows)
    problems.push(importProblem(x.i, 'code.exists', { value: x.code }, x.field));
  const located = await locate(
    q,
    COMPONENT_STAGE,
    'ST_Covers(g.geom, s.geom)',
    'left(s.code, 6)',
    's.geom',
  );
  problems.push(...located.problems);
  return { problems, grids: located.grids };
}

/**
 * For each staged row: the stated grid must exist and satisfy `fits`; without one, the grid of
 * `districtExpr` containing `pointExpr` (lowest code on shared edges) is taken.
 */
async function locate(
  q: Queryable,
  table: string,
  fits: string,
  districtExpr: string,
  pointExpr: string,
): Promise<{ problems: ImportProblem[]; grids: Map<number, string> }> {
  const r = await q.query<{
    i: number;
    stated: string | null;
    found: boolean;
    fits: boolean | null;
    resolved: string | null;
  }>(
    `SELECT s.i, s.grid_code AS stated, g.code IS NOT NULL AS found, ${fits} AS fits,
       CASE WHEN s.grid_code IS NULL THEN (
         SELECT g2.code FROM grids g2
         WHERE g2.district_code = ${districtExpr} AND ST_Covers(g2.geom, ${pointExpr})
         ORDER BY g2.code LIMIT 1) END AS resolved
     FROM ${table} s LEFT JOIN grids g ON g.code = s.grid_code AND g.district_code = left(s.grid_code, 6)
     ORDER BY s.i`,
  );
  const problems: ImportProblem[] = [];
  const grids = new Map<number, string>();
  for (const x of r.rows) {
    if (x.stated !== null) {
      if (!x.found) {
        problems.push(importProblem(x.i, 'location.grid_unknown', { grid: x.stated }, 'grid_code'));
      } else if (!x.fits) {
        problems.push(importProblem(x.i, 'location.not_in_grid', { grid: x.stated }, 'grid_code'));
      } else grids.set(x.i, x.stated);
    } else if (x.resolved === null) {
      problems.push(importProblem(x.i, 'location.outside_all_grids', {}, 'geometry'));
    } else grids.set(x.i, x.resolved);
  }
  return { problems, grids };
}

const STOREFRONT_STAGE = 'import_storefront_stage';

/**
 * Storefront checks: valid frontage inside the city, id not taken, the stated grid exists and
 * the frontage touches it, or else the grid containing the frontage's midpoint (in `district`
 * when given). Returns each storefront's grid and frontage length in metres (geodesic).
 */
export async function checkStorefrontDrafts(
  q: Queryable,
  drafts: readonly Draft<StorefrontDraftRow>[],
  district: string | undefined,
): Promise<{
  problems: ImportProblem[];
  grids: Map<number, string>;
  lengths: Map<number, number>;
}> {
  type D = Draft<StorefrontDraftRow>;
  await stage(
    q,
    STOREFRONT_STAGE,
    [
      { name: 'i', type: 'int4', value: (d: D) => d.index },
      { name: 'id', type: 'text', value: (d) => d.row.id },
      { name: 'grid_code', type: 'text', value: (d) => d.row.gridCode },
      { name: 'district', type: 'text', value: () => district ?? null },
      { name: 'geom', type: 'text', value: (d) => JSON.stringify(d.row.frontage), expr: GEOJSON },
      { name: 'valid', type: 'bool', value: () => true },
    ],
    drafts,
  );
  const problems = [
    ...(await invalidGeometries(q, STOREFRONT_STAGE)),
    ...(await outsideCity(q, STOREFRONT_STAGE)),
  ];
  const taken = await q.query<{ i: number; id: string }>(
    `SELECT s.i, s.id FROM ${STOREFRONT_STAGE} s JOIN storefronts f ON f.id = s.id ORDER BY s.i`,
  );
  for (const x of taken.rows)
    problems.push(importProblem(x.i, 'code.exists', { value: x.id }, 'id'));
  const located = await locate(
    q,
    STOREFRONT_STAGE,
    'ST_Intersects(g.geom, s.geom)',
    'COALESCE(s.district, g2.district_code)',
    'ST_LineInterpolatePoint(s.geom, 0.5)',
  );
  problems.push(...located.problems);
  const len = await q.query<{ i: number; m: number }>(
    `SELECT i, ST_Length(geom::geography)::float8 AS m FROM ${STOREFRONT_STAGE} WHERE valid`,
  );
  const lengths = new Map(len.rows.map((x) => [x.i, x.m]));
  return { problems, grids: located.grids, lengths };
}

/**
 * The component categories of the default (current) scheme and the legacy → current mappings
 * from the catalogue tables. A legacy code that maps differently in two legacy schemes is unmapped.
 */
export async function loadComponentCategoryLookup(q: Queryable): Promise<ComponentCategoryLookup> {
  const cats = await q.query<{ code: string }>(
    `SELECT c.code FROM categories c JOIN category_schemes s ON s.id = c.scheme_id
     WHERE s.is_default AND c.kind = 'component'`,
  );
  const maps = await q.query<{ legacy_code: string; current_code: string }>(
    `SELECT DISTINCT m.legacy_code, m.current_code FROM category_mappings m
     JOIN category_schemes s ON s.id = m.current_scheme_id
     WHERE s.is_default AND m.kind = 'component'`,
  );
  const known = new Set(cats.rows.map((r) => r.code));
  const legacy = new Map<string, string | null>();
  for (const m of maps.rows) {
    const seen = legacy.get(m.legacy_code);
    legacy.set(
      m.legacy_code,
      seen === undefined || seen === m.current_code ? m.current_code : null,
    );
  }
  return {
    isComponentCategory: (code) => known.has(code),
    currentForLegacy: (code) => legacy.get(code) ?? null,
  };
}

const REGION_STAGE = 'import_region_stage';
const PARENT_LEVEL = `CASE s.level WHEN 'district' THEN 'city' WHEN 'street' THEN 'district'
  WHEN 'community' THEN 'street' END`;

/**
 * Region checks: OGC validity, inside the city, code not taken, the parent exists one level up
 * (stored or in the same file), the region lies inside the parent's polygon and overlaps no
 * sibling (same parent, stored or in the file).
 */
export async function checkRegionDrafts(
  q: Queryable,
  drafts: readonly Draft<RegionRow>[],
): Promise<ImportProblem[]> {
  type D = Draft<RegionRow>;
  await stage(
    q,
    REGION_STAGE,
    [
      { name: 'i', type: 'int4', value: (d: D) => d.index },
      { name: 'code', type: 'text', value: (d) => d.row.code },
      { name: 'level', type: 'text', value: (d) => d.row.level },
      { name: 'parent_code', type: 'text', value: (d) => d.row.parentCode },
      { name: 'geom', type: 'text', value: (d) => JSON.stringify(d.row.geom), expr: GEOJSON },
      { name: 'valid', type: 'bool', value: () => true },
    ],
    drafts,
  );
  const problems = [
    ...(await invalidGeometries(q, REGION_STAGE)),
    ...(await outsideCity(q, REGION_STAGE)),
  ];
  const taken = await q.query<{ i: number; code: string }>(
    `SELECT s.i, s.code FROM ${REGION_STAGE} s JOIN regions r ON r.code = s.code ORDER BY s.i`,
  );
  for (const x of taken.rows)
    problems.push(importProblem(x.i, 'code.exists', { value: x.code }, 'code'));
  const parents = await q.query<{
    i: number;
    parent: string;
    level: string;
    found: boolean;
    outside: boolean;
  }>(
    `WITH p AS (
       SELECT code, level, geom, true AS valid FROM regions
       UNION ALL SELECT code, level, geom, valid FROM ${REGION_STAGE})
     SELECT s.i, s.parent_code AS parent, ${PARENT_LEVEL} AS level, p.code IS NOT NULL AS found,
       COALESCE(s.valid AND p.valid AND p.geom IS NOT NULL AND NOT ST_Covers(p.geom, s.geom)
         AND ST_Area(ST_Difference(s.geom, p.geom)) > $1 * ST_Area(p.geom), false) AS outside
     FROM ${REGION_STAGE} s LEFT JOIN p ON p.code = s.parent_code AND p.level = ${PARENT_LEVEL}
     WHERE s.level <> 'city' ORDER BY s.i`,
    [TOLERANCE],
  );
  const levelZh: Readonly<Record<string, string>> = {
    city: '市',
    district: '区县',
    street: '街道',
  };
  for (const x of parents.rows) {
    if (!x.found) {
      problems.push(
        importProblem(
          x.i,
          'region.parent_unknown',
          { parent: x.parent, levelZh: levelZh[x.level] ?? x.level, levelEn: x.level },
          'parent_code',
        ),
      );
    } else if (x.outside) {
      problems.push(importProblem(x.i, 'region.outside_parent', { parent: x.parent }, 'geometry'));
    }
  }
  problems.push(...(await regionOverlaps(q)));
  return problems;
}

async function regionOverlaps(q: Queryable): Promise<ImportProblem[]> {
  const r = await q.query<{ i: number; other: string }>(
    `WITH o AS (
       SELECT b.i, a.code AS other, a.geom AS ga, b.geom AS gb
       FROM ${REGION_STAGE} a JOIN ${REGION_STAGE} b ON a.i < b.i AND a.geom && b.geom
         AND a.level = b.level AND a.parent_code IS NOT DISTINCT FROM b.parent_code
       WHERE a.valid AND b.valid
       UNION ALL
       SELECT s.i, r.code, r.geom, s.geom
       FROM ${REGION_STAGE} s JOIN regions r ON r.geom && s.geom AND r.code <> s.code
         AND r.level = s.level AND r.parent_code IS NOT DISTINCT FROM s.parent_code
       WHERE s.valid)
     SELECT i, other FROM o
     WHERE ST_Intersects(ga, gb) AND ST_Area(ST_Intersection(ga, gb)) > $1 * ST_Area(gb)
     ORDER BY i, other`,
    [TOLERANCE],
  );
  return r.rows.map((x) => importProblem(x.i, 'region.overlap', { other: x.other }, 'geometry'));
}

const LOOSE_STAGE = 'import_loose_stage';

/**
 * OGC validity and inside-the-city for the geometries of records already refused for their
 * attributes, so that the problem list is complete.
 */
export async function checkLooseGeometries(
  q: Queryable,
  items: readonly LooseGeometry[],
): Promise<ImportProblem[]> {
  if (items.length === 0) return [];
  await stage(
    q,
    LOOSE_STAGE,
    [
      { name: 'i', type: 'int4', value: (d: LooseGeometry) => d.index },
      { name: 'geom', type: 'text', value: (d) => JSON.stringify(d.geom), expr: GEOJSON },
      { name: 'valid', type: 'bool', value: () => true },
    ],
    items,
  );
  return [...(await invalidGeometries(q, LOOSE_STAGE)), ...(await outsideCity(q, LOOSE_STAGE))];
}
