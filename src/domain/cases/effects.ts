import type { Actor, Case, DeadlineInput, StepDeadline, StepName } from './case.ts';
import { caseError } from './errors.ts';
import type { CaseError } from './errors.ts';

/**
 * The building blocks of the actions' field checks and effects (declarations.ts uses them).
 */

/** What an action changes on the case, plus derived facts recorded in the event payload. */
export type Effect = { readonly patch: Partial<Case>; readonly facts?: Record<string, unknown> };

export const blank = (s: string | undefined): boolean => s === undefined || s.trim() === '';

export const needText =
  (field: string) =>
  (value: string | undefined): CaseError | null =>
    blank(value) ? caseError('case.reason_required', { field }) : null;
export const needReason = needText('reason');
export const needNote = needText('note');

export function needPhotos(field: string, ids: readonly string[] | undefined): CaseError | null {
  return ids === undefined || ids.length === 0
    ? caseError('case.photos_required', { field })
    : null;
}

/**
 * A new timer must end after `now`. A resumed one (挂账恢复) may already be overdue: a deadline
 * passed before the hold stays passed (`mayBePast`).
 */
export function checkDeadline(
  d: DeadlineInput | undefined,
  now: Date,
  mayBePast = false,
): CaseError | null {
  if (d === undefined) return null;
  const due = d.dueAt.getTime();
  const warn = d.warnAt.getTime();
  const past = !mayBePast && due <= now.getTime();
  const extended = d.extendedMs ?? 0;
  if (Number.isNaN(due) || Number.isNaN(warn) || past || warn > due || !(extended >= 0)) {
    return caseError('case.invalid_deadline', { dueAt: d.dueAt, warnAt: d.warnAt });
  }
  return null;
}

export const firstError = (...es: (CaseError | null)[]): CaseError | null =>
  es.find((e) => e !== null) ?? null;

export function startStep(
  c: Case,
  step: StepName,
  d: DeadlineInput | undefined,
  now: Date,
): Partial<Case> {
  if (d === undefined) return {};
  const timer: StepDeadline = { step, startedAt: now, ...d, pausedWorkingMs: 0 };
  return { deadlines: { ...c.deadlines, [step]: timer } };
}

export function updateHandleTimer(
  c: Case,
  change: (t: StepDeadline) => StepDeadline,
): Partial<Case> {
  const t = c.deadlines.handle;
  return t === undefined ? {} : { deadlines: { ...c.deadlines, handle: change(t) } };
}

export function withoutPause(t: StepDeadline): StepDeadline {
  return {
    step: t.step,
    startedAt: t.startedAt,
    dueAt: t.dueAt,
    warnAt: t.warnAt,
    pausedWorkingMs: t.pausedWorkingMs,
    ...(t.extendedMs !== undefined ? { extendedMs: t.extendedMs } : {}),
  };
}

export function checkUnits(
  main: string | null,
  ids: readonly string[],
  existing: readonly string[],
) {
  const ok =
    ids.length > 0 &&
    new Set(ids).size === ids.length &&
    ids.every((u) => u.trim() !== '' && u !== main && !existing.includes(u));
  return ok ? null : caseError('case.invalid_units', { unitIds: ids, mainUnitId: main });
}

/** Adds units to a list once each, keeping the order of first appearance. */
export const withUnits = (list: readonly string[], ids: readonly (string | null)[]): string[] => [
  ...list,
  ...ids.filter((u, i): u is string => u !== null && !list.includes(u) && ids.indexOf(u) === i),
];

export const count = (c: Case, key: keyof Case['counters']): Partial<Case> => ({
  counters: { ...c.counters, [key]: c.counters[key] + 1 },
});

export const request =
  (kind: 'extension' | 'hold' | 'cancel') =>
  (_c: Case, a: { reason: string; requestedDueAt?: Date }, actor: Actor, now: Date): Effect => ({
    patch: {
      pendingRequest: {
        kind,
        reason: a.reason,
        requestedBy: actor.userId,
        requestedByRole: actor.role,
        requestedAt: now,
        ...(a.requestedDueAt !== undefined ? { requestedDueAt: a.requestedDueAt } : {}),
      },
    },
  });

export const clearRequest = (c: Case): Effect => ({
  patch: { pendingRequest: null },
  facts: { request: c.pendingRequest },
});
