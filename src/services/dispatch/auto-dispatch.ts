import {
  applyAction,
  type Actor,
  type Case,
  type CaseEvent,
  type Role,
} from '../../domain/cases/index.ts';
import { matchDispatchRule, type DispatchFacts } from '../../domain/dispatch/index.ts';
import { appendCaseEvent } from '../../store/case-events.store.ts';
import { updateCase } from '../../store/cases.store.ts';
import type { Queryable } from '../../store/db.ts';
import { listActiveRulesFor } from '../../store/dispatch-rules.store.ts';
import { centreStepDeadline, deadlineContext, handlingDeadline } from '../cases/step-deadlines.ts';

/** The user id case events carry for what the system did by itself (auto-dispatch, the sweep). */
export const SYSTEM_USER_ID = 'system';

/** What matching knows about a case. */
export function dispatchFactsOf(c: Case): DispatchFacts {
  return {
    districtCode: c.districtCode,
    categoryKind: c.kind,
    categoryCode: c.categoryCode,
    streetCode: c.streetCode,
    communityCode: c.communityCode,
    gridCode: c.gridCode,
    loopLevel: c.loopLevel,
  };
}

/** The system acting in a role of the centre that owns the case's loop. */
function systemActor(c: Case, role: Role): Actor {
  const city = c.loopLevel === 'city';
  return {
    userId: SYSTEM_USER_ID,
    role,
    districtCode: city ? `${c.districtCode.slice(0, 4)}00` : c.districtCode,
    scope: city ? 'city' : 'district',
  };
}

export type AutoDispatched = { readonly case: Case; readonly events: readonly CaseEvent[] };

/**
 * 自动立案派遣: when the rule that matches a case awaiting filing says `autoDispatch`, files it
 * and dispatches it to the rule's unit with the handling deadline, inside the caller's
 * transaction (two events, system actor, the rule id recorded on the dispatch). Returns null
 * (and writes nothing) when no rule auto-dispatches the case.
 */
export async function autoDispatchInTx(
  tx: Queryable,
  c: Case,
  now: Date,
): Promise<AutoDispatched | null> {
  if (c.status !== 'pending_filing') return null;
  const m = matchDispatchRule(await listActiveRulesFor(tx, c.districtCode), dispatchFactsOf(c));
  if (!m.ok || !m.value.autoDispatch) return null;
  const rule = m.value.rule;
  const ctx = deadlineContext(tx, c.districtCode, now);
  const note = `自动立案派遣（规则 ${rule.id}） auto-dispatched by rule ${rule.id}`;
  const filed = applyAction(
    c,
    { kind: 'file', note, deadline: await centreStepDeadline(ctx, 'dispatch') },
    systemActor(c, 'acceptance_operator'),
    now,
  );
  if (!filed.ok) return null;
  const deadline = await handlingDeadline(ctx, filed.value.case);
  if (!deadline.ok) return null;
  const sent = applyAction(
    filed.value.case,
    {
      kind: 'dispatch',
      unitId: m.value.unitId,
      ruleId: rule.id,
      auto: true,
      note: m.value.reason.zh,
      deadline: deadline.value,
    },
    systemActor(c, 'dispatcher'),
    now,
  );
  if (!sent.ok) return null;
  if (!(await updateCase(tx, sent.value.case, c.version, now))) {
    throw new Error(`case ${c.id} changed during its own intake`);
  }
  const e1 = await appendCaseEvent(tx, filed.value.event);
  const e2 = await appendCaseEvent(tx, sent.value.event);
  return { case: sent.value.case, events: [e1, e2] };
}
