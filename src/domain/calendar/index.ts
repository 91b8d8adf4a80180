export {
  CALENDAR_DAY_KINDS,
  DEFAULT_CALENDAR_SETTINGS,
  createCalendar,
  isLocalDate,
  isWeekend,
  isWorkingDay,
  localDateOf,
  localInstant,
} from './calendar.ts';
export type {
  Calendar,
  CalendarDayKind,
  CalendarError,
  CalendarInput,
  LocalDate,
  WorkingPeriodInput,
} from './calendar.ts';
export {
  addCalendarHours,
  addTimeLimit,
  addWorkingDays,
  addWorkingHours,
  addWorkingMs,
  subtractWorkingMs,
  workingTimeBetween,
} from './working-time.ts';
export { parseHolidayReference } from './reference.ts';
export type { HolidayReferenceError, HolidayReferenceRow } from './reference.ts';
/** The catalogue's time limit, re-exported for callers of addTimeLimit. */
export type { TimeLimit } from '../catalogue/index.ts';
