import type { TimeLimit } from '../catalogue/index.ts';
import {
  dayNumberOf,
  isWorkingDayNumber,
  MINUTE_MS,
  startOfDayNumber,
  type Calendar,
} from './calendar.ts';

export const HOUR_MS = 3_600_000;

/** Epoch-ms intervals of the working periods of one local day (empty on a non-working day). */
function workingIntervals(cal: Calendar, day: number): { start: number; end: number }[] {
  if (!isWorkingDayNumber(cal, day)) return [];
  const midnight = startOfDayNumber(cal, day);
  return cal.workingPeriods.map((p) => ({
    start: midnight + p.start * MINUTE_MS,
    end: midnight + p.end * MINUTE_MS,
  }));
}

/** Epoch ms of an instant; an invalid Date would make the day walks below never end. */
function msOf(d: Date): number {
  const t = d.getTime();
  if (!Number.isFinite(t)) throw new RangeError('invalid instant (Invalid Date)');
  return t;
}

function checkAmount(amount: number, what: string): void {
  if (!Number.isFinite(amount) || amount < 0)
    throw new RangeError(`${what} must be a finite number ≥ 0, got ${amount}`);
}

/**
 * Moves forward by `ms` of working time. Time outside working periods (nights, lunch, weekends,
 * holidays) does not count, so an instant outside working hours starts counting at the next
 * working period. Ending exactly at a period's end gives that end (12:00, not 13:30).
 */
export function addWorkingMs(cal: Calendar, from: Date, ms: number): Date {
  checkAmount(ms, 'working time');
  const t = msOf(from);
  if (ms === 0) return new Date(t);
  let remaining = ms;
  // Terminates: createCalendar leaves at least one weekday, and holidays are finitely many.
  for (let day = dayNumberOf(cal, t); ; day++) {
    for (const p of workingIntervals(cal, day)) {
      const start = Math.max(p.start, t);
      if (start >= p.end) continue;
      if (p.end - start >= remaining) return new Date(start + remaining);
      remaining -= p.end - start;
    }
  }
}

/**
 * Moves backward by `ms` of working time: the earliest instant from which `ms` of working time
 * runs up to `to`. Used to place a warning instant before a deadline.
 */
export function subtractWorkingMs(cal: Calendar, to: Date, ms: number): Date {
  checkAmount(ms, 'working time');
  const t = msOf(to);
  if (ms === 0) return new Date(t);
  let remaining = ms;
  for (let day = dayNumberOf(cal, t); ; day--) {
    for (const p of workingIntervals(cal, day).reverse()) {
      const end = Math.min(p.end, t);
      if (end <= p.start) continue;
      if (end - p.start >= remaining) return new Date(end - remaining);
      remaining -= end - p.start;
    }
  }
}

/** `hours` working hours after `from` (fractions allowed: 0.5 = 30 working minutes). */
export function addWorkingHours(cal: Calendar, from: Date, hours: number): Date {
  checkAmount(hours, 'hours');
  return addWorkingMs(cal, from, Math.round(hours * HOUR_MS));
}

/** Working time in `[a, b)` in ms; 0 when `b` is not after `a`. */
export function workingTimeBetween(cal: Calendar, a: Date, b: Date): number {
  const from = msOf(a);
  const to = msOf(b);
  let total = 0;
  for (let day = dayNumberOf(cal, from); day <= dayNumberOf(cal, to); day++) {
    for (const p of workingIntervals(cal, day)) {
      const start = Math.max(p.start, from);
      const end = Math.min(p.end, to);
      if (end > start) total += end - start;
    }
  }
  return total;
}

/** Length of one working day in ms (7 h with the default periods). */
export function workingDayMs(cal: Calendar): number {
  return cal.workingPeriods.reduce((sum, p) => sum + (p.end - p.start) * MINUTE_MS, 0);
}

/**
 * `N工作日`: the end of the last working period of the Nth working day after the day `from` falls
 * on. The starting day is never counted, whatever the hour (民法典 第201条: 开始的当日不计入;
 * 第203条: 有业务时间的，停止业务活动的时间为截止时间). So a case filed on Friday 2025-01-24 at 16:00
 * with 2 working days is due on Monday 2025-01-27 at 17:30, because Sunday 01-26 was a make-up
 * working day. A fraction of a day (0.5) adds that share of a working day's hours after the whole
 * days (or after `from` when there are none). 0 days gives `from`.
 */
export function addWorkingDays(cal: Calendar, from: Date, days: number): Date {
  checkAmount(days, 'days');
  const whole = Math.floor(days);
  const fraction = days - whole;
  let base = from;
  if (whole > 0) {
    let day = dayNumberOf(cal, msOf(from));
    for (let counted = 0; counted < whole;) {
      day++;
      if (isWorkingDayNumber(cal, day)) counted++;
    }
    const last = cal.workingPeriods.at(-1);
    base = new Date(startOfDayNumber(cal, day) + (last?.end ?? 0) * MINUTE_MS);
  }
  return fraction > 0 ? addWorkingMs(cal, base, Math.round(fraction * workingDayMs(cal))) : base;
}

/** `hours` hours of elapsed time after `from`, nights and holidays included. */
export function addCalendarHours(from: Date, hours: number): Date {
  checkAmount(hours, 'hours');
  return new Date(msOf(from) + Math.round(hours * HOUR_MS));
}

/** The instant a time limit started at `from` runs out, in the limit's own unit. */
export function addTimeLimit(cal: Calendar, from: Date, limit: TimeLimit): Date {
  switch (limit.unit) {
    case 'working_hours':
      return addWorkingHours(cal, from, limit.amount);
    case 'working_days':
      return addWorkingDays(cal, from, limit.amount);
    case 'calendar_hours':
      return addCalendarHours(from, limit.amount);
  }
}
