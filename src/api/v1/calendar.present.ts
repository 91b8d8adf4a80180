import type { CalendarDayRow, CalendarRow } from '../../services/calendar/calendars.ts';

/** The public fields of a calendar. */
export function presentCalendar(c: CalendarRow) {
  return {
    id: c.id,
    districtCode: c.districtCode,
    parentId: c.parentId,
    name: { zh: c.nameZh, en: c.nameEn },
    timeZone: c.timeZone,
    utcOffsetMinutes: c.utcOffsetMinutes,
    workingPeriods: c.workingPeriods.map((p) => ({ start: p.start, end: p.end })),
    weekendDays: [...c.weekendDays],
    revision: c.revision,
    updatedAt: c.updatedAt.toISOString(),
  };
}

/** The public fields of one special day. */
export function presentCalendarDay(d: CalendarDayRow) {
  return {
    date: d.date,
    kind: d.kind,
    name: { zh: d.nameZh, en: d.nameEn },
    origin: d.origin,
    status: d.status,
    source: d.source,
    inherited: d.inherited,
    updatedBy: d.updatedBy,
    updatedAt: d.updatedAt.toISOString(),
  };
}
