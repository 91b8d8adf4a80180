import {
  canSee,
  isCityLevel,
  mayDo,
  type Capability,
  type Principal,
} from '../../domain/access/index.ts';
import {
  capabilityForCaseAction,
  type Actor,
  type Case,
  type CaseActionKind,
} from '../../domain/cases/index.ts';

/** The workflow's view of a signed-in user: city-centre staff carry `scope: 'city'`. */
export function actorOf(p: Principal): Actor {
  return {
    userId: p.userId,
    role: p.role,
    districtCode: p.districtCode,
    ...(p.unitId !== undefined ? { unitId: p.unitId } : {}),
    scope: isCityLevel(p) ? 'city' : 'district',
  };
}

/** The capability (domain/access) that gates a workflow action; the transition table decides the rest. */
export function capabilityOf(kind: CaseActionKind): Capability {
  const cap = capabilityForCaseAction(kind);
  // Every action's declaration names its capability.
  if (cap === undefined) throw new Error(`no capability for case action ${kind}`);
  return cap;
}

/** True when the role's capability admits the action (the transition table still decides). */
export function mayAttempt(p: Principal, kind: CaseActionKind): boolean {
  return mayDo(p.role, capabilityOf(kind));
}

/**
 * Region scope of reading a case: its district and region codes, or the units it was sent to,
 * now or before (a unit keeps reading the cases it worked on after they leave its queue).
 */
export function mayRead(p: Principal, c: Case): boolean {
  const regionCodes = [c.streetCode, c.communityCode, c.gridCode].filter(
    (x): x is string => x !== null,
  );
  const unitIds = [c.mainUnitId, ...c.assistingUnitIds, ...c.workedUnitIds].filter(
    (x): x is string => x !== null,
  );
  return canSee(p, { districtCode: c.districtCode, regionCodes, unitIds });
}
