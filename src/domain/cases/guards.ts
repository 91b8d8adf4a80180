import type { Actor, Case, PendingRequest } from './case.ts';
import { caseError } from './errors.ts';
import type { CaseError } from './errors.ts';

/**
 * The state-dependent preconditions of the workflow's rows, by name. The declarations
 * (declarations.ts) attach them to actions; docs/workflow.md lists each row's guard id.
 */

/** A state-dependent precondition of a row: `check` returns the refusal or null. */
export type Guard = {
  readonly id: string;
  readonly check: (c: Case, actor: Actor) => CaseError | null;
};
export const guard = (id: string, check: Guard['check']): Guard => ({ id, check });
/** Every guard must pass; the first refusal wins. */
export const all = (...gs: Guard[]): Guard =>
  guard(gs.map((g) => g.id).join('; '), (c, actor) => {
    for (const g of gs) {
      const r = g.check(c, actor);
      if (r) return r;
    }
    return null;
  });

/** A report's channel must match who opens it: supervisors open their own reports only. */
export const sourceIsActor = guard('source is the reporting supervisor', (c, actor) =>
  c.source === actor.role
    ? null
    : caseError('case.source_mismatch', { source: c.source, role: actor.role }),
);
export const sourceNotSupervisor = guard('source is not a supervisor', (c) =>
  c.source === 'supervisor' || c.source === 'city_supervisor'
    ? caseError('case.source_mismatch', { source: c.source })
    : null,
);
export const noPendingRequest = guard('no request pending', (c) =>
  c.pendingRequest === null
    ? null
    : caseError('case.request_pending', { request: c.pendingRequest }),
);
export const pendingOf = (kind: PendingRequest['kind']): Guard =>
  guard(`${kind} requested`, (c) =>
    c.pendingRequest?.kind === kind
      ? null
      : caseError('case.no_pending_request', { expected: kind, request: c.pendingRequest }),
  );
// Four eyes: whoever asked for an extension, hold or cancellation may not approve it.
export const approvable = (kind: PendingRequest['kind']): Guard =>
  guard(
    `${kind} requested by someone else`,
    (c, actor) =>
      pendingOf(kind).check(c, actor) ??
      (c.pendingRequest?.requestedBy === actor.userId
        ? caseError('case.self_approval', { request: c.pendingRequest })
        : null),
  );
export const unsettledHandleFirst = guard('handled first, responsibility not yet settled', (c) => {
  if (!c.handleFirst) return caseError('case.not_handle_first', {});
  return c.responsibleUnitId === null
    ? null
    : caseError('case.responsibility_already_settled', { responsibleUnitId: c.responsibleUnitId });
});
// 先行处置: a case handled before ownership was known closes only once responsibility is settled.
export const responsibilitySettled = guard('responsibility settled if handled first', (c) =>
  c.handleFirst && c.responsibleUnitId === null
    ? caseError('case.responsibility_unsettled', {})
    : null,
);
// The city spot-checks district closures; city-loop closures are the city's own.
export const districtLoop = guard('district-loop case', (c) =>
  c.loopLevel === 'city' ? caseError('case.spot_check_city_loop', {}) : null,
);
// One spot check per closure: a pass or a reopen decides it; a new closure (after a reopen) may
// be checked again.
export const notSpotChecked = guard('closure not yet spot-checked', (c) =>
  c.spotChecked ? caseError('case.already_spot_checked', {}) : null,
);
// 协同: the case closes only when every assisting unit has fed back its part.
export const assistsFedBack = guard('every assisting unit fed back', (c) => {
  const missing = c.assistingUnitIds.filter((u) => !c.assistFeedbackUnitIds.includes(u));
  return missing.length === 0
    ? null
    : caseError('case.assist_feedback_missing', { unitIds: missing });
});
// 改派 from the dispatch queue is for a case some unit already had (sent back or reopened);
// the first dispatch is `dispatch`.
export const dispatchedBefore = guard('a unit had the case before', (c) =>
  c.workedUnitIds.length > 0 ? null : caseError('case.not_dispatched_before', {}),
);
// 回退 / 抽查重新打开: a case some unit already had comes back to the dispatcher's queue, and the
// next unit is chosen by 改派, which carries the dispatcher's reason and names the unit it
// replaces ([P-appr]: the centre re-dispatches a mis-dispatched case; standards.md §5.2). A plain
// 派遣 would drop both, so it is only for a case no unit has had.
export const neverDispatched = guard('no unit had the case before', (c) =>
  c.workedUnitIds.length === 0
    ? null
    : caseError('case.redispatch_required', {
        workedUnitIds: c.workedUnitIds,
        sentBackUnitIds: c.sentBackUnitIds,
      }),
);
