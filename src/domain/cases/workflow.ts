import { err, ok } from '../shared/index.ts';
import type { Result } from '../shared/index.ts';
import type { OpeningAction } from './actions.ts';
import { blankCase, isCityActor } from './case.ts';
import type { Actor, ActorRole, Case, CaseDraft, CaseStatus } from './case.ts';
import { ACTIONS, CASE_ACTION_KINDS, declarationOf } from './declarations.ts';
import type { CaseAction, CaseActionKind } from './declarations.ts';
import { caseError } from './errors.ts';
import type { CaseError } from './errors.ts';
import type { NewCaseEvent } from './events.ts';
import { all, type Guard } from './guards.ts';
import { checkScope } from './scope.ts';

export type { Guard } from './guards.ts';

/** One row of the workflow: `from` is `new` for the actions that open a case. */
export type TransitionRow = {
  readonly from: CaseStatus | 'new';
  readonly action: CaseActionKind;
  readonly to: CaseStatus;
  readonly roles: readonly ActorRole[];
  readonly guard?: Guard;
};

function rowsOf(action: CaseActionKind): TransitionRow[] {
  const d = ACTIONS[action];
  return d.moves.flatMap((m) =>
    m.from.map((from): TransitionRow => {
      const guards = [d.guard, m.guard].filter((g): g is Guard => g !== undefined);
      const guard =
        guards.length === 0 ? undefined : guards.length === 1 ? guards[0] : all(...guards);
      const to = m.to === 'same' ? from : m.to;
      if (to === 'new')
        throw new Error(`action ${action}: a move that stays must not start at new`);
      return { from, action, to, roles: d.roles, ...(guard ? { guard } : {}) };
    }),
  );
}

/**
 * The whole case workflow (STYLE.md §4.3), derived from the action declarations
 * (declarations.ts). docs/workflow.md is generated from it.
 */
export const TRANSITIONS: readonly TransitionRow[] = CASE_ACTION_KINDS.flatMap(rowsOf);

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
  const spec = declarationOf(a.kind);
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
  const step = ACTIONS[a.kind].startsStep;
  const deadline = a.kind === 'self_handle' ? undefined : a.deadline;
  if (deadline === undefined || step === undefined) return opened;
  const timer = { step, startedAt: now, ...deadline, pausedWorkingMs: 0 } as const;
  return ok({ ...opened.value, case: { ...opened.value.case, deadlines: { [step]: timer } } });
}
