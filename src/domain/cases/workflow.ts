import { err, ok } from '../shared/index.ts';
import type { Result } from '../shared/index.ts';
import type { CaseAction, CaseActionKind, OpeningAction } from './actions.ts';
import { OPEN_STATUSES, blankCase, isCityActor } from './case.ts';
import type { Role } from '../access/index.ts';
import type { Actor, Case, CaseDraft, CaseStatus, PendingRequest } from './case.ts';
import { specOf } from './effects.ts';
import { caseError } from './errors.ts';
import type { CaseError } from './errors.ts';
import type { NewCaseEvent } from './events.ts';
import { checkScope } from './scope.ts';

/** A state-dependent precondition of a row: `check` returns the refusal or null. */
export type Guard = {
  readonly id: string;
  readonly check: (c: Case, actor: Actor) => CaseError | null;
};
const guard = (id: string, check: Guard['check']): Guard => ({ id, check });
/** Every guard must pass; the first refusal wins. */
const all = (...gs: Guard[]): Guard =>
  guard(gs.map((g) => g.id).join('; '), (c, actor) => {
    for (const g of gs) {
      const r = g.check(c, actor);
      if (r) return r;
    }
    return null;
  });

/** One row of the workflow: `from` is `new` for the actions that open a case. */
export type TransitionRow = {
  readonly from: CaseStatus | 'new';
  readonly action: CaseActionKind;
  readonly to: CaseStatus;
  readonly roles: readonly Role[];
  readonly guard?: Guard;
};

const SUPERVISORS: readonly Role[] = ['supervisor', 'city_supervisor'];
const UNIT: readonly Role[] = ['unit_handler'];
const DISPATCHER: readonly Role[] = ['dispatcher'];
const DISPATCHERS: readonly Role[] = ['dispatcher', 'hotline_agent']; // 12345 dispatches to streets
const OPERATOR: readonly Role[] = ['acceptance_operator']; // 受理员 / 值班长
const CANCEL_REQUESTERS: readonly Role[] = [
  'dispatcher',
  'hotline_agent',
  'supervisor',
  'city_supervisor',
];

const BEFORE_DISPATCH: readonly CaseStatus[] = [
  'pending_verification',
  'pending_filing',
  'pending_dispatch',
];
const CANCELLABLE: readonly CaseStatus[] = [
  'pending_dispatch',
  'dispatched',
  'handling',
  'on_hold',
];
const CLOSED: readonly CaseStatus[] = ['closed', 'evaluated'];

// Guards -------------------------------------------------------------------------------------

/** A report's channel must match who opens it: supervisors open their own reports only. */
const sourceIsActor = guard('source is the reporting supervisor', (c, actor) =>
  c.source === actor.role
    ? null
    : caseError('case.source_mismatch', { source: c.source, role: actor.role }),
);
const sourceNotSupervisor = guard('source is not a supervisor', (c) =>
  c.source === 'supervisor' || c.source === 'city_supervisor'
    ? caseError('case.source_mismatch', { source: c.source })
    : null,
);
const noPendingRequest = guard('no request pending', (c) =>
  c.pendingRequest === null
    ? null
    : caseError('case.request_pending', { request: c.pendingRequest }),
);
const pendingOf = (kind: PendingRequest['kind']): Guard =>
  guard(`${kind} requested`, (c) =>
    c.pendingRequest?.kind === kind
      ? null
      : caseError('case.no_pending_request', { expected: kind, request: c.pendingRequest }),
  );
// Four eyes: whoever asked for an extension, hold or cancellation may not approve it.
const approvable = (kind: PendingRequest['kind']): Guard =>
  guard(
    `${kind} requested by someone else`,
    (c, actor) =>
      pendingOf(kind).check(c, actor) ??
      (c.pendingRequest?.requestedBy === actor.userId
        ? caseError('case.self_approval', { request: c.pendingRequest })
        : null),
  );
const unsettledHandleFirst = guard('handled first, responsibility not yet settled', (c) => {
  if (!c.handleFirst) return caseError('case.not_handle_first', {});
  return c.responsibleUnitId === null
    ? null
    : caseError('case.responsibility_already_settled', { responsibleUnitId: c.responsibleUnitId });
});
// 先行处置: a case handled before ownership was known closes only once responsibility is settled.
const responsibilitySettled = guard('responsibility settled if handled first', (c) =>
  c.handleFirst && c.responsibleUnitId === null
    ? caseError('case.responsibility_unsettled', {})
    : null,
);
// The city spot-checks district closures; city-loop closures are the city's own.
const districtLoop = guard('district-loop case', (c) =>
  c.loopLevel === 'city' ? caseError('case.spot_check_city_loop', {}) : null,
);
// One spot check per closure: a pass or a reopen decides it; a new closure (after a reopen) may
// be checked again.
const notSpotChecked = guard('closure not yet spot-checked', (c) =>
  c.spotChecked ? caseError('case.already_spot_checked', {}) : null,
);
// 协同: the case closes only when every assisting unit has fed back its part.
const assistsFedBack = guard('every assisting unit fed back', (c) => {
  const missing = c.assistingUnitIds.filter((u) => !c.assistFeedbackUnitIds.includes(u));
  return missing.length === 0
    ? null
    : caseError('case.assist_feedback_missing', { unitIds: missing });
});
// 改派 from the dispatch queue is for a case some unit already had (sent back or reopened);
// the first dispatch is `dispatch`.
const dispatchedBefore = guard('a unit had the case before', (c) =>
  c.workedUnitIds.length > 0 ? null : caseError('case.not_dispatched_before', {}),
);

function stay(
  statuses: readonly CaseStatus[],
  action: CaseActionKind,
  roles: readonly Role[],
  g?: Guard,
): TransitionRow[] {
  return statuses.map((s) => ({ from: s, action, to: s, roles, ...(g ? { guard: g } : {}) }));
}
function fromEach(
  statuses: readonly CaseStatus[],
  action: CaseActionKind,
  to: CaseStatus,
  roles: readonly Role[],
  g?: Guard,
): TransitionRow[] {
  return statuses.map((s) => ({ from: s, action, to, roles, ...(g ? { guard: g } : {}) }));
}

/** The whole case workflow (STYLE.md §4.3). docs/workflow.md is generated from it. */
export const TRANSITIONS: readonly TransitionRow[] = [
  // Opening: supervisors' reports need no verification; everyone else's do (核实).
  { from: 'new', action: 'report', to: 'pending_filing', roles: SUPERVISORS, guard: sourceIsActor },
  {
    from: 'new',
    action: 'register',
    to: 'pending_verification',
    roles: ['acceptance_operator', 'hotline_agent'],
    guard: sourceNotSupervisor,
  },
  { from: 'new', action: 'self_handle', to: 'closed', roles: SUPERVISORS, guard: sourceIsActor },
  // Main path
  { from: 'pending_verification', action: 'verify', to: 'pending_filing', roles: SUPERVISORS },
  ...fromEach(['pending_verification', 'pending_filing'], 'refuse_filing', 'not_filed', OPERATOR),
  { from: 'pending_filing', action: 'file', to: 'pending_dispatch', roles: OPERATOR },
  {
    from: 'pending_dispatch',
    action: 'dispatch',
    to: 'dispatched',
    roles: DISPATCHERS,
  },
  // 改派: the dispatcher changes the unit before it accepts, or after a send-back or reopen.
  { from: 'dispatched', action: 'redispatch', to: 'dispatched', roles: DISPATCHERS },
  {
    from: 'pending_dispatch',
    action: 'redispatch',
    to: 'dispatched',
    roles: DISPATCHERS,
    guard: dispatchedBefore,
  },
  { from: 'pending_dispatch', action: 'handle_first', to: 'handling', roles: DISPATCHER },
  { from: 'dispatched', action: 'accept', to: 'handling', roles: UNIT },
  ...fromEach(['dispatched', 'handling'], 'send_back', 'pending_dispatch', UNIT),
  { from: 'handling', action: 'feedback', to: 'pending_recheck', roles: UNIT },
  { from: 'pending_recheck', action: 'recheck_pass', to: 'pending_close', roles: SUPERVISORS },
  { from: 'pending_recheck', action: 'rework', to: 'handling', roles: SUPERVISORS },
  {
    from: 'pending_close',
    action: 'close',
    to: 'closed',
    roles: OPERATOR,
    guard: all(responsibilitySettled, assistsFedBack),
  },
  {
    from: 'closed',
    action: 'evaluate',
    to: 'evaluated',
    roles: ['acceptance_operator', 'hotline_agent'],
  },
  // Extension (延期) and long-term hold (挂账): the unit asks, the dispatcher decides.
  ...stay(['handling'], 'request_extension', UNIT, noPendingRequest),
  ...stay(['handling'], 'approve_extension', DISPATCHER, approvable('extension')),
  ...stay(['handling'], 'reject_extension', DISPATCHER, pendingOf('extension')),
  ...stay(['handling'], 'request_hold', UNIT, noPendingRequest),
  {
    from: 'handling',
    action: 'approve_hold',
    to: 'on_hold',
    roles: DISPATCHER,
    guard: approvable('hold'),
  },
  ...stay(['handling'], 'reject_hold', DISPATCHER, pendingOf('hold')),
  { from: 'on_hold', action: 'resume', to: 'handling', roles: DISPATCHER },
  // Cancellation (作废): requested by centre staff or supervisors, approved by the shift role.
  ...stay(CANCELLABLE, 'request_cancel', CANCEL_REQUESTERS, noPendingRequest),
  ...fromEach(CANCELLABLE, 'approve_cancel', 'cancelled', OPERATOR, approvable('cancel')),
  ...stay(CANCELLABLE, 'reject_cancel', OPERATOR, pendingOf('cancel')),
  // Urging (督办), several units (协同), handle-first settling (定责)
  ...stay(OPEN_STATUSES, 'urge', ['commander']),
  ...stay(['dispatched', 'handling'], 'add_assisting_units', DISPATCHER),
  ...stay(['handling', 'pending_recheck', 'pending_close'], 'assist_feedback', UNIT),
  ...stay(
    ['handling', 'on_hold', 'pending_recheck', 'pending_close'],
    'settle_responsibility',
    DISPATCHER,
    unsettledHandleFirst,
  ),
  // Duplicates (合并): the duplicate becomes `merged`, the target links its reporter.
  ...fromEach(BEFORE_DISPATCH, 'merge', 'merged', OPERATOR),
  ...stay(OPEN_STATUSES, 'absorb_duplicate', OPERATOR),
  // Two-level supervision: the city spot-checks district closures and may reopen them.
  ...stay(CLOSED, 'spot_check_pass', ['city_supervisor'], all(districtLoop, notSpotChecked)),
  ...fromEach(
    CLOSED,
    'reopen',
    'pending_dispatch',
    ['city_supervisor'],
    all(districtLoop, notSpotChecked),
  ),
];

/** The row for an action in a status, if the workflow has one. */
export function findTransition(from: CaseStatus | 'new', action: CaseActionKind) {
  return TRANSITIONS.find((t) => t.from === from && t.action === action);
}

export type Transition = { readonly case: Case; readonly event: NewCaseEvent };

// The directory's answers about units and a merge target decide the action; they are not what
// the caller asked for, so the event does not repeat them.
const NOT_IN_PAYLOAD = new Set(['kind', 'expectedVersion', 'units', 'target', 'maxDueAt']);

function payloadOf(a: CaseAction, facts: Record<string, unknown> | undefined) {
  const fields = Object.entries(a).filter(([k]) => !NOT_IN_PAYLOAD.has(k));
  return { ...Object.fromEntries(fields), ...facts };
}

function decide(
  c: Case,
  from: CaseStatus | 'new',
  a: CaseAction,
  actor: Actor,
  now: Date,
): Result<Transition, CaseError> {
  const row = findTransition(from, a.kind);
  if (!row) return err(caseError('case.not_in_state', { status: from, action: a.kind }));
  if (!row.roles.includes(actor.role)) {
    return err(
      caseError('case.role_not_allowed', { role: actor.role, action: a.kind, roles: row.roles }),
    );
  }
  const spec = specOf(a.kind);
  const refusal =
    checkScope(c, actor, a.kind) ??
    spec.validate?.(c, a, now) ??
    row.guard?.check(c, actor) ??
    null;
  if (refusal) return err(refusal);
  const effect = spec.effect?.(c, a, actor, now);
  // A status change supersedes any pending request (e.g. feedback given while an extension waits).
  const cleared = row.to !== c.status && c.pendingRequest !== null ? { pendingRequest: null } : {};
  const version = from === 'new' ? 1 : c.version + 1;
  const next: Case = {
    ...c,
    ...effect?.patch,
    ...cleared,
    status: row.to,
    version,
    updatedAt: now,
  };
  const facts = {
    ...effect?.facts,
    ...('pendingRequest' in cleared ? { clearedRequest: c.pendingRequest } : {}),
  };
  const event: NewCaseEvent = {
    caseId: c.id,
    districtCode: c.districtCode,
    seq: version,
    action: a.kind,
    actor,
    at: now,
    fromStatus: from === 'new' ? null : from,
    toStatus: row.to,
    payload: payloadOf(a, facts),
  };
  return ok({ case: next, event });
}

/**
 * Applies one workflow action: checks version, state, role, region, fields and guards in that
 * order; returns the new case (version + 1) and its one event, never mutating `c`.
 */
export function applyAction(
  c: Case,
  a: CaseAction,
  actor: Actor,
  now: Date,
  expectedVersion?: number,
): Result<Transition, CaseError> {
  const expected = a.expectedVersion ?? expectedVersion;
  if (expected !== undefined && expected !== c.version) {
    return err(
      caseError('case.version_conflict', { expected, actual: c.version, status: c.status }),
    );
  }
  return decide(c, c.status, a, actor, now);
}

/**
 * Opens a case from intake facts (上报 / 登记 / 自行处置): version 1 and its opening event.
 * City staff open city-loop cases; district staff open cases of their own district.
 */
export function openCase(
  draft: CaseDraft,
  a: OpeningAction,
  actor: Actor,
  now: Date,
): Result<Transition, CaseError> {
  const { loopLevel, ...facts } = draft;
  const initial = blankCase(facts, loopLevel ?? (isCityActor(actor) ? 'city' : 'district'), now);
  const opened = decide(initial, 'new', a, actor, now);
  if (!opened.ok) return opened;
  const step = a.kind === 'register' ? 'verify' : 'file';
  const deadline = a.kind === 'self_handle' ? undefined : a.deadline;
  if (deadline === undefined) return opened;
  const timer = { step, startedAt: now, ...deadline, pausedWorkingMs: 0 } as const;
  return ok({ ...opened.value, case: { ...opened.value.case, deadlines: { [step]: timer } } });
}
