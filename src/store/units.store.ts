import type { Unit, UnitKind } from '../domain/units/index.ts';
import type { Queryable, Row } from './db.ts';

type UnitRow = Row & {
  id: string;
  parent_id: string | null;
  district_code: string;
  region_code: string;
  kind: UnitKind;
  name_zh: string;
  name_en: string | null;
  credit_code: string | null;
  active: boolean;
};

const toUnit = (r: UnitRow): Unit => ({
  id: r.id,
  parentId: r.parent_id,
  districtCode: r.district_code,
  regionCode: r.region_code,
  kind: r.kind,
  nameZh: r.name_zh,
  nameEn: r.name_en,
  creditCode: r.credit_code,
  active: r.active,
});

const COLUMNS =
  'id, parent_id, district_code, region_code, kind, name_zh, name_en, credit_code, active';

/** Units of one district (or all districts), optionally of one kind, parents before children. */
export async function listUnits(
  db: Queryable,
  filter: { districtCode?: string | undefined; kind?: UnitKind | undefined },
): Promise<Unit[]> {
  const r = await db.query<UnitRow>(
    `SELECT ${COLUMNS} FROM units
     WHERE ($1::text IS NULL OR district_code = $1) AND ($2::text IS NULL OR kind = $2)
     ORDER BY district_code, kind, name_zh, id`,
    [filter.districtCode ?? null, filter.kind ?? null],
  );
  return r.rows.map(toUnit);
}

export async function findUnit(db: Queryable, id: string): Promise<Unit | null> {
  const r = await db.query<UnitRow>(`SELECT ${COLUMNS} FROM units WHERE id = $1`, [id]);
  const row = r.rows[0];
  return row ? toUnit(row) : null;
}

/** A unit and every unit below it, in one recursive query. */
export async function listUnitSubtree(db: Queryable, id: string): Promise<Unit[]> {
  const r = await db.query<UnitRow>(
    `WITH RECURSIVE sub AS (
       SELECT ${COLUMNS}, 0 AS depth FROM units WHERE id = $1
       UNION ALL
       SELECT u.id, u.parent_id, u.district_code, u.region_code, u.kind, u.name_zh, u.name_en,
              u.credit_code, u.active, sub.depth + 1
       FROM units u JOIN sub ON u.parent_id = sub.id WHERE sub.depth < 32)
     SELECT ${COLUMNS} FROM sub ORDER BY depth, name_zh, id`,
    [id],
  );
  return r.rows.map(toUnit);
}

/** The district a region belongs to, or null if there is no such region. */
export async function findRegionDistrict(
  db: Queryable,
  regionCode: string,
): Promise<string | null> {
  const r = await db.query<{ district_code: string }>(
    'SELECT district_code FROM regions WHERE code = $1',
    [regionCode],
  );
  return r.rows[0]?.district_code ?? null;
}

/** True when a district (level `district` in the regions) has this code. */
export async function districtExists(db: Queryable, districtCode: string): Promise<boolean> {
  const r = await db.query(`SELECT 1 FROM regions WHERE code = $1 AND level = 'district'`, [
    districtCode,
  ]);
  return r.rows.length > 0;
}

/** Inserts a unit; false if the id is taken. */
export async function insertUnit(db: Queryable, u: Unit, at: Date): Promise<boolean> {
  const r = await db.query(
    `INSERT INTO units (id, parent_id, district_code, region_code, kind, name_zh, name_en,
       credit_code, active, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [
      u.id,
      u.parentId,
      u.districtCode,
      u.regionCode,
      u.kind,
      u.nameZh,
      u.nameEn,
      u.creditCode,
      u.active,
      at,
    ],
  );
  return r.rows.length === 1;
}

/** Writes a unit's changeable fields (units are never deleted; `active` retires one). */
export async function updateUnit(db: Queryable, u: Unit): Promise<void> {
  await db.query(
    `UPDATE units SET parent_id = $2, name_zh = $3, name_en = $4, credit_code = $5, active = $6
     WHERE id = $1`,
    [u.id, u.parentId, u.nameZh, u.nameEn, u.creditCode, u.active],
  );
}

/**
 * The active unit of a kind whose region is the first of `regionCodes` that has one (narrowest
 * first), in the district; null when none.
 */
export async function findUnitOfKindFor(
  db: Queryable,
  districtCode: string,
  kind: string,
  regionCodes: readonly string[],
): Promise<string | null> {
  const r = await db.query<{ id: string }>(
    `SELECT id FROM units
     WHERE district_code = $1 AND kind = $2 AND active AND region_code = ANY($3::text[])
     ORDER BY array_position($3::text[], region_code::text), id LIMIT 1`,
    [districtCode, kind, regionCodes],
  );
  return r.rows[0]?.id ?? null;
}

/** What the workflow checks about the units an action names; unknown ids are left out. */
export async function findUnitFacts(
  db: Queryable,
  ids: readonly string[],
): Promise<{ id: string; active: boolean; districtCode: string }[]> {
  if (ids.length === 0) return [];
  const r = await db.query<{ id: string; active: boolean; district_code: string }>(
    'SELECT id, active, district_code FROM units WHERE id = ANY($1::text[])',
    [ids],
  );
  return r.rows.map((x) => ({ id: x.id, active: x.active, districtCode: x.district_code.trim() }));
}

/** Units by id, whole (kind and region too: the whistle's summons rule needs them). */
export async function findUnitsByIds(db: Queryable, ids: readonly string[]): Promise<Unit[]> {
  if (ids.length === 0) return [];
  const r = await db.query<UnitRow>(`SELECT ${COLUMNS} FROM units WHERE id = ANY($1::text[])`, [
    ids,
  ]);
  return r.rows.map((x) => ({ ...toUnit(x), districtCode: x.district_code.trim() }));
}
