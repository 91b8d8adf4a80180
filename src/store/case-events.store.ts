import type { Case, CaseEvent, NewCaseEvent } from '../domain/cases/index.ts';
import type { Queryable } from './db.ts';
import {
  CASE_PARAMS,
  EVENT_COLUMNS,
  caseParams,
  toCaseEvent,
  type CaseEventRow,
} from './case-rows.ts';
import { valuesList } from './multi-row.ts';
import { caseOutboxTail } from './case-outbox.store.ts';

const EVENT_CASTS = ['', '', '', '', '', '', '', '', '', '::timestamptz', '', '', '::jsonb'];

const eventParams = (e: NewCaseEvent): unknown[] => [
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
];

const INSERT_EVENTS = `INSERT INTO case_events (case_id, district_code, version, action,
  actor_user_id, actor_role, actor_unit_id, actor_district_code, actor_scope, at, from_status,
  to_status, payload)`;

/**
 * Appends events to cases' histories and their case outbox rows (migration 0125) in one statement
 * (UNIQUE (case_id, version) rejects a second writer) and returns the events as stored, in the
 * order given. `after` holds every case the events belong to as it stands after the transaction:
 * its outbox rows carry who may see it then (the change feed reads nothing else). With
 * `opened`, those cases are inserted by the same statement first (a batch of intakes: one round
 * trip for both tables; the events' foreign keys are checked at the end of the statement, when
 * the cases are there). Call it as the transaction's last write: the statement takes the outbox
 * ordering lock, held until the commit (see caseOutboxTail). Only the ids come back from the
 * database; the rest is what was written (a payload's dates stay Date objects here, where a read
 * of the history gives them as ISO text: the same JSON either way).
 */
export async function appendCaseEvents(
  db: Queryable,
  events: readonly NewCaseEvent[],
  cases: {
    readonly after: readonly Case[];
    readonly opened?: readonly { readonly case: Case; readonly now: Date }[];
  },
): Promise<CaseEvent[]> {
  const opened = cases.opened ?? [];
  if (events.length === 0) {
    // Every case opens with its first event: a case alone would be a state without its record.
    if (opened.length > 0) throw new Error('cases opened without events');
    return [];
  }
  const c = valuesList(
    opened.map((x) => caseParams(x.case, x.now)),
    CASE_PARAMS.map(([, cast]) => cast),
  );
  const withCases =
    opened.length === 0
      ? 'WITH '
      : `WITH opened AS (INSERT INTO cases (${CASE_PARAMS.map(([col]) => col).join(', ')})
         VALUES ${c.sql}), `;
  const v = valuesList(events.map(eventParams), EVENT_CASTS, c.params.length);
  const s = valuesList(
    sightsOf(events, cases.after),
    SIGHT_CASTS,
    c.params.length + v.params.length,
  );
  const r = await db.query<{ id: number | string; case_id: string; version: number }>(
    `${withCases}ev AS (${INSERT_EVENTS} VALUES ${v.sql}
       RETURNING id, case_id, district_code, version, action, from_status, to_status, at),
     ${caseOutboxTail('ev', `(VALUES ${s.sql})`)}
     SELECT ev.id, ev.case_id, ev.version FROM ev, outbox_notified`,
    [...c.params, ...v.params, ...s.params],
  );
  // RETURNING carries no promise of order: match the ids back by (case, version).
  const ids = new Map(r.rows.map((row) => [`${row.case_id}#${row.version}`, String(row.id)]));
  return events.map((e) => {
    const id = ids.get(`${e.caseId}#${e.seq}`);
    if (id === undefined) throw new Error(`case event ${e.caseId}#${e.seq} not returned`);
    return { ...e, id };
  });
}

const SIGHT_CASTS = ['', '::bpchar', '', '::bpchar', '::bpchar', '::bpchar', '', '::text[]'];

/** One row per case the events belong to: its number and who may see it after the transaction. */
function sightsOf(events: readonly NewCaseEvent[], after: readonly Case[]): unknown[][] {
  const byId = new Map(after.map((c) => [c.id, c]));
  const ids = [...new Set(events.map((e) => e.caseId))];
  return ids.map((id) => {
    const c = byId.get(id);
    if (!c) throw new Error(`case ${id} has events but no state after them`);
    return [
      c.id,
      c.districtCode,
      c.caseNumber,
      c.streetCode,
      c.communityCode,
      c.gridCode,
      c.loopLevel,
      [...(c.mainUnitId === null ? [] : [c.mainUnitId]), ...c.assistingUnitIds],
    ];
  });
}

/** Appends one event to a case's history. */
export async function appendCaseEvent(
  db: Queryable,
  e: NewCaseEvent,
  after: Case,
): Promise<CaseEvent> {
  const [stored] = await appendCaseEvents(db, [e], { after: [after] });
  if (!stored) throw new Error('case event not returned');
  return stored;
}

/** A history entry with the display name of the user who acted (null: the system, or gone). */
export type CaseHistoryEvent = CaseEvent & { readonly actorName: string | null };

/**
 * The whole history of one case in its district, oldest first, with the actors' names (one
 * read through the (case_id, version) index and the users' primary key).
 */
export async function listCaseEvents(
  db: Queryable,
  districtCode: string,
  caseId: string,
): Promise<CaseHistoryEvent[]> {
  const r = await db.query<CaseEventRow & { actor_name: string | null }>(
    `SELECT ${EVENT_COLUMNS.split(',')
      .map((c) => `e.${c.trim()}`)
      .join(', ')}, u.display_name AS actor_name
     FROM case_events e LEFT JOIN users u ON u.id = e.actor_user_id
     WHERE e.district_code = $1 AND e.case_id = $2 ORDER BY e.version`,
    [districtCode, caseId],
  );
  return r.rows.map((row) => ({ ...toCaseEvent(row), actorName: row.actor_name }));
}

/** How many events a case has (tests: a refusal writes none). */
export async function countCaseEvents(db: Queryable, caseId: string): Promise<number> {
  const r = await db.query<{ n: number | string }>(
    'SELECT count(*) AS n FROM case_events WHERE case_id = $1',
    [caseId],
  );
  return Number(r.rows[0]?.n ?? 0);
}
