import type { Calendar } from '../../domain/calendar/index.ts';
import type { TimeLimit } from '../../domain/catalogue/index.ts';
import { addTimeLimit, workingTimeBetween } from '../../domain/calendar/index.ts';
import type { Case, DeadlineInput, StepName } from '../../domain/cases/index.ts';
import {
  DEFAULT_WARN_FRACTION,
  clockOf,
  extendDeadline,
  extendDeadlineBy,
  extendDeadlineTo,
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

const toInput = (d: TimerDeadline, extendedMs?: number): DeadlineInput => ({
  dueAt: d.dueAt,
  warnAt: d.warnAt,
  ...(extendedMs !== undefined && extendedMs > 0 ? { extendedMs } : {}),
});

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

/**
 * The handling step's deadline started now: the category's limit (派遣 / 改派 / 先行处置). A
 * rework (返工, `keepExtensions`) restarts the limit for the same unit and keeps the time approved
 * extensions added (the extension was granted for the case, not for the first try).
 */
export async function handlingDeadline(
  ctx: DeadlineContext,
  c: Case,
  keepExtensions = false,
): Promise<Result<DeadlineInput, CatalogueLookupError>> {
  const limit = await handlingLimit(ctx, c);
  if (!limit.ok) return limit;
  const cal = await ctx.calendar();
  const fresh = startDeadline(cal, ctx.now, limit.value);
  const extendedMs = keepExtensions ? (c.deadlines.handle?.extendedMs ?? 0) : 0;
  return ok(toInput(extendDeadlineBy(cal, fresh, extendedMs), extendedMs));
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
 * 延期 approved: the approver's `extra`, else the due date the unit asked for, else the category's
 * handling limit once more (standards §5.2), always counted from the current deadline, even when
 * it has passed (an overdue case stays overdue by what it overran; see `extendDeadline`).
 */
export async function extendedDeadline(
  ctx: DeadlineContext,
  c: Case,
  extra: TimeLimit | undefined,
): Promise<Result<DeadlineInput, CatalogueLookupError>> {
  const limit = await handlingLimit(ctx, c);
  if (!limit.ok) return limit;
  const cal = await ctx.calendar();
  const timer = timerOf(cal, c, limit.value);
  const add = extra ?? limit.value;
  if (timer === null) return ok(toInput(startDeadline(cal, ctx.now, add)));
  const requested = extra === undefined ? c.pendingRequest?.requestedDueAt : undefined;
  const d =
    requested !== undefined
      ? extendDeadlineTo(cal, timer, requested)
      : extendDeadline(cal, timer, add);
  const before = c.deadlines.handle?.extendedMs ?? 0;
  return ok(toInput(d, before + Math.max(0, d.allowedMs - timer.allowedMs)));
}

/**
 * The latest due date a unit may ask for in a 延期申请: the current handling deadline plus the
 * category's limit once more (rules.ts `requestedDueRefusal`); undefined without a handle timer.
 */
export async function maxRequestedDue(
  ctx: DeadlineContext,
  c: Case,
): Promise<Result<Date | undefined, CatalogueLookupError>> {
  const t = c.deadlines.handle;
  if (t === undefined) return ok(undefined);
  const limit = await handlingLimit(ctx, c);
  if (!limit.ok) return limit;
  return ok(addTimeLimit(await ctx.calendar(), t.dueAt, limit.value));
}

/**
 * 挂账恢复: the handle timer resumes with the time it had left when the hold began, negative
 * when it was already overdue (the limit is never restarted; see `resumeDeadline`).
 */
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
  return ok({
    deadline: toInput(d, c.deadlines.handle?.extendedMs),
    pausedWorkingMs: d.pausedWorkingMs,
  });
}
