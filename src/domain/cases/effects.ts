import type { ActionOf, CaseAction, CaseActionKind } from './actions.ts';
import type { Actor, Case, DeadlineInput, StepDeadline, StepName } from './case.ts';
import { caseError } from './errors.ts';
import type { CaseError } from './errors.ts';
import {
  duplicateRefusal,
  requestedDueRefusal,
  samePhotoRefusal,
  unitRefusal,
  unitsRefusal,
} from './rules.ts';

/** What an action changes on the case, plus derived facts recorded in the event payload. */
export type Effect = { readonly patch: Partial<Case>; readonly facts?: Record<string, unknown> };

type Spec<K extends CaseActionKind> = {
  /** Checks the action's own fields (reasons, photos, deadlines, scores). */
  readonly validate?: (c: Case, a: ActionOf<K>, now: Date) => CaseError | null;
  readonly effect?: (c: Case, a: ActionOf<K>, actor: Actor, now: Date) => Effect;
};

const blank = (s: string | undefined): boolean => s === undefined || s.trim() === '';

const needText =
  (field: string) =>
  (value: string | undefined): CaseError | null =>
    blank(value) ? caseError('case.reason_required', { field }) : null;
const needReason = needText('reason');
const needNote = needText('note');

function needPhotos(field: string, ids: readonly string[] | undefined): CaseError | null {
  return ids === undefined || ids.length === 0
    ? caseError('case.photos_required', { field })
    : null;
}

/**
 * A new timer must end after `now`. A resumed one (挂账恢复) may already be overdue: a deadline
 * passed before the hold stays passed (`mayBePast`).
 */
function checkDeadline(
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

const firstError = (...es: (CaseError | null)[]): CaseError | null =>
  es.find((e) => e !== null) ?? null;

function startStep(
  c: Case,
  step: StepName,
  d: DeadlineInput | undefined,
  now: Date,
): Partial<Case> {
  if (d === undefined) return {};
  const timer: StepDeadline = { step, startedAt: now, ...d, pausedWorkingMs: 0 };
  return { deadlines: { ...c.deadlines, [step]: timer } };
}

function updateHandleTimer(c: Case, change: (t: StepDeadline) => StepDeadline): Partial<Case> {
  const t = c.deadlines.handle;
  return t === undefined ? {} : { deadlines: { ...c.deadlines, handle: change(t) } };
}

function withoutPause(t: StepDeadline): StepDeadline {
  return {
    step: t.step,
    startedAt: t.startedAt,
    dueAt: t.dueAt,
    warnAt: t.warnAt,
    pausedWorkingMs: t.pausedWorkingMs,
    ...(t.extendedMs !== undefined ? { extendedMs: t.extendedMs } : {}),
  };
}

function checkUnits(main: string | null, ids: readonly string[], existing: readonly string[]) {
  const ok =
    ids.length > 0 &&
    new Set(ids).size === ids.length &&
    ids.every((u) => u.trim() !== '' && u !== main && !existing.includes(u));
  return ok ? null : caseError('case.invalid_units', { unitIds: ids, mainUnitId: main });
}

/** Adds units to a list once each, keeping the order of first appearance. */
const withUnits = (list: readonly string[], ids: readonly (string | null)[]): string[] => [
  ...list,
  ...ids.filter((u, i): u is string => u !== null && !list.includes(u) && ids.indexOf(u) === i),
];

const count = (c: Case, key: keyof Case['counters']): Partial<Case> => ({
  counters: { ...c.counters, [key]: c.counters[key] + 1 },
});

const request =
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

const clearRequest = (c: Case): Effect => ({
  patch: { pendingRequest: null },
  facts: { request: c.pendingRequest },
});

/** Per-action rules. A missing `effect` means the action changes only status and version. */
export const ACTION_SPECS: { readonly [K in CaseActionKind]: Spec<K> } = {
  report: { validate: (_c, a, now) => checkDeadline(a.deadline, now) },
  register: { validate: (_c, a, now) => checkDeadline(a.deadline, now) },
  self_handle: {
    validate: (_c, a) =>
      firstError(
        needNote(a.note),
        needPhotos('beforePhotoIds', a.beforePhotoIds),
        needPhotos('afterPhotoIds', a.afterPhotoIds),
        samePhotoRefusal(a.beforePhotoIds, a.afterPhotoIds),
      ),
    effect: (c, a) => ({
      patch: {
        selfHandled: true,
        photoIds: [...c.photoIds, ...a.beforePhotoIds, ...a.afterPhotoIds],
      },
    }),
  },
  verify: {
    validate: (_c, a, now) => checkDeadline(a.deadline, now),
    effect: (c, a, _actor, now) => ({ patch: startStep(c, 'file', a.deadline, now) }),
  },
  file: {
    validate: (_c, a, now) => checkDeadline(a.deadline, now),
    effect: (c, a, _actor, now) => ({ patch: startStep(c, 'dispatch', a.deadline, now) }),
  },
  refuse_filing: { validate: (_c, a) => needReason(a.reason) },
  dispatch: {
    validate: (c, a, now) =>
      firstError(
        blank(a.unitId) ? caseError('case.invalid_units', { unitId: a.unitId }) : null,
        a.assistingUnitIds === undefined || a.assistingUnitIds.length === 0
          ? null
          : checkUnits(a.unitId, a.assistingUnitIds, []),
        unitsRefusal(c, [a.unitId, ...(a.assistingUnitIds ?? [])], a.units),
        checkDeadline(a.deadline, now),
      ),
    effect: (c, a, _actor, now) => ({
      patch: {
        mainUnitId: a.unitId,
        assistingUnitIds: a.assistingUnitIds ?? [],
        workedUnitIds: withUnits(c.workedUnitIds, [a.unitId, ...(a.assistingUnitIds ?? [])]),
        assistFeedbackUnitIds: [],
        dispatchRuleId: a.ruleId ?? null,
        ...startStep(c, 'handle', a.deadline, now),
      },
    }),
  },
  redispatch: {
    validate: (c, a, now) =>
      firstError(
        needReason(a.reason),
        blank(a.unitId) ? caseError('case.invalid_units', { unitId: a.unitId }) : null,
        a.unitId === c.mainUnitId
          ? caseError('case.redispatch_same_unit', { unitId: a.unitId })
          : null,
        unitRefusal(c, a.unitId, a.units),
        checkDeadline(a.deadline, now),
      ),
    // The new unit gets the whole handling limit (it had none of the time so far); assisting
    // units stay, they were chosen for the case, not for the main unit.
    effect: (c, a, _actor, now) => ({
      patch: {
        mainUnitId: a.unitId,
        workedUnitIds: withUnits(c.workedUnitIds, [a.unitId]),
        dispatchRuleId: a.ruleId ?? null,
        ...startStep(c, 'handle', a.deadline, now),
      },
      facts: {
        previousUnitId: c.mainUnitId ?? c.sentBackUnitIds[c.sentBackUnitIds.length - 1] ?? null,
      },
    }),
  },
  handle_first: {
    validate: (c, a, now) =>
      firstError(
        blank(a.unitId) ? caseError('case.invalid_units', { unitId: a.unitId }) : null,
        needReason(a.reason),
        unitRefusal(c, a.unitId, a.units),
        checkDeadline(a.deadline, now),
      ),
    effect: (c, a, _actor, now) => ({
      patch: {
        mainUnitId: a.unitId,
        assistingUnitIds: [],
        workedUnitIds: withUnits(c.workedUnitIds, [a.unitId]),
        assistFeedbackUnitIds: [],
        dispatchRuleId: null,
        handleFirst: true,
        responsibleUnitId: null,
        ...startStep(c, 'handle', a.deadline, now),
      },
    }),
  },
  accept: {},
  send_back: {
    validate: (_c, a, now) => firstError(needReason(a.reason), checkDeadline(a.deadline, now)),
    effect: (c, a, _actor, now) => ({
      patch: {
        mainUnitId: null,
        assistingUnitIds: [],
        assistFeedbackUnitIds: [],
        sentBackUnitIds: withUnits(c.sentBackUnitIds, [c.mainUnitId]),
        ...count(c, 'sendBackCount'),
        ...startStep(c, 'dispatch', a.deadline, now),
      },
      facts: { unitId: c.mainUnitId },
    }),
  },
  feedback: {
    validate: (c, a, now) =>
      firstError(
        needNote(a.note),
        needPhotos('photoIds', a.photoIds),
        samePhotoRefusal(c.photoIds, a.photoIds),
        checkDeadline(a.deadline, now),
      ),
    effect: (c, a, _actor, now) => ({ patch: startStep(c, 'recheck', a.deadline, now) }),
  },
  recheck_pass: {
    validate: (_c, a, now) => checkDeadline(a.deadline, now),
    effect: (c, a, _actor, now) => ({ patch: startStep(c, 'close', a.deadline, now) }),
  },
  rework: {
    validate: (_c, a, now) => firstError(needReason(a.reason), checkDeadline(a.deadline, now)),
    effect: (c, a, _actor, now) => ({
      patch: { ...count(c, 'reworkCount'), ...startStep(c, 'handle', a.deadline, now) },
      facts: { unitId: c.mainUnitId },
    }),
  },
  // A new closure may be spot-checked again (once).
  close: { effect: () => ({ patch: { spotChecked: false } }) },
  evaluate: {
    validate: (_c, a) =>
      Number.isInteger(a.satisfaction) && a.satisfaction >= 1 && a.satisfaction <= 5
        ? null
        : caseError('case.invalid_score', { satisfaction: a.satisfaction, min: 1, max: 5 }),
    effect: (_c, a) => ({ patch: { satisfaction: a.satisfaction } }),
  },
  request_extension: {
    validate: (c, a, now) =>
      firstError(
        needReason(a.reason),
        a.requestedDueAt === undefined
          ? null
          : requestedDueRefusal(c, a.requestedDueAt, a.maxDueAt, now),
      ),
    effect: request('extension'),
  },
  approve_extension: {
    // An extension counts from the current deadline, so a case already overdue may stay overdue
    // (its remaining time is negative); it must move the deadline later.
    validate: (c, a, now) =>
      firstError(
        checkDeadline(a.deadline, now, true),
        c.deadlines.handle !== undefined &&
          a.deadline.dueAt.getTime() <= c.deadlines.handle.dueAt.getTime()
          ? caseError('case.invalid_deadline', {
              dueAt: a.deadline.dueAt,
              currentDueAt: c.deadlines.handle.dueAt,
            })
          : null,
      ),
    effect: (c, a) => ({
      patch: {
        pendingRequest: null,
        ...count(c, 'extensionCount'),
        ...updateHandleTimer(c, (t) => ({ ...t, ...a.deadline })),
      },
      facts: { request: c.pendingRequest, previousDueAt: c.deadlines.handle?.dueAt ?? null },
    }),
  },
  reject_extension: { validate: (_c, a) => needReason(a.reason), effect: clearRequest },
  request_hold: { validate: (_c, a) => needReason(a.reason), effect: request('hold') },
  approve_hold: {
    effect: (c, _a, _actor, now) => ({
      patch: { pendingRequest: null, ...updateHandleTimer(c, (t) => ({ ...t, pausedAt: now })) },
      facts: { request: c.pendingRequest },
    }),
  },
  reject_hold: { validate: (_c, a) => needReason(a.reason), effect: clearRequest },
  resume: {
    validate: (c, a, now) =>
      firstError(
        checkDeadline(a.deadline, now, true),
        Number.isFinite(a.pausedWorkingMs) &&
          a.pausedWorkingMs >= (c.deadlines.handle?.pausedWorkingMs ?? 0)
          ? null
          : caseError('case.invalid_deadline', { pausedWorkingMs: a.pausedWorkingMs }),
      ),
    effect: (c, a) => ({
      patch: updateHandleTimer(c, (t) => ({
        ...withoutPause(t),
        ...a.deadline,
        pausedWorkingMs: a.pausedWorkingMs,
      })),
      facts: { pausedAt: c.deadlines.handle?.pausedAt ?? null },
    }),
  },
  request_cancel: { validate: (_c, a) => needReason(a.reason), effect: request('cancel') },
  approve_cancel: { effect: clearRequest },
  reject_cancel: { validate: (_c, a) => needReason(a.reason), effect: clearRequest },
  urge: {
    validate: (_c, a) => needNote(a.note),
    effect: (c) => ({
      patch: count(c, 'urgeCount'),
      facts: { urgeCount: c.counters.urgeCount + 1 },
    }),
  },
  add_assisting_units: {
    validate: (c, a) =>
      firstError(
        checkUnits(c.mainUnitId, a.unitIds, c.assistingUnitIds),
        unitsRefusal(c, a.unitIds, a.units),
      ),
    effect: (c, a) => ({
      patch: {
        assistingUnitIds: [...c.assistingUnitIds, ...a.unitIds],
        workedUnitIds: withUnits(c.workedUnitIds, a.unitIds),
      },
    }),
  },
  assist_feedback: {
    validate: (_c, a) => needNote(a.note),
    effect: (c, _a, actor) => ({
      patch: {
        assistFeedbackUnitIds: withUnits(c.assistFeedbackUnitIds, [actor.unitId ?? null]),
      },
    }),
  },
  settle_responsibility: {
    validate: (c, a) =>
      blank(a.unitId)
        ? caseError('case.invalid_units', { unitId: a.unitId })
        : unitRefusal(c, a.unitId, a.units),
    effect: (c, a) => ({
      patch: {
        responsibleUnitId: a.unitId,
        workedUnitIds: withUnits(c.workedUnitIds, [a.unitId]),
      },
    }),
  },
  merge: {
    validate: (c, a) =>
      a.targetCaseId === c.id
        ? caseError('case.merge_into_self', { caseId: c.id })
        : duplicateRefusal(c, a.target),
    effect: (_c, a) => ({ patch: { mergedInto: a.targetCaseId } }),
  },
  absorb_duplicate: {
    validate: (c, a) =>
      a.sourceCaseId === c.id ? caseError('case.merge_into_self', { caseId: c.id }) : null,
    effect: (c, a, _actor, now) => ({
      patch: {
        linkedReports: [
          ...c.linkedReports,
          {
            caseId: a.sourceCaseId,
            caseNumber: a.sourceCaseNumber,
            source: a.source,
            reporter: a.reporter,
            linkedAt: now,
          },
        ],
      },
    }),
  },
  spot_check_pass: { effect: () => ({ patch: { spotChecked: true } }) },
  reopen: {
    validate: (_c, a, now) => firstError(needReason(a.reason), checkDeadline(a.deadline, now)),
    effect: (c, a, _actor, now) => ({
      // The reopened case is a new piece of work: the old closure's satisfaction no longer holds.
      patch: {
        spotChecked: true,
        mainUnitId: null,
        assistingUnitIds: [],
        assistFeedbackUnitIds: [],
        satisfaction: null,
        ...count(c, 'reopenCount'),
        ...startStep(c, 'dispatch', a.deadline, now),
      },
      facts: { unitId: c.mainUnitId },
    }),
  },
};

type AnySpec = {
  validate?: (c: Case, a: CaseAction, now: Date) => CaseError | null;
  effect?: (c: Case, a: CaseAction, actor: Actor, now: Date) => Effect;
};

/** The spec of an action, widened so it can be called with the action union. */
export function specOf(kind: CaseActionKind): AnySpec {
  // Sound: ACTION_SPECS[kind] is only ever called with an action of that same kind.
  return ACTION_SPECS[kind] as AnySpec;
}
