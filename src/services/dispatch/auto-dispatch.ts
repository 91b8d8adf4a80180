import {
  applyAction,
  type Actor,
  type Case,
  type NewCaseEvent,
  type Role,
} from '../../domain/cases/index.ts';
import { matchDispatchRule, type DispatchFacts } from '../../domain/dispatch/index.ts';
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

export type AutoDispatch = {
  readonly case: Case;
  readonly events: readonly NewCaseEvent[];
  readonly ruleId: string;
  readonly unitId: string;
};

/**
 * 自动立案派遣: when the rule that matches a case awaiting filing says `autoDispatch`, the file
 * and dispatch transitions (system actor, the handling deadline, the rule id on the dispatch)
 * for the caller to write in its transaction. Reads only; null when no rule auto-dispatches it.
 */
export async function planAutoDispatch(
  tx: Queryable,
  c: Case,
  now: Date,
): Promise<AutoDispatch | null> {
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
  return {
    case: sent.value.case,
    events: [filed.value.event, sent.value.event],
    ruleId: rule.id,
    unitId: m.value.unitId,
  };
}
