import {
  addTimeLimit,
  addWorkingMs,
  subtractWorkingMs,
  workingTimeBetween,
  type Calendar,
} from '../calendar/index.ts';
import type { TimeLimit } from '../catalogue/index.ts';
import { err, ok, type Result } from '../shared/index.ts';

/**
 * Which clock a timer runs on: working time (limits in working hours or days) or elapsed time
 * (limits in calendar hours). Pauses and the warning threshold are measured on that clock.
 */
export type DeadlineClock = 'working' | 'calendar';

/**
 * The timer of one step. `dueAt` and `warnAt` are precomputed instants, so the state of a timer
 * at any `now` is two number comparisons (see timer-state.ts). While paused (挂账), `dueAt` and
 * `warnAt` are the instants as if the timer resumed at once; resuming shifts them.
 */
export type StepDeadline = {
  readonly startedAt: Date;
  readonly dueAt: Date;
  readonly warnAt: Date;
  /** set while the timer is paused (挂账 long-term hold) */
  readonly pausedAt?: Date;
  /** time spent paused so far, on the timer's clock (completed pauses only) */
  readonly pausedWorkingMs: number;
  /** time allowed on the timer's clock: the limit plus approved extensions (延期) */
  readonly allowedMs: number;
  readonly clock: DeadlineClock;
  /** share of the allowed time after which the timer warns, e.g. 0.8 */
  readonly warnFraction: number;
};

/** gridloop default: warn when 80 % of the allowed working time is used. */
export const DEFAULT_WARN_FRACTION = 0.8;

export type DeadlineError =
  | { readonly code: 'deadline.already_paused'; readonly details: { readonly pausedAt: string } }
  | { readonly code: 'deadline.not_paused'; readonly details: Record<string, never> };

export const clockOf = (limit: TimeLimit): DeadlineClock =>
  limit.unit === 'calendar_hours' ? 'calendar' : 'working';

function timeBetween(cal: Calendar, clock: DeadlineClock, a: Date, b: Date): number {
  return clock === 'working'
    ? workingTimeBetween(cal, a, b)
    : Math.max(0, b.getTime() - a.getTime());
}

function addTime(cal: Calendar, clock: DeadlineClock, from: Date, ms: number): Date {
  return clock === 'working' ? addWorkingMs(cal, from, ms) : new Date(from.getTime() + ms);
}

function subtractTime(cal: Calendar, clock: DeadlineClock, to: Date, ms: number): Date {
  return clock === 'working' ? subtractWorkingMs(cal, to, ms) : new Date(to.getTime() - ms);
}

function checkFraction(f: number): void {
  if (!(f > 0 && f <= 1)) throw new RangeError(`warnFraction must be in (0, 1], got ${f}`);
}

/**
 * Starts a step's timer at `startedAt` with a catalogue time limit: the deadline is
 * `addTimeLimit(limit)`, the allowed time is the clock time between start and deadline, and the
 * warning falls when `warnFraction` of it is used.
 */
export function startDeadline(
  cal: Calendar,
  startedAt: Date,
  limit: TimeLimit,
  warnFraction: number = DEFAULT_WARN_FRACTION,
): StepDeadline {
  checkFraction(warnFraction);
  const clock = clockOf(limit);
  const dueAt = addTimeLimit(cal, startedAt, limit);
  const allowedMs = timeBetween(cal, clock, startedAt, dueAt);
  const warnAt = addTime(cal, clock, startedAt, Math.round(allowedMs * warnFraction));
  return { startedAt, dueAt, warnAt, pausedWorkingMs: 0, allowedMs, clock, warnFraction };
}

/** Stops the timer (挂账 approved): it reads `paused` until resumed. */
export function pauseDeadline<D extends StepDeadline>(d: D, at: Date): Result<D, DeadlineError> {
  if (d.pausedAt) {
    return err({
      code: 'deadline.already_paused',
      details: { pausedAt: d.pausedAt.toISOString() },
    });
  }
  return ok({ ...d, pausedAt: at });
}

/**
 * Restarts a paused timer (挂账恢复) with the remaining time it had when the pause began: every
 * instant keeps its signed clock distance to the pause, now measured from the resume. Time ahead
 * stays ahead (the deadline moves later by the clock time spent paused); time already overrun
 * stays overrun by the same amount, never by the time on hold, and a case overdue before the hold
 * is overdue again at once; the limit is never restarted.
 */
export function resumeDeadline<D extends StepDeadline>(
  cal: Calendar,
  d: D,
  at: Date,
): Result<D, DeadlineError> {
  const pausedAt = d.pausedAt;
  if (!pausedAt) return err({ code: 'deadline.not_paused', details: {} });
  const resumedAt = at.getTime() < pausedAt.getTime() ? pausedAt : at;
  const shift = (x: Date): Date =>
    x.getTime() > pausedAt.getTime()
      ? addTime(cal, d.clock, resumedAt, timeBetween(cal, d.clock, pausedAt, x))
      : subtractTime(cal, d.clock, resumedAt, timeBetween(cal, d.clock, x, pausedAt));
  const running: { -readonly [K in keyof D]: D[K] } = { ...d };
  delete running.pausedAt;
  return ok({
    ...running,
    dueAt: shift(d.dueAt),
    warnAt: shift(d.warnAt),
    pausedWorkingMs: d.pausedWorkingMs + timeBetween(cal, d.clock, pausedAt, resumedAt),
  });
}

/**
 * Grants more time (延期 approved): the new deadline is `extra` counted from the current deadline
 * (so 2 working days end at the close of the 2nd working day after the old due day), the allowed
 * time grows by the clock time added, and the warning moves to `warnFraction` of the new allowance.
 * Counted from the deadline even when it has passed: an overdue case keeps the time it overran,
 * so its remaining time after the extension may still be negative (see `remainingTime`).
 * Works on a paused timer too. These functions keep any extra fields of `d` (e.g. the step name).
 */
export function extendDeadline<D extends StepDeadline>(cal: Calendar, d: D, extra: TimeLimit): D {
  return extendDeadlineTo(cal, d, addTimeLimit(cal, d.dueAt, extra));
}

/**
 * Grants more time up to an instant (延期 to the due date the unit asked for): like
 * `extendDeadline`, with the new deadline given. An instant not after the current deadline
 * leaves the timer as it is.
 */
export function extendDeadlineTo<D extends StepDeadline>(cal: Calendar, d: D, dueAt: Date): D {
  if (dueAt.getTime() <= d.dueAt.getTime()) return d;
  const allowedMs = d.allowedMs + timeBetween(cal, d.clock, d.dueAt, dueAt);
  // Placing the warning backwards from the deadline is exact unless it crosses an earlier pause;
  // then the threshold was reached before that pause ended, and any instant before `now` reads
  // the same state.
  const warnAt = subtractTime(cal, d.clock, dueAt, Math.round(allowedMs * (1 - d.warnFraction)));
  return { ...d, dueAt, warnAt, allowedMs };
}

/** Grants `ms` more clock time (a rework keeping the extensions granted before it). */
export function extendDeadlineBy<D extends StepDeadline>(cal: Calendar, d: D, ms: number): D {
  return ms > 0 ? extendDeadlineTo(cal, d, addTime(cal, d.clock, d.dueAt, ms)) : d;
}

/**
 * Clock time left until the deadline at `now`, negative once it has passed (by how much it was
 * overrun). A paused timer is read at its pause: the time it had left when the hold began.
 */
export function remainingTime(cal: Calendar, d: StepDeadline, now: Date): number {
  const at = d.pausedAt ?? now;
  return at.getTime() <= d.dueAt.getTime()
    ? timeBetween(cal, d.clock, at, d.dueAt)
    : -timeBetween(cal, d.clock, d.dueAt, at);
}

/** Clock time used so far (excluding pauses): for "time used" columns and on-time reports. */
export function timeUsed(cal: Calendar, d: StepDeadline, now: Date): number {
  const end = d.pausedAt && d.pausedAt.getTime() < now.getTime() ? d.pausedAt : now;
  return Math.max(0, timeBetween(cal, d.clock, d.startedAt, end) - d.pausedWorkingMs);
}
