import {
  createCalendar,
  DEFAULT_CALENDAR_SETTINGS,
  type Calendar,
} from '../../domain/calendar/index.ts';
import * as store from '../../store/calendar.store.ts';
import type { Queryable } from '../../store/db.ts';

/**
 * Validated calendars by id and revision, kept by a service copy (its reference reads hold
 * one). A calendar changes rarely and every change bumps its revision (and a district
 * calendar's key includes its parent's), so a copy is reused until the database says otherwise:
 * one indexed lookup per call instead of loading ~150 day rows.
 */
export type CalendarCache = Map<string, { revision: string; calendar: Calendar }>;

/** Builds the domain calendar of a stored one: its settings with its effective days. */
export async function loadCalendar(q: Queryable, id: string): Promise<Calendar | null> {
  const row = await store.findCalendar(q, id);
  if (!row) return null;
  const days = await store.listCalendarDays(q, id);
  const r = createCalendar({ ...row, days: days.map((d) => ({ date: d.date, kind: d.kind })) });
  // Settings and days are validated on every write, so a stored calendar that fails is a bug.
  if (!r.ok)
    throw new Error(`calendar ${id} in the database is invalid: ${JSON.stringify(r.error)}`);
  return r.value;
}

/**
 * The working-time calendar of a district: its own calendar when it has one, else the default.
 * Pass the transaction in use (`tx`) from inside one. Throws when even the default is missing
 * (reference data not synced: a deployment bug).
 */
export async function calendarForDistrict(
  q: Queryable,
  districtCode: string,
  cache: CalendarCache = new Map(),
): Promise<Calendar> {
  const serving = await store.findServingCalendarRevision(
    q,
    districtCode,
    DEFAULT_CALENDAR_SETTINGS.id,
  );
  if (!serving) throw new Error('no default calendar: run the reference data sync');
  const hit = cache.get(serving.id);
  if (hit && hit.revision === serving.revision) return hit.calendar;
  const calendar = await loadCalendar(q, serving.id);
  if (!calendar) throw new Error(`calendar ${serving.id} vanished while loading`);
  cache.set(serving.id, { revision: serving.revision, calendar });
  return calendar;
}
