import { haversineM } from '../geo/index.ts';
import type { Case, UnitFact } from './case.ts';
import { caseError } from './errors.ts';
import type { CaseError } from './errors.ts';

/**
 * The written rules behind the workflow's guards that are not a status or a role. Each says where
 * it comes from: the standard where it speaks, operators' practice where it does not.
 */

/**
 * Which units may take a case (派遣, 改派, 协同, 先行处置, 定责): a unit the directory knows,
 * still active, and serving the case's district. A district's units serve their own district;
 * city departments (district code of the city, e.g. 530100) serve every district of their city
 * (市级大循环, BRIEF "four loops"). 以案定责 needs an answerable unit: a retired or foreign unit
 * would leave the case in nobody's queue.
 */
export function unitRefusal(
  c: Pick<Case, 'districtCode'>,
  unitId: string,
  facts: readonly UnitFact[],
): CaseError | null {
  const u = facts.find((f) => f.id === unitId);
  if (u === undefined) return caseError('case.unit_not_found', { unitId });
  if (!u.active) return caseError('case.unit_inactive', { unitId });
  return servesDistrict(u.districtCode, c.districtCode)
    ? null
    : caseError('case.unit_outside_district', {
        unitId,
        unitDistrictCode: u.districtCode,
        caseDistrictCode: c.districtCode,
      });
}

/** A unit's district code serves a case's district: the same district, or its city. */
export function servesDistrict(unitDistrictCode: string, caseDistrictCode: string): boolean {
  if (unitDistrictCode === caseDistrictCode) return true;
  return (
    unitDistrictCode.endsWith('00') && caseDistrictCode.startsWith(unitDistrictCode.slice(0, 4))
  );
}

/** The first refusal for any of the unit ids. */
export function unitsRefusal(
  c: Pick<Case, 'districtCode'>,
  unitIds: readonly string[],
  facts: readonly UnitFact[],
): CaseError | null {
  for (const id of unitIds) {
    const r = unitRefusal(c, id, facts);
    if (r) return r;
  }
  return null;
}

/**
 * 自行处置 and 处置反馈 prove a change with photos taken after it: an "after" photo that is one of
 * the "before" photos (the report's, for feedback) proves nothing (operators' practice: the
 * re-check compares 处置前 and 处置后 photos of the same spot).
 */
export function samePhotoRefusal(
  before: readonly string[] | undefined,
  after: readonly string[] | undefined,
): CaseError | null {
  const same = (after ?? []).filter((id) => (before ?? []).includes(id));
  return same.length === 0 ? null : caseError('case.same_photo_before_after', { photoIds: same });
}

/**
 * 合并 (duplicates): two reports are the same problem when they share the district, the kind
 * and the category, and lie within a distance of each other. No source gives a figure; the
 * default 100 m is gridloop's (a component's position class C allows 10 m, and a street block is
 * ~100 m). A city sets its own (GRIDLOOP_MERGE_MAX_DISTANCE_M), within these bounds: below 1 m
 * no two reports of one spot ever merge, above 5 km a merge would join different places.
 */
export const DUPLICATE_MAX_DISTANCE_M = 100;
export const DUPLICATE_DISTANCE_BOUNDS_M = { min: 1, max: 5_000 } as const;

/** A merge distance a city may set: a whole number of metres within the bounds. */
export function isDuplicateDistance(m: number): boolean {
  return (
    Number.isInteger(m) &&
    m >= DUPLICATE_DISTANCE_BOUNDS_M.min &&
    m <= DUPLICATE_DISTANCE_BOUNDS_M.max
  );
}

/** What a merge needs to know about the case it merges into. */
export type MergeTargetFacts = Pick<
  Case,
  'districtCode' | 'kind' | 'categoryScheme' | 'categoryCode' | 'location'
>;

export function duplicateRefusal(
  c: Case,
  target: MergeTargetFacts,
  maxDistanceM: number = DUPLICATE_MAX_DISTANCE_M,
): CaseError | null {
  if (target.districtCode !== c.districtCode) {
    return caseError('case.merge_other_district', {
      districtCode: c.districtCode,
      targetDistrictCode: target.districtCode,
    });
  }
  if (
    target.kind !== c.kind ||
    target.categoryScheme !== c.categoryScheme ||
    target.categoryCode !== c.categoryCode
  ) {
    return caseError('case.merge_category_mismatch', {
      category: { kind: c.kind, scheme: c.categoryScheme, code: c.categoryCode },
      targetCategory: {
        kind: target.kind,
        scheme: target.categoryScheme,
        code: target.categoryCode,
      },
    });
  }
  const a = c.location.point;
  const b = target.location.point;
  const distanceM = Math.round(haversineM(a.lng, a.lat, b.lng, b.lat));
  return distanceM <= maxDistanceM
    ? null
    : caseError('case.merge_too_far', { distanceM, maxDistanceM });
}

/**
 * 延期申请 with a due date: it must lie after the current handling deadline (and after now), and
 * no later than `cap`, which the service computes as the current deadline plus the category's
 * handling limit once more ([P-appr]: a department may once request the standard's 综合处理时限;
 * longer needs a written form and the deputy head, i.e. outside this request).
 */
export function requestedDueRefusal(
  c: Case,
  requestedDueAt: Date,
  cap: Date | undefined,
  now: Date,
): CaseError | null {
  const current = c.deadlines.handle?.dueAt;
  const t = requestedDueAt.getTime();
  const tooEarly =
    Number.isNaN(t) || t <= now.getTime() || (current !== undefined && t <= current.getTime());
  const tooLate = cap !== undefined && t > cap.getTime();
  if (!tooEarly && !tooLate && cap !== undefined) return null;
  return caseError('case.invalid_requested_due', {
    requestedDueAt,
    currentDueAt: current ?? null,
    maxDueAt: cap ?? null,
  });
}
