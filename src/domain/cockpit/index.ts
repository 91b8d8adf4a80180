// The cockpit (数字驾驶舱): live counts, today, trends and hot spots in a viewer's region.
export type { CockpitScope, CockpitSummary, DayCount, Hotspots, Tally } from './cockpit.ts';
export {
  DAY_MS,
  byCountDesc,
  cockpitScopeOf,
  fillDays,
  inScope,
  scopeKey,
  shanghaiDate,
  shanghaiDayStart,
} from './cockpit.ts';
