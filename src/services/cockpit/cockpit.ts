import type { Principal } from '../../domain/access/index.ts';
import type { CaseStatus, SourceChannel } from '../../domain/cases/index.ts';
import {
  DAY_MS,
  byCountDesc,
  cockpitScopeOf,
  fillDays,
  scopeKey,
  shanghaiDate,
  shanghaiDayStart,
  type CockpitScope,
  type CockpitSummary,
  type DayCount,
  type Hotspots,
  type Tally,
} from '../../domain/cockpit/index.ts';
import {
  countOpenCases,
  countPerDay,
  countWindow,
  topReported,
} from '../../store/cockpit.store.ts';
import type { Deps } from '../deps.ts';
import { runtimeKey } from '../runtime.ts';
import { SnapshotCache } from '../snapshot-cache.ts';

/** This copy's cockpit figures (one cache per Runtime): scopes × kinds × windows in use. */
export const COCKPIT_CACHE = runtimeKey('cockpit.cache', () => new SnapshotCache(1000));

/** How stale a live figure may be: the cockpit counts at most once a second per scope. */
export const LIVE_MAX_AGE_MS = 1000;
/**
 * Up to this age a live figure is still served at once while one fresh count runs in the
 * background, so no cockpit waits for a count (a wall of 50 screens asks all the time). The
 * stream's pushes never take a stale figure: they ask with a ticket.
 */
export const LIVE_MAX_STALE_MS = 3000;
/** Past days do not change (but for a rare reopen): their counts are kept longer. */
const PAST_MAX_AGE_MS = 10 * 60_000;
/** Hot spots of a window of days move slowly. */
const HOTSPOT_MAX_AGE_MS = 60_000;

export const MAX_TREND_DAYS = 366;
export const MAX_HOTSPOT_DAYS = 366;

/**
 * Counts the live summary of a scope from the database, uncached (the cached path is
 * `readCockpit`; benchmarks time both).
 */
export async function countSummary(
  deps: Deps,
  scope: CockpitScope,
  now: Date,
): Promise<CockpitSummary> {
  const from = shanghaiDayStart(now);
  const [open, today] = await Promise.all([
    countOpenCases(deps.db, scope),
    countWindow(deps.db, scope, from, new Date(from.getTime() + DAY_MS), now),
  ]);
  return {
    at: now,
    day: shanghaiDate(now),
    open: {
      total: open.total,
      overdue: open.overdue,
      byStatus: byCountDesc(open.byStatus as Tally<CaseStatus>[]),
      byCategory: byCountDesc(open.byCategory),
      byDistrict: byCountDesc(open.byDistrict),
      byStreet: byCountDesc(open.byStreet),
      bySource: byCountDesc(open.bySource as Tally<SourceChannel>[]),
      overdueByUnit: byCountDesc(open.overdueByUnit),
    },
    today,
  };
}

/**
 * The live cockpit of the viewer's region (a district leader sees the district, city staff the
 * whole city): open cases by status, category, district, street, channel; overdue by unit;
 * today's new, closed and overdue. At most `LIVE_MAX_AGE_MS` old, or `LIVE_MAX_STALE_MS` while a
 * fresh count runs; `after` (a cache ticket) asks for a count started after a change the caller
 * heard of.
 */
export function readCockpit(
  deps: Deps,
  principal: Principal,
  after?: number,
): Promise<CockpitSummary> {
  const scope = cockpitScopeOf(principal);
  const cache = deps.runtime.get(COCKPIT_CACHE, deps);
  const now = deps.clock.now();
  return cache.get(
    `summary|${scopeKey(scope)}`,
    now.getTime(),
    LIVE_MAX_AGE_MS,
    () => countSummary(deps, scope, now),
    after,
    LIVE_MAX_STALE_MS,
  );
}

/**
 * New and closed cases per local day for the last `days` days, today included (today's figures
 * live, earlier days from a count kept for minutes).
 */
export async function readTrend(
  deps: Deps,
  principal: Principal,
  days: number,
): Promise<DayCount[]> {
  const scope = cockpitScopeOf(principal);
  const cache = deps.runtime.get(COCKPIT_CACHE, deps);
  const now = deps.clock.now();
  const today = shanghaiDayStart(now);
  const from = shanghaiDayStart(now, 1 - days);
  const key = `${scopeKey(scope)}|${today.getTime()}`;
  const [past, live] = await Promise.all([
    cache.get(
      `past|${key}|${days}`,
      now.getTime(),
      PAST_MAX_AGE_MS,
      () => countPerDay(deps.db, scope, from, today),
      undefined,
      3 * PAST_MAX_AGE_MS,
    ),
    cache.get(
      `today|${key}`,
      now.getTime(),
      LIVE_MAX_AGE_MS,
      () => countPerDay(deps.db, scope, today, new Date(today.getTime() + DAY_MS)),
      undefined,
      LIVE_MAX_STALE_MS,
    ),
  ]);
  const found = new Map<string, { new: number; closed: number }>();
  for (const m of [past, live]) {
    for (const [day, v] of m) found.set(shanghaiDate(new Date(day * DAY_MS)), v);
  }
  return fillDays(now, days, found);
}

/** The grids and categories with most cases reported in the last `days` local days, today included. */
export function readHotspots(
  deps: Deps,
  principal: Principal,
  days: number,
  limit: number,
): Promise<Hotspots> {
  const scope = cockpitScopeOf(principal);
  const cache = deps.runtime.get(COCKPIT_CACHE, deps);
  const now = deps.clock.now();
  const from = shanghaiDayStart(now, 1 - days);
  const to = shanghaiDayStart(now, 1);
  const key = `hot|${scopeKey(scope)}|${days}|${limit}`;
  return cache.get(
    key,
    now.getTime(),
    HOTSPOT_MAX_AGE_MS,
    async () => {
      const top = await topReported(deps.db, scope, from, to, limit);
      return { from, to, ...top };
    },
    undefined,
    5 * HOTSPOT_MAX_AGE_MS,
  );
}
