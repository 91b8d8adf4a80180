import type {
  CalendarDayKind,
  HolidayReferenceRow,
  LocalDate,
  WorkingPeriodInput,
} from '../domain/calendar/index.ts';
import type { Queryable } from './db.ts';

/**
 * Working-time calendars (migration 0030). Calendars are reference data (global): a district's
 * calendar inherits its parent's days; its own rows win. Every change bumps `revision`, which is
 * what in-process caches key on.
 */

export type CalendarRow = {
  readonly id: string;
  readonly districtCode: string | null;
  readonly parentId: string | null;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly timeZone: string;
  readonly utcOffsetMinutes: number;
  readonly workingPeriods: readonly WorkingPeriodInput[];
  readonly weekendDays: readonly number[];
  readonly revision: number;
  readonly updatedAt: Date;
};

export type CalendarDayRow = {
  readonly date: LocalDate;
  readonly kind: CalendarDayKind;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly origin: 'reference' | 'manual';
  readonly status: 'official' | 'provisional';
  readonly source: string;
  /** true when the row comes from the parent calendar */
  readonly inherited: boolean;
  readonly updatedBy: string | null;
  readonly updatedAt: Date;
};

type DbCalendar = {
  id: string;
  district_code: string | null;
  parent_id: string | null;
  name_zh: string;
  name_en: string;
  time_zone: string;
  utc_offset_minutes: number;
  working_periods: WorkingPeriodInput[] | string;
  weekend_days: number[];
  revision: number;
  updated_at: Date;
};

const CALENDAR_COLUMNS = `id, district_code, parent_id, name_zh, name_en, time_zone,
  utc_offset_minutes, working_periods, weekend_days, revision, updated_at`;

function toCalendar(r: DbCalendar): CalendarRow {
  return {
    id: r.id,
    districtCode: r.district_code,
    parentId: r.parent_id,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    timeZone: r.time_zone,
    utcOffsetMinutes: r.utc_offset_minutes,
    workingPeriods:
      typeof r.working_periods === 'string'
        ? (JSON.parse(r.working_periods) as WorkingPeriodInput[])
        : r.working_periods,
    weekendDays: r.weekend_days.map(Number),
    revision: r.revision,
    updatedAt: r.updated_at,
  };
}

export async function findCalendar(q: Queryable, id: string): Promise<CalendarRow | null> {
  const r = await q.query<DbCalendar>(`SELECT ${CALENDAR_COLUMNS} FROM calendars WHERE id = $1`, [
    id,
  ]);
  const row = r.rows[0];
  return row ? toCalendar(row) : null;
}

export async function listCalendars(q: Queryable): Promise<CalendarRow[]> {
  const r = await q.query<DbCalendar>(
    `SELECT ${CALENDAR_COLUMNS} FROM calendars ORDER BY district_code NULLS FIRST, id`,
  );
  return r.rows.map(toCalendar);
}

/**
 * The calendar serving a district (its own, else the default) with the revisions of it and its
 * parent: one indexed lookup, so a cache can tell whether its copy is current.
 */
export async function findServingCalendarRevision(
  q: Queryable,
  districtCode: string,
  defaultId: string,
): Promise<{ id: string; revision: string } | null> {
  // The change times make the key differ between databases too (one process may hold several).
  const r = await q.query<{ id: string; revision: string }>(
    `SELECT c.id, concat_ws(':', c.revision, (extract(epoch FROM c.updated_at) * 1e6)::bigint,
              p.revision, (extract(epoch FROM p.updated_at) * 1e6)::bigint) AS revision
       FROM calendars c LEFT JOIN calendars p ON p.id = c.parent_id
      WHERE c.district_code = $1 OR c.id = $2
      ORDER BY c.district_code IS NULL
      LIMIT 1`,
    [districtCode, defaultId],
  );
  const row = r.rows[0];
  return row ? { id: row.id, revision: row.revision } : null;
}

type DbDay = {
  day: string;
  kind: CalendarDayKind;
  name_zh: string;
  name_en: string;
  origin: 'reference' | 'manual';
  status: 'official' | 'provisional';
  source: string;
  inherited: boolean;
  updated_by: string | null;
  updated_at: Date;
};

/** The effective day rows of a calendar in `[from, to]`: its own, else its parent's. */
export async function listCalendarDays(
  q: Queryable,
  calendarId: string,
  range: { from: LocalDate; to: LocalDate } | null = null,
): Promise<CalendarDayRow[]> {
  const r = await q.query<DbDay>(
    `SELECT DISTINCT ON (d.day) to_char(d.day, 'YYYY-MM-DD') AS day, d.kind, d.name_zh, d.name_en,
            d.origin, d.status, d.source, d.calendar_id <> $1 AS inherited, d.updated_by, d.updated_at
       FROM calendar_days d
      WHERE (d.calendar_id = $1 OR d.calendar_id = (SELECT parent_id FROM calendars WHERE id = $1))
        AND ($2::date IS NULL OR d.day BETWEEN $2::date AND $3::date)
      ORDER BY d.day, (d.calendar_id = $1) DESC`,
    [calendarId, range?.from ?? null, range?.to ?? null],
  );
  return r.rows.map((d) => ({
    date: d.day,
    kind: d.kind,
    nameZh: d.name_zh,
    nameEn: d.name_en,
    origin: d.origin,
    status: d.status,
    source: d.source,
    inherited: d.inherited,
    updatedBy: d.updated_by,
    updatedAt: d.updated_at,
  }));
}

async function bumpRevision(q: Queryable, calendarId: string, at: Date): Promise<void> {
  await q.query('UPDATE calendars SET revision = revision + 1, updated_at = $2 WHERE id = $1', [
    calendarId,
    at,
  ]);
}

export type NewCalendar = Omit<CalendarRow, 'revision' | 'updatedAt'>;

/** Inserts a calendar; false when the id or the district already has one. */
export async function insertCalendar(q: Queryable, c: NewCalendar, at: Date): Promise<boolean> {
  const r = await q.query(
    `INSERT INTO calendars (id, district_code, parent_id, name_zh, name_en, time_zone,
       utc_offset_minutes, working_periods, weekend_days, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::smallint[], $10, $10)
     ON CONFLICT DO NOTHING RETURNING id`,
    [
      c.id,
      c.districtCode,
      c.parentId,
      c.nameZh,
      c.nameEn,
      c.timeZone,
      c.utcOffsetMinutes,
      JSON.stringify(c.workingPeriods),
      c.weekendDays,
      at,
    ],
  );
  return r.rows.length === 1;
}

/** Sets one day of a calendar as a manual edit (a later sync leaves it alone). */
export async function upsertManualDay(
  q: Queryable,
  calendarId: string,
  day: { date: LocalDate; kind: CalendarDayKind; nameZh: string; nameEn: string; source: string },
  by: string | null,
  at: Date,
): Promise<void> {
  await q.query(
    `INSERT INTO calendar_days
       (calendar_id, day, kind, name_zh, name_en, origin, status, source, updated_by, updated_at)
     VALUES ($1, $2::date, $3, $4, $5, 'manual', 'official', $6, $7, $8)
     ON CONFLICT (calendar_id, day) DO UPDATE SET kind = EXCLUDED.kind, name_zh = EXCLUDED.name_zh,
       name_en = EXCLUDED.name_en, origin = 'manual', status = 'official', source = EXCLUDED.source,
       updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
    [calendarId, day.date, day.kind, day.nameZh, day.nameEn, day.source, by, at],
  );
  await bumpRevision(q, calendarId, at);
}

/** Removes a calendar's own row for a day (it then inherits or follows the weekday rule). */
export async function deleteDay(
  q: Queryable,
  calendarId: string,
  date: LocalDate,
  at: Date,
): Promise<boolean> {
  const r = await q.query(
    'DELETE FROM calendar_days WHERE calendar_id = $1 AND day = $2::date RETURNING day',
    [calendarId, date],
  );
  if (r.rows.length === 0) return false;
  await bumpRevision(q, calendarId, at);
  return true;
}

/**
 * Replaces a calendar's reference rows with the shipped list: upserts every shipped day unless a
 * manual edit holds it, and drops reference rows no longer shipped (a provisional date the
 * published notice moved). Returns how many rows were written and removed.
 */
export async function replaceReferenceDays(
  q: Queryable,
  calendarId: string,
  rows: readonly HolidayReferenceRow[],
  at: Date,
): Promise<{ written: number; removed: number }> {
  const written = await q.query(
    `INSERT INTO calendar_days
       (calendar_id, day, kind, name_zh, name_en, origin, status, source, updated_at)
     SELECT $1, u.day::date, u.kind, u.name_zh, u.name_en, 'reference', u.status, u.source, $7
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $8::text[])
         AS u(day, kind, name_zh, name_en, status, source)
     ON CONFLICT (calendar_id, day) DO UPDATE SET kind = EXCLUDED.kind, name_zh = EXCLUDED.name_zh,
       name_en = EXCLUDED.name_en, status = EXCLUDED.status, source = EXCLUDED.source,
       updated_at = EXCLUDED.updated_at
       WHERE calendar_days.origin = 'reference'
     RETURNING day`,
    [
      calendarId,
      rows.map((r) => r.date),
      rows.map((r) => r.kind),
      rows.map((r) => r.nameZh),
      rows.map((r) => r.nameEn),
      rows.map((r) => r.status),
      at,
      rows.map((r) => r.source),
    ],
  );
  const removed = await q.query(
    `DELETE FROM calendar_days
      WHERE calendar_id = $1 AND origin = 'reference' AND NOT (day = ANY ($2::date[]))
      RETURNING day`,
    [calendarId, rows.map((r) => r.date)],
  );
  await bumpRevision(q, calendarId, at);
  return { written: written.rows.length, removed: removed.rows.length };
}
