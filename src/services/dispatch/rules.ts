import {
  canSee,
  isCityLevel,
  mayDo,
  type Principal,
  type AccessDenied,
} from '../../domain/access/index.ts';
import { servesDistrict, type CategoryKind, type LoopLevel } from '../../domain/cases/index.ts';
import {
  matchDispatchRule,
  validateDispatchRule,
  type DispatchFacts,
  type DispatchRuleError,
  type NoMatchingUnit,
  type RegionLevel,
} from '../../domain/dispatch/index.ts';
import { err, ok, type Result } from '../../domain/shared/index.ts';
import {
  deactivateDispatchRule,
  findDispatchRule,
  insertDispatchRule,
  listActiveRulesFor,
  listDispatchRules,
  type StoredDispatchRule,
} from '../../store/dispatch-rules.store.ts';
import type { Queryable } from '../../store/db.ts';
import { districtExists, findUnit, findUnitFacts } from '../../store/units.store.ts';
import type { CaseLookupError } from '../cases/errors.ts';
import { getCase } from '../cases/read-cases.ts';
import type { Deps } from '../deps.ts';
import {
  locatePoint,
  type GridLocation,
  type LocateError,
  type LocateInput,
} from '../geo/locate.ts';
import { dispatchFactsOf } from './auto-dispatch.ts';

export type { StoredDispatchRule } from '../../store/dispatch-rules.store.ts';

export type DispatchServiceError =
  | DispatchRuleError
  | AccessDenied
  | CaseLookupError
  | { readonly code: 'dispatch.rule_not_found'; readonly details: { readonly ruleId: string } }
  | { readonly code: 'dispatch.rule_exists'; readonly details: { readonly ruleId: string } }
  | { readonly code: 'dispatch.unit_not_found'; readonly details: { readonly unitId: string } }
  | { readonly code: 'dispatch.unit_inactive'; readonly details: { readonly unitId: string } }
  | {
      readonly code: 'dispatch.unit_outside_district';
      readonly details: { readonly unitId: string; readonly unitDistrictCode: string };
    }
  | {
      readonly code: 'dispatch.unknown_district';
      readonly details: { readonly districtCode: string };
    }
  | {
      readonly code: 'dispatch.no_matching_unit';
      readonly details: { readonly caseId: string; readonly facts: unknown };
    };

export type NewDispatchRuleInput = {
  readonly id?: string | undefined;
  readonly districtCode: string | null;
  readonly categoryKind: CategoryKind;
  readonly categoryCode: string;
  readonly regionLevel?: RegionLevel | null | undefined;
  readonly regionCode?: string | null | undefined;
  readonly loopLevel?: LoopLevel | null | undefined;
  readonly unitId: string;
  readonly autoDispatch?: boolean | undefined;
  readonly priority?: number | undefined;
  readonly note?: string | undefined;
};

/** City staff and admins manage any district's rules and the city-wide ones; others their own. */
function mayWriteIn(p: Principal, districtCode: string | null): Result<true, AccessDenied> {
  if (!mayDo(p.role, 'dispatch_rule.write')) {
    return err({
      code: 'auth.forbidden',
      details: { reason: 'role', capability: 'dispatch_rule.write' },
    });
  }
  // One region rule (domain/access canSee); a city-wide rule (no district) is the city's.
  const inScope =
    districtCode === null ? p.role === 'admin' || isCityLevel(p) : canSee(p, { districtCode });
  if (inScope) return ok(true);
  return err({
    code: 'auth.forbidden',
    details: { reason: 'region', capability: 'dispatch_rule.write' },
  });
}

/**
 * What a rule names must be usable when the rule fires: its district exists, and its unit exists,
 * is active and serves the district (the workflow's unitRefusal rule, domain/cases rules.ts); a
 * city-wide rule's unit serves wherever the city's cases are, so only existence and activity count.
 */
async function ruleReferenceRefusal(
  tx: Queryable,
  rule: StoredDispatchRule,
): Promise<DispatchServiceError | null> {
  if (rule.districtCode !== null && !(await districtExists(tx, rule.districtCode)))
    return { code: 'dispatch.unknown_district', details: { districtCode: rule.districtCode } };
  const [unit] = await findUnitFacts(tx, [rule.unitId]);
  if (!unit) return { code: 'dispatch.unit_not_found', details: { unitId: rule.unitId } };
  if (!unit.active) return { code: 'dispatch.unit_inactive', details: { unitId: rule.unitId } };
  if (rule.districtCode !== null && !servesDistrict(unit.districtCode, rule.districtCode))
    return {
      code: 'dispatch.unit_outside_district',
      details: { unitId: rule.unitId, unitDistrictCode: unit.districtCode },
    };
  return null;
}

/** Writes a new rule after checking its shape, its unit and the writer's region. */
export async function createDispatchRule(
  deps: Deps,
  principal: Principal,
  input: NewDispatchRuleInput,
): Promise<Result<StoredDispatchRule, DispatchServiceError>> {
  const allowed = mayWriteIn(principal, input.districtCode);
  if (!allowed.ok) return allowed;
  const rule: StoredDispatchRule = {
    id: input.id ?? `dr-${deps.newId()}`,
    districtCode: input.districtCode,
    categoryKind: input.categoryKind,
    categoryCode: input.categoryCode,
    regionLevel: input.regionLevel ?? null,
    regionCode: input.regionCode ?? null,
    loopLevel: input.loopLevel ?? null,
    unitId: input.unitId,
    autoDispatch: input.autoDispatch ?? false,
    priority: input.priority ?? 0,
    active: true,
    note: input.note ?? '',
    createdBy: principal.userId,
    createdAt: deps.clock.now(),
    deactivatedBy: null,
    deactivatedAt: null,
  };
  const valid = validateDispatchRule(rule);
  if (!valid.ok) return valid;
  return deps.db.transaction(async (tx) => {
    const refusal = await ruleReferenceRefusal(tx, rule);
    if (refusal) return err(refusal);
    if (!(await insertDispatchRule(tx, rule))) {
      return err({ code: 'dispatch.rule_exists', details: { ruleId: rule.id } });
    }
    return ok(rule);
  });
}

/**
 * The rules a principal may read: all for city staff and admins (or one district's when asked),
 * else their own district's plus the city-wide ones.
 */
export async function listRules(
  deps: Deps,
  principal: Principal,
  input: { readonly districtCode?: string | undefined; readonly includeInactive?: boolean },
): Promise<StoredDispatchRule[]> {
  const everywhere = principal.role === 'admin' || isCityLevel(principal);
  const own = everywhere ? (input.districtCode ?? null) : principal.districtCode;
  return listDispatchRules(deps.db, {
    districtCodes: own === null ? null : [own],
    cityWide: true,
    includeInactive: input.includeInactive ?? false,
  });
}

/** Deactivates a rule (rules are never deleted: dispatched cases name them). */
export async function deactivateRule(
  deps: Deps,
  principal: Principal,
  ruleId: string,
): Promise<Result<StoredDispatchRule, DispatchServiceError>> {
  const found = await findDispatchRule(deps.db, ruleId);
  if (!found || !found.active) return err({ code: 'dispatch.rule_not_found', details: { ruleId } });
  const allowed = mayWriteIn(principal, found.districtCode);
  if (!allowed.ok) return allowed;
  const r = await deactivateDispatchRule(deps.db, ruleId, principal.userId, deps.clock.now());
  return r ? ok(r) : err({ code: 'dispatch.rule_not_found', details: { ruleId } });
}

export type UnitRef = { readonly id: string; readonly nameZh: string | null };

export type DispatchSuggestionView = {
  readonly caseId: string;
  readonly unit: UnitRef;
  readonly rule: StoredDispatchRule;
  readonly autoDispatch: boolean;
  readonly reason: { readonly zh: string; readonly en: string };
  readonly alternatives: readonly {
    readonly unit: UnitRef;
    readonly ruleId: string;
    readonly reason: { readonly zh: string; readonly en: string };
  }[];
  /** Units the rules would choose but that sent the case back (回退), with why they are left out. */
  readonly passedOver: readonly {
    readonly unit: UnitRef;
    readonly ruleId: string;
    readonly reason: { readonly zh: string; readonly en: string };
  }[];
};

async function unitRef(deps: Deps, id: string): Promise<UnitRef> {
  const u = await findUnit(deps.db, id);
  return { id, nameZh: u?.nameZh ?? null };
}

/**
 * 以案定责 before dispatch: the unit the rules choose for a case the principal may see, the rule
 * and why (zh/en), and the other units that matched, best first.
 */
export async function suggestDispatch(
  deps: Deps,
  principal: Principal,
  caseId: string,
): Promise<Result<DispatchSuggestionView, DispatchServiceError>> {
  const c = await getCase(deps, principal, caseId);
  if (!c.ok) return c;
  const s = await suggestFor(deps, dispatchFactsOf(c.value));
  if (!s.ok) {
    return err({ code: 'dispatch.no_matching_unit', details: { caseId, ...s.error.details } });
  }
  return ok({ caseId, ...s.value });
}

type Suggestion = Omit<DispatchSuggestionView, 'caseId'>;

/** The active rules of the facts' district matched against the facts, with unit names. */
async function suggestFor(
  deps: Deps,
  facts: DispatchFacts,
): Promise<Result<Suggestion, NoMatchingUnit>> {
  const rules = await listActiveRulesFor(deps.db, facts.districtCode);
  const m = matchDispatchRule(rules, facts);
  if (!m.ok) return m;
  const rule = rules.find((r) => r.id === m.value.rule.id);
  if (!rule) throw new Error(`matched rule ${m.value.rule.id} is not among the rules`);
  return ok({
    unit: await unitRef(deps, m.value.unitId),
    rule,
    autoDispatch: m.value.autoDispatch,
    reason: m.value.reason,
    alternatives: await Promise.all(
      m.value.alternatives.map(async (a) => ({
        unit: await unitRef(deps, a.unitId),
        ruleId: a.rule.id,
        reason: a.reason,
      })),
    ),
    passedOver: await Promise.all(
      m.value.passedOver.map(async (p) => ({
        unit: await unitRef(deps, p.unitId),
        ruleId: p.ruleId,
        reason: p.reason,
      })),
    ),
  });
}

export type DispatchTrialInput = {
  readonly categoryKind: CategoryKind;
  readonly categoryCode: string;
  /** Where the case would be (WGS84 unless `crs` says otherwise). */
  readonly point: LocateInput;
  /** 闭环层级; default: the district's loop. */
  readonly loopLevel?: LoopLevel | undefined;
};

export type DispatchTrial = Suggestion & {
  readonly location: GridLocation;
  readonly facts: DispatchFacts;
};

/**
 * "Which unit would get this case": the same matching as a real case's suggestion, for a
 * category and a point, without a case. Nothing is written. The point's district must be in
 * the principal's sight.
 */
export async function trialDispatch(
  deps: Deps,
  principal: Principal,
  input: DispatchTrialInput,
): Promise<Result<DispatchTrial, DispatchServiceError | LocateError | NoMatchingUnit>> {
  const at = await locatePoint(deps, input.point);
  if (!at.ok) return at;
  const loc = at.value;
  const resource = {
    districtCode: loc.district.code,
    regionCodes: [loc.street.code, loc.community.code, loc.grid.code],
  };
  if (!canSee(principal, resource)) {
    return err({ code: 'auth.forbidden', details: { reason: 'region', capability: 'case.read' } });
  }
  const facts: DispatchFacts = {
    districtCode: loc.district.code,
    categoryKind: input.categoryKind,
    categoryCode: input.categoryCode,
    streetCode: loc.street.code,
    communityCode: loc.community.code,
    gridCode: loc.grid.code,
    loopLevel: input.loopLevel ?? 'district',
  };
  const s = await suggestFor(deps, facts);
  if (!s.ok) return s;
  return ok({ ...s.value, location: loc, facts });
}
