import { SYSTEM_USER_ID, timerEventKindOf } from '../domain/cases/index.ts';
import type { Queryable } from './db.ts';

/**
 * The deadline sweep in SQL, set-based: one statement per timer change marks the cases, bumps
 * their version and appends one system event each: the domain's timer event (`timerEvent` in
 * domain/cases events.ts), built here row for row. The status lists repeat the partial indexes
 * of 0040 (cases_open_due_idx, cases_open_warn_idx) literally so the planner can use them.
 */

const OPEN = `('pending_verification', 'pending_filing', 'pending_dispatch', 'dispatched',
  'handling', 'pending_recheck', 'pending_close')`;

// Instants in the payload as JSON.stringify writes a Date (…T…Z, milliseconds), like every
// other event's payload.
const iso = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export type SweptCase = {
  readonly caseId: string;
  readonly districtCode: string;
  readonly version: number;
  readonly status: string;
};

export type SweepStep = { readonly total: number; readonly sample: SweptCase[] };

function sweepSql(state: 'overdue' | 'warning'): string {
  const where =
    state === 'overdue'
      ? `due_at < $1 AND status IN ${OPEN} AND paused_at IS NULL
         AND timer_state IS DISTINCT FROM 'overdue'`
      : `warn_at <= $1 AND due_at >= $1 AND status IN ${OPEN} AND paused_at IS NULL
         AND (timer_state IS NULL OR timer_state = 'on_time')`;
  return `WITH changed AS (
      UPDATE cases SET timer_state = '${state}', version = version + 1, updated_at = $1
      WHERE ${where}
      RETURNING id, district_code, version, status, active_step, due_at, warn_at
    ), ev AS (
      INSERT INTO case_events (case_id, district_code, version, action, actor_user_id,
        actor_role, actor_district_code, actor_scope, at, from_status, to_status, payload)
      SELECT id, district_code, version, '${timerEventKindOf(state)}', '${SYSTEM_USER_ID}', 'system',
        district_code, NULL, $1, status, status,
        jsonb_build_object('step', active_step, 'dueAt', ${iso('due_at')}, 'warnAt', ${iso('warn_at')})
      FROM changed
      RETURNING case_id, district_code, version, to_status
    )
    SELECT case_id, district_code, version, to_status, count(*) OVER () AS total
    FROM ev LIMIT $2`;
}

/**
 * Marks the open, running timers that passed their due instant (overdue) or their warning
 * instant (warning) at `now`; returns how many changed and the first `sampleLimit` of them.
 */
export async function sweepTimerState(
  db: Queryable,
  state: 'overdue' | 'warning',
  now: Date,
  sampleLimit: number,
): Promise<SweepStep> {
  const r = await db.query<{
    case_id: string;
    district_code: string;
    version: number;
    to_status: string;
    total: number | string;
  }>(sweepSql(state), [now, sampleLimit]);
  return {
    total: r.rows[0] ? Number(r.rows[0].total) : 0,
    sample: r.rows.map((x) => ({
      caseId: x.case_id,
      districtCode: x.district_code.trim(),
      version: x.version,
      status: x.to_status,
    })),
  };
}
