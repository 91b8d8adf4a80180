import type {
  AssessEvent,
  CaseProfile,
  CaseTrack,
  DailySum,
  Fact,
} from '../domain/indicators/index.ts';
import type { Queryable } from './db.ts';
import { unnestColumns } from './multi-row.ts';

/**
 * The assessment roll-ups (migration 0170): facts, daily sums, the fold's per-case tracks and
 * the position the roll-up has read the case outbox to. Everything here is derived from
 * case_events.
 */

/** A case event with what the fold needs of its case. */
export type ProfiledEvent = { readonly event: AssessEvent; readonly profile: CaseProfile };

type EventRow = {
  position?: number | string;
  id: number | string;
  case_id: string;
  district_code: string;
  version: number;
  action: string;
  actor_user_id: string;
  actor_role: string;
  at: Date | string;
  from_status: string | null;
  payload: Record<string, unknown>;
  source: string;
  category_code: string;
  grid_code: string | null;
};

const EVENT_SELECT = `e.id, e.case_id, e.district_code, e.version, e.action, e.actor_user_id,
  e.actor_role, e.at, e.from_status, e.payload, c.source, c.category_code, c.grid_code`;

const toProfiled = (r: EventRow): ProfiledEvent => ({
  event: {
    id: String(r.id),
    seq: r.version,
    action: r.action,
    actorUserId: r.actor_user_id,
    actorRole: r.actor_role,
    at: r.at instanceof Date ? r.at : new Date(r.at),
    fromStatus: r.from_status,
    payload: r.payload,
  },
  profile: {
    caseId: r.case_id,
    districtCode: r.district_code,
    source: r.source,
    categoryCode: r.category_code,
    gridCode: r.grid_code === null ? null : r.grid_code.trim(),
  },
});

/** Locks the roll-up's position (one roll-up at a time) and returns it. */
export async function lockRollupPosition(tx: Queryable): Promise<number> {
  const r = await tx.query<{ position: number | string }>(
    'SELECT position FROM assess_rollup_position WHERE id = 1 FOR UPDATE',
  );
  return Number(r.rows[0]?.position ?? 0);
}

export async function setRollupPosition(tx: Queryable, position: number): Promise<void> {
  await tx.query(
    'UPDATE assess_rollup_position SET position = $1, updated_at = now() WHERE id = 1',
    [position],
  );
}

/** The roll-up's position without a lock (the outbox pruning stays below it). */
export async function rollupPosition(db: Queryable): Promise<number> {
  const r = await db.query<{ position: number | string }>(
    'SELECT position FROM assess_rollup_position WHERE id = 1',
  );
  return Number(r.rows[0]?.position ?? 0);
}

/** The events after an outbox position, in commit order, with their positions. */
export async function readEventsAfter(
  tx: Queryable,
  after: number,
  limit: number,
): Promise<{ position: number; item: ProfiledEvent }[]> {
  const r = await tx.query<EventRow>(
    `SELECT o.position, ${EVENT_SELECT}
     FROM case_outbox o
     JOIN case_events e ON e.id = o.event_id
     JOIN cases c ON c.district_code = o.district_code AND c.id = o.case_id
     WHERE o.position > $1
     ORDER BY o.position
     LIMIT $2`,
    [after, limit],
  );
  return r.rows.map((row) => ({ position: Number(row.position), item: toProfiled(row) }));
}

/** The newest outbox position (everything at or below it is visible once it is). */
export async function outboxHead(db: Queryable): Promise<number> {
  const r = await db.query<{ head: number | string | null }>(
    'SELECT max(position) AS head FROM case_outbox',
  );
  return Number(r.rows[0]?.head ?? 0);
}

/** A page of a district's case ids after `afterCaseId`, in id order. */
export async function pageCaseIds(
  db: Queryable,
  districtCode: string,
  afterCaseId: string,
  limit: number,
): Promise<string[]> {
  const r = await db.query<{ id: string }>(
    'SELECT id FROM cases WHERE district_code = $1 AND id > $2 ORDER BY id LIMIT $3',
    [districtCode, afterCaseId, limit],
  );
  return r.rows.map((x) => x.id);
}

/**
 * The histories of some cases of a district, each in version order, leaving out events
 * committed after outbox position `head` (the recompute then sees exactly what a roll-up at
 * `head` has seen).
 */
export async function readCaseHistories(
  db: Queryable,
  districtCode: string,
  caseIds: readonly string[],
  head: number,
): Promise<ProfiledEvent[]> {
  const r = await db.query<EventRow>(
    `SELECT ${EVENT_SELECT}
     FROM cases c
     JOIN case_events e ON e.case_id = c.id
     WHERE c.district_code = $1 AND c.id = ANY($2::text[])
       AND NOT EXISTS (
         SELECT 1 FROM case_outbox o WHERE o.event_id = e.id AND o.position > $3)
     ORDER BY e.case_id, e.version`,
    [districtCode, caseIds, head],
  );
  return r.rows.map(toProfiled);
}

/** The districts that have cases. */
export async function caseDistricts(db: Queryable): Promise<string[]> {
  const r = await db.query<{ d: string }>(
    'SELECT DISTINCT district_code AS d FROM cases ORDER BY 1',
  );
  return r.rows.map((x) => x.d);
}

export async function readTracks(
  tx: Queryable,
  keys: readonly { districtCode: string; caseId: string }[],
): Promise<Map<string, CaseTrack>> {
  if (keys.length === 0) return new Map();
  const r = await tx.query<{ district_code: string; case_id: string; track: CaseTrack }>(
    `SELECT district_code, case_id, track FROM assess_case_tracks
     WHERE (district_code, case_id) IN (
       SELECT * FROM unnest($1::text[], $2::text[]))`,
    [keys.map((k) => k.districtCode), keys.map((k) => k.caseId)],
  );
  return new Map(r.rows.map((x) => [`${x.district_code}/${x.case_id}`, x.track]));
}

/** Rows per statement: each batch goes in as column arrays (unnestColumns). */
const CHUNK = 20_000;

function* chunks<T>(xs: readonly T[]): Generator<readonly T[]> {
  for (let i = 0; i < xs.length; i += CHUNK) yield xs.slice(i, i + CHUNK);
}

export async function saveTracks(
  tx: Queryable,
  tracks: readonly { districtCode: string; caseId: string; track: CaseTrack }[],
): Promise<void> {
  for (const part of chunks(tracks)) {
    const u = unnestColumns(part, [
      ['text', (t) => t.districtCode],
      ['text', (t) => t.caseId],
      ['jsonb', (t) => JSON.stringify(t.track)],
    ]);
    await tx.query(
      `INSERT INTO assess_case_tracks (district_code, case_id, track) SELECT * FROM ${u.sql}
       ON CONFLICT (district_code, case_id) DO UPDATE SET track = EXCLUDED.track`,
      u.params,
    );
  }
}

/** Appends facts (an event's facts are written once: a second write of one is ignored). */
export async function insertFacts(tx: Queryable, facts: readonly Fact[]): Promise<void> {
  for (const part of chunks(facts)) {
    const u = unnestColumns(part, [
      ['text', (f) => f.districtCode],
      ['bigint', (f) => f.eventId],
      ['text', (f) => f.caseId],
      ['date', (f) => f.day],
      ['text', (f) => f.partyKind],
      ['text', (f) => f.partyId],
      ['text', (f) => f.categoryCode],
      ['text', (f) => f.metric],
      ['bigint', (f) => f.value],
    ]);
    await tx.query(
      `INSERT INTO assess_facts (district_code, event_id, case_id, day, party_kind, party_id,
         category_code, metric, value) SELECT * FROM ${u.sql}`,
      u.params,
    );
  }
}

/** One row of the daily roll-up. */
export type DailyRow = DailySum;

/** Adds counts and sums to the daily roll-up. */
export async function addDaily(tx: Queryable, rows: readonly DailyRow[]): Promise<void> {
  for (const part of chunks(rows)) {
    const u = unnestColumns(part, [
      ['text', (d) => d.districtCode],
      ['date', (d) => d.day],
      ['text', (d) => d.partyKind],
      ['text', (d) => d.partyId],
      ['text', (d) => d.categoryCode],
      ['text', (d) => d.metric],
      ['bigint', (d) => d.n],
      ['bigint', (d) => d.value],
    ]);
    await tx.query(
      `INSERT INTO assess_daily (district_code, day, party_kind, party_id, category_code, metric,
         n, value) SELECT * FROM ${u.sql}
       ON CONFLICT (district_code, day, party_kind, party_id, category_code, metric)
       DO UPDATE SET n = assess_daily.n + EXCLUDED.n, value = assess_daily.value + EXCLUDED.value`,
      u.params,
    );
  }
}

type DailyDbRow = {
  district_code: string;
  day: string;
  party_kind: string;
  party_id: string;
  category_code: string;
  metric: string;
  n: number | string;
  value: number | string;
};

/** Every daily row of a district (the recompute check compares them). */
export async function listDaily(db: Queryable, districtCode: string): Promise<DailyRow[]> {
  const r = await db.query<DailyDbRow>(
    `SELECT district_code, to_char(day, 'YYYY-MM-DD') AS day, party_kind, party_id,
       category_code, metric, n, value
     FROM assess_daily WHERE district_code = $1
     ORDER BY day, party_kind, party_id, category_code, metric`,
    [districtCode],
  );
  return r.rows.map((x) => ({
    districtCode: x.district_code,
    day: x.day,
    partyKind: x.party_kind,
    partyId: x.party_id,
    categoryCode: x.category_code,
    metric: x.metric,
    n: Number(x.n),
    value: Number(x.value),
  }));
}

/**
 * Sums of a district's daily roll-up over [from, to) by party and metric, for one party kind;
 * `groupLength` cuts party ids to a prefix (grid codes → community 12 / street 9 digits).
 */
export async function sumDaily(
  db: Queryable,
  districtCode: string,
  partyKind: string,
  from: string,
  to: string,
  groupLength: number | null = null,
): Promise<{ partyId: string; metric: string; value: number }[]> {
  const party = groupLength === null ? 'party_id' : `left(party_id, ${String(groupLength)})`;
  const r = await db.query<{ party_id: string; metric: string; value: number | string }>(
    `SELECT ${party} AS party_id, metric, sum(value) AS value
     FROM assess_daily
     WHERE district_code = $1 AND party_kind = $2 AND day >= $3::date AND day < $4::date
     GROUP BY 1, 2`,
    [districtCode, partyKind, from, to],
  );
  return r.rows.map((x) => ({ partyId: x.party_id, metric: x.metric, value: Number(x.value) }));
}

/** Unit grids of a district counted by the prefix of their code (region level). */
export async function countGrids(
  db: Queryable,
  districtCode: string,
  groupLength: number,
): Promise<Map<string, number>> {
  const r = await db.query<{ p: string; n: number | string }>(
    `SELECT left(code, ${String(groupLength)}) AS p, count(*) AS n FROM grids
     WHERE district_code = $1 GROUP BY 1`,
    [districtCode],
  );
  return new Map(r.rows.map((x) => [x.p, Number(x.n)]));
}

/** The grid supervisors of a district and the region codes they patrol. */
export async function supervisorScopes(
  db: Queryable,
  districtCode: string,
): Promise<{ userId: string; name: string; scope: string[] }[]> {
  const r = await db.query<{ id: string; display_name: string; region_scope: string[] }>(
    `SELECT id, display_name, region_scope FROM users
     WHERE district_code = $1 AND role = 'supervisor' AND NOT disabled ORDER BY id`,
    [districtCode],
  );
  return r.rows.map((x) => ({ userId: x.id, name: x.display_name, scope: x.region_scope }));
}

/** A fact with its case number and event, for tracing a number back. */
export type TracedFact = {
  readonly caseId: string;
  readonly caseNumber: string;
  readonly eventId: string;
  readonly action: string;
  readonly at: Date;
  readonly day: string;
  readonly partyId: string;
  readonly metric: string;
  readonly value: number;
};

/**
 * The facts behind a number: a district's facts of these metrics over [from, to), of parties
 * whose id starts with `partyPrefix` ('' for all), oldest first, at most `limit`.
 */
export async function traceFacts(
  db: Queryable,
  q: {
    districtCode: string;
    partyKind: string;
    metrics: readonly string[];
    partyPrefix: string;
    partyExact: boolean;
    from: string;
    to: string;
    limit: number;
  },
): Promise<TracedFact[]> {
  const r = await db.query<{
    case_id: string;
    case_number: string;
    event_id: number | string;
    action: string;
    at: Date | string;
    day: string;
    party_id: string;
    metric: string;
    value: number | string;
  }>(
    `SELECT f.case_id, c.case_number, f.event_id, e.action, e.at,
       to_char(f.day, 'YYYY-MM-DD') AS day, f.party_id, f.metric, f.value
     FROM assess_facts f
     JOIN cases c ON c.district_code = f.district_code AND c.id = f.case_id
     JOIN case_events e ON e.id = f.event_id
     WHERE f.district_code = $1 AND f.party_kind = $2 AND f.metric = ANY($3::text[])
       AND f.day >= $4::date AND f.day < $5::date
       AND (CASE WHEN $7 THEN f.party_id = $6 ELSE f.party_id LIKE $6 || '%' END)
     ORDER BY e.at, f.event_id, f.metric
     LIMIT $8`,
    [q.districtCode, q.partyKind, q.metrics, q.from, q.to, q.partyPrefix, q.partyExact, q.limit],
  );
  return r.rows.map((x) => ({
    caseId: x.case_id,
    caseNumber: x.case_number,
    eventId: String(x.event_id),
    action: x.action,
    at: x.at instanceof Date ? x.at : new Date(x.at),
    day: x.day,
    partyId: x.party_id,
    metric: x.metric,
    value: Number(x.value),
  }));
}

/** Display names of parties: units, users, regions (district/street/community) or grids. */
export async function partyNames(
  db: Queryable,
  kind: 'unit' | 'user' | 'region' | 'grid',
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const sql = {
    unit: 'SELECT id AS k, name_zh AS v FROM units WHERE id = ANY($1::text[])',
    user: 'SELECT id AS k, display_name AS v FROM users WHERE id = ANY($1::text[])',
    region: 'SELECT code AS k, name_zh AS v FROM regions WHERE code = ANY($1::text[])',
    grid: 'SELECT code AS k, name_zh AS v FROM grids WHERE code = ANY($1::text[])',
  }[kind];
  const r = await db.query<{ k: string; v: string }>(sql, [ids]);
  return new Map(r.rows.map((x) => [x.k.trim(), x.v]));
}
