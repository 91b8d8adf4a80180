import type { CaseActionKind } from './actions.ts';
import { isCityActor } from './case.ts';
import type { Actor, Case } from './case.ts';
import { caseError } from './errors.ts';
import type { CaseError } from './errors.ts';

// City staff may spot-check and urge any district's case (two-level supervision, BRIEF); every
// other action of theirs is confined to the city loop.
const CITY_WIDE_ACTIONS: ReadonlySet<CaseActionKind> = new Set([
  'spot_check_pass',
  'reopen',
  'urge',
]);

type Scoped = Pick<Case, 'districtCode' | 'loopLevel' | 'mainUnitId' | 'assistingUnitIds'>;

/**
 * Region scope (issue #3 §7): a unit acts only on cases currently sent to it; city staff act on
 * city-loop cases (and spot checks); district staff act on their own district's non-city cases.
 */
export function checkScope(c: Scoped, actor: Actor, action: CaseActionKind): CaseError | null {
  const deny = (reason: 'unit' | 'loop' | 'district'): CaseError =>
    caseError('case.region_not_allowed', {
      action,
      reason,
      caseDistrictCode: c.districtCode,
      actorDistrictCode: actor.districtCode,
      loopLevel: c.loopLevel,
    });
  if (actor.role === 'unit_handler') {
    const units = action === 'assist_feedback' ? c.assistingUnitIds : [c.mainUnitId];
    return actor.unitId !== undefined && units.includes(actor.unitId) ? null : deny('unit');
  }
  if (isCityActor(actor)) {
    return c.loopLevel === 'city' || CITY_WIDE_ACTIONS.has(action) ? null : deny('loop');
  }
  if (c.districtCode !== actor.districtCode) return deny('district');
  return c.loopLevel === 'city' ? deny('loop') : null;
}
