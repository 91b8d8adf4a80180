import type { CategoryKind, LoopLevel } from '../cases/index.ts';
import { LOOP_LEVELS } from '../cases/index.ts';
import { err, ok } from '../shared/index.ts';
import type { Result } from '../shared/index.ts';

export const REGION_LEVELS = ['district', 'street', 'community', 'grid'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

/**
 * 以案定责 as data: which unit answers for a category in a region (and loop). `categoryCode` is an
 * exact small-class code (`01001`), a big-class prefix (`01`) or `*`. `districtCode: null` and
 * `regionLevel: null` mean city-wide.
 */
export type DispatchRule = {
  readonly id: string;
  readonly districtCode: string | null;
  readonly categoryKind: CategoryKind;
  readonly categoryCode: string;
  readonly regionLevel: RegionLevel | null;
  readonly regionCode: string | null;
  readonly loopLevel: LoopLevel | null;
  readonly unitId: string;
  readonly autoDispatch: boolean;
  /** Breaks ties between equally specific rules: higher wins (default 0). */
  readonly priority?: number;
};

export type DispatchRuleError = {
  readonly code: 'dispatch.invalid_rule';
  readonly details: { readonly ruleId: string; readonly problem: string };
};

function problemOf(r: DispatchRule): string | null {
  if (r.id.trim() === '' || r.unitId.trim() === '') return 'id and unitId are required';
  if (r.categoryCode !== '*' && !/^[0-9A-Za-z]+$/.test(r.categoryCode)) {
    return 'categoryCode must be a code, a big-class prefix or *';
  }
  if ((r.regionLevel === null) !== (r.regionCode === null)) {
    return 'regionLevel and regionCode are set together';
  }
  if (r.districtCode !== null && !/^\d{6}$/.test(r.districtCode))
    return 'districtCode has 6 digits';
  if (
    r.regionCode !== null &&
    r.districtCode !== null &&
    !r.regionCode.startsWith(r.districtCode)
  ) {
    return 'regionCode lies outside districtCode';
  }
  if (r.regionLevel !== null && !REGION_LEVELS.includes(r.regionLevel))
    return 'unknown regionLevel';
  if (r.loopLevel !== null && !LOOP_LEVELS.includes(r.loopLevel)) return 'unknown loopLevel';
  return null;
}

/** Checks a rule before it is stored: codes well formed, region inside its district. */
export function validateDispatchRule(r: DispatchRule): Result<DispatchRule, DispatchRuleError> {
  const problem = problemOf(r);
  return problem === null
    ? ok(r)
    : err({ code: 'dispatch.invalid_rule', details: { ruleId: r.id, problem } });
}
