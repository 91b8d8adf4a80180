import type { Crs } from '../geo/index.ts';
import { err, ok, type Result } from '../shared/index.ts';

/**
 * 巡查轨迹 patrol track: the positions a supervisor's phone recorded on patrol, uploaded in
 * batches (offline first, so a batch may come hours late and may come twice). A point is keyed by
 * who recorded it and when, so a batch sent again changes nothing.
 */
export type TrackPoint = {
  readonly recordedAt: Date;
  readonly lng: number;
  readonly lat: number;
  readonly crs?: Crs | undefined;
  /** The phone's stated accuracy in metres (Geolocation API `coords.accuracy`), if known. */
  readonly accuracyM?: number | undefined;
};

/** At most this many points in one upload (about 4 hours at one point every 30 s). */
export const MAX_TRACK_BATCH = 500;
/** A phone's clock may run ahead of the server's by this much before a point counts as future. */
export const CLOCK_SKEW_MS = 5 * 60_000;
/** Points older than this are refused: coverage is assessed by the month. */
export const MAX_TRACK_AGE_MS = 31 * 24 * 3600_000;
/** A point whose accuracy is worse than this proves nothing about which grid was walked. */
export const MAX_USEFUL_ACCURACY_M = 200;

export type TrackError = {
  readonly code: 'patrol.invalid_points';
  readonly details: { readonly index: number; readonly reason: 'future' | 'too_old' };
};

/**
 * Checks a batch against the server's clock and returns its points once each (the same instant
 * twice in one batch keeps the first), in time order. Points too inaccurate to place are kept
 * (they are the phone's record) but `usefulForCoverage` leaves them out of the assessment.
 */
export function checkTrackBatch(
  points: readonly TrackPoint[],
  now: Date,
): Result<TrackPoint[], TrackError> {
  const seen = new Set<number>();
  const out: TrackPoint[] = [];
  for (const [index, p] of points.entries()) {
    const t = p.recordedAt.getTime();
    if (t > now.getTime() + CLOCK_SKEW_MS)
      return err({ code: 'patrol.invalid_points', details: { index, reason: 'future' } });
    if (t < now.getTime() - MAX_TRACK_AGE_MS)
      return err({ code: 'patrol.invalid_points', details: { index, reason: 'too_old' } });
    if (seen.has(t)) continue;
    seen.add(t);
    out.push(p);
  }
  return ok(out.sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime()));
}

/** True when the point is precise enough to say which grid the supervisor was in. */
export function usefulForCoverage(p: Pick<TrackPoint, 'accuracyM'>): boolean {
  return p.accuracyM === undefined || p.accuracyM <= MAX_USEFUL_ACCURACY_M;
}
