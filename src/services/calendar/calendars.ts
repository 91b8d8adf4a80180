import { canSee, type Principal } from '../../domain/access/index.ts';
import {
  createCalendar,
  DEFAULT_CALENDAR_SETTINGS,
  isLocalDate,
  isWeekend,
  type CalendarDayKind,
  type LocalDate,
  type WorkingPeriodInput,
} from '../../domain/calendar/index.ts';
import type { TimeLimit } from '../../domain/catalogue/index.ts';
import {
  DEFAULT_WARN_FRACTION,
  startDeadline,
  type StepDeadline,
} from '../../domain/deadlines/index.ts';
import { err, ok, type Result } from '../../domain/shared/index.ts';
import * as store from '../../store/calendar.store.ts';
import type { CalendarDayRow, CalendarRow } from '../../store/calendar.store.ts';
import type { Queryable } from '../../store/db.ts';
import type { Deps } from '../deps.ts';
import { loadCalendar } from './load-calendar.ts';

export type { CalendarDayRow, CalendarRow };

export type CalendarServiceError =
  | { code: 'calendar.not_found'; details: { calendarId: string } }
  | { code: 'calendar.invalid_date'; details: { date: string } }
  | { code: 'calendar.makeup_not_weekend'; details: { date: string; weekendDays: number[] } }
  | { code: 'calendar.day_not_set'; details: { calendarId: string; date: string } }
  | { code: 'calendar.exists'; details: { districtCode: string } }
  | { code: 'calendar.invalid'; details: { reason: string; value?: unknown } }
  | { code: 'auth.forbidden'; details: { reason: 'region'; capability: 'calendar.write' } };

export async function listCalendars(deps: Deps): Promise<CalendarRow[]> {
  return store.listCalendars(deps.db);
}

export async function getCalendar(
  deps: Deps,
  id: string,
): Promise<Result<CalendarRow, CalendarServiceError>> {
  const c = await store.findCalendar(deps.db, id);
  return c ? ok(c) : err({ code: 'calendar.not_found', details: { calendarId: id } });
}

/** The effective special days of a calendar in one year (its own and inherited rows). */
export async function listCalendarDays(
  deps: Deps,
  input: { calendarId: string; year: number },
): Promise<Result<{ calendar: CalendarRow; days: CalendarDayRow[] }, CalendarServiceError>> {
  const calendar = await store.findCalendar(deps.db, input.calendarId);
  if (!calendar)
    return err({ code: 'calendar.not_found', details: { calendarId: input.calendarId } });
  const y = String(input.year).padStart(4, '0');
  const days = await store.listCalendarDays(deps.db, calendar.id, {
    from: `${y}-01-01`,
    to: `${y}-12-31`,
  });
  return ok({ calendar, days });
}

const FORBIDDEN = {
  code: 'auth.forbidden',
  details: { reason: 'region', capability: 'calendar.write' },
} as const;

/**
 * The calendar, if it exists and the actor may edit it. The default calendar serves every
 * district, so only whole-city (admin) scope may edit it.
 */
async function editableCalendar(
  q: Queryable,
  calendarId: string,
  actor: Principal,
): Promise<Result<CalendarRow, CalendarServiceError>> {
  const c = await store.findCalendar(q, calendarId);
  if (!c) return err({ code: 'calendar.not_found', details: { calendarId } });
  const mayEdit =
    c.districtCode === null
      ? actor.role === 'admin'
      : canSee(actor, { districtCode: c.districtCode });
  return mayEdit ? ok(c) : err(FORBIDDEN);
}

/**
 * Sets one day of a calendar: a holiday, a make-up working day (only on a weekend day of that
 * calendar: 调休 moves work onto a rest day) or a normal day. The edit is kept across syncs.
 */
export async function setCalendarDay(
  deps: Deps,
  input: {
    calendarId: string;
    date: LocalDate;
    kind: CalendarDayKind;
    nameZh?: string | undefined;
    nameEn?: string | undefined;
    note?: string | undefined;
    actor: Principal;
  },
): Promise<Result<CalendarDayRow, CalendarServiceError>> {
  if (!isLocalDate(input.date))
    return err({ code: 'calendar.invalid_date', details: { date: input.date } });
  return deps.db.transaction(async (tx) => {
    const found = await editableCalendar(tx, input.calendarId, input.actor);
    if (!found.ok) return found;
    const c = found.value;
    if (input.kind === 'makeup_workday' && !isWeekend(c, input.date))
      return err({
        code: 'calendar.makeup_not_weekend',
        details: { date: input.date, weekendDays: [...c.weekendDays] },
      });
    const at = deps.clock.now();
    await store.upsertManualDay(
      tx,
      c.id,
      {
        date: input.date,
        kind: input.kind,
        nameZh: input.nameZh ?? '',
        nameEn: input.nameEn ?? '',
        source: input.note ?? '',
      },
      input.actor.userId,
      at,
    );
    const [day] = await store.listCalendarDays(tx, c.id, { from: input.date, to: input.date });
    if (!day) throw new Error('calendar day not readable after writing it');
    return ok(day);
  });
}

/** Removes a calendar's own row for a day, so it inherits again (or follows the weekday rule). */
export async function clearCalendarDay(
  deps: Deps,
  input: { calendarId: string; date: LocalDate; actor: Principal },
): Promise<Result<{ calendarId: string; date: LocalDate }, CalendarServiceError>> {
  if (!isLocalDate(input.date))
    return err({ code: 'calendar.invalid_date', details: { date: input.date } });
  return deps.db.transaction(async (tx) => {
    const found = await editableCalendar(tx, input.calendarId, input.actor);
    if (!found.ok) return found;
    const c = found.value;
    const removed = await store.deleteDay(tx, c.id, input.date, deps.clock.now());
    if (!removed)
      return err({ code: 'calendar.day_not_set', details: { calendarId: c.id, date: input.date } });
    return ok({ calendarId: c.id, date: input.date });
  });
}

/**
 * Gives a district its own calendar (id `district-<code>`): it inherits the default's days and
 * takes its own working periods and weekend days (the default's when not given).
 */
export async function createDistrictCalendar(
  deps: Deps,
  input: {
    districtCode: string;
    nameZh?: string | undefined;
    nameEn?: string | undefined;
    workingPeriods?: readonly WorkingPeriodInput[] | undefined;
    weekendDays?: readonly number[] | undefined;
    actor: Principal;
  },
): Promise<Result<CalendarRow, CalendarServiceError>> {
  if (!canSee(input.actor, { districtCode: input.districtCode })) return err(FORBIDDEN);
  const parent = await store.findCalendar(deps.db, DEFAULT_CALENDAR_SETTINGS.id);
  if (!parent) throw new Error('no default calendar: run the reference data sync');
  const settings = {
    id: `district-${input.districtCode}`,
    timeZone: parent.timeZone,
    utcOffsetMinutes: parent.utcOffsetMinutes,
    workingPeriods: input.workingPeriods ?? parent.workingPeriods,
    weekendDays: input.weekendDays ?? parent.weekendDays,
  };
  const valid = createCalendar({ ...settings, days: [] });
  if (!valid.ok) return err(valid.error);
  const row = {
    ...settings,
    districtCode: input.districtCode,
    parentId: parent.id,
    nameZh: input.nameZh ?? `${input.districtCode} 工作日历`,
    nameEn: input.nameEn ?? `Working calendar of ${input.districtCode}`,
  };
  const inserted = await store.insertCalendar(deps.db, row, deps.clock.now());
  if (!inserted)
    return err({ code: 'calendar.exists', details: { districtCode: input.districtCode } });
  const created = await store.findCalendar(deps.db, row.id);
  if (!created) throw new Error('calendar not readable after inserting it');
  return ok(created);
}

/**
 * What a time limit started at `from` comes to on a calendar: due and warning instants and the
 * allowed time, exactly as a case step's timer would be started (for consoles and checks).
 */
export async function previewDeadline(
  deps: Deps,
  input: { calendarId: string; from: Date; limit: TimeLimit; warnFraction?: number | undefined },
): Promise<Result<StepDeadline, CalendarServiceError>> {
  const cal = await loadCalendar(deps.db, input.calendarId);
  if (!cal) return err({ code: 'calendar.not_found', details: { calendarId: input.calendarId } });
  return ok(
    startDeadline(cal, input.from, input.limit, input.warnFraction ?? DEFAULT_WARN_FRACTION),
  );
}
