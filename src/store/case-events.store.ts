import type { CaseEvent, NewCaseEvent } from '../domain/cases/index.ts';
import type { Queryable } from './db.ts';
import { EVENT_COLUMNS, toCaseEvent, type CaseEventRow } from './case-rows.ts';

/** Appends one event to a case's history (UNIQUE (case_id, version) rejects a second writer). */
export async function appendCaseEvent(db: Queryable, e: NewCaseEvent): Promise<CaseEvent> {
  const r = await db.query<CaseEventRow>(
    `INSERT INTO case_events (case_id, district_code, version, action, actor_user_id, actor_role,
       actor_unit_id, actor_district_code, actor_scope, at, from_status, to_status, payload)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb)
     RETURNING ${EVENT_COLUMNS}`,
    [
      e.caseId,
      e.districtCode,
      e.seq,
      e.action,
      e.actor.userId,
      e.actor.role,
      e.actor.unitId ?? null,
      e.actor.districtCode,
      e.actor.scope ?? null,
      e.at,
      e.fromStatus,
      e.toStatus,
      JSON.stringify(e.payload),
    ],
  );
  const row = r.rows[0];
  if (!row) throw new Error('case event not returned');
  return toCaseEvent(row);
}

/** The whole history of one case in its district, oldest first. */
export async function listCaseEvents(
  db: Queryable,
  districtCode: string,
  caseId: string,
): Promise<CaseEvent[]> {
  const r = await db.query<CaseEventRow>(
    `SELECT ${EVENT_COLUMNS} FROM case_events
     WHERE district_code = $1 AND case_id = $2 ORDER BY version`,
    [districtCode, caseId],
  );
  return r.rows.map(toCaseEvent);
}

/** How many events a case has (tests: a refusal writes none). */
export async function countCaseEvents(db: Queryable, caseId: string): Promise<number> {
  const r = await db.query<{ n: number | string }>(
    'SELECT count(*) AS n FROM case_events WHERE case_id = $1',
    [caseId],
  );
  return Number(r.rows[0]?.n ?? 0);
}
