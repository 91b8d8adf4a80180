import type { Queryable } from './db.ts';
import type { StepLimitRow } from './cases.store.ts';

/** The centre's step time limits (0043) of a district: its own rows, else the defaults. */
export async function listStepTimeLimits(
  db: Queryable,
  districtCode: string | null,
): Promise<StepLimitRow[]> {
  const r = await db.query<{
    step: string;
    amount: number | string;
    unit: StepLimitRow['unit'];
    provenance: string;
    district_code: string | null;
  }>(
    `SELECT DISTINCT ON (step) step, amount, unit, provenance, district_code
     FROM step_time_limits
     WHERE district_code IS NULL OR district_code = $1
     ORDER BY step, district_code NULLS LAST`,
    [districtCode],
  );
  return r.rows.map((row) => ({
    step: row.step,
    amount: Number(row.amount),
    unit: row.unit,
    provenance: row.provenance,
    districtCode: row.district_code?.trim() ?? null,
  }));
}

/** Sets a district's own limit of a step (or the default when `districtCode` is null). */
export async function upsertStepTimeLimit(
  db: Queryable,
  row: StepLimitRow,
  now: Date,
): Promise<void> {
  await db.query(
    `INSERT INTO step_time_limits (district_code, step, amount, unit, provenance, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (coalesce(district_code, '000000'), step)
     DO UPDATE SET amount = EXCLUDED.amount, unit = EXCLUDED.unit,
       provenance = EXCLUDED.provenance, updated_at = EXCLUDED.updated_at`,
    [row.districtCode, row.step, row.amount, row.unit, row.provenance, now],
  );
}
