import type { ScopeFilter } from '../domain/access/index.ts';
import type { TimeLimit } from '../domain/catalogue/index.ts';
import type {
  ReportStep,
  Whistle,
  WhistleEvent,
  WhistleEventKind,
  WhistleLevel,
} from '../domain/whistle/index.ts';
import type { Queryable, Row } from './db.ts';
import { valuesList } from './multi-row.ts';

/**
 * Whistles (吹哨报到, migration 0160): the projection rows `whistles` and `whistle_summons`, and
 * the append-only `whistle_events` they are derived from. Every lookup passes the district code.
 */

type WhistleRow = Row & {
  district_code: string;
  id: string;
  case_id: string;
  level: WhistleLevel;
  region_code: string;
  street_code: string | null;
  community_code: string | null;
  reason: string;
  whistled_by: string;
  whistled_at: Date | string;
  status: Whistle['status'];
  outcome_note: string | null;
  closed_by: string | null;
  closed_at: Date | string | null;
  version: number;
};

type SummonsRow = Row & {
  whistle_id: string;
  unit_id: string;
  acknowledge_due_at: Date | string;
  arrive_due_at: Date | string;
  feedback_due_at: Date | string;
  acknowledged_at: Date | string | null;
  arrived_at: Date | string | null;
  fed_back_at: Date | string | null;
  missed_steps: string[];
};

const date = (v: Date | string): Date => (v instanceof Date ? v : new Date(v));
const dateOrNull = (v: Date | string | null): Date | null => (v === null ? null : date(v));

const toSummons = (r: SummonsRow): Whistle['summons'][number] => ({
  unitId: r.unit_id,
  due: {
    acknowledge: date(r.acknowledge_due_at),
    arrive: date(r.arrive_due_at),
    feedback: date(r.feedback_due_at),
  },
  done: {
    acknowledge: dateOrNull(r.acknowledged_at),
    arrive: dateOrNull(r.arrived_at),
    feedback: dateOrNull(r.fed_back_at),
  },
  missed: r.missed_steps as ReportStep[],
});

const toWhistle = (r: WhistleRow, summons: readonly SummonsRow[]): Whistle => ({
  id: r.id,
  districtCode: r.district_code.trim(),
  caseId: r.case_id,
  level: r.level,
  regionCode: r.region_code,
  streetCode: r.street_code,
  communityCode: r.community_code,
  reason: r.reason,
  whistledBy: r.whistled_by,
  whistledAt: date(r.whistled_at),
  status: r.status,
  outcomeNote: r.outcome_note,
  closedBy: r.closed_by,
  closedAt: dateOrNull(r.closed_at),
  version: r.version,
  summons: summons.filter((s) => s.whistle_id === r.id).map(toSummons),
});

const COLUMNS = `district_code, id, case_id, level, region_code, street_code, community_code,
  reason, whistled_by, whistled_at, status, outcome_note, closed_by, closed_at, version`;
const SUMMONS_COLUMNS = `whistle_id, unit_id, acknowledge_due_at, arrive_due_at, feedback_due_at,
  acknowledged_at, arrived_at, fed_back_at, missed_steps`;

async function withSummons(db: Queryable, rows: readonly WhistleRow[]): Promise<Whistle[]> {
  if (rows.length === 0) return [];
  const districts = [...new Set(rows.map((r) => r.district_code.trim()))];
  const s = await db.query<SummonsRow>(
    `SELECT ${SUMMONS_COLUMNS} FROM whistle_summons
     WHERE district_code = ANY($1::text[]) AND whistle_id = ANY($2::text[])
     ORDER BY whistle_id, unit_id`,
    [districts, rows.map((r) => r.id)],
  );
  return rows.map((r) => toWhistle(r, s.rows));
}

/** Writes a new whistle and its summoned units (the projection of its `blown` event). */
export async function insertWhistle(db: Queryable, w: Whistle): Promise<void> {
  await db.query(
    `INSERT INTO whistles (${COLUMNS})
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
    [
      w.districtCode,
      w.id,
      w.caseId,
      w.level,
      w.regionCode,
      w.streetCode,
      w.communityCode,
      w.reason,
      w.whistledBy,
      w.whistledAt,
      w.status,
      w.outcomeNote,
      w.closedBy,
      w.closedAt,
      w.version,
    ],
  );
  const v = valuesList(
    w.summons.map((s) => [
      w.districtCode,
      w.id,
      s.unitId,
      s.due.acknowledge,
      s.due.arrive,
      s.due.feedback,
    ]),
    ['', '', '', '::timestamptz', '::timestamptz', '::timestamptz'],
  );
  await db.query(
    `INSERT INTO whistle_summons (district_code, whistle_id, unit_id, acknowledge_due_at,
       arrive_due_at, feedback_due_at) VALUES ${v.sql}`,
    v.params,
  );
}

/** Saves a whistle's state after later events: its status and every unit's reports and misses. */
export async function saveWhistle(db: Queryable, w: Whistle): Promise<void> {
  await db.query(
    `UPDATE whistles SET status = $3, outcome_note = $4, closed_by = $5, closed_at = $6,
       version = $7
     WHERE district_code = $1 AND id = $2`,
    [w.districtCode, w.id, w.status, w.outcomeNote, w.closedBy, w.closedAt, w.version],
  );
  for (const s of w.summons) {
    await db.query(
      `UPDATE whistle_summons SET acknowledged_at = $4, arrived_at = $5, fed_back_at = $6,
         missed_steps = $7::text[]
       WHERE district_code = $1 AND whistle_id = $2 AND unit_id = $3`,
      [
        w.districtCode,
        w.id,
        s.unitId,
        s.done.acknowledge,
        s.done.arrive,
        s.done.feedback,
        [...s.missed],
      ],
    );
  }
}

/** Appends events to whistles' timelines (append-only: migration 0160's trigger). */
export async function appendWhistleEvents(
  db: Queryable,
  events: readonly WhistleEvent[],
): Promise<void> {
  if (events.length === 0) return;
  const v = valuesList(
    events.map((e) => [
      e.districtCode,
      e.whistleId,
      e.version,
      e.kind,
      e.unitId,
      e.actor.userId,
      e.actor.role,
      e.at,
      JSON.stringify(e.payload),
    ]),
    ['', '', '::integer', '', '', '', '', '::timestamptz', '::jsonb'],
  );
  await db.query(
    `INSERT INTO whistle_events (district_code, whistle_id, version, kind, unit_id,
       actor_user_id, actor_role, at, payload) VALUES ${v.sql}`,
    v.params,
  );
}

/** One whistle of a district, locked for writing when `forUpdate`. */
export async function findWhistle(
  db: Queryable,
  districtCode: string,
  id: string,
  forUpdate = false,
): Promise<Whistle | null> {
  const r = await db.query<WhistleRow>(
    `SELECT ${COLUMNS} FROM whistles WHERE district_code = $1 AND id = $2
     ${forUpdate ? 'FOR UPDATE' : ''}`,
    [districtCode, id],
  );
  const [w] = await withSummons(db, r.rows);
  return w ?? null;
}

export type StoredWhistleEvent = WhistleEvent & {
  readonly id: string;
  readonly actorName: string | null;
};

/** A whistle's timeline, oldest first, with the actors' names. */
export async function listWhistleEvents(
  db: Queryable,
  districtCode: string,
  whistleId: string,
): Promise<StoredWhistleEvent[]> {
  const r = await db.query<{
    id: number | string;
    district_code: string;
    whistle_id: string;
    version: number;
    kind: WhistleEventKind;
    unit_id: string | null;
    actor_user_id: string;
    actor_role: string;
    at: Date | string;
    payload: Record<string, unknown>;
    actor_name: string | null;
  }>(
    `SELECT e.id, e.district_code, e.whistle_id, e.version, e.kind, e.unit_id, e.actor_user_id,
       e.actor_role, e.at, e.payload, u.display_name AS actor_name
     FROM whistle_events e LEFT JOIN users u ON u.id = e.actor_user_id
     WHERE e.district_code = $1 AND e.whistle_id = $2 ORDER BY e.version`,
    [districtCode, whistleId],
  );
  return r.rows.map((x) => ({
    id: String(x.id),
    districtCode: x.district_code.trim(),
    whistleId: x.whistle_id,
    version: x.version,
    kind: x.kind,
    unitId: x.unit_id,
    actor: { userId: x.actor_user_id, role: x.actor_role as WhistleEvent['actor']['role'] },
    at: date(x.at),
    payload: x.payload,
    actorName: x.actor_name,
  }));
}

export type WhistleListFilter = {
  readonly scope: ScopeFilter;
  readonly caseId?: string | undefined;
  readonly status?: Whistle['status'] | undefined;
  readonly limit: number;
};

/** The newest whistles the scope reaches: region prefixes, or the units summoned. */
export async function listWhistles(db: Queryable, f: WhistleListFilter): Promise<Whistle[]> {
  const params: unknown[] = [];
  const where: string[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (f.scope.kind === 'regions') {
    const like = p(f.scope.prefixes.map((x) => `${x}%`));
    where.push(`(district_code LIKE ANY(${like}::text[]) OR region_code LIKE ANY(${like}::text[])
      OR street_code LIKE ANY(${like}::text[]) OR community_code LIKE ANY(${like}::text[]))`);
  } else if (f.scope.kind === 'units') {
    where.push(`EXISTS (SELECT 1 FROM whistle_summons s WHERE s.district_code = w.district_code
      AND s.whistle_id = w.id AND s.unit_id = ANY(${p(f.scope.unitIds)}::text[]))`);
  }
  if (f.caseId !== undefined) where.push(`case_id = ${p(f.caseId)}`);
  if (f.status !== undefined) where.push(`status = ${p(f.status)}`);
  const r = await db.query<WhistleRow>(
    `SELECT ${COLUMNS} FROM whistles w ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY whistled_at DESC, id LIMIT ${p(f.limit)}`,
    params,
  );
  return withSummons(db, r.rows);
}

/** The whistles of the districts (code prefixes) blown in [from, to), for the assessment. */
export async function listWhistlesBlownIn(
  db: Queryable,
  districtPrefixes: readonly string[],
  from: Date,
  to: Date,
): Promise<Whistle[]> {
  const r = await db.query<WhistleRow>(
    `SELECT ${COLUMNS} FROM whistles
     WHERE district_code LIKE ANY($1::text[]) AND whistled_at >= $2 AND whistled_at < $3
     ORDER BY whistled_at, id`,
    [districtPrefixes.map((x) => `${x}%`), from, to],
  );
  return withSummons(db, r.rows);
}

/**
 * Open whistles with a report step past its deadline that is neither reported nor recorded as
 * missed (the sweep's work list), at most `limit`.
 */
export async function findWhistlesPastDue(
  db: Queryable,
  now: Date,
  limit: number,
): Promise<{ districtCode: string; id: string }[]> {
  const r = await db.query<{ district_code: string; whistle_id: string }>(
    `SELECT DISTINCT s.district_code, s.whistle_id FROM whistle_summons s
     JOIN whistles w ON w.district_code = s.district_code AND w.id = s.whistle_id
     WHERE w.status = 'open' AND (
       (s.acknowledged_at IS NULL AND s.acknowledge_due_at < $1
         AND NOT 'acknowledge' = ANY(s.missed_steps))
       OR (s.arrived_at IS NULL AND s.arrive_due_at < $1 AND NOT 'arrive' = ANY(s.missed_steps))
       OR (s.fed_back_at IS NULL AND s.feedback_due_at < $1
         AND NOT 'feedback' = ANY(s.missed_steps)))
     ORDER BY s.district_code, s.whistle_id LIMIT $2`,
    [now, limit],
  );
  return r.rows.map((x) => ({ districtCode: x.district_code.trim(), id: x.whistle_id }));
}

/** The report limits of a level in a district: the district's own rows, else the defaults. */
export async function findWhistleTimeLimits(
  db: Queryable,
  districtCode: string,
  level: WhistleLevel,
): Promise<Partial<Record<ReportStep, TimeLimit>>> {
  const r = await db.query<{ step: ReportStep; amount: string | number; unit: TimeLimit['unit'] }>(
    `SELECT DISTINCT ON (step) step, amount, unit FROM whistle_time_limits
     WHERE level = $2 AND (district_code = $1 OR district_code IS NULL)
     ORDER BY step, district_code NULLS LAST`,
    [districtCode, level],
  );
  return Object.fromEntries(
    r.rows.map((x) => [x.step, { amount: Number(x.amount), unit: x.unit }]),
  );
}
