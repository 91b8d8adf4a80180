import type { CaseStatus, LoopLevel } from '../domain/cases/index.ts';
import type { Queryable } from './db.ts';

/** Who may see a case at one version: its region codes, loop level and the units it was sent to. */
export type CaseSight = {
  readonly streetCode: string | null;
  readonly communityCode: string | null;
  readonly gridCode: string | null;
  readonly loopLevel: LoopLevel;
  readonly unitIds: readonly string[];
};

/**
 * One committed case change as the outbox (migrations 0095, 0125) holds it, in commit order: `position`
 * grows with every commit and is never reused.
 */
export type OutboxChange = {
  readonly position: number;
  readonly caseId: string;
  readonly caseNumber: string;
  readonly districtCode: string;
  readonly version: number;
  readonly action: string;
  readonly fromStatus: CaseStatus | null;
  readonly toStatus: CaseStatus;
  readonly at: Date;
  /** after the change */
  readonly sight: CaseSight;
  /** before the change: the case's previous notice; null for a case's first one */
  readonly before: CaseSight | null;
};

type Row = {
  position: number | string;
  case_id: string;
  case_number: string;
  district_code: string;
  version: number;
  action: string;
  from_status: string | null;
  to_status: string;
  at: Date;
  street_code: string | null;
  community_code: string | null;
  grid_code: string | null;
  loop_level: string;
  unit_ids: string[];
  p_street_code: string | null;
  p_community_code: string | null;
  p_grid_code: string | null;
  p_loop_level: string | null;
  p_unit_ids: string[] | null;
};

const trim = (s: string | null): string | null => (s === null ? null : s.trimEnd());

function toChange(r: Row): OutboxChange {
  return {
    position: Number(r.position),
    caseId: r.case_id,
    caseNumber: r.case_number,
    districtCode: r.district_code,
    version: r.version,
    action: r.action,
    fromStatus: r.from_status as CaseStatus | null,
    toStatus: r.to_status as CaseStatus,
    at: r.at,
    sight: {
      streetCode: trim(r.street_code),
      communityCode: trim(r.community_code),
      gridCode: trim(r.grid_code),
      loopLevel: r.loop_level as LoopLevel,
      unitIds: r.unit_ids,
    },
    before:
      r.p_loop_level === null
        ? null
        : {
            streetCode: trim(r.p_street_code),
            communityCode: trim(r.p_community_code),
            gridCode: trim(r.p_grid_code),
            loopLevel: r.p_loop_level as LoopLevel,
            unitIds: r.p_unit_ids ?? [],
          },
  };
}

/**
 * The changes committed after `position`, oldest first, at most `limit`, each with the case's
 * previous notice (one index probe per change). Reading `position > p` never skips a change:
 * positions are handed out in commit order.
 */
export async function readCaseOutbox(
  db: Queryable,
  after: number,
  limit: number,
): Promise<OutboxChange[]> {
  const r = await db.query<Row>(
    `SELECT o.position, o.case_id, o.case_number, o.district_code, o.version, o.action,
       o.from_status, o.to_status, o.at, o.street_code, o.community_code, o.grid_code,
       o.loop_level, o.unit_ids, p.street_code AS p_street_code,
       p.community_code AS p_community_code, p.grid_code AS p_grid_code,
       p.loop_level AS p_loop_level, p.unit_ids AS p_unit_ids
     FROM case_outbox o
     LEFT JOIN LATERAL (
       SELECT q.street_code, q.community_code, q.grid_code, q.loop_level, q.unit_ids
       FROM case_outbox q
       WHERE q.district_code = o.district_code AND q.case_id = o.case_id
         AND q.position < o.position
       ORDER BY q.position DESC LIMIT 1
     ) p ON true
     WHERE o.position > $1
     ORDER BY o.position
     LIMIT $2`,
    [after, limit],
  );
  return r.rows.map(toChange);
}

/**
 * The CTEs that write the case outbox rows (migration 0125) of the events a statement inserts,
 * for the writers of case_events to put beside their INSERT: `events` names a CTE returning the
 * stored events (id, case_id, district_code, version, action, from_status, to_status, at) and
 * `sights` a table expression with one row per case (case_id, district_code, case_number,
 * street_code, community_code, grid_code, loop_level, unit_ids) as it stands after the
 * transaction. The final SELECT must read `outbox_notified` (a plain CTE runs only when read).
 *
 * Why this shape: positions must be handed out in commit order (once a reader sees position p,
 * every smaller one is visible or never will be). So the rows are numbered under the outbox
 * ordering lock, (95, 1), transaction-scoped and so held through the COMMIT; one lock and one
 * NOTIFY per statement, not per row. The lock is taken only after every event of the statement
 * is in (the count reads the whole CTE first), so the statement's row locks (a sweep's UPDATE)
 * are all held before it: a writer holding the lock never waits for a row, and cannot deadlock
 * with one waiting for it. Hence also: this must be the transaction's last statement that takes
 * row locks. No events, no lock and no NOTIFY.
 */
export function caseOutboxTail(events: string, sights: string): string {
  return `outbox_ordered AS (
       SELECT count(*) AS n, pg_advisory_xact_lock(95, 1)::text AS locked
       FROM ${events} HAVING count(*) > 0),
     outbox_rows AS (
       INSERT INTO case_outbox (event_id, case_id, district_code, case_number, version, action,
         from_status, to_status, at, street_code, community_code, grid_code, loop_level, unit_ids)
       SELECT e.id, e.case_id, e.district_code, s.case_number, e.version, e.action,
         e.from_status, e.to_status, e.at, s.street_code, s.community_code, s.grid_code,
         s.loop_level, s.unit_ids
       FROM outbox_ordered, ${events} e
       JOIN ${sights} AS s (case_id, district_code, case_number, street_code, community_code,
         grid_code, loop_level, unit_ids)
         ON s.case_id = e.case_id AND s.district_code = e.district_code
       ORDER BY e.case_id, e.version
       RETURNING 1),
     outbox_notified AS (SELECT pg_notify('gridloop_case_outbox', '') FROM outbox_ordered)`;
}

/** The newest position (0 when nothing was committed yet). */
export async function caseOutboxHead(db: Queryable): Promise<number> {
  const r = await db.query<{ head: number | string | null }>(
    'SELECT max(position) AS head FROM case_outbox',
  );
  return Number(r.rows[0]?.head ?? 0);
}

/**
 * Deletes up to `limit` outbox rows below `belowPosition` that are not their case's newest (the
 * newest stays: it says who sees the case before its next change). Returns how many went.
 */
export async function pruneCaseOutbox(
  db: Queryable,
  belowPosition: number,
  limit: number,
): Promise<number> {
  const r = await db.query<{ n: number | string }>(
    `WITH gone AS (
       DELETE FROM case_outbox WHERE position IN (
         SELECT o.position FROM case_outbox o
         WHERE o.position < $1 AND EXISTS (
           SELECT 1 FROM case_outbox n
           WHERE n.district_code = o.district_code AND n.case_id = o.case_id
             AND n.position > o.position)
         ORDER BY o.position LIMIT $2)
       RETURNING 1)
     SELECT count(*) AS n FROM gone`,
    [belowPosition, limit],
  );
  return Number(r.rows[0]?.n ?? 0);
}
