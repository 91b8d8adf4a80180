import {
  SYSTEM_USER_ID,
  applyAction,
  type Actor,
  type Case,
  type DeadlineInput,
  type NewCaseEvent,
  type Role,
  type UnitFact,
} from '../../domain/cases/index.ts';
import type { CatalogueLookupError } from '../catalogue/query-catalogue.ts';
import {
  matchDispatchRule,
  type DispatchFacts,
  type DispatchSuggestion,
  type NoMatchingUnit,
} from '../../domain/dispatch/index.ts';
import { err, ok, type Result } from '../../domain/shared/index.ts';
import type { PreferredUnit } from '../../domain/intake/index.ts';
import { centreStepDeadline, deadlineContext, handlingDeadline } from '../cases/step-deadlines.ts';
import type { ReferenceReads } from '../reference/reference-reads.ts';
import { findUnitFacts, findUnitOfKindFor } from '../../store/units.store.ts';

/** The user id case events carry for what the system did by itself (auto-dispatch, the sweep). */
export { SYSTEM_USER_ID };

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
    sentBackUnitIds: c.sentBackUnitIds,
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
 * 自动派遣 of a case awaiting dispatch: when its matching rule says `autoDispatch`, the dispatch
 * transition (system actor, the handling deadline, the rule id recorded) for the caller to write
 * in its transaction. Reads only; null when no rule auto-dispatches it.
 */
export async function planRuleDispatch(
  ref: ReferenceReads,
  c: Case,
  now: Date,
): Promise<AutoDispatch | null> {
  if (c.status !== 'pending_dispatch') return null;
  const m = matchDispatchRule(await ref.activeRules(c.districtCode), dispatchFactsOf(c));
  return m.ok && m.value.autoDispatch ? dispatchBy(ref, c, m.value, now) : null;
}

/** The dispatch transition to the unit a matched rule names. */
async function dispatchBy(
  ref: ReferenceReads,
  c: Case,
  m: DispatchSuggestion,
  now: Date,
): Promise<AutoDispatch | null> {
  const deadline = await handlingDeadline(deadlineContext(ref, c.districtCode, now), c);
  if (!deadline.ok) return null;
  const sent = applyAction(
    c,
    {
      kind: 'dispatch',
      unitId: m.unitId,
      ruleId: m.rule.id,
      auto: true,
      note: m.reason.zh,
      deadline: deadline.value,
      units: await findUnitFacts(ref.tx, [m.unitId]),
    },
    systemActor(c, 'dispatcher'),
    now,
  );
  if (!sent.ok) return null;
  return { case: sent.value.case, events: [sent.value.event], ruleId: m.rule.id, unitId: m.unitId };
}

/**
 * 自动立案派遣 of a supervisor's report awaiting filing: when its matching rule says
 * `autoDispatch`, the system files it and dispatches it (two transitions; filing changes none of
 * the facts a rule matches on, so the rule matched once serves both).
 */
export async function planAutoDispatch(
  ref: ReferenceReads,
  c: Case,
  now: Date,
): Promise<AutoDispatch | null> {
  if (c.status !== 'pending_filing') return null;
  const m = matchDispatchRule(await ref.activeRules(c.districtCode), dispatchFactsOf(c));
  if (!m.ok || !m.value.autoDispatch) return null;
  const note = `自动立案派遣（规则 ${m.value.rule.id}） auto-dispatched by rule ${m.value.rule.id}`;
  const ctx = deadlineContext(ref, c.districtCode, now);
  const filed = applyAction(
    c,
    { kind: 'file', note, deadline: await centreStepDeadline(ctx, 'dispatch') },
    systemActor(c, 'acceptance_operator'),
    now,
  );
  if (!filed.ok || filed.value.case.status !== 'pending_dispatch') return null;
  const sent = await dispatchBy(ref, filed.value.case, m.value, now);
  return sent ? { ...sent, events: [filed.value.event, ...sent.events] } : null;
}

/** What a direct dispatch (直派) needs: the unit a rule names, why, and the handling deadline. */
export type DirectDispatchPlan = {
  readonly unitId: string;
  /** null when the channel named the unit (PreferredUnit), not a rule */
  readonly ruleId: string | null;
  readonly note: string;
  readonly deadline: DeadlineInput;
  readonly units: readonly UnitFact[];
};

/**
 * 直派 (接诉即办): the unit the best matching rule names for a case about to open, whether or not
 * the rule auto-dispatches (a direct channel always sends by rule), with its handling deadline.
 * `dispatch.no_matching_unit` when no rule matches: the channel must then route it otherwise.
 */
export async function planDirectDispatch(
  ref: ReferenceReads,
  c: Case,
  now: Date,
): Promise<Result<DirectDispatchPlan, NoMatchingUnit | CatalogueLookupError>> {
  const m = matchDispatchRule(await ref.activeRules(c.districtCode), dispatchFactsOf(c));
  if (!m.ok) return m;
  const deadline = await handlingDeadline(deadlineContext(ref, c.districtCode, now), c);
  if (!deadline.ok) return deadline;
  return ok({
    unitId: m.value.unitId,
    ruleId: m.value.rule.id,
    note: m.value.reason.zh,
    deadline: deadline.value,
    units: await findUnitFacts(ref.tx, [m.value.unitId]),
  });
}

/**
 * The rule behind a dispatcher's choice: the best matching rule when it names the chosen unit,
 * else null (the dispatcher overrode the rules).
 */
export async function ruleChoosing(
  ref: ReferenceReads,
  c: Case,
  unitId: string,
): Promise<string | null> {
  const m = matchDispatchRule(await ref.activeRules(c.districtCode), dispatchFactsOf(c));
  return m.ok && m.value.unitId === unitId ? m.value.rule.id : null;
}

/**
 * 直派 to the unit the channel names (a hotline type's street centre): by id, or the active unit
 * of the kind whose region holds the point (community, street, then district). The catalogue's
 * handling deadline, as for a rule's unit. `dispatch.no_matching_unit` when none covers it.
 */
export async function planPreferredDispatch(
  ref: ReferenceReads,
  c: Case,
  preferred: PreferredUnit,
  where: { readonly community: { code: string }; readonly street: { code: string } },
  now: Date,
): Promise<Result<DirectDispatchPlan, NoMatchingUnit | CatalogueLookupError>> {
  const unitId =
    'unitId' in preferred
      ? preferred.unitId
      : await findUnitOfKindFor(ref.tx, c.districtCode, preferred.unitKind, [
          where.community.code,
          where.street.code,
          c.districtCode,
        ]);
  if (unitId === null) return err(noUnit(c));
  const deadline = await handlingDeadline(deadlineContext(ref, c.districtCode, now), c);
  if (!deadline.ok) return deadline;
  return ok({
    unitId,
    ruleId: null,
    note: '按来源类型直派 sent to the unit the channel names',
    deadline: deadline.value,
    units: await findUnitFacts(ref.tx, [unitId]),
  });
}

const noUnit = (c: Case): NoMatchingUnit => ({
  code: 'dispatch.no_matching_unit',
  details: { facts: dispatchFactsOf(c), passedOver: [] },
});
