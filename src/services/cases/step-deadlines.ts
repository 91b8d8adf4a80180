import type { Calendar } from '../../domain/calendar/index.ts';
import type { TimeLimit } from '../../domain/catalogue/index.ts';
import { workingTimeBetween } from '../../domain/calendar/index.ts';
import type { Case, DeadlineInput, StepName } from '../../domain/cases/index.ts';
import {
  DEFAULT_WARN_FRACTION,
  clockOf,
  extendDeadline,
  resumeDeadline,
  startDeadline,
  type StepDeadline as TimerDeadline,
} from '../../domain/deadlines/index.ts';
import { err, ok, type Result } from '../../domain/shared/index.ts';
import type { CatalogueLookupError } from '../catalogue/query-catalogue.ts';
import type { ReferenceReads } from '../reference/reference-reads.ts';

/**
 * Deadlines of the steps, computed in working time on the district's calendar: the centre's steps
 * from `step_time_limits` (per district, with shipped defaults), handling from the catalogue's
 * limit for the case's category and urgency.
 */
export type DeadlineContext = {
  readonly ref: ReferenceReads;
  readonly districtCode: string;
  readonly now: Date;
  calendar(): Promise<Calendar>;
};

export function deadlineContext(
  ref: ReferenceReads,
  districtCode: string,
  now: Date,
): DeadlineContext {
  return { ref, districtCode, now, calendar: () => ref.calendar(districtCode) };
}

const toInput = (d: TimerDeadline): DeadlineInput => ({ dueAt: d.dueAt, warnAt: d.warnAt });

/** The deadline of a centre step (verify, file, dispatch, recheck, close) started now. */
export async function centreStepDeadline(
  ctx: DeadlineContext,
  step: Exclude<StepName, 'handle'>,
): Promise<DeadlineInput> {
  const limit = await ctx.ref.stepLimit(ctx.districtCode, step);
  // 0043 ships a default for every step, so a missing row is a broken deployment.
  if (!limit) throw new Error(`no time limit for step ${step}`);
  return toInput(startDeadline(await ctx.calendar(), ctx.now, limit));
}

/** The catalogue's handling limit for the case's category and urgency in its district. */
async function handlingLimit(
  ctx: DeadlineContext,
  c: Pick<Case, 'categoryScheme' | 'kind' | 'categoryCode' | 'urgency'>,
): Promise<Result<TimeLimit, CatalogueLookupError>> {
  const std = await ctx.ref.standard({
    districtCode: ctx.districtCode,
    scheme: c.categoryScheme,
    kind: c.kind,
    code: c.categoryCode,
  });
  return std.ok ? ok(std.value.timeLimits[c.urgency]) : err(std.error);
}

/** The handling step's deadline (派遣 / 先行处置 / 返工) started now. */
export async function handlingDeadline(
  ctx: DeadlineContext,
  c: Case,
): Promise<Result<DeadlineInput, CatalogueLookupError>> {
  const limit = await handlingLimit(ctx, c);
  if (!limit.ok) return limit;
  return ok(toInput(startDeadline(await ctx.calendar(), ctx.now, limit.value)));
}

/** The case's handle timer in the deadlines module's shape (allowed time recomputed). */
function timerOf(cal: Calendar, c: Case, limit: TimeLimit): TimerDeadline | null {
  const t = c.deadlines.handle;
  if (!t) return null;
  const clock = clockOf(limit);
  const span =
    clock === 'working'
      ? workingTimeBetween(cal, t.startedAt, t.dueAt)
      : t.dueAt.getTime() - t.startedAt.getTime();
  return {
    startedAt: t.startedAt,
    dueAt: t.dueAt,
    warnAt: t.warnAt,
    ...(t.pausedAt !== undefined ? { pausedAt: t.pausedAt } : {}),
    pausedWorkingMs: t.pausedWorkingMs,
    allowedMs: Math.max(0, span - t.pausedWorkingMs),
    clock,
    warnFraction: DEFAULT_WARN_FRACTION,
  };
}

/**
 * 延期 approved: `extra` (default: the category's handling limit again, standards §5.2) counted
 * from the current due instant, or from now when the case is already overdue.
 */
export async function extendedDeadline(
  ctx: DeadlineContext,
  c: Case,
  extra: TimeLimit | undefined,
): Promise<Result<DeadlineInput, CatalogueLookupError>> {
  const limit = await handlingLimit(ctx, c);
  if (!limit.ok) return limit;
  const add = extra ?? limit.value;
  const cal = await ctx.calendar();
  const timer = timerOf(cal, c, limit.value);
  if (timer === null || timer.dueAt.getTime() <= ctx.now.getTime()) {
    return ok(toInput(startDeadline(cal, ctx.now, add)));
  }
  return ok(toInput(extendDeadline(cal, timer, add)));
}

/** 挂账恢复: the handle timer moved on by the working time spent on hold. */
export async function resumedDeadline(
  ctx: DeadlineContext,
  c: Case,
): Promise<Result<{ deadline: DeadlineInput; pausedWorkingMs: number }, CatalogueLookupError>> {
  const limit = await handlingLimit(ctx, c);
  if (!limit.ok) return limit;
  const cal = await ctx.calendar();
  const timer = timerOf(cal, c, limit.value);
  if (timer === null) {
    const fresh = startDeadline(cal, ctx.now, limit.value);
    return ok({ deadline: toInput(fresh), pausedWorkingMs: 0 });
  }
  const paused = timer.pausedAt ? timer : { ...timer, pausedAt: ctx.now };
  const resumed = resumeDeadline(cal, paused, ctx.now);
  // resumeDeadline only refuses a timer that is not paused, which `paused` always is.
  if (!resumed.ok) throw new Error(resumed.error.code);
  const d = resumed.value;
  // A deadline that passed before the hold stays passed; the workflow wants one ahead of now.
  const ahead =
    d.dueAt.getTime() > ctx.now.getTime()
      ? toInput(d)
      : toInput(startDeadline(cal, ctx.now, limit.value));
  return ok({ deadline: ahead, pausedWorkingMs: d.pausedWorkingMs });
}
