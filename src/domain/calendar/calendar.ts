import { err, ok, type Result } from '../shared/index.ts';

/** A calendar date in the calendar's own time zone, `YYYY-MM-DD`. */
export type LocalDate = string;

/**
 * How one date departs from the weekday rule. `holiday`: a public holiday (法定节假日 or a day of
 * its 放假调休 block); `makeup_workday`: a weekend day that is worked (调休上班); `normal`: follows
 * the weekday rule (a district calendar uses it to cancel a day it inherits).
 */
export const CALENDAR_DAY_KINDS = ['holiday', 'makeup_workday', 'normal'] as const;
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];

/** A working period of every working day, as local clock times `HH:MM` (end exclusive). */
export type WorkingPeriodInput = { readonly start: string; readonly end: string };

/** The editable description of a calendar, as stored and sent over the API. */
export type CalendarInput = {
  readonly id: string;
  readonly timeZone: string;
  readonly utcOffsetMinutes: number;
  readonly workingPeriods: readonly WorkingPeriodInput[];
  /** 0 Sunday … 6 Saturday */
  readonly weekendDays: readonly number[];
  readonly days: readonly { readonly date: LocalDate; readonly kind: CalendarDayKind }[];
};

/**
 * A validated working-time calendar: plain data. The zone is a fixed UTC offset kept beside its
 * IANA name; Asia/Shanghai has had no daylight saving time since 1991, so +08:00 is exact.
 * Working periods are minutes from local midnight, sorted and disjoint.
 */
export type Calendar = {
  readonly id: string;
  readonly timeZone: string;
  readonly utcOffsetMinutes: number;
  readonly workingPeriods: readonly { readonly start: number; readonly end: number }[];
  readonly weekendDays: readonly number[];
  readonly days: ReadonlyMap<LocalDate, CalendarDayKind>;
  /** `days` keyed by local day number (days since 1970-01-01), for the arithmetic's inner loops */
  readonly daysByNumber: ReadonlyMap<number, CalendarDayKind>;
};

/**
 * gridloop default working hours: 09:00–12:00 and 13:30–17:30 (7 hours), the common office day of
 * Chinese government bodies. It is a gridloop default, not a national rule: each calendar sets its
 * own periods (summer hours, 24-hour command centres).
 */
export const DEFAULT_WORKING_PERIODS: readonly WorkingPeriodInput[] = [
  { start: '09:00', end: '12:00' },
  { start: '13:30', end: '17:30' },
];

/** The default calendar's settings; its holidays come from reference/calendar. */
export const DEFAULT_CALENDAR_SETTINGS = {
  id: 'default',
  timeZone: 'Asia/Shanghai',
  utcOffsetMinutes: 480,
  workingPeriods: DEFAULT_WORKING_PERIODS,
  weekendDays: [0, 6],
} as const satisfies Omit<CalendarInput, 'days'>;

export type CalendarError = {
  readonly code: 'calendar.invalid';
  readonly details: { readonly reason: string; readonly value?: unknown };
};

export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CLOCK_RE = /^([01]\d|2[0-4]):([0-5]\d)$/;

/** True when `s` is a real calendar date written `YYYY-MM-DD`. */
export function isLocalDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** Days since 1970-01-01 of a local date (no validation). */
export function dayNumberOfDate(date: LocalDate): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

export function dateOfDayNumber(day: number): LocalDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 Sunday … 6 Saturday; day 0 (1970-01-01) was a Thursday. */
export function weekdayOfDayNumber(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** The local day number an instant (epoch ms) falls on. */
export function dayNumberOf(cal: Calendar, ms: number): number {
  return Math.floor((ms + cal.utcOffsetMinutes * MINUTE_MS) / DAY_MS);
}

/** Epoch ms of local midnight starting a local day. */
export function startOfDayNumber(cal: Calendar, day: number): number {
  return day * DAY_MS - cal.utcOffsetMinutes * MINUTE_MS;
}

export function isWorkingDayNumber(cal: Calendar, day: number): boolean {
  const kind = cal.daysByNumber.get(day);
  if (kind === 'holiday') return false;
  if (kind === 'makeup_workday') return true;
  return !cal.weekendDays.includes(weekdayOfDayNumber(day));
}

/**
 * Whether people work on a local date: a holiday is never a working day, a make-up day (调休) always
 * is, and any other date is one unless its weekday is a weekend day.
 */
export function isWorkingDay(cal: Calendar, date: LocalDate): boolean {
  return isWorkingDayNumber(cal, dayNumberOfDate(date));
}

/** True when the weekday of a local date is one of the calendar's weekend days. */
export function isWeekend(cal: Pick<Calendar, 'weekendDays'>, date: LocalDate): boolean {
  return cal.weekendDays.includes(weekdayOfDayNumber(dayNumberOfDate(date)));
}

/** The local date of an instant in the calendar's zone. */
export function localDateOf(cal: Calendar, at: Date): LocalDate {
  return dateOfDayNumber(dayNumberOf(cal, at.getTime()));
}

/** The instant of a local date and clock time (`HH:MM`) in the calendar's zone. */
export function localInstant(cal: Calendar, date: LocalDate, clock: string): Date {
  const minutes = parseClock(clock);
  if (!isLocalDate(date) || minutes === undefined)
    throw new RangeError(`not a local date and time: ${date} ${clock}`);
  return new Date(startOfDayNumber(cal, dayNumberOfDate(date)) + minutes * MINUTE_MS);
}

function parseClock(s: string): number | undefined {
  const m = CLOCK_RE.exec(s);
  if (!m) return undefined;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return minutes <= 24 * 60 ? minutes : undefined;
}

/**
 * Validates a calendar description: periods `HH:MM`, non-empty, sorted and disjoint; weekend
 * days 0–6 leaving at least one weekday; an offset within ±14 h; dates real and unique.
 */
export function createCalendar(input: CalendarInput): Result<Calendar, CalendarError> {
  const fail = (reason: string, value?: unknown) =>
    err<CalendarError>({
      code: 'calendar.invalid',
      details: value === undefined ? { reason } : { reason, value },
    });
  if (!Number.isInteger(input.utcOffsetMinutes) || Math.abs(input.utcOffsetMinutes) > 14 * 60)
    return fail('utcOffsetMinutes must be an integer within ±840', input.utcOffsetMinutes);
  if (input.workingPeriods.length === 0) return fail('at least one working period is needed');
  const periods: { start: number; end: number }[] = [];
  for (const p of input.workingPeriods) {
    const start = parseClock(p.start);
    const end = parseClock(p.end);
    if (start === undefined || end === undefined || start >= end)
      return fail('a working period is start < end, both HH:MM', p);
    const last = periods.at(-1);
    if (last && start < last.end) return fail('working periods must be sorted and disjoint', p);
    periods.push({ start, end });
  }
  const weekend = [...new Set(input.weekendDays)];
  if (weekend.some((d) => !Number.isInteger(d) || d < 0 || d > 6) || weekend.length > 6)
    return fail('weekend days are 0 (Sunday) to 6 (Saturday), leaving one weekday', weekend);
  const days = new Map<LocalDate, CalendarDayKind>();
  for (const d of input.days) {
    if (!isLocalDate(d.date)) return fail('not a date YYYY-MM-DD', d.date);
    if (days.has(d.date)) return fail('date listed twice', d.date);
    days.set(d.date, d.kind);
  }
  return ok({
    id: input.id,
    timeZone: input.timeZone,
    utcOffsetMinutes: input.utcOffsetMinutes,
    workingPeriods: periods,
    weekendDays: weekend.sort((a, b) => a - b),
    days,
    daysByNumber: new Map([...days].map(([date, kind]) => [dayNumberOfDate(date), kind])),
  });
}
