import { describe, expect, it } from 'vitest';
import { fmt, sh, testCalendar } from '../../../test/fixtures/calendar.ts';
import {
  addCalendarHours,
  addTimeLimit,
  addWorkingDays,
  addWorkingHours,
  addWorkingMs,
  createCalendar,
  DEFAULT_CALENDAR_SETTINGS,
  isLocalDate,
  isWeekend,
  isWorkingDay,
  localDateOf,
  localInstant,
  subtractWorkingMs,
  workingTimeBetween,
} from './index.ts';
import type { TimeLimit } from '../catalogue/index.ts';

const cal = testCalendar();
const H = 3_600_000;

describe('isWorkingDay', () => {
  it.each([
    ['2025-01-24', true, 'an ordinary Friday'],
    ['2025-01-25', false, 'an ordinary Saturday'],
    ['2025-01-26', true, 'Sunday 2025-01-26, a Spring Festival make-up day'],
    ['2025-01-28', false, '除夕 2025, the first day of the Spring Festival block'],
    ['2025-02-04', false, 'the last day of the 2025 Spring Festival block'],
    ['2025-02-08', true, 'Saturday 2025-02-08, a make-up day'],
    ['2025-02-09', false, 'the Sunday after it'],
    ['2025-09-28', true, 'Sunday 2025-09-28, a National Day make-up day'],
    ['2025-10-08', false, 'the last day of the 2025 National Day block'],
    ['2025-10-11', true, 'Saturday 2025-10-11, a make-up day'],
    ['2026-02-14', true, 'Saturday 2026-02-14, a make-up day'],
    ['2026-02-15', false, 'Sunday 2026-02-15, the first holiday'],
    ['2026-02-23', false, 'Monday 2026-02-23, the last holiday'],
    ['2026-02-24', true, 'Tuesday 2026-02-24, back to work'],
    ['2026-02-28', true, 'Saturday 2026-02-28, a make-up day'],
    ['2026-09-20', true, 'Sunday 2026-09-20, a make-up day'],
    ['2026-10-10', true, 'Saturday 2026-10-10, a make-up day'],
  ])('says %s is a working day: %s (%s)', (date, expected) => {
    expect(isWorkingDay(cal, date)).toBe(expected);
  });

  it('tells weekend weekdays apart from the day kind', () => {
    expect(isWeekend(cal, '2025-01-26')).toBe(true);
    expect(isWeekend(cal, '2025-01-28')).toBe(false);
  });
});

describe('addWorkingDays (end of the Nth working day after the starting day)', () => {
  it.each([
    ['2025-01-24 16:00', 2, '2025-01-27 17:30', 'Friday filing: Sunday 01-26 make-up day counts'],
    ['2025-01-24 16:00', 3, '2025-02-05 17:30', 'the third day jumps the 01-28..02-04 holiday'],
    ['2025-01-24 16:00', 4, '2025-02-06 17:30', 'then ordinary days'],
    ['2025-02-07 10:00', 1, '2025-02-08 17:30', 'Saturday 02-08 make-up day is the next one'],
    ['2025-09-26 10:00', 2, '2025-09-29 17:30', 'Sunday 09-28 make-up day counts'],
    ['2025-09-30 10:00', 1, '2025-10-09 17:30', 'the 10-01..10-08 holiday is skipped'],
    ['2025-09-30 10:00', 3, '2025-10-11 17:30', 'Saturday 10-11 make-up day is the third'],
    ['2026-02-13 10:00', 1, '2026-02-14 17:30', 'Saturday 2026-02-14 make-up day'],
    ['2026-02-13 10:00', 2, '2026-02-24 17:30', 'the nine-day 02-15..02-23 holiday is skipped'],
    ['2026-02-26 09:00', 2, '2026-02-28 17:30', 'Saturday 2026-02-28 make-up day'],
    ['2026-09-18 15:00', 1, '2026-09-20 17:30', 'Sunday 2026-09-20 make-up day'],
    ['2025-03-01 10:00', 1, '2025-03-03 17:30', 'a Saturday filing counts from Monday'],
    ['2025-03-03 20:00', 1, '2025-03-04 17:30', 'an evening filing does not count its own day'],
    ['2025-03-03 10:00', 0.5, '2025-03-03 15:00', 'half a day is 3.5 working hours'],
    ['2025-03-03 10:00', 1.5, '2025-03-05 14:00', 'one and a half days'],
    ['2025-03-03 10:00', 0, '2025-03-03 10:00', 'zero days is the start itself'],
  ])('%s + %s working days → %s (%s)', (start, days, due) => {
    expect(fmt(addWorkingDays(cal, sh(cal, start), days))).toBe(due);
  });
});

describe('addWorkingHours', () => {
  it.each([
    ['2025-01-27 17:00', 4, '2025-02-05 14:00', 'half an hour, then the holiday, then lunch'],
    ['2025-01-24 16:00', 4, '2025-01-26 11:30', 'Friday evening to the Sunday make-up day'],
    ['2025-09-26 16:30', 2, '2025-09-28 10:00', 'into Sunday 09-28 make-up day'],
    ['2025-09-30 15:00', 8, '2025-10-09 16:00', 'across the 10-01..10-08 holiday'],
    ['2026-02-13 16:00', 3, '2026-02-14 10:30', 'into Saturday 2026-02-14 make-up day'],
    ['2026-02-13 16:00', 10, '2026-02-24 10:30', 'over the make-up day and the nine-day holiday'],
    [
      '2026-09-19 10:00',
      1,
      '2026-09-20 10:00',
      'a Saturday start counts on the Sunday make-up day',
    ],
    ['2025-03-03 07:00', 1, '2025-03-03 10:00', 'before hours: counting starts at 09:00'],
    ['2025-03-03 12:15', 1, '2025-03-03 14:30', 'in the lunch break: counting starts at 13:30'],
    ['2025-03-03 20:00', 2, '2025-03-04 11:00', 'across midnight'],
    ['2025-03-03 11:00', 2, '2025-03-03 14:30', 'across the lunch break'],
    ['2025-03-03 09:00', 3, '2025-03-03 12:00', 'ending at a period end gives that end'],
    ['2025-03-03 10:00', 0.25, '2025-03-03 10:15', 'a fraction of an hour'],
    ['2025-03-03 10:00', 0, '2025-03-03 10:00', 'zero hours is the start itself'],
  ])('%s + %s working hours → %s (%s)', (start, hours, due) => {
    expect(fmt(addWorkingHours(cal, sh(cal, start), hours))).toBe(due);
  });

  it('rejects a negative amount or an invalid instant as a programming error', () => {
    expect(() => addWorkingHours(cal, sh(cal, '2025-03-03 10:00'), -1)).toThrow(RangeError);
    expect(() => addWorkingHours(cal, new Date(Number.NaN), 1)).toThrow(RangeError);
    expect(() => addWorkingDays(cal, new Date(Number.NaN), 2)).toThrow(RangeError);
    expect(() => workingTimeBetween(cal, new Date(Number.NaN), new Date(0))).toThrow(RangeError);
  });
});

describe('addWorkingMs and subtractWorkingMs', () => {
  it.each([
    ['2025-09-28 10:00', 2, '2025-09-26 16:30', 'back over Saturday from a make-up Sunday'],
    ['2025-10-09 10:00', 3, '2025-09-30 15:30', 'back over the National Day holiday'],
    ['2026-02-24 10:30', 10, '2026-02-13 16:00', 'back over the nine-day holiday'],
    ['2025-03-03 14:30', 2, '2025-03-03 11:00', 'back over lunch'],
    ['2025-03-03 13:45', 0.5, '2025-03-03 11:45', 'back over lunch by a quarter hour each side'],
  ])('%s − %s working hours → %s (%s)', (end, hours, start) => {
    const to = sh(cal, end);
    expect(fmt(subtractWorkingMs(cal, to, hours * H))).toBe(start);
    expect(addWorkingMs(cal, sh(cal, start), hours * H).getTime()).toBe(to.getTime());
  });
});

describe('addCalendarHours', () => {
  it.each([
    ['2026-02-13 16:00', 24, '2026-02-14 16:00'],
    ['2026-02-14 23:00', 2, '2026-02-15 01:00'],
    ['2026-02-14 23:00', 0.5, '2026-02-14 23:30'],
  ])('%s + %s calendar hours → %s, holidays included', (start, hours, due) => {
    expect(fmt(addCalendarHours(sh(cal, start), hours))).toBe(due);
  });
});

describe('workingTimeBetween', () => {
  it.each([
    ['2025-01-24 16:00', '2025-01-27 17:30', 15.5, 'Friday to Monday with the make-up Sunday'],
    ['2025-01-27 17:00', '2025-02-05 14:00', 4, 'over the Spring Festival'],
    ['2025-09-30 09:00', '2025-10-09 09:00', 7, 'over National Day: only 09-30 counts'],
    ['2026-02-13 09:00', '2026-03-02 09:00', 49, 'Feb 13, 14, 24–27 and the make-up 28th'],
    ['2025-03-03 12:00', '2025-03-03 13:30', 0, 'the lunch break'],
    ['2025-03-03 18:00', '2025-03-04 08:00', 0, 'a night'],
    ['2025-03-04 10:00', '2025-03-03 10:00', 0, 'an end before the start'],
  ])('%s → %s holds %s working hours (%s)', (a, b, hours) => {
    expect(workingTimeBetween(cal, sh(cal, a), sh(cal, b))).toBe(hours * H);
  });
});

describe('addTimeLimit', () => {
  it.each<[string, TimeLimit, string]>([
    ['2025-01-24 16:00', { amount: 2, unit: 'working_days' }, '2025-01-27 17:30'],
    ['2025-01-27 17:00', { amount: 4, unit: 'working_hours' }, '2025-02-05 14:00'],
    ['2025-01-27 17:00', { amount: 4, unit: 'calendar_hours' }, '2025-01-27 21:00'],
  ])('%s + %j → %s', (start, limit, due) => {
    expect(fmt(addTimeLimit(cal, sh(cal, start), limit))).toBe(due);
  });
});

describe('local dates and instants', () => {
  it('reads the Asia/Shanghai date of an instant (UTC 16:30 is 00:30 the next day)', () => {
    expect(localDateOf(cal, new Date('2025-01-24T16:30:00Z'))).toBe('2025-01-25');
  });

  it('builds the instant of a local date and clock time at UTC+8', () => {
    expect(localInstant(cal, '2025-01-24', '16:00').toISOString()).toBe('2025-01-24T08:00:00.000Z');
    expect(() => localInstant(cal, '2025-02-30', '16:00')).toThrow(RangeError);
  });

  it.each([
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2025-1-05', false],
  ])('says %s is a real date: %s', (s, expected) => {
    expect(isLocalDate(s)).toBe(expected);
  });
});

describe('createCalendar', () => {
  const base = { ...DEFAULT_CALENDAR_SETTINGS, days: [] };

  it('accepts configurable working periods, e.g. a summer day 08:00–12:00 and 14:30–18:00', () => {
    const r = createCalendar({
      ...base,
      workingPeriods: [
        { start: '08:00', end: '12:00' },
        { start: '14:30', end: '18:00' },
      ],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const start = localInstant(r.value, '2025-03-03', '11:00');
    expect(fmt(addWorkingHours(r.value, start, 2))).toBe('2025-03-03 15:30');
  });

  it('runs a round-the-clock command centre calendar with no weekend', () => {
    const r = createCalendar({
      ...base,
      workingPeriods: [{ start: '00:00', end: '24:00' }],
      weekendDays: [],
    });
    expect(r.ok && fmt(addWorkingHours(r.value, sh(cal, '2025-03-01 23:00'), 3))).toBe(
      '2025-03-02 02:00',
    );
  });

  it.each([
    ['no working periods', { workingPeriods: [] }],
    ['a period ending before it starts', { workingPeriods: [{ start: '12:00', end: '09:00' }] }],
    ['a malformed clock time', { workingPeriods: [{ start: '9:00', end: '12:00' }] }],
    [
      'overlapping periods',
      {
        workingPeriods: [
          { start: '09:00', end: '12:00' },
          { start: '11:00', end: '13:00' },
        ],
      },
    ],
    ['every day a weekend day', { weekendDays: [0, 1, 2, 3, 4, 5, 6] }],
    ['a weekday number out of range', { weekendDays: [7] }],
    ['an offset beyond 14 hours', { utcOffsetMinutes: 900 }],
    ['an impossible date', { days: [{ date: '2025-02-30', kind: 'holiday' as const }] }],
    [
      'a date listed twice',
      {
        days: [
          { date: '2025-02-03', kind: 'holiday' as const },
          { date: '2025-02-03', kind: 'normal' as const },
        ],
      },
    ],
  ])('rejects a calendar with %s', (_name, change) => {
    expect(createCalendar({ ...base, ...change })).toMatchObject({
      ok: false,
      error: { code: 'calendar.invalid' },
    });
  });

  it('lets a normal day override nothing: it follows the weekday rule', () => {
    const r = createCalendar({ ...base, days: [{ date: '2025-03-01', kind: 'normal' }] });
    expect(r.ok && isWorkingDay(r.value, '2025-03-01')).toBe(false);
  });
});
