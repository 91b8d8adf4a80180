import type { Case } from '../domain/cases/index.ts';
import type { Queryable } from './db.ts';
import {
  CASE_COLUMNS,
  CASE_PARAMS,
  CLOSED_AT_UPDATE,
  caseParams,
  toCase,
  type CaseRow,
} from './case-rows.ts';

/** SQL for cases (the projection). Events are in case-events.store.ts. */

// Every column but the id; the WHERE adds the district and the version the caller read.
const UPDATE_SQL = `UPDATE cases SET ${CASE_PARAMS.slice(1)
  .map(([c, cast], i) => (c === 'closed_at' ? CLOSED_AT_UPDATE(i + 2) : `${c} = $${i + 2}${cast}`))
  .join(', ')}
  WHERE id = $1 AND district_code = $3 AND version = $${CASE_PARAMS.length + 1}`;

/**
 * Writes the new projection of a case if nobody changed it since `expectedVersion` was read;
 * false when the row moved on (or is gone).
 */
export async function updateCase(
  db: Queryable,
  c: Case,
  expectedVersion: number,
  now: Date,
): Promise<boolean> {
  const r = await db.query<{ id: string }>(`${UPDATE_SQL} RETURNING id`, [
    ...caseParams(c, now),
    expectedVersion,
  ]);
  return r.rows.length === 1;
}

/**
 * One case by id (the caller checks region scope on the result). `districtCodes`, when the
 * caller knows them, carry the distribution key: the case is looked for in those districts only.
 */
export async function findCase(
  db: Queryable,
  id: string,
  districtCodes?: readonly string[],
): Promise<Case | null> {
  const r =
    districtCodes === undefined
      ? await db.query<CaseRow>(`SELECT ${CASE_COLUMNS} FROM cases WHERE id = $1`, [id])
      : await db.query<CaseRow>(
          `SELECT ${CASE_COLUMNS} FROM cases WHERE id = $1 AND district_code = ANY($2::bpchar[])`,
          [id, districtCodes],
        );
  const row = r.rows[0];
  return row ? toCase(row) : null;
}

/** One case by id, locked until the transaction ends (the writer's read). */
export async function findCaseForUpdate(db: Queryable, id: string): Promise<Case | null> {
  const r = await db.query<CaseRow>(`SELECT ${CASE_COLUMNS} FROM cases WHERE id = $1 FOR UPDATE`, [
    id,
  ]);
  const row = r.rows[0];
  return row ? toCase(row) : null;
}

/**
 * Reserves the next `count` numbers of the district's daily sequence (local date `YYYY-MM-DD`)
 * and returns the first. The row stays locked until the transaction ends, so two intakes never
 * mint the same number; callers reserving several sequences lock them in (district, date) order.
 */
export async function reserveCaseSequence(
  db: Queryable,
  districtCode: string,
  localDate: string,
  count: number,
): Promise<number> {
  const r = await db.query<{ last_seq: number }>(
    `INSERT INTO case_number_sequences (district_code, local_date, last_seq)
     VALUES ($1, $2::date, $3::integer)
     ON CONFLICT (district_code, local_date)
     DO UPDATE SET last_seq = case_number_sequences.last_seq + $3::integer
     RETURNING last_seq`,
    [districtCode, localDate, count],
  );
  const row = r.rows[0];
  if (!row) throw new Error('case number sequence not returned');
  return row.last_seq - count + 1;
}
