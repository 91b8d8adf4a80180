import type { CategoryKind, LoopLevel } from '../domain/cases/index.ts';
import type { DispatchRule, RegionLevel } from '../domain/dispatch/index.ts';
import type { Queryable } from './db.ts';

/** SQL for dispatch rules (以案定责). Rules are deactivated, never deleted. */

/** A rule as stored: the domain rule plus its life (who made it, whether it still applies). */
export type StoredDispatchRule = DispatchRule & {
  readonly priority: number;
  readonly active: boolean;
  readonly note: string;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly deactivatedBy: string | null;
  readonly deactivatedAt: Date | null;
};

type RuleRow = {
  id: string;
  district_code: string | null;
  category_kind: CategoryKind;
  category_code: string;
  region_level: RegionLevel | null;
  region_code: string | null;
  loop_level: LoopLevel | null;
  unit_id: string;
  auto_dispatch: boolean;
  priority: number | string;
  active: boolean;
  note: string;
  created_by: string;
  created_at: Date | string;
  deactivated_by: string | null;
  deactivated_at: Date | string | null;
};

const COLUMNS = `id, district_code, category_kind, category_code, region_level, region_code,
  loop_level, unit_id, auto_dispatch, priority, active, note, created_by, created_at,
  deactivated_by, deactivated_at`;

function toRule(r: RuleRow): StoredDispatchRule {
  return {
    id: r.id,
    districtCode: r.district_code === null ? null : r.district_code.trim(),
    categoryKind: r.category_kind,
    categoryCode: r.category_code,
    regionLevel: r.region_level,
    regionCode: r.region_code,
    loopLevel: r.loop_level,
    unitId: r.unit_id,
    autoDispatch: r.auto_dispatch,
    priority: Number(r.priority),
    active: r.active,
    note: r.note,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at),
    deactivatedBy: r.deactivated_by,
    deactivatedAt: r.deactivated_at === null ? null : new Date(r.deactivated_at),
  };
}

/** Inserts a rule; false when a rule with this id exists already. */
export async function insertDispatchRule(db: Queryable, r: StoredDispatchRule): Promise<boolean> {
  const res = await db.query<{ id: string }>(
    `INSERT INTO dispatch_rules (${COLUMNS})
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [
      r.id,
      r.districtCode,
      r.categoryKind,
      r.categoryCode,
      r.regionLevel,
      r.regionCode,
      r.loopLevel,
      r.unitId,
      r.autoDispatch,
      r.priority,
      r.active,
      r.note,
      r.createdBy,
      r.createdAt,
      r.deactivatedBy,
      r.deactivatedAt,
    ],
  );
  return res.rows.length === 1;
}

/** One rule by id, active or not. */
export async function findDispatchRule(
  db: Queryable,
  id: string,
): Promise<StoredDispatchRule | null> {
  const r = await db.query<RuleRow>(`SELECT ${COLUMNS} FROM dispatch_rules WHERE id = $1`, [id]);
  const row = r.rows[0];
  return row ? toRule(row) : null;
}

/** The rules that may apply in a district: its active rules and the active city-wide ones. */
export async function listActiveRulesFor(
  db: Queryable,
  districtCode: string,
): Promise<StoredDispatchRule[]> {
  const r = await db.query<RuleRow>(
    `SELECT ${COLUMNS} FROM dispatch_rules
     WHERE active AND (district_code = $1 OR district_code IS NULL) ORDER BY id`,
    [districtCode],
  );
  return r.rows.map(toRule);
}

export type DispatchRuleFilter = {
  /** only these districts' rules (city-wide rules are included when `cityWide`) */
  readonly districtCodes: readonly string[] | null;
  readonly cityWide: boolean;
  readonly includeInactive: boolean;
};

/** Rules for a listing, by district then id. */
export async function listDispatchRules(
  db: Queryable,
  f: DispatchRuleFilter,
): Promise<StoredDispatchRule[]> {
  const r = await db.query<RuleRow>(
    `SELECT ${COLUMNS} FROM dispatch_rules
     WHERE ($1::text[] IS NULL OR district_code = ANY($1) OR ($2 AND district_code IS NULL))
       AND ($3 OR active)
     ORDER BY district_code NULLS FIRST, id`,
    [f.districtCodes, f.cityWide, f.includeInactive],
  );
  return r.rows.map(toRule);
}

/** Deactivates an active rule; null when there is no such active rule. */
export async function deactivateDispatchRule(
  db: Queryable,
  id: string,
  by: string,
  at: Date,
): Promise<StoredDispatchRule | null> {
  const r = await db.query<RuleRow>(
    `UPDATE dispatch_rules SET active = false, deactivated_by = $2, deactivated_at = $3
     WHERE id = $1 AND active RETURNING ${COLUMNS}`,
    [id, by, at],
  );
  const row = r.rows[0];
  return row ? toRule(row) : null;
}

/** Number of rules stored for a district (demo rules are written once). */
export async function countDispatchRules(db: Queryable, districtCode: string): Promise<number> {
  const r = await db.query<{ n: number | string }>(
    'SELECT count(*) AS n FROM dispatch_rules WHERE district_code = $1',
    [districtCode],
  );
  return Number(r.rows[0]?.n ?? 0);
}
