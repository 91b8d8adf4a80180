import type { Queryable } from './db.ts';

/** A unit grid as the history generator places cases in it. */
export type HistoryGrid = {
  readonly code: string;
  readonly districtCode: string;
  readonly streetCode: string;
  readonly communityCode: string;
  readonly nameZh: string;
  readonly lng: number;
  readonly lat: number;
};

export type HistoryCategory = {
  readonly scheme: string;
  readonly kind: 'component' | 'event';
  readonly code: string;
  readonly nameZh: string;
};

export type HistoryUnit = { readonly id: string; readonly districtCode: string };

export type HistoryUser = {
  readonly id: string;
  readonly role: string;
  readonly districtCode: string;
  readonly unitId: string | null;
};

export type HistoryCity = {
  readonly grids: readonly HistoryGrid[];
  readonly categories: readonly HistoryCategory[];
  readonly units: readonly HistoryUnit[];
  readonly users: readonly HistoryUser[];
};

/**
 * What the history generator picks from, in a stable order (the same seed gives the same cases):
 * every unit grid with a point inside it, the default scheme's categories, the active units that
 * handle cases (not the command centres) and the enabled users.
 */
export async function readHistoryCity(db: Queryable): Promise<HistoryCity> {
  const grids = await db.query<{
    code: string;
    district_code: string;
    street_code: string;
    community_code: string;
    name_zh: string;
    lng: number | string;
    lat: number | string;
  }>(
    `SELECT code, district_code, street_code, community_code, name_zh,
       ST_X(ST_PointOnSurface(geom)) AS lng, ST_Y(ST_PointOnSurface(geom)) AS lat
     FROM grids ORDER BY code`,
  );
  const categories = await db.query<{
    scheme_id: string;
    kind: 'component' | 'event';
    code: string;
    name_zh: string;
  }>(
    `SELECT c.scheme_id, c.kind, c.code, c.name_zh FROM categories c
     JOIN category_schemes s ON s.id = c.scheme_id AND s.is_default
     ORDER BY c.kind, c.code`,
  );
  const units = await db.query<{ id: string; district_code: string }>(
    `SELECT id, district_code FROM units WHERE active AND kind <> 'command_centre' ORDER BY id`,
  );
  const users = await db.query<{
    id: string;
    role: string;
    district_code: string;
    unit_id: string | null;
  }>(`SELECT id, role, district_code, unit_id FROM users WHERE NOT disabled ORDER BY username`);
  return {
    grids: grids.rows.map((g) => ({
      code: g.code.trim(),
      districtCode: g.district_code.trim(),
      streetCode: g.street_code.trim(),
      communityCode: g.community_code.trim(),
      nameZh: g.name_zh,
      lng: Number(g.lng),
      lat: Number(g.lat),
    })),
    categories: categories.rows.map((c) => ({
      scheme: c.scheme_id,
      kind: c.kind,
      code: c.code,
      nameZh: c.name_zh,
    })),
    units: units.rows.map((u) => ({ id: u.id, districtCode: u.district_code.trim() })),
    users: users.rows.map((u) => ({
      id: u.id,
      role: u.role,
      districtCode: u.district_code.trim(),
      unitId: u.unit_id,
    })),
  };
}

/** True when a case with this id exists (a history already loaded starts with a known id). */
export async function caseExists(db: Queryable, id: string): Promise<boolean> {
  const r = await db.query('SELECT 1 FROM cases WHERE id = $1', [id]);
  return r.rows.length > 0;
}

/**
 * 结案时间 of cases written in their final state: the instant of their last closing, where it
 * differs from the last change (an evaluation or a spot check came after, which the live path's
 * UPDATE keeps off closed_at).
 */
export async function setClosedAt(
  db: Queryable,
  rows: readonly { readonly caseId: string; readonly closedAt: Date }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `UPDATE cases c SET closed_at = v.closed_at
     FROM unnest($1::text[], $2::timestamptz[]) AS v(id, closed_at) WHERE c.id = v.id`,
    [rows.map((r) => r.caseId), rows.map((r) => r.closedAt.toISOString())],
  );
}

/** Case numbers by case id (the whistle trace names the cases behind its facts). */
export async function caseNumbersOf(
  db: Queryable,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const r = await db.query<{ id: string; case_number: string }>(
    'SELECT id, case_number FROM cases WHERE id = ANY($1::text[])',
    [ids],
  );
  return new Map(r.rows.map((x) => [x.id, x.case_number]));
}
