import {
  canSee,
  mayDo,
  scopeFilter,
  type AccessDenied,
  type Principal,
} from '../../domain/access/index.ts';
import { toWgs84 } from '../../domain/geo/index.ts';
import {
  MAX_USEFUL_ACCURACY_M,
  checkTrackBatch,
  patrolCoverage,
  type Coverage,
  type TrackError,
  type TrackPoint,
} from '../../domain/patrol/index.ts';
import { err, ok, type Result } from '../../domain/shared/index.ts';
import { findUserById } from '../../store/users.store.ts';
import {
  insertTrackPoints,
  listGridCodesUnder,
  listGridVisits,
  type StoredTrackPoint,
} from '../../store/patrol.store.ts';
import type { Deps } from '../deps.ts';
import { locatePoint } from '../geo/locate.ts';

export type TrackUpload = {
  /** Points in the upload. */
  readonly received: number;
  /** Points stored now (the rest were stored by an earlier upload of the same points). */
  readonly stored: number;
  readonly duplicates: number;
  /** Points outside every grid (stored, counted for no grid). */
  readonly outsideGrids: number;
};

/**
 * Stores a batch of the signed-in supervisor's patrol track. Idempotent: a point is keyed by
 * the user and its instant, so a batch sent again (the phone did not hear the answer) stores
 * nothing twice. Each point is converted to WGS84 and placed in its grid once, here.
 */
export async function recordPatrolTrack(
  deps: Deps,
  input: { readonly principal: Principal; readonly points: readonly TrackPoint[] },
): Promise<Result<TrackUpload, TrackError>> {
  const now = deps.clock.now();
  const checked = checkTrackBatch(input.points, now);
  if (!checked.ok) return checked;
  const rows: StoredTrackPoint[] = [];
  for (const p of checked.value) {
    const located = await locatePoint(deps, { lng: p.lng, lat: p.lat, crs: p.crs ?? 'wgs84' });
    const point = located.ok ? located.value.point : toWgs84(p.lng, p.lat, p.crs ?? 'wgs84');
    rows.push({
      recordedAt: p.recordedAt,
      lng: point.lng,
      lat: point.lat,
      accuracyM: p.accuracyM ?? null,
      gridCode: located.ok ? located.value.grid.code : null,
    });
  }
  const { districtCode, userId } = input.principal;
  const stored = await insertTrackPoints(deps.db, districtCode, userId, rows, now);
  return ok({
    received: input.points.length,
    stored,
    duplicates: input.points.length - stored,
    outsideGrids: rows.filter((r) => r.gridCode === null).length,
  });
}

export type CoverageError =
  | AccessDenied
  | { readonly code: 'patrol.user_not_found' }
  | { readonly code: 'patrol.invalid_period'; readonly details: { readonly maxDays: number } };

/** A coverage read spans at most a year (the annual assessment). */
export const MAX_COVERAGE_DAYS = 366;

export type PatrolCoverage = Coverage & {
  readonly userId: string;
  readonly from: Date;
  readonly to: Date;
};

/**
 * 巡查覆盖率: the share of a supervisor's grids (those under their region scope: their district,
 * or the streets and communities they are assigned) their track passed through in [from, to).
 * A supervisor reads their own; the centre's staff with indicator.read read any supervisor in
 * their scope.
 */
export async function readPatrolCoverage(
  deps: Deps,
  input: {
    readonly principal: Principal;
    readonly userId?: string | undefined;
    readonly from: Date;
    readonly to: Date;
  },
): Promise<Result<PatrolCoverage, CoverageError>> {
  const { principal: p, from, to } = input;
  const span = to.getTime() - from.getTime();
  if (span <= 0 || span > MAX_COVERAGE_DAYS * 86_400_000)
    return err({ code: 'patrol.invalid_period', details: { maxDays: MAX_COVERAGE_DAYS } });
  const target = await supervisorFor(deps, p, input.userId);
  if (!target.ok) return target;
  const s = target.value;
  const f = scopeFilter({ ...s, userId: s.id });
  const prefixes = f.kind === 'regions' ? f.prefixes : [];
  const grids = await listGridCodesUnder(deps.db, prefixes);
  const visits = await listGridVisits(
    deps.db,
    s.districtCode,
    s.id,
    from,
    to,
    MAX_USEFUL_ACCURACY_M,
  );
  return ok({ ...patrolCoverage(grids, visits, { from, to }), userId: s.id, from, to });
}

type Supervisor = Omit<Principal, 'userId'> & { readonly id: string };

async function supervisorFor(
  deps: Deps,
  p: Principal,
  userId: string | undefined,
): Promise<Result<Supervisor, CoverageError>> {
  if (userId === undefined || userId === p.userId) {
    if (!mayDo(p.role, 'patrol.record'))
      return err({
        code: 'auth.forbidden',
        details: { reason: 'role', capability: 'patrol.record' },
      });
    return ok({ ...p, id: p.userId });
  }
  if (!mayDo(p.role, 'indicator.read'))
    return err({
      code: 'auth.forbidden',
      details: { reason: 'role', capability: 'indicator.read' },
    });
  const u = await findUserById(deps.db, userId);
  const field = u !== null && (u.role === 'supervisor' || u.role === 'city_supervisor');
  const inScope =
    u !== null && canSee(p, { districtCode: u.districtCode, regionCodes: u.regionScope });
  // Someone outside the reader's scope is answered as unknown (no probing for users).
  if (!field || !inScope) return err({ code: 'patrol.user_not_found' });
  return ok({ ...u, id: u.id });
}
