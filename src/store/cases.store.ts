import type { Case, CaseStatus, LoopLevel } from '../domain/cases/index.ts';
import type { ScopeFilter } from '../domain/access/index.ts';
import type { Queryable } from './db.ts';
import { CASE_COLUMNS, CASE_PARAMS, caseParams, toCase, type CaseRow } from './case-rows.ts';

/** SQL for cases (the projection). Events are in case-events.store.ts. */

// Every column but the id; the WHERE adds the district and the version the caller read.
const UPDATE_SQL = `UPDATE cases SET ${CASE_PARAMS.slice(1)
  .map(([c, cast], i) => `${c} = $${i + 2}${cast}`)
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

/** One case by id (the caller checks region scope on the result). */
export async function findCase(db: Queryable, id: string): Promise<Case | null> {
  const r = await db.query<CaseRow>(`SELECT ${CASE_COLUMNS} FROM cases WHERE id = $1`, [id]);
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

/** A step limit as stored: the district's own row, else the default (district_code NULL). */
export type StepLimitRow = {
  step: string;
  amount: number;
  unit: 'working_hours' | 'working_days' | 'calendar_hours';
  provenance: string;
  districtCode: string | null;
};

/** The time limit of a centre step in a district (its own row wins over the default). */
export async function findStepTimeLimit(
  db: Queryable,
  districtCode: string,
  step: string,
): Promise<StepLimitRow | null> {
  const r = await db.query<{
    step: string;
    amount: number | string;
    unit: StepLimitRow['unit'];
    provenance: string;
    district_code: string | null;
  }>(
    `SELECT step, amount, unit, provenance, district_code FROM step_time_limits
     WHERE step = $2 AND (district_code = $1 OR district_code IS NULL)
     ORDER BY district_code NULLS LAST LIMIT 1`,
    [districtCode, step],
  );
  const row = r.rows[0];
  return row
    ? {
        step: row.step,
        amount: Number(row.amount),
        unit: row.unit,
        provenance: row.provenance,
        districtCode: row.district_code,
      }
    : null;
}

/** What a queue query selects; every field narrows the list. */
export type CaseListFilter = {
  readonly scope: ScopeFilter;
  readonly statuses?: readonly CaseStatus[] | undefined;
  readonly loopLevels?: readonly LoopLevel[] | undefined;
  readonly pendingRequestKinds?: readonly ('extension' | 'hold' | 'cancel')[] | undefined;
  /** only cases whose running step was due before this instant */
  readonly overdueAt?: Date | undefined;
  /** only cases whose main unit or an assisting unit is one of these */
  readonly unitIds?: readonly string[] | undefined;
  /** only cases one of these units has ever been sent to (worked_unit_ids) */
  readonly workedUnitIds?: readonly string[] | undefined;
  readonly limit: number;
  readonly offset: number;
};

// Open statuses whose step timer runs (on hold the timer is paused): the ones an overdue queue lists.
const TIMED_STATUSES = [
  'pending_verification',
  'pending_filing',
  'pending_dispatch',
  'dispatched',
  'handling',
  'pending_recheck',
  'pending_close',
];

/**
 * A page of cases for a queue, oldest deadline first, with the total count. Region scope is a
 * WHERE clause: district/street/community/grid code prefixes, or the units a case was sent to
 * (now or before: a unit keeps reading what it worked on).
 */
export async function listCases(
  db: Queryable,
  f: CaseListFilter,
): Promise<{ items: Case[]; total: number }> {
  const prefixes = f.scope.kind === 'regions' ? f.scope.prefixes : null;
  // Whole districts become `district_code = ANY(...)`, which the (district_code, status) index
  // serves (and a distributed table routes by); street/community/city prefixes match by LIKE.
  const districts = prefixes?.filter((p) => p.length === 6) ?? null;
  const partial = prefixes?.filter((p) => p.length !== 6).map((p) => `${p}%`) ?? [];
  const region =
    partial.length === 0
      ? 'district_code = ANY($1)'
      : '(district_code = ANY($1) OR district_code LIKE ANY($12::text[]) OR grid_code LIKE ANY($12::text[]))';
  const scopeUnits = f.scope.kind === 'units' ? f.scope.unitIds : null;
  const r = await db.query<CaseRow & { total: number | string }>(
    `SELECT ${CASE_COLUMNS}, count(*) OVER () AS total FROM cases
     WHERE ($1::text[] IS NULL OR ${region})
       AND ($2::text[] IS NULL OR main_unit_id = ANY($2) OR assisting_unit_ids && $2
         OR worked_unit_ids && $2)
       AND ($3::text[] IS NULL OR status = ANY($3))
       AND ($4::text[] IS NULL OR loop_level = ANY($4))
       AND ($5::text[] IS NULL OR pending_request_kind = ANY($5))
       AND ($6::timestamptz IS NULL OR (due_at < $6 AND status = ANY($7::text[])))
       AND ($8::text[] IS NULL OR main_unit_id = ANY($8) OR assisting_unit_ids && $8)
       AND ($11::text[] IS NULL OR worked_unit_ids && $11)
     ORDER BY due_at NULLS LAST, created_at, id
     LIMIT $9 OFFSET $10`,
    [
      districts,
      scopeUnits,
      f.statuses ?? null,
      f.loopLevels ?? null,
      f.pendingRequestKinds ?? null,
      f.overdueAt ?? null,
      TIMED_STATUSES,
      f.unitIds ?? null,
      f.limit,
      f.offset,
      f.workedUnitIds ?? null,
      ...(partial.length === 0 ? [] : [partial]),
    ],
  );
  const total = r.rows[0] ? Number(r.rows[0].total) : 0;
  return { items: r.rows.map(toCase), total };
}
