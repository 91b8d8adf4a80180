import { describe, expect, it } from 'vitest';
import { fmt, sh, testCalendar } from '../../../test/fixtures/calendar.ts';
import type { TimeLimit } from '../catalogue/index.ts';
import {
  clockOf,
  extendDeadline,
  extendDeadlineBy,
  extendDeadlineTo,
  pauseDeadline,
  remainingTime,
  resumeDeadline,
  startDeadline,
  sweepTimers,
  timerState,
  timerStateAt,
  timeUsed,
  type StepDeadline,
  type SweepEntry,
} from './index.ts';

const cal = testCalendar();
const H = 3_600_000;
const at = (s: string) => sh(cal, s);

function unwrap<T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

const view = (d: StepDeadline) => ({
  dueAt: fmt(d.dueAt),
  warnAt: fmt(d.warnAt),
  allowedHours: d.allowedMs / H,
  pausedHours: d.pausedWorkingMs / H,
  paused: d.pausedAt !== undefined,
});

describe('startDeadline', () => {
  it.each<[string, TimeLimit, string, string, number]>([
    // Friday filing; Sunday 01-26 is a make-up working day: 1.5 h + 7 h + 7 h allowed.
    [
      '2025-01-24 16:00',
      { amount: 2, unit: 'working_days' },
      '2025-01-27 17:30',
      '2025-01-27 14:24',
      15.5,
    ],
    // Half an hour on 01-27, then the 01-28..02-04 holiday.
    [
      '2025-01-27 17:00',
      { amount: 4, unit: 'working_hours' },
      '2025-02-05 14:00',
      '2025-02-05 11:42',
      4,
    ],
    // Saturday 2026-02-14 is a make-up working day.
    [
      '2026-02-13 16:00',
      { amount: 3, unit: 'working_hours' },
      '2026-02-14 10:30',
      '2026-02-14 09:54',
      3,
    ],
    // Sunday 2026-09-20 is a make-up working day.
    [
      '2026-09-18 17:00',
      { amount: 8, unit: 'working_hours' },
      '2026-09-21 09:30',
      '2026-09-20 16:24',
      8,
    ],
    // Calendar hours run through nights and holidays.
    [
      '2026-02-13 16:00',
      { amount: 24, unit: 'calendar_hours' },
      '2026-02-14 16:00',
      '2026-02-14 11:12',
      24,
    ],
  ])('%s with %j is due %s and warns at %s (80 %% of %s h)', (start, limit, due, warn, hours) => {
    const d = startDeadline(cal, at(start), limit);
    expect(view(d)).toEqual({
      dueAt: due,
      warnAt: warn,
      allowedHours: hours,
      pausedHours: 0,
      paused: false,
    });
  });

  it('takes a configurable warning threshold (half of 4 working hours)', () => {
    const d = startDeadline(cal, at('2025-03-03 09:00'), { amount: 4, unit: 'working_hours' }, 0.5);
    expect(fmt(d.warnAt)).toBe('2025-03-03 11:00');
  });

  it('rejects a threshold outside (0, 1] as a programming error', () => {
    expect(() =>
      startDeadline(cal, at('2025-03-03 09:00'), { amount: 4, unit: 'working_hours' }, 1.5),
    ).toThrow(RangeError);
  });

  it('runs calendar-hour limits on elapsed time and the others on working time', () => {
    expect(clockOf({ amount: 1, unit: 'calendar_hours' })).toBe('calendar');
    expect(clockOf({ amount: 1, unit: 'working_days' })).toBe('working');
  });
});

describe('timerState', () => {
  const d = startDeadline(cal, at('2025-01-24 16:00'), { amount: 2, unit: 'working_days' });

  it.each([
    ['2025-01-24 16:00', 'on_time'],
    ['2025-01-27 14:23', 'on_time'],
    ['2025-01-27 14:24', 'warning'],
    ['2025-01-27 17:30', 'warning'],
    ['2025-01-27 17:31', 'overdue'],
  ])('reads %s as %s', (now, state) => {
    expect(timerState(d, at(now))).toBe(state);
  });

  it('reads a paused timer as paused even past its deadline', () => {
    const paused = unwrap(pauseDeadline(d, at('2025-01-27 10:00')));
    expect(timerState(paused, at('2025-03-01 10:00'))).toBe('paused');
  });

  it.each([
    [100, 80, false, 79, 'on_time'],
    [100, 80, false, 80, 'warning'],
    [100, 80, false, 100, 'warning'],
    [100, 80, false, 101, 'overdue'],
    [100, 80, true, 101, 'paused'],
  ] as const)('timerStateAt(due %s, warn %s, paused %s, now %s) is %s', (due, warn, p, now, s) => {
    expect(timerStateAt(due, warn, p, now)).toBe(s);
  });
});

describe('pause and resume (挂账 and 挂账恢复)', () => {
  // Friday 2025-09-26 10:00 + 2 working days: Sunday 09-28 (make-up) and Monday 09-29.
  const running = startDeadline(cal, at('2025-09-26 10:00'), { amount: 2, unit: 'working_days' });

  it('starts from a due time on the make-up weekend', () => {
    expect(view(running)).toMatchObject({
      dueAt: '2025-09-29 17:30',
      warnAt: '2025-09-29 12:00',
      allowedHours: 20,
    });
  });

  it('shifts the deadline by the working time paused during a make-up day and the holiday', () => {
    const paused = unwrap(pauseDeadline(running, at('2025-09-28 11:00')));
    const resumed = unwrap(resumeDeadline(cal, paused, at('2025-10-09 10:00')));
    // Paused 5 h on 09-28, 7 h on 09-29 and 09-30, nothing over 10-01..10-08, 1 h on 10-09.
    // 12 h were left to the deadline and 8 h to the warning when the pause began.
    expect(view(resumed)).toEqual({
      dueAt: '2025-10-10 16:30',
      warnAt: '2025-10-10 11:00',
      allowedHours: 20,
      pausedHours: 20,
      paused: false,
    });
    expect(timerState(resumed, at('2025-10-10 10:59'))).toBe('on_time');
    expect(timerState(resumed, at('2025-10-10 11:00'))).toBe('warning');
    expect(timerState(resumed, at('2025-10-10 16:31'))).toBe('overdue');
    expect(timeUsed(cal, resumed, at('2025-10-10 11:00'))).toBe(16 * H);
  });

  it('counts the time used up to the pause while paused', () => {
    const paused = unwrap(pauseDeadline(running, at('2025-09-28 11:00')));
    expect(timeUsed(cal, paused, at('2025-10-05 10:00'))).toBe(8 * H);
  });

  it('pauses on the 2026-02-14 make-up Saturday and resumes after the nine-day holiday', () => {
    const d = startDeadline(cal, at('2026-02-13 16:00'), { amount: 3, unit: 'working_hours' });
    const paused = unwrap(pauseDeadline(d, at('2026-02-14 09:30')));
    const resumed = unwrap(resumeDeadline(cal, paused, at('2026-02-24 09:00')));
    expect(view(resumed)).toMatchObject({
      dueAt: '2026-02-24 10:00',
      warnAt: '2026-02-24 09:24',
      pausedHours: 6.5,
    });
  });

  it('keeps a warning reached before the pause reached, 18 working minutes deep, after it', () => {
    const d = startDeadline(cal, at('2025-03-03 09:00'), { amount: 4, unit: 'working_hours' });
    expect(view(d)).toMatchObject({ dueAt: '2025-03-03 14:30', warnAt: '2025-03-03 13:42' });
    const paused = unwrap(pauseDeadline(d, at('2025-03-03 14:00')));
    const resumed = unwrap(resumeDeadline(cal, paused, at('2025-03-04 09:00')));
    expect(view(resumed)).toMatchObject({ dueAt: '2025-03-04 09:30', warnAt: '2025-03-03 17:12' });
    expect(timerState(resumed, at('2025-03-04 09:10'))).toBe('warning');
    expect(remainingTime(cal, resumed, at('2025-03-04 09:00'))).toBe(0.5 * H);
  });

  it('resumes an overdue timer with the time it had overrun, not the time on hold, nor a new limit', () => {
    const d = startDeadline(cal, at('2025-03-03 09:00'), { amount: 4, unit: 'working_hours' });
    const paused = unwrap(pauseDeadline(d, at('2025-03-03 15:00')));
    expect(remainingTime(cal, paused, at('2025-03-10 09:00'))).toBe(-0.5 * H);
    const resumed = unwrap(resumeDeadline(cal, paused, at('2025-03-04 09:00')));
    // 30 working minutes overrun before the hold: due 30 working minutes before the resume.
    expect(fmt(resumed.dueAt)).toBe('2025-03-03 17:00');
    expect(timerState(resumed, at('2025-03-04 09:00'))).toBe('overdue');
    expect(remainingTime(cal, resumed, at('2025-03-04 09:00'))).toBe(-0.5 * H);
  });

  it('pauses a calendar-hour timer on elapsed time, nights included', () => {
    const d = startDeadline(cal, at('2026-02-13 16:00'), { amount: 24, unit: 'calendar_hours' });
    const paused = unwrap(pauseDeadline(d, at('2026-02-13 20:00')));
    const resumed = unwrap(resumeDeadline(cal, paused, at('2026-02-14 08:00')));
    expect(view(resumed)).toMatchObject({ dueAt: '2026-02-15 04:00', pausedHours: 12 });
  });

  it('keeps extra fields such as the step name', () => {
    const d = { ...running, step: 'handle' as const };
    const paused = unwrap(pauseDeadline(d, at('2025-09-28 11:00')));
    expect(unwrap(resumeDeadline(cal, paused, at('2025-10-09 10:00'))).step).toBe('handle');
  });

  it('refuses to pause a paused timer or resume a running one', () => {
    const paused = unwrap(pauseDeadline(running, at('2025-09-28 11:00')));
    expect(pauseDeadline(paused, at('2025-09-29 11:00'))).toMatchObject({
      ok: false,
      error: { code: 'deadline.already_paused' },
    });
    expect(resumeDeadline(cal, running, at('2025-09-29 11:00'))).toMatchObject({
      ok: false,
      error: { code: 'deadline.not_paused' },
    });
  });

  it('treats a resume stamped before the pause as an immediate resume', () => {
    const paused = unwrap(pauseDeadline(running, at('2025-09-28 11:00')));
    const resumed = unwrap(resumeDeadline(cal, paused, at('2025-09-28 10:00')));
    expect(view(resumed)).toMatchObject({ dueAt: '2025-09-29 17:30', pausedHours: 0 });
  });
});

describe('extendDeadline (延期)', () => {
  it('extends an overdue timer from its passed deadline: the overrun is not forgiven', () => {
    const d = startDeadline(cal, at('2025-03-03 09:00'), { amount: 4, unit: 'working_hours' });
    // Due 03-03 14:30; at 03-04 10:00 it is 4 working hours overdue (3 h + 1 h).
    expect(remainingTime(cal, d, at('2025-03-04 10:00'))).toBe(-4 * H);
    const e = extendDeadline(cal, d, { amount: 3, unit: 'working_hours' });
    expect(fmt(e.dueAt)).toBe('2025-03-03 17:30');
    expect(remainingTime(cal, e, at('2025-03-04 10:00'))).toBe(-1 * H);
    expect(timerState(e, at('2025-03-04 10:00'))).toBe('overdue');
    const longer = extendDeadline(cal, d, { amount: 1, unit: 'working_days' });
    expect(fmt(longer.dueAt)).toBe('2025-03-04 17:30');
    expect(remainingTime(cal, longer, at('2025-03-04 10:00'))).toBe(6 * H);
  });

  it('extends to a requested instant and keeps the warning at 80 % of the new allowance', () => {
    const d = startDeadline(cal, at('2025-03-03 09:00'), { amount: 4, unit: 'working_hours' });
    const e = extendDeadlineTo(cal, d, at('2025-03-03 17:30'));
    expect(view(e)).toMatchObject({ dueAt: '2025-03-03 17:30', allowedHours: 7 });
    expect(extendDeadlineTo(cal, d, at('2025-03-03 10:00'))).toBe(d);
    expect(view(extendDeadlineBy(cal, d, 3 * H))).toMatchObject({ dueAt: '2025-03-03 17:30' });
  });

  it('adds working days from the old deadline, across the 2025 Spring Festival', () => {
    const d = startDeadline(cal, at('2025-01-24 16:00'), { amount: 2, unit: 'working_days' });
    const e = extendDeadline(cal, d, { amount: 2, unit: 'working_days' });
    // 01-27 17:30 + 2 working days: 01-28..02-04 are holidays, so 02-05 and 02-06.
    expect(view(e)).toMatchObject({
      dueAt: '2025-02-06 17:30',
      warnAt: '2025-02-06 10:06',
      allowedHours: 29.5,
    });
    expect(timerState(e, at('2025-01-27 17:31'))).toBe('on_time');
  });

  it('adds working hours and moves the warning to 80 % of the new allowance', () => {
    const d = startDeadline(cal, at('2025-03-03 09:00'), { amount: 4, unit: 'working_hours' });
    const e = extendDeadline(cal, d, { amount: 3, unit: 'working_hours' });
    expect(view(e)).toMatchObject({
      dueAt: '2025-03-03 17:30',
      warnAt: '2025-03-03 16:06',
      allowedHours: 7,
    });
  });

  it('extends a paused timer; the resume then lands on the 2025-10-11 make-up Saturday', () => {
    const d = startDeadline(cal, at('2025-09-26 10:00'), { amount: 2, unit: 'working_days' });
    const paused = unwrap(pauseDeadline(d, at('2025-09-28 11:00')));
    const extended = extendDeadline(cal, paused, { amount: 1, unit: 'working_days' });
    expect(view(extended)).toMatchObject({
      dueAt: '2025-09-30 17:30',
      warnAt: '2025-09-30 10:36',
      allowedHours: 27,
      paused: true,
    });
    const resumed = unwrap(resumeDeadline(cal, extended, at('2025-10-09 10:00')));
    expect(view(resumed)).toMatchObject({
      dueAt: '2025-10-11 16:30',
      warnAt: '2025-10-11 09:36',
    });
  });
});

describe('sweepTimers', () => {
  it('returns only the timers whose state changed, with the old and new state', () => {
    const now = at('2025-03-03 12:00');
    const t = now.getTime();
    const entries: SweepEntry[] = [
      { id: 'a', state: 'on_time', dueAtMs: t + H, warnAtMs: t - 1, paused: false },
      { id: 'b', state: 'warning', dueAtMs: t - 1, warnAtMs: t - H, paused: false },
      { id: 'c', state: 'on_time', dueAtMs: t + 2 * H, warnAtMs: t + H, paused: false },
      { id: 'd', state: 'overdue', dueAtMs: t - 1, warnAtMs: t - H, paused: false },
      { id: 'e', state: 'overdue', dueAtMs: t - 1, warnAtMs: t - H, paused: true },
      { id: 'f', state: 'paused', dueAtMs: t + 2 * H, warnAtMs: t + H, paused: false },
    ];
    expect(sweepTimers(entries, now)).toEqual([
      { id: 'a', from: 'on_time', to: 'warning' },
      { id: 'b', from: 'warning', to: 'overdue' },
      { id: 'e', from: 'overdue', to: 'paused' },
      { id: 'f', from: 'paused', to: 'on_time' },
    ]);
  });
});
