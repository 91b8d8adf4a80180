import type { Role } from '../access/index.ts';
import { regionLevelOf } from '../access/index.ts';
import { servesDistrict } from '../cases/index.ts';
import type { TimeLimit } from '../catalogue/index.ts';
import type { Unit, UnitKind } from '../units/index.ts';
import { err, ok, type Result } from '../shared/index.ts';
import { whistleError, type WhistleError } from './errors.ts';

/**
 * The levels of a whistle (吹哨报到, BRIEF "Whistle and report"): the sources count 社区哨, 街道哨
 * and 县区哨 (Chenggong, first half of 2024: 3 district whistles, 30 street whistles, about 337
 * community whistles a year), and Kunming's rule "县区吹哨、市级部门报到": a district whistles, city
 * departments report. The city is the top of the ladder: it is summoned, it does not whistle.
 */
export const WHISTLE_LEVELS = ['community', 'street', 'district'] as const;
export type WhistleLevel = (typeof WHISTLE_LEVELS)[number];

/** The three steps of reporting (报到): respond, come, act and feed back. */
export const REPORT_STEPS = ['acknowledge', 'arrive', 'feedback'] as const;
export type ReportStep = (typeof REPORT_STEPS)[number];

export type WhistleLevelRule = {
  readonly label: { readonly zh: string; readonly en: string };
  /** Who may blow a whistle of this level (staff whose region is at this level). */
  readonly roles: readonly Role[];
  /** The kinds of unit a whistle of this level may summon. */
  readonly summons: readonly UnitKind[];
};

// Street and community centres have no role of their own: their staff are dispatchers (街道/社区
// 派遣) or commanders (值班长) whose region scope is their street or community.
const WHISTLERS: readonly Role[] = ['dispatcher', 'commander'];

/**
 * Who whistles at which level, and whom each level may summon, as one table. A community calls
 * its street's centre and the district's departments (district bureaus, utilities); a street
 * calls the district's departments; a district also calls the city's departments. A summoned
 * street or community centre must be the whistling region's own (or contain it); every unit must
 * be active and serve the case's district (the dispatch rule, domain/cases servesDistrict).
 */
export const WHISTLE_LEVEL_RULES: Readonly<Record<WhistleLevel, WhistleLevelRule>> = {
  community: {
    label: { zh: '社区吹哨', en: 'community whistle' },
    roles: WHISTLERS,
    summons: ['street_centre', 'district_bureau', 'utility'],
  },
  street: {
    label: { zh: '街道吹哨', en: 'street whistle' },
    roles: WHISTLERS,
    summons: ['district_bureau', 'utility'],
  },
  district: {
    label: { zh: '县区吹哨', en: 'district whistle' },
    roles: WHISTLERS,
    summons: ['city_department', 'district_bureau', 'utility'],
  },
};

/**
 * Report limits per level and step, shipped as migration 0160's defaults (whistle_time_limits,
 * district rows override). Kept here too so the domain tests and docs name the same numbers.
 */
export const DEFAULT_WHISTLE_LIMITS: Readonly<
  Record<WhistleLevel, Readonly<Record<ReportStep, TimeLimit>>>
> = {
  community: {
    acknowledge: { amount: 1, unit: 'working_hours' },
    arrive: { amount: 4, unit: 'working_hours' },
    feedback: { amount: 2, unit: 'working_days' },
  },
  street: {
    acknowledge: { amount: 2, unit: 'working_hours' },
    arrive: { amount: 1, unit: 'working_days' },
    feedback: { amount: 3, unit: 'working_days' },
  },
  district: {
    acknowledge: { amount: 4, unit: 'working_hours' },
    arrive: { amount: 2, unit: 'working_days' },
    feedback: { amount: 5, unit: 'working_days' },
  },
};

/** Where a case lies: its district, street and community codes. */
export type CasePlace = {
  readonly districtCode: string;
  readonly streetCode: string | null;
  readonly communityCode: string | null;
};

/** The whistler as the level rule sees them. */
export type Whistler = {
  readonly role: Role;
  readonly districtCode: string;
  readonly regionScope: readonly string[];
};

export type WhistlePlace = { readonly level: WhistleLevel; readonly regionCode: string };

const asLevel = (code: string): WhistleLevel | null => {
  const l = regionLevelOf(code);
  return l === 'community' || l === 'street' || l === 'district' ? l : null;
};

/**
 * The level a whistler blows at on this case: that of the narrowest region of their scope that
 * holds the case (a community's staff blow a community whistle, a district's a district whistle).
 * City staff, and staff whose scope does not hold the case, may not whistle on it.
 */
export function whistlePlace(w: Whistler, c: CasePlace): Result<WhistlePlace, WhistleError> {
  const scope = w.regionScope.length > 0 ? w.regionScope : [w.districtCode];
  const caseCodes = [c.districtCode, c.streetCode, c.communityCode].filter(
    (x): x is string => x !== null,
  );
  const held = scope.filter((s) => caseCodes.includes(s)).sort((a, b) => b.length - a.length)[0];
  const level = held === undefined ? null : asLevel(held);
  if (held === undefined || level === null) {
    const city = scope.some(
      (s) => regionLevelOf(s) === 'city' && c.districtCode.startsWith(s.slice(0, 4)),
    );
    const reason = city ? 'city_reports_only' : 'case_outside_scope';
    return err(whistleError('whistle.level_not_allowed', { reason }));
  }
  if (!WHISTLE_LEVEL_RULES[level].roles.includes(w.role))
    return err(whistleError('whistle.level_not_allowed', { reason: 'role', role: w.role, level }));
  return ok({ level, regionCode: held });
}

/**
 * Why a unit may not be summoned by a whistle at this place, or null: unknown, retired, of a
 * kind the level does not summon, not serving the case's district, or a centre of another street
 * or community.
 */
export function summonRefusal(
  place: WhistlePlace & { readonly districtCode: string },
  unitId: string,
  units: readonly Pick<Unit, 'id' | 'active' | 'districtCode' | 'regionCode' | 'kind'>[],
): WhistleError | null {
  const u = units.find((x) => x.id === unitId);
  if (u === undefined) return whistleError('whistle.unit_not_found', { unitId });
  if (!u.active) return whistleError('whistle.unit_inactive', { unitId });
  const rule = WHISTLE_LEVEL_RULES[place.level];
  const notSummonable = (reason: string) =>
    whistleError('whistle.unit_not_summonable', {
      unitId,
      kind: u.kind,
      level: place.level,
      reason,
      summons: rule.summons,
    });
  if (!rule.summons.includes(u.kind)) return notSummonable('kind');
  if (!servesDistrict(u.districtCode, place.districtCode)) return notSummonable('district');
  const local = u.kind === 'street_centre' || u.kind === 'community_station';
  if (local && !place.regionCode.startsWith(u.regionCode)) return notSummonable('region');
  return null;
}
