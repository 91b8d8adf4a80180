import type { Case, CaseLocation } from '../cases/index.ts';
import { isOpenStatus } from '../cases/index.ts';
import { haversineM } from '../geo/index.ts';

/** The parts of a newly opened case the duplicate rule compares (located, in WGS84). */
export type DuplicateProbe = Pick<Case, 'kind' | 'categoryScheme' | 'categoryCode'> & {
  readonly location: CaseLocation;
  readonly reportedAt: Date;
};

/** The parts of an existing case the duplicate rule compares. */
export type DuplicateCandidate = Pick<
  Case,
  | 'id'
  | 'caseNumber'
  | 'status'
  | 'kind'
  | 'categoryScheme'
  | 'categoryCode'
  | 'location'
  | 'createdAt'
>;

export type DuplicateWindow = {
  /** Great-circle distance between the two points, metres. */
  readonly maxDistanceM: number;
  /** Time between the report and the case's creation, either way. */
  readonly maxAgeMs: number;
};

export type LikelyDuplicate = {
  readonly caseId: string;
  readonly caseNumber: string;
  readonly distanceM: number;
  readonly ageMs: number;
};

/**
 * Open cases of the same category within the distance and time window of a report, nearest
 * first (then most recent, then by id), for an operator to merge (合并).
 */
export function findLikelyDuplicates(
  report: DuplicateProbe,
  openCases: readonly DuplicateCandidate[],
  window: DuplicateWindow,
): LikelyDuplicate[] {
  const p = report.location.point;
  return openCases
    .filter(
      (c) =>
        isOpenStatus(c.status) &&
        c.kind === report.kind &&
        c.categoryScheme === report.categoryScheme &&
        c.categoryCode === report.categoryCode,
    )
    .map((c) => ({
      caseId: c.id,
      caseNumber: c.caseNumber,
      distanceM: haversineM(p.lng, p.lat, c.location.point.lng, c.location.point.lat),
      ageMs: Math.abs(report.reportedAt.getTime() - c.createdAt.getTime()),
    }))
    .filter((d) => d.distanceM <= window.maxDistanceM && d.ageMs <= window.maxAgeMs)
    .sort(
      (a, b) =>
        a.distanceM - b.distanceM ||
        a.ageMs - b.ageMs ||
        (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0),
    );
}
