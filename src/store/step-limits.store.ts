import type { Queryable } from './db.ts';

/** A step limit as stored: the district's own row, else the default (district_code NULL). */
export type StepLimitRow = {
  step: string;
  amount: number;
  unit: 'working_hours' | 'working_days' | 'calendar_hours';
  provenance: string;
  districtCode: string | null;
};

type StepLimitDbRow = {
  step: string;
  amount: number | string;
  unit: StepLimitRow['unit'];
  provenance: string;
  district_code: string | null;
};

const toStepLimit = (row: StepLimitDbRow): StepLimitRow => ({
  step: row.step,
  amount: Number(row.amount),
  unit: row.unit,
  provenance: row.provenance,
  districtCode: row.district_code?.trim() ?? null,
});

/** The time limit of a centre step in a district (its own row wins over the default). */
export async function findStepTimeLimit(
  db: Queryable,
  districtCode: string,
  step: string,
): Promise<StepLimitRow | null> {
  const r = await db.query<StepLimitDbRow>(
    `SELECT step, amount, unit, provenance, district_code FROM step_time_limits
     WHERE step = $2 AND (district_code = $1 OR district_code IS NULL)
     ORDER BY district_code NULLS LAST LIMIT 1`,
    [districtCode, step],
  );
  const row = r.rows[0];
  return row ? toStepLimit(row) : null;
}

/** The centre's step time limits (0043) of a district: its own rows, else the defaults. */
export async function listStepTimeLimits(
  db: Queryable,
  districtCode: string | null,
): Promise<StepLimitRow[]> {
  const r = await db.query<StepLimitDbRow>(
    `SELECT DISTINCT ON (step) step, amount, unit, provenance, district_code
     FROM step_time_limits
     WHERE district_code IS NULL OR district_code = $1
     ORDER BY step, district_code NULLS LAST`,
    [districtCode],
  );
  return r.rows.map(toStepLimit);
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
