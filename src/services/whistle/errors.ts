import type { AccessDenied, Principal } from '../../domain/access/index.ts';
import { canSee } from '../../domain/access/index.ts';
import type { CaseError } from '../../domain/cases/index.ts';
import type { Whistle, WhistleError } from '../../domain/whistle/index.ts';
import type { CaseLookupError } from '../cases/errors.ts';

/** What the whistle services answer on failure (the case's own refusals pass through). */
export type WhistleServiceError = WhistleError | AccessDenied | CaseLookupError | CaseError;

/** Whistle ids carry their district (`WH-530114-…`), so a lookup goes to one district's rows. */
export function whistleId(districtCode: string, uuid: string): string {
  return `WH-${districtCode}-${uuid}`;
}

export function districtOfWhistle(id: string): string | null {
  const m = /^WH-([0-9]{6})-/.exec(id);
  return m?.[1] ?? null;
}

/**
 * Who sees a whistle: admin all; a unit the whistles that summon it; everyone else the whistles
 * of their region (the whistling region, or the case's street or community).
 */
export function maySeeWhistle(p: Principal, w: Whistle): boolean {
  const regionCodes = [w.regionCode, w.streetCode, w.communityCode].filter(
    (x): x is string => x !== null,
  );
  return canSee(p, {
    districtCode: w.districtCode,
    regionCodes,
    unitIds: w.summons.map((s) => s.unitId),
  });
}

/**
 * Who closes a whistle: the whistling region's staff or those above it (a district's staff
 * close a community's whistle; a street's staff do not close the district's).
 */
export function mayCloseWhistle(p: Principal, w: Whistle): boolean {
  return canSee(p, { districtCode: w.regionCode });
}
