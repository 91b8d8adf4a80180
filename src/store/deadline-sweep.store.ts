import { SYSTEM_USER_ID, timerEventKindOf } from '../domain/cases/index.ts';
import { caseOutboxTail } from './case-outbox.store.ts';
import type { Queryable } from './db.ts';

/**
 * The deadline sweep in SQL, set-based: one statement marks the cases, bumps their version and
 * appends one system event and one outbox row each: the domain's timer event (`timerEvent` in
 * domain/cases events.ts), built here row for row. The status lists repeat the partial indexes
 * of 0040 (cases_open_due_idx, cases_open_warn_idx) literally so the planner can use them.
 */

const OPEN = `('pending_verification', 'pending_filing', 'pending_dispatch', 'dispatched',
  'handling', 'pending_recheck', 'pending_close')`;

// Instants in the payload as JSON.stringify writes a Date (…T…Z, milliseconds), like every
// other event's payload.
const iso = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export type SweepCounts = { readonly overdue: number; readonly warning: number };

const OVERDUE = `due_at < $1 AND status IN ${OPEN} AND paused_at IS NULL
  AND timer_state IS DISTINCT FROM 'overdue'`;
const WARNING = `warn_at <= $1 AND due_at >= $1 AND status IN ${OPEN} AND paused_at IS NULL
  AND (timer_state IS NULL OR timer_state = 'on_time')`;

const changed = (state: 'overdue' | 'warning', where: string) => `UPDATE cases
    SET timer_state = '${state}', version = version + 1, updated_at = $1
    WHERE ${where}
    RETURNING id, district_code, version, status, active_step, due_at, warn_at, case_number,
      street_code, community_code, grid_code, loop_level,
      array_remove(ARRAY[main_unit_id] || assisting_unit_ids, NULL) AS unit_ids,
      '${timerEventKindOf(state)}' AS action`;

// One statement for both changes (their WHEREs are disjoint: due_at < now, due_at >= now), so the
// outbox ordering lock is taken once, after every row lock of the sweep (caseOutboxTail).
const SWEEP_SQL = `WITH overdue AS (${changed('overdue', OVERDUE)}),
  warning AS (${changed('warning', WARNING)}),
  changed AS (SELECT * FROM overdue UNION ALL SELECT * FROM warning),
  ev AS (
    INSERT INTO case_events (case_id, district_code, version, action, actor_user_id,
      actor_role, actor_district_code, actor_scope, at, from_status, to_status, payload)
    SELECT id, district_code, version, action, '${SYSTEM_USER_ID}', 'system',
      district_code, NULL, $1, status, status,
      jsonb_build_object('step', active_step, 'dueAt', ${iso('due_at')}, 'warnAt', ${iso('warn_at')})
    FROM changed
    RETURNING id, case_id, district_code, version, action, from_status, to_status, at
  ),
  ${caseOutboxTail(
    'ev',
    `(SELECT id, district_code, case_number, street_code, community_code, grid_code,
        loop_level, unit_ids FROM changed)`,
  )}
  SELECT (SELECT count(*) FROM overdue) AS overdue, (SELECT count(*) FROM warning) AS warning,
    (SELECT count(*) FROM outbox_notified) AS notified`;

/**
 * Marks the open, running timers that passed their due instant (overdue) or only their warning
 * instant (warning) at `now`, each with its event and outbox row; returns how many changed.
 */
export async function sweepTimerStates(db: Queryable, now: Date): Promise<SweepCounts> {
  const r = await db.query<{ overdue: number | string; warning: number | string }>(SWEEP_SQL, [
    now,
  ]);
  return { overdue: Number(r.rows[0]?.overdue ?? 0), warning: Number(r.rows[0]?.warning ?? 0) };
}
