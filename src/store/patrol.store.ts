import type { GridVisit } from '../domain/patrol/index.ts';
import type { Queryable } from './db.ts';
import { valuesList } from './multi-row.ts';

/** SQL for patrol tracks (巡查轨迹): the points supervisors' phones upload, and their grids. */

export type StoredTrackPoint = {
  readonly recordedAt: Date;
  readonly lng: number;
  readonly lat: number;
  readonly accuracyM: number | null;
  readonly gridCode: string | null;
};

/**
 * Stores the points of one supervisor; a point already stored (same user and instant) is left
 * as it is. Returns how many were new.
 */
export async function insertTrackPoints(
  db: Queryable,
  districtCode: string,
  userId: string,
  points: readonly StoredTrackPoint[],
  receivedAt: Date,
): Promise<number> {
  if (points.length === 0) return 0;
  const v = valuesList(
    points.map((p) => [
      districtCode,
      userId,
      p.recordedAt,
      p.lng,
      p.lat,
      p.accuracyM,
      p.gridCode,
      receivedAt,
    ]),
    ['', '', '::timestamptz', '::float8', '::float8', '::real', '', '::timestamptz'],
  );
  const r = await db.query<{ recorded_at: Date }>(
    `INSERT INTO patrol_points
       (district_code, user_id, recorded_at, lng, lat, accuracy_m, grid_code, received_at)
     VALUES ${v.sql}
     ON CONFLICT (district_code, user_id, recorded_at) DO NOTHING
     RETURNING recorded_at`,
    v.params,
  );
  return r.rows.length;
}

/** The grids one supervisor's points fell in during [from, to), one row per point. */
export async function listGridVisits(
  db: Queryable,
  districtCode: string,
  userId: string,
  from: Date,
  to: Date,
  maxAccuracyM: number,
): Promise<GridVisit[]> {
  const r = await db.query<{ grid_code: string; recorded_at: Date | string }>(
    `SELECT grid_code, recorded_at FROM patrol_points
      WHERE district_code = $1 AND user_id = $2 AND recorded_at >= $3 AND recorded_at < $4
        AND grid_code IS NOT NULL AND (accuracy_m IS NULL OR accuracy_m <= $5)`,
    [districtCode, userId, from, to, maxAccuracyM],
  );
  return r.rows.map((row) => ({ gridCode: row.grid_code, recordedAt: new Date(row.recorded_at) }));
}

/**
 * The codes of the grids under any of the region prefixes (a district 530114, a street
 * 530114001, a community 530114001002; the city's 4-digit prefix 5301 covers its districts).
 */
export async function listGridCodesUnder(
  db: Queryable,
  prefixes: readonly string[],
): Promise<string[]> {
  if (prefixes.length === 0) return [];
  const r = await db.query<{ code: string }>(
    `SELECT code FROM grids
      WHERE district_code LIKE ANY ($1::text[]) AND code LIKE ANY ($2::text[])
      ORDER BY code`,
    [prefixes.map((p) => `${p.slice(0, 6)}%`), prefixes.map((p) => `${p}%`)],
  );
  return r.rows.map((row) => row.code);
}
